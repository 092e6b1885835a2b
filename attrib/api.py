"""The Python API: `attrib.analyze(...)` returns polars DataFrames, for notebooks and scripts."""
from __future__ import annotations

import json
import logging
import os
import signal
import time
from collections.abc import Iterable, Iterator
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import read
from .pipeline import CITATION_COLUMNS, DOCUMENT_COLUMNS, STATEMENT_COLUMNS, Analyzer, unique_ids
from .records import Document
from .store import PartStore
from .write import write_table

log = logging.getLogger("attrib")

SCHEMAS = {
    "statements": {"doc_id": pl.String, "statement_id": pl.String, "sentence_index": pl.Int64, "text": pl.String,
                   "chains": pl.String, "originals": pl.String, "n_originals": pl.Int64, "depth": pl.Int64,
                   "hedged": pl.Boolean, "claim_id": pl.String, "publisher": pl.String, "start": pl.Int64,
                   "end": pl.Int64, "paragraph": pl.Int64, "also_claims": pl.String},
    "citations": {"doc_id": pl.String, "statement_id": pl.String, "path": pl.Int64, "hop": pl.Int64,
                  "citing": pl.String, "cited": pl.String, "cited_kind": pl.String, "cited_text": pl.String,
                  "source_start": pl.Int64, "source_end": pl.Int64, "cue": pl.String, "cue_start": pl.Int64,
                  "cue_end": pl.Int64, "rule_id": pl.String, "hedge": pl.String, "source_id": pl.String},
    "documents": {"doc_id": pl.String, "path": pl.String, "publisher": pl.String, "n_sentences": pl.Int64,
                  "n_statements": pl.Int64, "n_attributed": pl.Int64, "status": pl.String, "error": pl.String},
}
assert tuple(SCHEMAS["statements"]) == STATEMENT_COLUMNS
assert tuple(SCHEMAS["citations"]) == CITATION_COLUMNS
assert tuple(SCHEMAS["documents"]) == DOCUMENT_COLUMNS


@dataclass
class Analysis:
    """The tables of one run. Every frame has the columns documented in the README.

    A run with `parts_dir` keeps statements, citations and documents on disk as Parquet
    parts: those three are then LazyFrames (`.collect()` one, or select what you need
    first); `scan(name)` gives a LazyFrame either way. `close()` (or leaving a `with`
    block) removes the parts; so does the end of the Python process.
    """

    statements: pl.DataFrame | pl.LazyFrame
    citations: pl.DataFrame | pl.LazyFrame
    documents: pl.DataFrame | pl.LazyFrame
    claims: pl.DataFrame | None = None
    extra: dict[str, pl.DataFrame] = field(default_factory=dict)
    # per stage: read, split, match, resolve_chains are CPU seconds summed over processes;
    # extraction_wall, claims (and the CLI's write, graphs) are wall-clock seconds
    seconds: dict[str, float] = field(default_factory=dict)
    store: PartStore | None = None

    def tables(self) -> dict[str, pl.DataFrame | pl.LazyFrame]:
        out = {"statements": self.statements, "citations": self.citations, "documents": self.documents}
        if self.claims is not None:
            out["claims"] = self.claims
        out.update(self.extra)
        return out

    def scan(self, name: str) -> pl.LazyFrame:
        return self.tables()[name].lazy()

    def height(self, name: str) -> int:
        frame = self.tables()[name]
        return frame.height if isinstance(frame, pl.DataFrame) else frame.select(pl.len()).collect().item()

    def parts(self, **columns: list[str]) -> Iterator[dict[str, pl.DataFrame]]:
        """The named tables a part at a time (one part when they are in memory), each with the given
        columns: `parts(statements=["text"], citations=["statement_id"])`. A statement's citations
        are in the same part."""
        if self.store is not None:
            for i in range(self.store.count):
                yield {name: self.store.read(name, i, cols) for name, cols in columns.items()}
        else:
            yield {name: self.scan(name).select(cols).collect() for name, cols in columns.items()}

    def set_statement_columns(self, columns: pl.DataFrame) -> None:
        """Replace columns of the statements table by these (one row per statement, in order)."""
        n = self.height("statements")
        if columns.height != n:
            raise ValueError(f"{columns.height} rows of columns for {n} statements")
        if self.store is None:
            self.statements = self.statements.lazy().with_columns(columns.get_columns()).collect()
            return
        offset = 0
        for i in range(self.store.count):
            part = self.store.read("statements", i)
            self.store.rewrite("statements", i, part.with_columns(columns.slice(offset, part.height).get_columns()))
            offset += part.height
        self.statements = self.store.scan("statements")

    def close(self) -> None:
        """Remove the Parquet parts of a run with `parts_dir` (its tables cannot be read after this)."""
        if self.store is not None:
            self.store.remove()

    def __enter__(self) -> "Analysis":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


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
                   seconds: dict[str, float] | None = None, store: PartStore | None = None
                   ) -> dict[str, pl.DataFrame]:
    """Gather the batches' frames, every `consolidate_every` batches into one chunk: appended to
    `store` as a part when there is one (nothing is kept in memory), else concatenated in memory."""
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
        if n % consolidate_every == 0:
            consolidate()
    consolidate()
    # no final rechunk: it would hold every table twice for a moment
    return {name: pl.concat(parts, rechunk=False) if parts else to_frame([], name) for name, parts in chunks.items()}


