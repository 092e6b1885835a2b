"""Stage 8, write: tables to CSV, Parquet or JSONL, atomically.

A table (in memory, or lazily over Parquet parts) is streamed to a temporary
file in the output folder and renamed into place, so an interrupted run never
leaves a half-written table that looks complete. In CSV, text cells that begin
with =, +, - or @ get a leading apostrophe so spreadsheets do not run them as
formulas; Parquet and JSONL keep the raw text.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl

FORMATS = ("csv", "parquet", "jsonl")
def neutralise_formulas(frame: pl.LazyFrame) -> pl.LazyFrame:
    string_cols = [c for c, t in frame.collect_schema().items() if t == pl.String]
    if not string_cols:
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(r"^[=+\-@\t\r]")).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in string_cols)


def write_table(frame: pl.DataFrame | pl.LazyFrame, out_dir: str | os.PathLike, name: str, fmt: str = "csv") -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.{fmt}"
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
    os.close(fd)
    try:
        # streamed: a table kept as Parquet parts is written without being loaded whole
        lazy = frame.lazy()
        if fmt == "csv":
            neutralise_formulas(lazy).sink_csv(tmp)
        elif fmt == "parquet":
            lazy.sink_parquet(tmp)
        else:
            lazy.sink_ndjson(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
