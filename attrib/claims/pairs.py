"""Score the candidate pairs of the blocks, in one process or split over `jobs` forked processes.

Scoring is the largest part of the claims stage that is not featurising. Every pair goes to one
shard by its ids ((a + b) % shards): each process scores its share of every block and returns the
pairs it keeps; the features are read from the parent's memory, inherited at the fork (frozen for
the collector first, so that reading them does not copy their pages). The same pairs with the same
values come back whatever the number of processes: a pair's similarity depends on its two items alone.
"""
from __future__ import annotations

import gc
from array import array
from concurrent.futures import ProcessPoolExecutor
from collections.abc import Sequence
from multiprocessing import get_context
from typing import Protocol

from .linkage import CONFLICT, KEEP


class Features(Protocol):
    """What scoring reads of grouping.Features (not imported: grouping imports this module)."""
    items: Sequence[object]

    def similarity(self, a: int, b: int) -> float: ...

PARALLEL_PAIRS = 20_000   # items from which the pairs are scored in `jobs` processes

_SHARED: tuple[Features, list[list[int]]] | None = None   # what the forked workers read


def score_blocks(features: Features, blocks: list[list[int]], shard: int = 0, shards: int = 1
                 ) -> dict[tuple[int, int], float]:
    """The pairs (a, b), a < b, of each block (items in increasing order) whose similarity is KEEP or
    more or a conflict; with `shards`, only those with (a + b) % shards == shard."""
    similarity = features.similarity
    pair_sim: dict[tuple[int, int], float] = {}
    for members in blocks:
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:]:
                if (shards == 1 or (a + b) % shards == shard) and (a, b) not in pair_sim:
                    # a weak pair is compared again under each key it shares (only strong ones are kept)
                    value = similarity(a, b)
                    if value >= KEEP or value == CONFLICT:
                        pair_sim[(a, b)] = value
    return pair_sim


def _score_shard(shard: int, shards: int) -> tuple[array, array, array]:
    """In a worker: its shard's kept pairs as flat arrays (cheap to send back)."""
    assert _SHARED is not None
    kept = score_blocks(*_SHARED, shard, shards)
    return array("q", [a for a, _ in kept]), array("q", [b for _, b in kept]), array("d", kept.values())


def score_pairs(features: Features, blocks: list[list[int]], jobs: int = 1) -> dict[tuple[int, int], float]:
    """The kept pairs of the blocks (score_blocks), in `jobs` processes from PARALLEL_PAIRS items on."""
    if jobs > 1 and len(features.items) >= PARALLEL_PAIRS:
        return score_in_processes(features, blocks, jobs)
    return score_blocks(features, blocks)


def score_in_processes(features: Features, blocks: list[list[int]], jobs: int) -> dict[tuple[int, int], float]:
    """score_blocks split over `jobs` processes: this one scores shard 0 while jobs - 1 forked workers
    score the others."""
    global _SHARED
    _SHARED = (features, blocks)
    gc.freeze()   # the workers' collections then leave the inherited objects (and their pages) alone
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=get_context("fork")) as pool:
            futures = [pool.submit(_score_shard, shard, jobs) for shard in range(1, jobs)]
            pair_sim = score_blocks(features, blocks, 0, jobs)
            for future in futures:
                a, b, value = future.result()
                pair_sim.update(zip(zip(a, b), value))
    finally:
        _SHARED = None
        gc.unfreeze()
    return pair_sim
