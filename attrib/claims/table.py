"""The claims table: one row per claim, computed in polars on slim, row-keyed copies of the tables.

The corpus's texts and ids are never all in memory at once: the tables are read a part at a time,
documents are numbered, claims are integer codes, and only the representatives' texts are read back.
"""
from __future__ import annotations

import polars as pl

from ..result import Analysis
from ..gazetteer import load_gazetteer
from ..tables import CLAIMS, attributed
from .flags import claim_flags
from .origins import claim_origins
from .quotes import voiced
from .rows import speaker



def member_rows(statements: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(claim, row, primary): every statement under its claim_id and under each of its also_claims,
    with claims as integer codes (numbered in claim_id order, cheaper to join and sort than the
    strings); and (claim, claim_id), the ids by code."""
    st = statements.select("claim_id", "also_claims").with_row_index("row")
    primary = st.select("claim_id", "row", pl.lit(True).alias("primary"))
    also = (st.filter(pl.col("also_claims").list.len() > 0)
            .select(pl.col("also_claims").alias("claim_id"), "row", pl.lit(False).alias("primary"))
            .explode("claim_id"))
    members = pl.concat([primary, also])
    ids = members.select(pl.col("claim_id").unique().sort()).with_row_index("claim")
    members = members.join(ids, on="claim_id").select("claim", "row", "primary").sort("claim", "row")
    return members, ids


def slim_tables(analysis: Analysis, *citation_columns: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per statement, in order, only what the claims table needs; and `citation_columns` of the
    citations with the row of their statement. Read a part at a time: documents are numbered, and
    citations meet their statements by id within their part."""
    statements, citations, offset, docs = [], [], 0, 0
    for part in analysis.parts(statements=["claim_id", "also_claims", "statement_id", "chains", "doc_id", "publisher",
                                           "depth", "text", "paragraph"],
                               citations=["statement_id", *citation_columns]):
        st = part["statements"].with_row_index("row", offset=offset)
        offset += st.height
        slim = st.select(
            "claim_id", "also_claims", attributed().alias("attributed"),
            pl.Series("voiced", voiced(st["text"].to_list(), list(zip(st["doc_id"], st["paragraph"]))), dtype=pl.Boolean),
            (pl.col("doc_id").rank("dense").cast(pl.Int64) + docs).alias("doc"), speaker().alias("speaker"), "depth",
            (pl.col("text").str.len_chars().cast(pl.Int64) - 140).abs().alias("off_length"), "statement_id")
        docs = int(slim["doc"].max() or docs)
        statements.append(slim)
        rows = st.filter(attributed()).select("statement_id", "row")
        citations.append(part["citations"].join(rows, on="statement_id", how="inner", maintain_order="left")
                         .select("row", *citation_columns))
    if not statements:
        return pl.DataFrame(), pl.DataFrame()
    return pl.concat(statements), pl.concat(citations)


def _claim_basics(st: pl.DataFrame, members: pl.DataFrame, analysis: Analysis) -> pl.DataFrame:
    """Per claim: counts of statements, documents and unattributed reports, publishers, depth, text."""
    base = members.join(st.with_row_index("row"), on="row", how="left"
                        ).group_by("claim").agg(
        pl.len().alias("n_statements"), pl.col("doc").n_unique().alias("n_documents"),
        pl.col("speaker").unique().sort().alias("publishers"),
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


def claim_rows(analysis: Analysis, item_of_row: pl.Series | None = None,
               close: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per claim (see tables.CLAIMS) of an `Analysis` whose statements have claim ids;
    `item_of_row` and `close` (grouping.close_pairs) say which members are close enough to raise a flag."""
    st, ci = slim_tables(analysis, "path", "hop", "cited", "source_id", "citing", "cited_kind")
    if st.height == 0:
        return pl.DataFrame(schema=CLAIMS)
    members, ids = member_rows(st)
    st = st.drop("claim_id", "also_claims")
    base = _claim_basics(st, members, analysis)
    by_origin = claim_origins(st, ci, members, load_gazetteer())
    item = item_of_row.cast(pl.Int64) if item_of_row is not None else pl.int_range(st.height, dtype=pl.Int64)
    mem = members.join(st.select("attributed", "voiced", "speaker", "statement_id", item.alias("item"))
                       .with_row_index("row"), on="row")
    flags = claim_flags(mem, ci, by_origin.select("claim", "n_independent_origins"), close)
    del members, st, ci, mem
    frame = (base.join(by_origin.drop("first_origin"), on="claim", how="left").join(ids, on="claim")
             .join(flags, on="claim", how="left")
             .with_columns(pl.col("flags").fill_null(""), pl.col("evidence").fill_null("")))
    return (frame.select(list(CLAIMS)).cast(CLAIMS)
            .sort(["n_statements", "claim_id"], descending=[True, False]))
