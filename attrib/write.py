"""Writing one table to CSV, Parquet or JSONL, atomically and readable by others as the umask allows.

A table (in memory, or lazily over Parquet parts) is streamed to a temporary
file in the output folder and renamed into place, so an interrupted run never
leaves a half-written table that looks complete. In CSV, text cells that begin
with =, +, - or @ (after any apostrophes) get one more leading apostrophe so
spreadsheets do not run them as formulas; `unguard_formulas` takes it off again.
Parquet and JSONL keep the raw text and the lists (tables.py); CSV writes lists as text.
"""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import polars as pl

from .tables import to_csv

FORMATS = ("csv", "parquet", "jsonl")
# a cell a spreadsheet would run, behind any apostrophes: guarded cells stay distinguishable from text
# that began with an apostrophe, so the guard can be undone exactly
_FORMULA = r"^'*[=+\-@\t\r]"


def neutralise_formulas(frame: pl.LazyFrame) -> pl.LazyFrame:
    string_cols = [c for c, t in frame.collect_schema().items() if t == pl.String]
    if not string_cols:
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(_FORMULA)).then(pl.lit("'") + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in string_cols)


def unguard_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """The text as it was before `neutralise_formulas`: one leading apostrophe off guarded cells."""
    string_cols = [c for c, t in frame.schema.items() if t == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(r"^'+[=+\-@\t\r]")).then(pl.col(c).str.slice(1)).otherwise(pl.col(c)).alias(c)
        for c in string_cols)


@lru_cache(maxsize=1)
def file_mode() -> int:
    """rw for whom the umask allows (0644 under the usual 022): temporary files are created 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


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
            neutralise_formulas(to_csv(lazy)).sink_csv(tmp)
        elif fmt == "parquet":
            lazy.sink_parquet(tmp)
        else:
            lazy.sink_ndjson(tmp)
        os.chmod(tmp, file_mode())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
