"""Reading an output folder back: `attrib.load("out/")` gives the tables of a run as polars frames.

Every table comes back with the columns and types of tables.py: CSV cells typed as they
were written (numbers, booleans, null versus empty text, lists from their " > " / " | "
text), with the spreadsheet formula guard taken off, so a table read back from CSV equals
the one read from Parquet or JSONL.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl

from .result import Analysis
from .tables import TABLES, from_csv
from .write import unguard_formulas

REQUIRED = ("statements", "citations", "documents")


class OutputMissing(FileNotFoundError):
    """An output folder without the tables of a run."""


def read_table(path: Path, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """One table file, typed by `schema` (columns it does not name stay as read)."""
    if path.suffix == ".parquet":
        return pl.read_parquet(path)
    if path.suffix == ".jsonl":
        frame = pl.read_ndjson(path, infer_schema_length=None)
    else:
        frame = from_csv(unguard_formulas(pl.read_csv(path, infer_schema_length=0)))
    return frame.with_columns(
        (pl.col(c).str.to_lowercase() == "true") if t == pl.Boolean and frame.schema[c] == pl.String
        else pl.col(c).cast(t, strict=False)
        for c, t in schema.items() if c in frame.columns)


def load(out_dir: str | os.PathLike) -> Analysis:
    """The tables of an `attrib analyze` output folder (statements, citations, documents, and claims
    and sources when written) as an `Analysis` of polars DataFrames.

    >>> result = attrib.load("out/")                         # doctest: +SKIP
    >>> result.claims.filter(pl.col("flags") != "")          # doctest: +SKIP
    """
    out = Path(out_dir)
    tables: dict[str, pl.DataFrame] = {}
    for name, schema in TABLES.items():
        # one format per folder; should an older attrib have left several, Parquet is exact
        found = [out / f"{name}.{fmt}" for fmt in ("parquet", "jsonl", "csv") if (out / f"{name}.{fmt}").is_file()]
        if found:
            tables[name] = read_table(found[0], schema)
    missing = [n for n in REQUIRED if n not in tables]
    if missing:
        raise OutputMissing(f"{out} has no {', '.join(missing)} table: run attrib analyze first")
    extra = {"sources": tables["sources"]} if "sources" in tables else {}
    run = _run_record(out)
    return Analysis(statements=tables["statements"], citations=tables["citations"], documents=tables["documents"],
                    claims=tables.get("claims"), extra=extra, inputs=list(run.get("inputs", {}).get("paths", [])),
                    options=dict(run.get("options", {})))


def _run_record(out: Path) -> dict:
    try:
        record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}
