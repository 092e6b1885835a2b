"""The Python API: `attrib.analyze(...)` returns polars DataFrames, for notebooks and scripts."""
from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import read
from .pipeline import (CITATION_COLUMNS, DOCUMENT_COLUMNS, STATEMENT_COLUMNS, Analyzer, DocumentResult,
                       unique_ids)
from .records import Document
from .write import write_table

log = logging.getLogger("attrib")

SCHEMAS = {
    "statements": {"doc_id": pl.String, "statement_id": pl.String, "sentence_index": pl.Int64, "text": pl.String,
                   "chains": pl.String, "originals": pl.String, "n_originals": pl.Int64, "depth": pl.Int64,
                   "hedged": pl.Boolean, "claim_id": pl.String, "publisher": pl.String, "start": pl.Int64,
                   "end": pl.Int64, "paragraph": pl.Int64},
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

    def tables(self) -> dict[str, pl.DataFrame]:
        out = {"statements": self.statements, "citations": self.citations, "documents": self.documents}
        if self.claims is not None:
            out["claims"] = self.claims
        out.update(self.extra)
        return out


def _work(doc: Document) -> DocumentResult:
    # Compiled once per process: forked workers inherit the parent's compiled rules.
    return Analyzer.shared().analyze_document(doc)


def iter_results(docs: Iterable[Document], jobs: int = 1) -> Iterator[DocumentResult]:
    """Analyze documents in input order; with jobs > 1 in that many processes (same output)."""
    analyzer = Analyzer.shared()
    if jobs <= 1:
        for doc in docs:
            yield analyzer.analyze_document(doc)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_work, docs, chunksize=16)


def to_frame(rows: list[dict], name: str) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=SCHEMAS[name], orient="row") if rows else pl.DataFrame(schema=SCHEMAS[name])


def analyze(paths: str | os.PathLike | Iterable[str | os.PathLike], metadata: str | os.PathLike | None = None,
            jobs: int = 1, claims: bool = True) -> Analysis:
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
    statements, citations, documents = [], [], []
    for result in iter_results(docs, jobs):
        documents.append(result.document)
        statements.extend(result.statements)
        citations.extend(result.citations)
        if result.document["status"] == "error":
            log.error("%s: %s", result.document["path"] or result.document["doc_id"], result.document["error"])
    analysis = Analysis(statements=to_frame(statements, "statements"), citations=to_frame(citations, "citations"),
                        documents=to_frame(documents, "documents"))
    if claims:
        from .claims import group_claims
        group_claims(analysis)
    return analysis


def write_analysis(analysis: Analysis, out_dir: str | os.PathLike, fmt: str = "csv") -> list[Path]:
    return [write_table(frame, out_dir, name, fmt) for name, frame in analysis.tables().items()]


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
