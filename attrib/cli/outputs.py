"""Reading an existing output folder back, for the commands that work on one."""
from __future__ import annotations

from pathlib import Path

import click
import polars as pl

from ..api import SCHEMAS, Analysis


def load_output(out_dir: Path) -> Analysis:
    tables = {}
    for name in ("statements", "citations", "documents", "claims"):
        for fmt in ("parquet", "csv", "jsonl"):
            path = out_dir / f"{name}.{fmt}"
            if path.is_file():
                if fmt == "csv":
                    frame = pl.read_csv(path, infer_schema_length=0)
                    schema = SCHEMAS.get(name, {})
                    frame = frame.with_columns(
                        (pl.col(c) == "true") if t == pl.Boolean else pl.col(c).cast(t, strict=False)
                        for c, t in schema.items() if c in frame.columns)
                    frame = frame.with_columns(pl.col(pl.String).fill_null(""))
                elif fmt == "parquet":
                    frame = pl.read_parquet(path)
                else:
                    frame = pl.read_ndjson(path)
                tables[name] = frame
                break
    missing = [n for n in ("statements", "citations", "documents") if n not in tables]
    if missing:
        raise click.UsageError(f"{out_dir} has no {', '.join(missing)} table: run attrib analyze first")
    if "claims" in tables:
        tables["claims"] = tables["claims"].with_columns(
            pl.col(c).cast(pl.Int64, strict=False) for c in ("n_statements", "n_documents", "n_originals",
                                                             "n_independent_origins", "n_unattributed", "max_depth")
            if c in tables["claims"].columns)
    return Analysis(statements=tables["statements"], citations=tables["citations"], documents=tables["documents"],
                    claims=tables.get("claims"))
