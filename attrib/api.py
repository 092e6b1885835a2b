"""The Python API: `attrib.analyze(...)` returns polars DataFrames, for notebooks and scripts."""
from __future__ import annotations

import logging
import os
import signal
import time
from collections.abc import Iterable, Iterator
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import read
from .claims import group_claims
from .pipeline import Analyzer, unique_ids
from .progress import Progress, estimate_documents
from .records import Document
from .result import SCHEMAS, Analysis
from .sources import sources_table
from .store import PartStore

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


def _batches(items: Iterable, size: int) -> Iterator[list]:
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
    Analyzer.shared()  # compiled here, before the fork, so that every worker inherits it
    if jobs <= 1:
        for batch in _batches(docs, batch_size):
            yield analyze_batch(batch)
        return
    # workers take the default SIGTERM: the pool stops them with it when one of them dies
    with ProcessPoolExecutor(max_workers=jobs, initializer=signal.signal,
                             initargs=(signal.SIGTERM, signal.SIG_DFL)) as pool:
        # a sliding window: a new batch goes out as soon as the oldest comes back, so no worker
        # waits for the slowest batch of a window (results still come back in input order)
        in_flight: deque[Future[BatchResult]] = deque()
        try:
            for batch in _batches(docs, batch_size):
                in_flight.append(pool.submit(analyze_batch, batch))
                if len(in_flight) >= jobs * 4:
                    yield in_flight.popleft().result()
            while in_flight:
                yield in_flight.popleft().result()
        finally:  # stopped early (an error, Ctrl-C): drop the batches not started
            for future in in_flight:
                future.cancel()


def to_frame(rows: list[dict], name: str) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMAS[name], orient="row") if rows else pl.DataFrame(schema=SCHEMAS[name])


def collect_tables(batches: Iterable[BatchResult], consolidate_every: int = 64,
                   seconds: dict[str, float] | None = None, store: PartStore | None = None,
                   progress: Progress | None = None) -> dict[str, pl.DataFrame]:
    """Gather the batches' frames, every `consolidate_every` batches into one chunk: appended to
    `store` as a part when there is one (nothing is kept in memory), else concatenated in memory.
    `progress` counts the documents done."""
    pending: dict[str, list[pl.DataFrame]] = {name: [] for name in SCHEMAS}
    chunks: dict[str, list[pl.DataFrame]] = {name: [] for name in SCHEMAS}

    def consolidate() -> None:
        if not pending["documents"]:
            return
        part = {name: pl.concat(frames, rechunk=True) for name, frames in pending.items()}
        for frames in pending.values():
            frames.clear()
        if store is not None:
            store.append(part)
        else:
            for name, frame in part.items():
                chunks[name].append(frame)

    for n, batch in enumerate(batches, 1):
        for name, frame in batch.tables.items():
            pending[name].append(frame)
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


def analyze(paths: str | os.PathLike | Iterable[str | os.PathLike], metadata: str | os.PathLike | None = None,
            jobs: int = 1, claims: bool = True, engine: str = "local", scheduler: str | object | None = None,
            parts_dir: str | os.PathLike | None = None, progress: Progress | None = None,
            text_column: str = "", id_column: str = "") -> Analysis:
    """Analyze articles from files, folders or tables and return the tables as DataFrames.

    With `parts_dir` (a folder; the Dask engine needs one its workers can write to), the
    statements, citations and documents stay on disk as Parquet parts and come back as
    LazyFrames, so that memory does not grow with the corpus (see `Analysis`). `progress`
    (see progress.py) is told the stages and the documents done. `text_column` and `id_column`
    name a table's text and id columns where they are not among the usual names.

    >>> result = attrib.analyze("fixtures/seeds")          # doctest: +SKIP
    >>> result.statements.filter(pl.col("depth") > 1)     # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    read.check_paths(paths)
    if engine not in ("local", "dask"):
        raise read.InputError(f"unknown engine {engine!r} (local or dask)")
    if engine == "dask" and scheduler is None:
        raise read.InputError("--engine dask needs --scheduler ADDRESS")
    meta = read.load_metadata(metadata) if metadata else None
    docs = unique_ids(read.read_documents(paths, meta, text_column=text_column, id_column=id_column))
    seconds: dict[str, float] = {}
    docs = _timed(docs, seconds, "read")
    progress = progress or Progress(enabled=False)
    started = time.perf_counter()   # extraction_wall: the rules' compilation included, as before
    if engine == "local":
        progress.stage("loading the rules")
        Analyzer.shared()  # compiled once, before the workers fork (a few seconds)
    progress.stage("extracting", estimate_documents(read.iter_input_files(paths)) if progress.enabled else None,
                   "documents")
    store = PartStore.create(parts_dir or ".", SCHEMAS) if parts_dir is not None or engine == "dask" else None
    try:
        if engine == "dask":
            from .engine_dask import run_dask
            run_dask(_counted(docs, progress), scheduler, store)
            tables = {}
        else:
            tables = collect_tables(iter_batches(docs, jobs), seconds=seconds, store=store, progress=progress)
        if store is not None and parts_dir is None:  # the Dask engine without parts_dir: back into memory
            tables = {name: store.scan(name).collect() for name in SCHEMAS}
            store.remove()
            store = None
    except BaseException:
        if store is not None:
            store.remove()
        raise
    if store is not None:
        tables = {name: store.scan(name) for name in SCHEMAS}
    seconds["extraction_wall"] = time.perf_counter() - started
    analysis = Analysis(statements=tables["statements"], citations=tables["citations"],
                        documents=tables["documents"], seconds=seconds, store=store,
                        inputs=[str(p) for p in paths],
                        options={"metadata": str(metadata) if metadata else None, "jobs": jobs, "claims": claims,
                                 "engine": engine, "scheduler": str(scheduler) if scheduler is not None else None})
    if claims:
        progress.stage("grouping claims")
        t0 = time.perf_counter()
        try:
            group_claims(analysis, jobs=jobs)
            analysis.extra["sources"] = sources_table(analysis.statements, analysis.citations)
        except BaseException:
            analysis.close()
            raise
        seconds["claims"] = time.perf_counter() - t0
    return analysis


def _counted(docs: Iterable[Document], progress: Progress) -> Iterator[Document]:
    """The documents, each counted as done when read (the Dask engine reports no batches back)."""
    for doc in docs:
        yield doc
        progress.advance()


def _timed(items: Iterable, seconds: dict[str, float], stage: str) -> Iterator:
    """Yield from an iterator, adding the time spent producing items to seconds[stage]."""
    iterator = iter(items)
    while True:
        t0 = time.process_time()
        try:
            item = next(iterator)
        except StopIteration:
            seconds[stage] = seconds.get(stage, 0.0) + time.process_time() - t0
            return
        seconds[stage] = seconds.get(stage, 0.0) + time.process_time() - t0
        yield item
