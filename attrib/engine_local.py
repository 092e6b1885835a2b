"""Extraction in this machine's processes: documents a batch at a time, in input order.

A batch goes through `Analyzer` (pipeline.py) in this process or in a pool of worker
processes and comes back as compact frames; `collect_tables` gathers them into the
extracted tables (tables.EXTRACTED), in memory or as Parquet parts in a `PartStore`.
The Dask engine (engine_dask.py) runs the same `analyze_batch` on a cluster.
"""
from __future__ import annotations

import itertools
import logging
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import polars as pl

from .pipeline import Analyzer
from .progress import Progress
from .records import Document
from .store import PartStore
from .tables import EXTRACTED, frame

log = logging.getLogger("attrib")


@dataclass
class BatchResult:
    """The tables of a few documents, built where they were analyzed: workers send compact frames."""

    tables: dict[str, pl.DataFrame]
    seconds: dict[str, float]
    errors: list[tuple[str, str]]  # (path or doc_id, message) of documents that failed


def analyze_batch(batch: list[Document]) -> BatchResult:
    # Compiled once per process: forked workers inherit the parent's compiled rules.
    analyzer = Analyzer.shared()
    rows: dict[str, list[dict]] = {"statements": [], "citations": [], "documents": []}
    seconds: dict[str, float] = {}
    errors = []
    for doc in batch:
        result = analyzer.analyze_document(doc)
        rows["documents"].append(result.document)
        rows["statements"].extend(result.statements)
        rows["citations"].extend(result.citations)
        for stage, s in result.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + s
        if result.document["status"] == "error":
            errors.append((result.document["path"] or result.document["doc_id"], result.document["error"]))
    return BatchResult({name: to_frame(r, name) for name, r in rows.items()}, seconds, errors)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def iter_batches(docs: Iterable[Document], jobs: int = 1, batch_size: int = 32) -> Iterator[BatchResult]:
    """Analyze documents in input order, a batch at a time; with jobs > 1 in that many processes
    (same output).

    At most jobs x 4 batches are read ahead, so memory does not grow with the corpus in this stage.
    """
    analyzer = Analyzer.shared()  # built here, before the fork, so that every worker inherits it
    batches: Iterator[list[Document]] = chunked(docs, batch_size)
    if jobs > 1:
        ahead = list(itertools.islice(batches, 2))
        batches = itertools.chain(ahead, batches)
        if len(ahead) < 2:  # one batch: worker processes would only add their start-up
            jobs = 1
    if jobs <= 1:
        for batch in batches:
            yield analyze_batch(batch)
        return
    analyzer.rules.compile_all()  # every pattern, so that the workers share them instead of compiling each
    # workers take the default SIGTERM: the pool stops them with it when one of them dies
    with ProcessPoolExecutor(max_workers=jobs, initializer=signal.signal,
                             initargs=(signal.SIGTERM, signal.SIG_DFL)) as pool:
        # a sliding window: a new batch goes out as soon as the oldest comes back, so no worker
        # waits for the slowest batch of a window (results still come back in input order)
        in_flight: deque[Future[BatchResult]] = deque()
        try:
            for batch in batches:
                in_flight.append(pool.submit(analyze_batch, batch))
                if len(in_flight) >= jobs * 4:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
        finally:  # stopped early (an error, Ctrl-C): drop the batches not started
            for future in in_flight:
                future.cancel()


def to_frame(rows: list[dict], name: str) -> pl.DataFrame:
    return frame(rows, EXTRACTED[name])


def collect_tables(batches: Iterable[BatchResult], consolidate_every: int = 64,
                   seconds: dict[str, float] | None = None, store: PartStore | None = None,
                   progress: Progress | None = None) -> dict[str, pl.DataFrame]:
    """Gather the batches' frames, every `consolidate_every` batches into one chunk: appended to
    `store` as a part when there is one (nothing is kept in memory), else concatenated in memory.
    `progress` counts the documents done."""
    pending: dict[str, list[pl.DataFrame]] = {name: [] for name in EXTRACTED}
    chunks: dict[str, list[pl.DataFrame]] = {name: [] for name in EXTRACTED}

    def consolidate() -> None:
        if not pending["documents"]:
            return
        part = {name: pl.concat(frames, rechunk=True) for name, frames in pending.items()}
        for frames in pending.values():
            frames.clear()
        if store is not None:
            store.append(part)
        else:
            for name, table in part.items():
                chunks[name].append(table)

    for n, batch in enumerate(batches, 1):
        for name, table in batch.tables.items():
            pending[name].append(table)
        if seconds is not None:
            for stage, s in batch.seconds.items():
                seconds[stage] = seconds.get(stage, 0.0) + s
        for where, message in batch.errors:
            log.error("%s: %s", where, message)
        if progress is not None:
            progress.advance(batch.tables["documents"].height)
        if n % consolidate_every == 0:
            consolidate()
    consolidate()
    # no final rechunk: it would hold every table twice for a moment
    return {name: pl.concat(parts, rechunk=False) if parts else to_frame([], name) for name, parts in chunks.items()}
