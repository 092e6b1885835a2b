"""Which way a statement moves its subject: up, down, or neither.

Daily market reports print one frame every day ("Of the index's 14 groups, 11 rose, led by banks")
with the day's direction; the same figures and the same subject meet as one claim unless the
direction counts. The opposite words are pairs in rules/claims.toml (`directions`), folded into their
synonym sets, so a statement's direction is read from its content features alone.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import read_toml
from .vocabulary import content_stem, vocabulary

UP, DOWN, NEITHER = 1, -1, 0


@lru_cache(maxsize=1)
def direction_stems() -> tuple[frozenset[str], frozenset[str]]:
    """(stems of the up words, stems of the down words) of claims.toml's `directions` pairs."""
    vocab = vocabulary()
    pairs = [pair.split() for pair in read_toml("claims.toml")["directions"]]
    up = frozenset(content_stem(a.lower(), vocab) for a, _ in pairs)
    down = frozenset(content_stem(b.lower(), vocab) for _, b in pairs)
    return up - down, down - up     # a stem on both sides says nothing


def direction(words: frozenset[str]) -> int:
    """UP or DOWN when a statement's features move one way only; NEITHER when none or both ("evenly
    split between rising and falling groups")."""
    up, down = direction_stems()
    rises, falls = not up.isdisjoint(words), not down.isdisjoint(words)
    return UP if rises and not falls else DOWN if falls and not rises else NEITHER


def opposite(a: int, b: int) -> bool:
    """Whether two directions are opposite (one up, the other down)."""
    return a * b < 0
