"""Original and independent sources of each claim, and its flags.

Rules (documented in the README):
- The original source of a path is its last hop; a statement with no attribution makes
  its publisher an origin of its own, marked unattributed.
- Originals that share an owner in the gazetteer are one independent origin
  (RIA Novosti and Sputnik: Rossiya Segodnya).
- A group source of a country's state media ("Russian state media") absorbs the named
  state-affiliated outlets of that country that the same claim cites as originals.
- Flags: single-origin (three or more reports, one independent origin), circular (the
  claim's citation graph has a cycle), laundered (some reports state the claim without
  attribution while others trace it to a source).
"""
from __future__ import annotations

from collections import defaultdict

import polars as pl

from .resolve import OUTLET_KINDS, Gazetteer, load_gazetteer

CLAIM_COLUMNS = ("claim_id", "text", "n_statements", "n_documents", "publishers", "originals", "n_originals",
                 "n_independent_origins", "n_unattributed", "max_depth", "flags")


def _has_cycle(edges: list[tuple[str, str]]) -> bool:
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        if a != b:
            graph[a].add(b)
    state: dict[str, int] = {}
    for start in list(graph):
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                return True
            elif not state.get(child):
                state[child] = 1
                stack.append((child, iter(sorted(graph.get(child, ())))))
    return False


def statement_claims(statements: pl.DataFrame) -> dict[str, list[str]]:
    """statement_id -> every claim it supports: its claim_id, then its also_claims."""
    also = statements["also_claims"] if "also_claims" in statements.columns else pl.Series([""] * statements.height)
    return {sid: [cid, *(a.split() if a else [])]
            for sid, cid, a in zip(statements["statement_id"], statements["claim_id"], also)}


def supports(claim_ids: list[str], with_also: bool = True) -> pl.Expr:
    """Statements that support any of these claims: as their claim_id, or among their also_claims."""
    expr = pl.col("claim_id").is_in(claim_ids)
    if with_also:
        expr = expr | pl.col("also_claims").fill_null("").str.split(" ").list.eval(pl.element().is_in(claim_ids)).list.any()
    return expr


def claim_members(statements: pl.DataFrame) -> dict[str, list[dict]]:
    """claim_id -> the statements that support it (rows with statement_id, doc_id, publisher, text, depth, chains)."""
    claims_of = statement_claims(statements)
    members: dict[str, list[dict]] = defaultdict(list)
    for row in statements.select("statement_id", "claim_id", "doc_id", "publisher", "text", "depth",
                                 "chains").iter_rows(named=True):
        for claim_id in claims_of[row["statement_id"]]:
            members[claim_id].append(row)
    return members


CLAIM_SCHEMA = {"claim_id": pl.String, "text": pl.String, "n_statements": pl.Int64, "n_documents": pl.Int64,
                "publishers": pl.String, "originals": pl.String, "n_originals": pl.Int64,
                "n_independent_origins": pl.Int64, "n_unattributed": pl.Int64, "max_depth": pl.Int64,
                "flags": pl.String}


