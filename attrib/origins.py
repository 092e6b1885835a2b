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
from dataclasses import dataclass

import polars as pl

from .resolve import OUTLET_KINDS, Gazetteer, load_gazetteer

CLAIM_COLUMNS = ("claim_id", "text", "n_statements", "n_documents", "publishers", "originals", "n_originals",
                 "n_independent_origins", "n_unattributed", "max_depth", "flags")


@dataclass(frozen=True)
class Origin:
    name: str
    source_id: str
    unattributed: bool = False


def origins_of(statements: pl.DataFrame, citations: pl.DataFrame) -> dict[str, list[Origin]]:
    """statement_id -> its origins (last hop of each path, or its publisher when unattributed)."""
    last: dict[tuple[str, int], tuple[int, str, str]] = {}
    for sid, path, hop, cited, source_id in citations.select("statement_id", "path", "hop", "cited",
                                                             "source_id").iter_rows():
        key = (sid, path)
        if key not in last or hop > last[key][0]:
            last[key] = (hop, cited, source_id or "")
    by_statement: dict[str, list[Origin]] = defaultdict(list)
    for (sid, _), (_, cited, source_id) in sorted(last.items()):
        by_statement[sid].append(Origin(cited, source_id or "name:" + cited.lower()))
    out: dict[str, list[Origin]] = {}
    for sid, publisher, doc_id in statements.select("statement_id", "publisher", "doc_id").iter_rows():
        out[sid] = by_statement.get(sid) or [Origin(publisher or doc_id, "publisher:" + (publisher or doc_id).lower(),
                                                    unattributed=True)]
    return out


def independent_keys(origins: list[Origin], gazetteer: Gazetteer) -> dict[Origin, str]:
    """Each origin's independence key: shared owners collapse, country state-media groups absorb."""
    keys: dict[Origin, str] = {}
    state_groups: dict[str, str] = {}
    for o in origins:
        low = o.name.lower()
        if o.source_id.startswith("group:") and "media" in low or "news agencies" in low:
            for code, country in gazetteer.countries.items():
                if any(low.startswith(adj.lower() + " ") for adj in country.adjectives):
                    state_groups.setdefault(code, "group:" + low)
    for o in origins:
        entry = gazetteer.entries.get(o.source_id)
        if (entry is not None and entry.state_affiliated and entry.country in state_groups
                and entry.kind in OUTLET_KINDS):
            keys[o] = state_groups[entry.country]
        elif entry is not None and entry.owner:
            keys[o] = "owner:" + entry.owner.lower()
        else:
            keys[o] = o.source_id
    return keys


def claim_graph_edges(citations: pl.DataFrame, statements: pl.DataFrame) -> pl.DataFrame:
    """Citing -> cited edges of every claim's statements, with the claim id."""
    if citations.height == 0:
        return pl.DataFrame(schema={"claim_id": pl.String, "citing": pl.String, "cited": pl.String})
    return citations.join(statements.select("statement_id", "claim_id"), on="statement_id", how="left")


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


def claim_members(statements: pl.DataFrame) -> dict[str, list[dict]]:
    """claim_id -> the statements that support it (rows with statement_id, doc_id, publisher, text, depth, chains)."""
    claims_of = statement_claims(statements)
    members: dict[str, list[dict]] = defaultdict(list)
    for row in statements.select("statement_id", "claim_id", "doc_id", "publisher", "text", "depth",
                                 "chains").iter_rows(named=True):
        for claim_id in claims_of[row["statement_id"]]:
            members[claim_id].append(row)
    return members


def claim_rows(statements: pl.DataFrame, citations: pl.DataFrame) -> pl.DataFrame:
    gazetteer = load_gazetteer()
    origins = origins_of(statements, citations)
    edges_by_claim: dict[str, list[tuple[str, str]]] = defaultdict(list)
    claims_of = statement_claims(statements)
    for sid, citing, cited in citations.select("statement_id", "citing", "cited").iter_rows():
        for claim_id in claims_of.get(sid, ()):
            edges_by_claim[claim_id].append((citing, cited))
    members = claim_members(statements)
    rows = []
    for claim_id, rows_in in members.items():
        claim_origins = [o for r in rows_in for o in origins[r["statement_id"]]]
        distinct = list(dict.fromkeys(claim_origins))
        keys = independent_keys(distinct, gazetteer)
        unattributed = sum(1 for r in rows_in if not r["chains"])
        n = len(rows_in)
        n_independent = len(set(keys.values()))
        flags = []
        if n >= 3 and n_independent == 1:
            flags.append("single-origin")
        if _has_cycle(edges_by_claim.get(claim_id, [])):
            flags.append("circular")
        if 0 < unattributed < n:
            flags.append("laundered")
        representative = max(rows_in, key=lambda r: (r["claim_id"] == claim_id, bool(r["chains"]),
                                                     -abs(len(r["text"]) - 140)))
        rows.append({
            "claim_id": claim_id, "text": representative["text"], "n_statements": n,
            "n_documents": len({r["doc_id"] for r in rows_in}),
            "publishers": " | ".join(sorted({r["publisher"] or r["doc_id"] for r in rows_in})),
            "originals": " | ".join(dict.fromkeys(o.name for o in distinct)), "n_originals": len(distinct),
            "n_independent_origins": n_independent, "n_unattributed": unattributed,
            "max_depth": max(r["depth"] for r in rows_in), "flags": " ".join(flags)})
    schema = {"claim_id": pl.String, "text": pl.String, "n_statements": pl.Int64, "n_documents": pl.Int64,
              "publishers": pl.String, "originals": pl.String, "n_originals": pl.Int64,
              "n_independent_origins": pl.Int64, "n_unattributed": pl.Int64, "max_depth": pl.Int64,
              "flags": pl.String}
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return frame.sort(["n_statements", "claim_id"], descending=[True, False])
