"""Extraction on a Dask distributed cluster (the `dask` extra).

The client reads the inputs a window of partitions at a time and sends them to the workers;
each worker runs the same `Analyzer` as the local engine and writes its rows as
Parquet parts into a shared folder; the client then reads the parts back in
partition order. Grouping claims and drawing graphs run on the gathered
statements with polars, as in the local engine, so the tables are the same.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from .records import Document


def _analyze_partition(docs: list[Document], parts_dir: str, index: int) -> dict[str, str]:
    from .api import analyze_batch

    tables = analyze_batch(docs).tables
    out = {}
    for name, frame in tables.items():
        path = Path(parts_dir) / f"{name}-{index:06d}.parquet"
        frame.write_parquet(path)
        out[name] = str(path)
    return out


def run_dask(docs: Iterable[Document], scheduler: str | object, parts_dir: str | Path,
             partition_size: int = 200) -> dict[str, pl.DataFrame]:
    """Analyze documents on a Dask cluster; `scheduler` is an address or a `distributed.Client`.

    `parts_dir` must be a folder every worker can write to (a shared file system on a real cluster).
    """
    try:
        from distributed import Client, wait
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise RuntimeError("the dask engine needs the dask extra: pip install 'attrib[dask]'") from exc
    from .api import SCHEMAS, _batches, to_frame

    parts = Path(parts_dir)
    if parts.exists():
        shutil.rmtree(parts)
    parts.mkdir(parents=True)
    own_client = not isinstance(scheduler, Client)
    client = Client(scheduler) if own_client else scheduler
    try:
        # a bounded window of partitions in flight: the client never holds the whole corpus
        in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        results = []
        batches = enumerate(_batches(docs, partition_size))
        for window in _batches(batches, in_flight):
            futures = [client.submit(_analyze_partition, batch, str(parts), i, pure=False) for i, batch in window]
            wait(futures)
            results.extend(client.gather(futures))
    finally:
        if own_client:
            client.close()
    tables = {}
    for name in SCHEMAS:
        frames = [pl.read_parquet(r[name]) for r in results]
        frames = [f for f in frames if f.height]
        tables[name] = pl.concat(frames, rechunk=True) if frames else to_frame([], name)
    shutil.rmtree(parts, ignore_errors=True)
    return tables
