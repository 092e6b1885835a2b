"""Extraction on a Dask distributed cluster (the `dask` extra).

The client reads the inputs a window of partitions at a time and sends them to the workers;
each worker runs the same `Analyzer` as the local engine and writes its rows as
Parquet parts into a shared folder (a `PartStore`), in partition order. Grouping
claims and drawing graphs then run on those parts with polars, as in the local
engine, so the tables are the same.
"""
from __future__ import annotations

from collections.abc import Iterable

from .engine_local import analyze_batch, chunked
from .records import Document
from .store import PartStore


def _analyze_partition(docs: list[Document], store: PartStore, index: int) -> int:
    store.write_part(index, analyze_batch(docs).tables)
    return index


def run_dask(docs: Iterable[Document], scheduler: str | object, store: PartStore, partition_size: int = 200) -> None:
    """Analyze documents on a Dask cluster into `store`'s parts; `scheduler` is an address or a
    `distributed.Client`. The store's folder must be one every worker can write to (a shared
    file system on a real cluster)."""
    try:
        from distributed import Client, wait
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise RuntimeError("the dask engine needs the dask extra: pip install 'attrib[dask]'") from exc

    own_client = not isinstance(scheduler, Client)
    client = Client(scheduler) if own_client else scheduler
    try:
        # a bounded window of partitions in flight: the client never holds the whole corpus
        in_flight = max(2, 2 * len(client.scheduler_info().get("workers", {})))
        numbered = enumerate(chunked(docs, partition_size))
        for window in chunked(numbered, in_flight):
            futures = [client.submit(_analyze_partition, batch, store, i, pure=False) for i, batch in window]
            wait(futures)
            store.count = max(client.gather(futures)) + 1
    finally:
        if own_client:
            client.close()
