"""Claims from compared pairs: average linkage with conflicts as cannot-links, then restatements."""
from __future__ import annotations

from collections.abc import Callable

THRESHOLD = 0.40          # similarity at or above which two statements assert the same fact
STRONG = 0.80             # a statement alone this close to one member of a claim joins it (a restatement)
CONFLICT = -1.0           # the similarity recorded for a pair that cannot be one claim
KEEP = 0.20               # pairs below this similarity are not kept (they count as 0 in averages)


def average_link(n: int, pair_sim: dict[tuple[int, int], float], weight: list[int],
                 restates: Callable[[int, int], bool] | None = None) -> list[int]:
    """Average-linkage clustering over the compared pairs (pairs never compared count as 0; a
    conflicting pair forbids the merge).

    Unlike single linkage, a statement that touches two facts cannot chain two claims together. Then
    a statement still alone that says what one member says, nearly word for word (STRONG), joins
    however the claim's other members word it ("We need to make the valley green" and "Moreno said the
    aim was ... to 'make the valley green again'"): it restates that member (and `restates(a, b)`
    says they share enough words for that; a word and a speaker are not enough).
    An item stands for `weight` identical statements (similarity 1 among themselves).
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    cluster = list(range(n))
    for a, b in _closest_first(pair_sim, THRESHOLD):
        ca, cb = cluster[a], cluster[b]
        if ca == cb:
            continue
        ma, mb = members[ca], members[cb]
        total = 0.0
        blocked = False
        for x in ma:
            for y in mb:
                value = pair_sim.get((x, y) if x < y else (y, x), 0.0)
                if value == CONFLICT:
                    blocked = True
                    break
                total += weight[x] * weight[y] * value
            if blocked:
                break
        if blocked or total / (sum(weight[x] for x in ma) * sum(weight[y] for y in mb)) < THRESHOLD:
            continue
        keep, drop = (ca, cb) if ca < cb else (cb, ca)
        for i in members[drop]:
            cluster[i] = keep
        members[keep] = members[keep] + members.pop(drop)
    return _restatements(pair_sim, cluster, members, restates or (lambda a, b: True))


def _closest_first(pair_sim: dict[tuple[int, int], float], least: float) -> list[tuple[int, int]]:
    """The pairs of similarity `least` or more, the closest first, ties in pair order. Sorted as keys
    with the dict's own floats: no (similarity, pair) tuple per pair, whose list was the peak of memory."""
    pairs = sorted(k for k, v in pair_sim.items() if v >= least)
    pairs.sort(key=pair_sim.__getitem__, reverse=True)   # stable: ties stay in pair order
    return pairs


def _restatements(pair_sim: dict[tuple[int, int], float], cluster: list[int], members: dict[int, list[int]],
                  restates: Callable[[int, int], bool]) -> list[int]:
    """A statement left alone by average linkage joins the claim of the member it restates (STRONG),
    unless it conflicts with one of that claim's members; the closest pairs first."""
    alone = {c for c, m in members.items() if len(m) == 1}
    for a, b in _closest_first(pair_sim, STRONG):
        for x, y in ((a, b), (b, a)):
            cx, cy = cluster[x], cluster[y]
            if cx not in alone or cy in alone or cx == cy or not restates(a, b):
                continue
            if all(pair_sim.get((x, m) if x < m else (m, x), 0.0) != CONFLICT for m in members[cy]):
                alone.discard(cx)
                cluster[x] = cy
                members[cy].append(x)
                del members[cx]
                break
    return cluster
