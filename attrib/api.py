"""The Python API: `attrib.analyze(...)` returns polars DataFrames, for notebooks and scripts."""
from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import read
from .pipeline import CITATION_COLUMNS, DOCUMENT_COLUMNS, STATEMENT_COLUMNS, Analyzer, unique_ids
from .records import Document
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
    """The tables of one run. Every frame has the columns documented in the README."""

    statements: pl.DataFrame
    citations: pl.DataFrame
    documents: pl.DataFrame
    claims: pl.DataFrame | None = None
    extra: dict[str, pl.DataFrame] = field(default_factory=dict)
    # per stage: read, split, match, resolve_chains are CPU seconds summed over processes;
    # extraction_wall, claims (and the CLI's write, graphs) are wall-clock seconds
    seconds: dict[str, float] = field(default_factory=dict)

    def tables(self) -> dict[str, pl.DataFrame]:
        out = {"statements": self.statements, "citations": self.citations, "documents": self.documents}
        if self.claims is not None:
            out["claims"] = self.claims
        out.update(self.extra)
        return out


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

    Input is read a window at a time (jobs x 4 batches), so memory does not grow with
    the corpus in this stage.
    """
    Analyzer.shared()  # compiled here, before the fork, so that every worker inherits it
    if jobs <= 1:
        for batch in _batches(docs, batch_size):
            yield analyze_batch(batch)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for window in _batches(_batches(docs, batch_size), jobs * 4):
            yield from pool.map(analyze_batch, window)


def to_frame(rows: list[dict], name: str) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMAS[name], orient="row") if rows else pl.DataFrame(schema=SCHEMAS[name])


def collect_tables(batches: Iterable[BatchResult], consolidate_every: int = 64,
                   seconds: dict[str, float] | None = None) -> dict[str, pl.DataFrame]:
    """Concatenate the batches' frames, consolidating every `consolidate_every` batches into one chunk."""
    pending: dict[str, list[pl.DataFrame]] = {name: [] for name in SCHEMAS}
    chunks: dict[str, list[pl.DataFrame]] = {name: [] for name in SCHEMAS}

    def consolidate() -> None:
        for name, frames in pending.items():
            if frames:
                chunks[name].append(pl.concat(frames, rechunk=True))
                frames.clear()

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

    >>> result = attrib.analyze("fixtures/seeds")          # doctest: +SKIP
    >>> result.statements.filter(pl.col("depth") > 1)     # doctest: +SKIP
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    read.check_paths(paths)
    meta = read.load_metadata(metadata) if metadata else None
    docs = unique_ids(read.read_documents(paths, meta))
    seconds: dict[str, float] = {}
    docs = _timed(docs, seconds, "read")
    started = time.perf_counter()
    if engine == "dask":
        from .engine_dask import run_dask
        if scheduler is None:
            raise read.InputError("--engine dask needs --scheduler ADDRESS")
        tables = run_dask(docs, scheduler, parts_dir or Path(".attrib-parts"))
    elif engine == "local":
        tables = collect_tables(iter_batches(docs, jobs), seconds=seconds)
    else:
        raise read.InputError(f"unknown engine {engine!r} (local or dask)")
    seconds["extraction_wall"] = time.perf_counter() - started
    analysis = Analysis(statements=tables["statements"], citations=tables["citations"],
                        documents=tables["documents"], seconds=seconds)
    if claims:
        from .claims import group_claims
        t0 = time.perf_counter()
        group_claims(analysis)
        from .graph import sources_table
        analysis.extra["sources"] = sources_table(analysis.statements, analysis.citations)
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
    record = {"attrib_version": __version__, "options": {k: v for k, v in options.items()},
              "documents": analysis.documents.height, "statements": analysis.statements.height,
              "citations": analysis.citations.height,
              "bytes_of_text": int(analysis.statements["text"].str.len_bytes().sum() or 0),
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


def summary(analysis: Analysis, top: int = 10) -> str:
    docs = analysis.documents
    st = analysis.statements
    n_err = docs.filter(pl.col("status") == "error").height
    n_att = st.filter(pl.col("chains") != "").height
    share = n_att / st.height if st.height else 0.0
    lines = [f"documents: {docs.height} ({n_err} with errors)",
             f"statements: {st.height}, attributed: {n_att} ({share:.0%})"]
    if analysis.claims is not None:
        lines.append(f"claims: {analysis.claims.height}")
    if analysis.citations.height:
        counts = Counter(analysis.citations["cited"].to_list())
        lines.append("top cited sources: " + ", ".join(f"{name} ({n})" for name, n in counts.most_common(top)))
    return "\n".join(lines)
