"""Row-keyed helpers shared by the claim stages: statements by row, citations joined to their rows."""
from __future__ import annotations

from collections import defaultdict

import polars as pl

from ..tables import attributed


def with_statement_rows(citations: pl.DataFrame, statements: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """`citations` with the row of their statement in `statements` (and its `columns`).

    Only statements with chains are cited, and the join runs on 64-bit hashes of the ids (checked
    against the ids, with a plain join on a collision): a join on millions of string keys costs
    several times the memory of the tables themselves.
    """
    rows = (statements.select("statement_id", "chains", *columns).with_row_index("row")
            .filter(attributed()).drop("chains"))
    keyed = citations.with_columns(pl.col("statement_id").hash(seed=3).alias("_key"))
    joined = keyed.join(rows.with_columns(pl.col("statement_id").hash(seed=3).alias("_key"))
                        .rename({"statement_id": "_statement_id"}), on="_key", how="inner", maintain_order="left")
    if (joined["statement_id"] != joined["_statement_id"]).any():  # two ids, one hash: every such row shows it
        return citations.join(rows, on="statement_id", how="inner", maintain_order="left")
    return joined.drop("_key", "_statement_id")


def speaker() -> pl.Expr:
    """Who states a statement in its own name: its publisher, else (no metadata) its document."""
    return pl.when(pl.col("publisher").fill_null("") != "").then(pl.col("publisher")).otherwise(pl.col("doc_id"))


def source_key() -> pl.Expr:
    """A cited source's identity: its gazetteer id, else its name."""
    return (pl.when(pl.col("source_id").fill_null("") != "").then(pl.col("source_id"))
            .otherwise(pl.lit("name:") + pl.col("cited").str.to_lowercase()))


def statement_claims(statements: pl.DataFrame) -> dict[str, list[str]]:
    """statement_id -> every claim it supports: its claim_id, then its also_claims."""
    also = statements["also_claims"].to_list() if "also_claims" in statements.columns else [None] * statements.height
    return {sid: [cid, *(a or [])]
            for sid, cid, a in zip(statements["statement_id"], statements["claim_id"], also)}


def supports(claim_ids: list[str], with_also: bool = True) -> pl.Expr:
    """Statements that support any of these claims: as their claim_id, or among their also_claims."""
    expr = pl.col("claim_id").is_in(claim_ids)
    if with_also:
        expr = expr | pl.col("also_claims").list.eval(pl.element().is_in(claim_ids)).list.any().fill_null(False)
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
