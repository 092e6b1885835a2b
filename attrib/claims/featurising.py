"""Features of every distinct statement ("item"), a chunk at a time, in worker processes when there are many.

The items' texts are turned into Python strings a chunk at a time and the workers' results are
consumed as they come (at most two chunks per worker ahead): memory holds a few chunks, not the corpus.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import polars as pl

from .features import StatementFeatures, statement_features
from .items import parse_blanks
from .vocabulary import stem, vocabulary

PARALLEL_ITEMS = 20_000   # featurise in worker processes from this many items on
FEATURISE_CHUNK = 4_000   # ... this many at a time, at most two chunks per worker ahead of the consumer


_COMMON: frozenset[str] = frozenset()


def _common(word: str) -> bool:
    return stem(word) in _COMMON


def _featurise_chunk(rows: list[tuple[str, str]]) -> list[StatementFeatures]:
    vocab = vocabulary()
    common = _common
    out = []
    for text, key in rows:
        spans, sources = parse_blanks(key)
        out.append(statement_features(text, spans, vocab, sources, common))
    return out


def _chunk(rows: Sequence[tuple[str, str]] | pl.DataFrame, start: int, end: int) -> list[tuple[str, str]]:
    """Rows start..end as (text, blank key): of a list, or of a frame's "text" and "blanks" columns
    (its Python strings made a chunk at a time, never all at once)."""
    if isinstance(rows, pl.DataFrame):
        part = rows.slice(start, end - start)
        return list(zip(part["text"].to_list(), part["blanks"].to_list()))
    return list(rows[start:end])


def featurise(rows: Sequence[tuple[str, str]] | pl.DataFrame, common: frozenset[str],
              jobs: int = 1) -> Iterator[StatementFeatures]:
    """Features of every item in order, a chunk at a time, in worker processes when there are many
    (same result)."""
    global _COMMON
    _COMMON = common
    n = rows.height if isinstance(rows, pl.DataFrame) else len(rows)
    if jobs <= 1 or n < PARALLEL_ITEMS:
        for i in range(0, n, FEATURISE_CHUNK):
            yield from _featurise_chunk(_chunk(rows, i, i + FEATURISE_CHUNK))
        return
    size = max(1_000, min(FEATURISE_CHUNK, n // (jobs * 8)))
    vocabulary()  # built before the fork, inherited by the workers
    # a sliding window of chunks: results the consumer has not reached yet are not all held at once
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[list[StatementFeatures]]] = deque()
        for i in range(0, n, size):
            pending.append(pool.submit(_featurise_chunk, _chunk(rows, i, i + size)))
            if len(pending) > 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