def analyze(paths: str | os.PathLike | Iterable[str | os.PathLike], metadata: str | os.PathLike | None = None,
            jobs: int = 1, claims: bool = True, engine: str = "local", scheduler: str | object | None = None,
            parts_dir: str | os.PathLike | None = None) -> Analysis:
    """Analyze articles from files, folders or tables and return the tables as DataFrames.

    With `parts_dir` (a folder; the Dask engine needs one its workers can write to), the
    statements, citations and documents stay on disk as Parquet parts and come back as
    LazyFrames, so that memory does not grow with the corpus (see `Analysis`).

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
    docs = unique_ids(read.read_documents(paths, meta))
    seconds: dict[str, float] = {}
    docs = _timed(docs, seconds, "read")
    started = time.perf_counter()
    store = PartStore.create(parts_dir or ".", SCHEMAS) if parts_dir is not None or engine == "dask" else None
    try:
        if engine == "dask":
            from .engine_dask import run_dask
            run_dask(docs, scheduler, store)
            tables = {}
        else:
            tables = collect_tables(iter_batches(docs, jobs), seconds=seconds, store=store)
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
                        documents=tables["documents"], seconds=seconds, store=store)
    if claims:
        from .claims import group_claims
        from .graph import sources_table
        t0 = time.perf_counter()
        try:
            group_claims(analysis, jobs=jobs)
            analysis.extra["sources"] = sources_table(analysis.statements, analysis.citations)
        except BaseException:
            analysis.close()
            raise
        seconds["claims"] = time.perf_counter() - t0
    return analysis


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


def write_analysis(analysis: Analysis, out_dir: str | os.PathLike, fmt: str = "csv") -> list[Path]:
    return [write_table(frame, out_dir, name, fmt) for name, frame in analysis.tables().items()]


def write_run_record(analysis: Analysis, out_dir: str | os.PathLike, **options) -> Path:
    """DIR/run.json: what was run and how long each stage took (timings differ between runs; the tables do not)."""
    from . import __version__
    counts = statement_counts(analysis)
    record = {"attrib_version": __version__, "options": {k: v for k, v in options.items()},
              "documents": analysis.height("documents"), "statements": counts["statements"],
              "citations": analysis.height("citations"), "bytes_of_text": counts["bytes_of_text"],
              "seconds": {k: round(v, 4) for k, v in analysis.seconds.items()},
              "cpu_seconds": _cpu_seconds()}
    path = Path(out_dir) / "run.json"
    path.write_text(json.dumps(record, indent=1, default=str) + "\n", encoding="utf-8")
    return path


def _cpu_seconds() -> dict[str, float]:
    """CPU time of this process and of its finished child processes (extraction workers, and Graphviz
    when it drew graphs), on Unix; for the benchmark."""
    try:
        import resource
    except ImportError:  # not on Windows
        return {}
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"main": round(own.ru_utime + own.ru_stime, 2), "workers": round(children.ru_utime + children.ru_stime, 2)}


def statement_counts(analysis: Analysis) -> dict[str, int]:
    """Statements, attributed statements and bytes of sentence text, read lazily."""
    row = analysis.scan("statements").select(
        pl.len().alias("statements"), (pl.col("chains") != "").sum().alias("attributed"),
        pl.col("text").str.len_bytes().sum().alias("bytes_of_text")).collect(engine="streaming").row(0, named=True)
    return {k: int(v or 0) for k, v in row.items()}


def summary(analysis: Analysis, top: int = 10) -> str:
    docs = analysis.scan("documents").select("status").collect()
    counts = statement_counts(analysis)
    n_err = docs.filter(pl.col("status") == "error").height
    n_st, n_att = counts["statements"], counts["attributed"]
    share = n_att / n_st if n_st else 0.0
    lines = [f"documents: {docs.height} ({n_err} with errors)",
             f"statements: {n_st}, attributed: {n_att} ({share:.0%})"]
    if analysis.claims is not None:
        lines.append(f"claims: {analysis.claims.height}")
    cited = (analysis.scan("citations").group_by("cited", maintain_order=True).len()
             .sort("len", descending=True, maintain_order=True).head(top).collect())
    if cited.height:
        lines.append("top cited sources: " + ", ".join(f"{name} ({n})" for name, n in cited.iter_rows()))
    return "\n".join(lines)
