"""The Python API: `attrib.analyze(...)` returns polars DataFrames, for notebooks and scripts.

It checks the inputs, hands the documents to an engine (engine_local.py or engine_dask.py),
then groups claims and builds the sources table; writing is outputs.py's.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import read
from .claims import group_claims
from .engine_dask import run_dask
from .engine_local import collect_tables, iter_batches
from .identity import resolve_identities
from .pipeline import Analyzer, release_extraction, unique_ids
from .progress import Progress, estimate_documents
from .records import Document
from .result import Analysis
from .sources import sources_table
from .store import PartStore
from .tables import EXTRACTED


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
    store = PartStore.create(parts_dir or ".", EXTRACTED) if parts_dir is not None or engine == "dask" else None
    try:
        if engine == "dask":
            run_dask(_counted(docs, progress), scheduler, store)
            tables = {}
        else:
            tables = collect_tables(iter_batches(docs, jobs), seconds=seconds, store=store, progress=progress)
        if store is not None and parts_dir is None:  # the Dask engine without parts_dir: back into memory
            tables = {name: store.scan(name).collect() for name in EXTRACTED}
            store.remove()
            store = None
    except BaseException:
        if store is not None:
            store.remove()
        raise
    if store is not None:
        tables = {name: store.scan(name) for name in EXTRACTED}
    seconds["extraction_wall"] = time.perf_counter() - started
    analysis = Analysis(statements=tables["statements"], citations=tables["citations"],
                        documents=tables["documents"], seconds=seconds, store=store,
                        inputs=[str(p) for p in paths],
                        options={"metadata": str(metadata) if metadata else None, "jobs": jobs, "claims": claims,
                                 "engine": engine, "scheduler": str(scheduler) if scheduler is not None else None})
    t0 = time.perf_counter()
    resolve_identities(analysis)   # one person named differently across documents is one source
    seconds["identity"] = time.perf_counter() - t0
    if claims:
        release_extraction()
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