def member_rows(statements: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(claim, row, primary): every statement under its claim_id and under each of its also_claims,
    with claims as integer codes (numbered in claim_id order, cheaper to join and sort than the
    strings); and (claim, claim_id), the ids by code."""
    st = statements.select("claim_id", "also_claims").with_row_index("row")
    primary = st.select("claim_id", "row", pl.lit(True).alias("primary"))
    also = (st.filter(pl.col("also_claims").fill_null("") != "")
            .select(pl.col("also_claims").str.split(" ").alias("claim_id"), "row", pl.lit(False).alias("primary"))
            .explode("claim_id"))
    members = pl.concat([primary, also])
    ids = members.select(pl.col("claim_id").unique().sort()).with_row_index("claim")
    members = members.join(ids, on="claim_id").select("claim", "row", "primary").sort("claim", "row")
    return members, ids


def slim_tables(analysis, *citation_columns: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per statement, in order, only what the claims table needs; and `citation_columns` of the
    citations with the row of their statement. Read a part at a time, so the corpus's text,
    document and statement ids are never all in memory: documents are numbered, and citations
    meet their statements by id within their part (claim ids and the citations' names are kept)."""
    statements, citations, offset, docs = [], [], 0, 0
    for part in analysis.parts(statements=["claim_id", "also_claims", "statement_id", "chains", "doc_id", "publisher",
                                           "depth", "text"],
                               citations=["statement_id", *citation_columns]):
        st = part["statements"].with_row_index("row", offset=offset)
        offset += st.height
        slim = st.select(
            "claim_id", pl.col("also_claims").fill_null(""), (pl.col("chains").fill_null("") != "").alias("attributed"),
            (pl.col("doc_id").rank("dense").cast(pl.Int64) + docs).alias("doc"), speaker().alias("speaker"), "depth",
            (pl.col("text").str.len_chars().cast(pl.Int64) - 140).abs().alias("off_length"))
        docs = int(slim["doc"].max() or docs)
        statements.append(slim)
        rows = st.filter(pl.col("chains").fill_null("") != "").select("statement_id", "row")
        citations.append(part["citations"].join(rows, on="statement_id", how="inner", maintain_order="left")
                         .select("row", *citation_columns))
    if not statements:
        return pl.DataFrame(), pl.DataFrame()
    return pl.concat(statements), pl.concat(citations)


def with_statement_rows(citations: pl.DataFrame, statements: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """`citations` with the row of their statement in `statements` (and its `columns`).

    Only statements with chains are cited, and the join runs on 64-bit hashes of the ids (checked
    against the ids, with a plain join on a collision): a join on millions of string keys costs
    several times the memory of the tables themselves.
    """
    rows = (statements.select("statement_id", "chains", *columns).with_row_index("row")
            .filter(pl.col("chains").fill_null("") != "").drop("chains"))
    keyed = citations.with_columns(pl.col("statement_id").hash(seed=3).alias("_key"))
    joined = keyed.join(rows.with_columns(pl.col("statement_id").hash(seed=3).alias("_key"))
                        .rename({"statement_id": "_statement_id"}), on="_key", how="inner", maintain_order="left")
    if (joined["statement_id"] != joined["_statement_id"]).any():  # two ids, one hash: every such row shows it
        return citations.join(rows, on="statement_id", how="inner", maintain_order="left")
    return joined.drop("_key", "_statement_id")


def speaker() -> pl.Expr:
    """Who states an unattributed statement: its publisher, else (no metadata) its document."""
    return pl.when(pl.col("publisher").fill_null("") != "").then(pl.col("publisher")).otherwise(pl.col("doc_id"))


def source_key() -> pl.Expr:
    """A cited source's identity: its gazetteer id, else its name."""
    return (pl.when(pl.col("source_id").fill_null("") != "").then(pl.col("source_id"))
            .otherwise(pl.lit("name:") + pl.col("cited").str.to_lowercase()))


def statement_origins(st: pl.DataFrame, ci: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(row, path, origin): the last hop of each path, or the publisher when unattributed (path 0);
    and (origin, name, source_id, unattributed), the distinct origins by integer code.
    `st` and `ci` as from `slim_tables`."""
    last = (ci.select("row", "path", "hop", "cited", "source_id")
            .sort("row", "path", "hop")
            .group_by("row", "path", maintain_order=True).last()
            .select("row", pl.col("path").cast(pl.Int64), pl.col("cited").alias("name"),
                    source_key().alias("source_id"), pl.lit(False).alias("unattributed")))
    own = (st.select("speaker").with_row_index("row").join(last.select("row").unique(), on="row", how="anti")
           .select("row", pl.lit(0, pl.Int64).alias("path"), pl.col("speaker").alias("name"),
                   pl.lit(True).alias("unattributed")))
    speakers = own.select("name").unique().with_columns(
        (pl.lit("publisher:") + pl.col("name").str.to_lowercase()).alias("source_id"), pl.lit(True).alias("unattributed"))
    key = ["name", "source_id", "unattributed"]
    origins = (pl.concat([last.select(key).unique(), speakers.select(key)]).unique().sort(key)
               .with_row_index("origin"))
    coded = pl.concat([
        last.join(origins, on=key).select("row", "path", "origin"),
        own.join(origins.filter(pl.col("unattributed")), on="name").select("row", "path", "origin")])
    return coded.sort("row", "path"), origins


def _origin_attributes(origins: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """Per distinct origin: countries whose state media it names as a group, its state country, its owner key."""
    out = []
    for name, source_id in origins.select("name", "source_id").unique().sort("name", "source_id").iter_rows():
        low = name.lower()
        groups = []
        if source_id.startswith("group:") and "media" in low or "news agencies" in low:
            groups = [code for code, country in gazetteer.countries.items()
                      if any(low.startswith(adj.lower() + " ") for adj in country.adjectives)]
        entry = gazetteer.entries.get(source_id)
        state = entry.country if entry is not None and entry.state_affiliated and entry.kind in OUTLET_KINDS else None
        owner = "owner:" + entry.owner.lower() if entry is not None and entry.owner else None
        out.append({"name": name, "source_id": source_id, "group_countries": groups, "state_country": state,
                    "owner_key": owner})
    schema = {"name": pl.String, "source_id": pl.String, "group_countries": pl.List(pl.String),
              "state_country": pl.String, "owner_key": pl.String}
    return pl.DataFrame(out, schema=schema, orient="row") if out else pl.DataFrame(schema=schema)


def _circular_claims(members: pl.DataFrame, ci: pl.DataFrame) -> set[int]:
    """Claims whose citation graph has a cycle; only claims where a cited node also cites are checked."""
    edges = (ci.select("row", "citing", "cited").join(members.select("claim", "row"), on="row")
             .select("claim", "citing", "cited").unique())
    edges = edges.filter(pl.col("citing") != pl.col("cited"))
    suspects = edges.join(edges.select("claim", pl.col("citing").alias("cited")).unique(),
                          on=["claim", "cited"], how="semi")["claim"].unique().sort()
    # the suspects' edges in one pass, grouped per claim (a filter per claim scanned every edge each time)
    per_claim = (edges.filter(pl.col("claim").is_in(suspects.implode())).sort("claim", "citing", "cited")
                 .group_by("claim", maintain_order=True).agg("citing", "cited"))
    return {claim for claim, citing, cited in per_claim.iter_rows() if _has_cycle(list(zip(citing, cited)))}


def _claim_basics(st: pl.DataFrame, members: pl.DataFrame, analysis) -> pl.DataFrame:
    """Per claim: counts of statements, documents and unattributed reports, publishers, depth, text."""
    base = members.join(st.with_row_index("row"), on="row", how="left"
                        ).group_by("claim").agg(
        pl.len().alias("n_statements"), pl.col("doc").n_unique().alias("n_documents"),
        pl.col("speaker").unique().sort().str.join(" | ").alias("publishers"),
        (~pl.col("attributed")).sum().cast(pl.Int64).alias("n_unattributed"),
        pl.col("depth").max().cast(pl.Int64).alias("max_depth"),
        # the representative: a primary member, attributed if possible, of about tweet length
        pl.col("row").sort_by([pl.col("primary"), pl.col("attributed"), -pl.col("off_length"),
                               -pl.col("row").cast(pl.Int64)], descending=True).first().alias("representative"))
    # the text goes in at the end, read for the representatives only
    wanted = base.select(pl.col("representative").alias("row")).unique()
    texts, offset = [], 0
    for part in analysis.parts(statements=["text"]):
        rows = part["statements"].with_row_index("row", offset=offset)
        offset += rows.height
        texts.append(rows.join(wanted, on="row", how="semi"))
    return (base.join(pl.concat(texts), left_on="representative", right_on="row", how="left", maintain_order="left")
            .drop("representative"))


def _claim_origins(st: pl.DataFrame, ci: pl.DataFrame, members: pl.DataFrame, gazetteer: Gazetteer) -> pl.DataFrame:
    """Per claim: its originals in order of appearance, how many, and how many independent ones."""
    coded, origins = statement_origins(st, ci)
    claim_origins = (members.select("claim", "row").join(coded, on="row")
                     .sort("claim", "row", "path")
                     .unique(["claim", "origin"], keep="first", maintain_order=True)
                     .join(origins, on="origin", how="left", maintain_order="left"))
    attrs = _origin_attributes(claim_origins, gazetteer)
    claim_origins = claim_origins.join(attrs, on=["name", "source_id"], how="left", maintain_order="left")
    groups = (claim_origins.select("claim", pl.col("group_countries").alias("country"),
                                   (pl.lit("group:") + pl.col("name").str.to_lowercase()).alias("group_key"))
              .explode("country").drop_nulls("country").unique(["claim", "country"], keep="first",
                                                                maintain_order=True))
    claim_origins = (claim_origins.join(groups, left_on=["claim", "state_country"], right_on=["claim", "country"],
                                        how="left", maintain_order="left")
                     .with_columns(pl.coalesce("group_key", "owner_key", "source_id").alias("key")))
    return claim_origins.group_by("claim").agg(
        pl.col("name").unique(maintain_order=True).str.join(" | ").alias("originals"),
        pl.len().cast(pl.Int64).alias("n_originals"),
        pl.col("key").n_unique().cast(pl.Int64).alias("n_independent_origins"))


def claim_rows(analysis) -> pl.DataFrame:
    """One row per claim (see CLAIM_COLUMNS) of an `Analysis` whose statements have claim ids,
    computed in polars on slim, row-keyed copies of its tables, so that it scales with the corpus."""
    st, ci = slim_tables(analysis, "path", "hop", "cited", "source_id", "citing")
    if st.height == 0:
        return pl.DataFrame(schema=CLAIM_SCHEMA)
    members, ids = member_rows(st)
    st = st.drop("claim_id", "also_claims")
    base = _claim_basics(st, members, analysis)
    by_origin = _claim_origins(st, ci, members, load_gazetteer())
    circular = _circular_claims(members, ci)
    del members, st, ci
    frame = base.join(by_origin, on="claim", how="left").join(ids, on="claim").with_columns(
        pl.concat_str(
            pl.when((pl.col("n_statements") >= 3) & (pl.col("n_independent_origins") == 1)).then(pl.lit("single-origin")),
            pl.when(pl.col("claim").is_in(sorted(circular))).then(pl.lit("circular")),
            pl.when((pl.col("n_unattributed") > 0) & (pl.col("n_unattributed") < pl.col("n_statements")))
            .then(pl.lit("laundered")),
            separator=" ", ignore_nulls=True).alias("flags"))
    return (frame.select(list(CLAIM_SCHEMA)).cast(CLAIM_SCHEMA)
            .sort(["n_statements", "claim_id"], descending=[True, False]))
