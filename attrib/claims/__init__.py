"""Stage 6, claims: statements that assert the same fact, across articles and within one.

features  -> what a statement asserts (attribution, speaker descriptions and scene clauses removed)
grouping  -> which statements are one claim (blocking, similarity, conflicts, average linkage)
table     -> one row per claim: counts, origins (origins.py) and flags with their evidence (flags.py)
explain   -> why a claim holds its statements, for a researcher checking a merge

Claim ids rank claims by size: groups of two or more statements first, then every other
statement in input order.
"""
from __future__ import annotations

from collections import defaultdict

import polars as pl

from ..result import Analysis
from ..tables import NAMES
from .features import StatementFeatures, statement_features
from .featurising import featurise
from .flags import close_pairs
from .grouping import also_supports, cluster_items, default_jobs
from .items import distinct_items
from .table import claim_rows
from .vocabulary import stem, vocabulary

__all__ = ["StatementFeatures", "claim_rows", "group_claims", "statement_features",
           "stem", "vocabulary"]


def group_claims(analysis: Analysis, jobs: int | None = None) -> None:
    """Fill statements.claim_id and statements.also_claims, and build the claims table on `analysis`."""
    n = analysis.height("statements")
    if n == 0:
        analysis.claims = claim_rows(analysis)
        return
    item_of_row, items, common = distinct_items(analysis)
    weight = items["weight"].to_list()
    # the texts go to featurise alone (a chunk at a time) and are let go as soon as it is done
    jobs = default_jobs() if jobs is None else jobs
    found = featurise(items.select("text", "blanks"), common, jobs)
    doc, cited = items["doc"].to_list(), items["cited"].to_list()
    items = items.select("first")
    features, pair_sim, cluster_of = cluster_items(found, weight, n, doc, cited, jobs)
    del found, doc, cited
    comparable = [it.comparable for it in features.items]
    m = len(cluster_of)
    item_groups: dict[int, list[int]] = defaultdict(list)          # cluster -> items
    for i in range(m):
        item_groups[cluster_of[i]].append(i)
    # An item too short to compare is no claim shared by its copies: each copy stays alone.
    per_row = (pl.DataFrame({"cluster": pl.Series(cluster_of, dtype=pl.Int64).gather(item_of_row),
                             "comparable": pl.Series(comparable, dtype=pl.Boolean).gather(item_of_row)})
               .with_row_index("row")
               .with_columns(pl.when(pl.col("comparable")).then(pl.col("cluster"))
                             .otherwise(-1 - pl.col("row").cast(pl.Int64)).alias("group")))
    shared = (per_row.group_by("group").agg(pl.len().alias("size"), pl.col("row").min().alias("first"))
              .filter(pl.col("size") > 1).sort(["size", "first"], descending=[True, False])
              .with_row_index("rank", offset=1).select("group", pl.col("rank").cast(pl.Int64)))
    rank = (per_row.join(shared, on="group", how="left", maintain_order="left")
            .select(pl.coalesce("rank", shared.height + pl.col("rank").is_null().cum_sum().cast(pl.Int64)))
            .to_series())
    width = max(6, len(str(rank.max())))
    claim_id = ("c" + rank.cast(pl.String).str.zfill(width)).alias("claim_id")
    item_claim = claim_id.gather(items["first"]).to_list()
    also_items = also_supports(features, pair_sim, cluster_of, item_groups, item_claim, weight)
    also = pl.Series("also_claims", also_items, dtype=NAMES).gather(item_of_row)
    close = pl.DataFrame(close_pairs(features, pair_sim), schema={"a": pl.Int64, "b": pl.Int64}, orient="row")
    del features, pair_sim
    analysis.set_statement_columns(pl.DataFrame([claim_id, also]))
    analysis.claims = claim_rows(analysis, item_of_row, close)
