"""Flags a researcher can trust, each with the statements that raised it.

- laundered: a publisher states the claim without attribution (and never attributes or quotes it)
  while a report by *another* publisher, close to that statement, traces it to a source (one that
  is not the first publisher itself).
- single-origin: three or more publishers report the claim and all of it goes back to one
  independent origin.
- circular: the claim's citation graph has a cycle whose citations come from at least two publishers.
No flag rests on the statements of one publisher (or, without publishers, one document) alone.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import polars as pl

from .linkage import THRESHOLD

if TYPE_CHECKING:
    from .grouping import Features

SINGLE_ORIGIN_PUBLISHERS = 3   # publishers that must repeat one origin for single-origin
EVIDENCE_IDS = 5               # statement ids listed per role in the evidence column
FLAG_COVER = 0.25              # a flag rests on two statements each of which says this share of the other
FLAG_SHARED = 2                # ... and that share this many features of what happened, where and how much
                               # (content words, places, numbers), one a content word: a name and a word is a topic


def _ids(values: list[str]) -> str:
    shown = " ".join(values[:EVIDENCE_IDS])
    return shown + (f" (+{len(values) - EVIDENCE_IDS} more)" if len(values) > EVIDENCE_IDS else "")


def close_pairs(features: Features, pair_sim: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Pairs of items close enough for a flag to rest on: a match (THRESHOLD) that shares
    what happened, a content word, not only who and where, and where each says FLAG_COVER or more of
    what the other says. A claim's average can hold a statement that shares a name, a place or a
    word with a report ("Clinton was an hour away, in Miami" and "Clinton is marking her victories
    with a rally in Miami"; "We're in trouble" and a paragraph on a troubling trend in turnout): a
    match by the measure relative to the smaller statement, too little to show that one publisher
    repeats what another traced to a source. Words a statement has only from names and titles say who,
    not what happened ("Republican Donald Trump and Democrat Hillary Clinton won Alabama" and "...
    Republican Donald Trump and Democrat Hillary Clinton solidified their claims"): they count for neither."""
    content, shingle, items, names = features.content, features.shingle, features.items, features.names

    def close(a: int, b: int) -> bool:
        who = items[a].labels | items[b].labels   # "Republican Donald Trump", "former Secretary of State Clinton"
        shared = items[a].feats & items[b].feats
        said = [k for k in shared if content[k] and not shingle[k] and k not in who]
        where = items[a].places | items[b].places
        return (len(said) + sum(1 for k in shared if k in where or names[k][:1] == "#") >= FLAG_SHARED and bool(said)
                and min(features.cover(a, b, who), features.cover(b, a, who)) >= FLAG_COVER)
    return sorted((a, b) for (a, b), value in pair_sim.items() if value >= THRESHOLD and close(a, b))


def laundered(mem: pl.DataFrame, ci: pl.DataFrame, close: pl.DataFrame | None = None) -> dict[int, str]:
    """claim -> evidence, for claims where a publisher states unattributed what another traces to a source.
    `mem`: (claim, row, attributed, voiced, speaker, statement_id, item); `ci`: (row, cited, source_id);
    `close`: (a, b), the pairs of items (a < b) that say much the same thing both ways (`close_pairs`);
    None: every pair of members.

    A statement that gives someone's words (`quotes.voiced`: a quote's continuation, a sentence a
    quotation begins or ends) is no publisher's own statement even when no chain names the speaker,
    and a publisher that attributes or quotes the claim anywhere launders nothing. The unattributed
    statement and the traced one must themselves be close: a claim's average can hold a statement
    that shares only a name and a word with the traced report, too little to say it repeats it."""
    cited = (ci.select("row", pl.col("cited").str.to_lowercase().alias("name"))
             .vstack(ci.select("row", pl.col("source_id").fill_null("").str.to_lowercase().alias("name")))
             .filter(pl.col("name") != "").unique())
    traced = (mem.filter(pl.col("attributed")).join(cited, on="row", how="left")
              .group_by("claim", "speaker", "item", "statement_id")
              .agg(pl.col("name").drop_nulls().unique().alias("names")))
    # a publisher that attributes or quotes the claim itself somewhere (a headline summing up its own
    # attributed report) launders nothing
    vouched = mem.filter(pl.col("attributed") | pl.col("voiced")).select("claim", "speaker").unique()
    own = (mem.filter(~pl.col("attributed") & ~pl.col("voiced"))
           .select("claim", "speaker", "item", "statement_id").unique()
           .join(vouched, on=["claim", "speaker"], how="anti"))
    if close is None:
        pairs = own.join(traced, on="claim", suffix="_a")
    else:
        both = pl.concat([close.select("a", "b"), close.select(pl.col("b").alias("a"), pl.col("a").alias("b"))])
        pairs = (own.join(both, left_on="item", right_on="a")
                 .join(traced, left_on=["claim", "b"], right_on=["claim", "item"], suffix="_a"))
    pairs = pairs.filter((pl.col("speaker") != pl.col("speaker_a"))
                         & ~pl.col("names").list.contains(pl.col("speaker").str.to_lowercase()))
    out = {}
    for claim, group in pairs.group_by("claim"):
        own_ids = sorted(set(group["statement_id"]))
        traced_ids = sorted(set(group["statement_id_a"]))
        out[claim[0]] = f"unattributed {_ids(own_ids)}; traced {_ids(traced_ids)}"
    return out


