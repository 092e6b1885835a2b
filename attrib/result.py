"""The result of a run: `Analysis` (its tables are declared in tables.py), and counts read from them.

Its own module so that the stages after extraction (claims, graphs, report, writing)
can take an `Analysis` without importing the API that runs the extraction.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import polars as pl

from .store import PartStore
from .tables import attributed


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
    inputs: list[str] = field(default_factory=list)        # the paths analyzed, as given
    options: dict[str, object] = field(default_factory=dict)  # how they were analyzed, for run.json

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

    def set_citations(self, change: Callable[[pl.DataFrame], pl.DataFrame]) -> None:
        """Replace the citations table by `change` of it (in memory), or of each part (on disk); `change` keeps
        the rows and columns, in order."""
        if self.store is None:
            self.citations = change(self.citations.lazy().collect())
            return
        for i in range(self.store.count):
            self.store.rewrite("citations", i, change(self.store.read("citations", i)))
        self.citations = self.store.scan("citations")

    def close(self) -> None:
        """Remove the Parquet parts of a run with `parts_dir` (its tables cannot be read after this)."""
        if self.store is not None:
            self.store.remove()

    def __enter__(self) -> "Analysis":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def statement_counts(analysis: Analysis) -> dict[str, int]:
    """Statements, attributed statements and bytes of sentence text, read lazily."""
    row = analysis.scan("statements").select(
        pl.len().alias("statements"), attributed().sum().alias("attributed"),
        pl.col("text").str.len_bytes().sum().alias("bytes_of_text")).collect(engine="streaming").row(0, named=True)
    return {k: int(v or 0) for k, v in row.items()}