def single_origin(mem: pl.DataFrame, independent: pl.DataFrame) -> dict[int, str]:
    """claim -> evidence (one statement per publisher), for claims that three or more publishers
    report and that go back to one independent origin. `independent`: (claim, n_independent_origins)."""
    per = (mem.sort("row").group_by("claim", "speaker", maintain_order=True).agg(pl.col("statement_id").first())
           .group_by("claim").agg(pl.len().alias("n_publishers"), pl.col("statement_id"))
           .join(independent, on="claim")
           .filter((pl.col("n_publishers") >= SINGLE_ORIGIN_PUBLISHERS) & (pl.col("n_independent_origins") == 1)))
    return {claim: _ids(sorted(ids)) for claim, ids in per.select("claim", "statement_id").iter_rows()}


def _cycle_nodes(edges: list[tuple[str, str]]) -> set[str]:
    """Nodes on some cycle: members of strongly connected components of two or more nodes (Tarjan, iterative)."""
    graph: dict[str, list[str]] = defaultdict(list)
    for a, b in edges:
        if a != b:
            graph[a].append(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: set[str] = set()
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    out.update(component)
    return out


def circular(mem: pl.DataFrame, ci: pl.DataFrame) -> dict[int, str]:
    """claim -> evidence (the statements whose citations close the cycle), for claims whose citation
    graph has a cycle drawn from the statements of two or more publishers."""
    edges = (ci.select("row", "citing", "cited").join(mem.select("claim", "row", "speaker", "statement_id"), on="row")
             .filter(pl.col("citing") != pl.col("cited")))
    pairs = edges.select("claim", "citing", "cited").unique()
    suspects = pairs.join(pairs.select("claim", pl.col("citing").alias("cited")).unique(),
                          on=["claim", "cited"], how="semi")["claim"].unique()
    per_claim = (edges.filter(pl.col("claim").is_in(suspects.implode())).sort("claim", "row")
                 .group_by("claim", maintain_order=True).agg("citing", "cited", "speaker", "statement_id"))
    out = {}
    for claim, citing, cited, speakers, ids in per_claim.iter_rows():
        nodes = _cycle_nodes(list(zip(citing, cited)))
        if not nodes:
            continue
        on_cycle = [(s, i) for a, b, s, i in zip(citing, cited, speakers, ids) if a in nodes and b in nodes]
        if len({s for s, _ in on_cycle}) >= 2:
            out[claim] = _ids(sorted({i for _, i in on_cycle}))
    return out


def claim_flags(mem: pl.DataFrame, ci: pl.DataFrame, independent: pl.DataFrame,
                close: pl.DataFrame | None = None) -> pl.DataFrame:
    """(claim, flags, evidence): the flags of each flagged claim, and per flag the statements behind it."""
    found = {"single-origin": single_origin(mem, independent), "circular": circular(mem, ci),
             "laundered": laundered(mem, ci, close)}
    rows = []
    for claim in sorted(set().union(*found.values())):
        names = [name for name in ("single-origin", "circular", "laundered") if claim in found[name]]
        rows.append((claim, " ".join(names), " | ".join(f"{name}: {found[name][claim]}" for name in names)))
    return pl.DataFrame(rows, schema={"claim": pl.UInt32, "flags": pl.String, "evidence": pl.String}, orient="row")
