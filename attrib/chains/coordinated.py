"""'They' after sources that shared one cue stands for all of them (stage 5, pronouns).

"Private companies and ordinary traders say they have yet to profit. Russia is interfering, they say" -> the
second sentence has a path for each: the companies, and the traders. The first sentence was split into one frame
per source (`chains._split_coordinated`), so its sources are mentions of one sentence sharing one cue.
"""
from __future__ import annotations

from typing import Protocol

from ..records import Hop
from ..resolve import Resolved


class _Mention(Protocol):
    sentence: int
    resolved: Resolved
    position: int
    is_source: bool
    path: list[Hop]


def coordinated_siblings(mentions: list[_Mention], source_id: str, position: int) -> list[_Mention]:
    """The other sources that shared the cue of the latest mention of source_id before position."""
    found = next((m for m in reversed(mentions) if m.is_source and m.position < position and m.path
                  and m.path[-1].source_id == source_id), None)
    if found is None or found.path[-1].cue_start is None:
        return []
    head = [h.source_id for h in found.path[:-1]]
    return [m for m in mentions if m is not found and m.is_source and m.sentence == found.sentence and m.path
            and m.path[-1].cue_start == found.path[-1].cue_start and m.path[-1].source_id != source_id
            and [h.source_id for h in m.path[:-1]] == head]


def with_siblings(paths: list[list[Hop]], siblings: dict[int, list[Hop]]) -> list[list[Hop]]:
    """Each path through a plural pronoun that stood for one of several coordinated sources, repeated for the
    others (`siblings`: the pronoun's start -> a hop for each other source, named by the pronoun)."""
    out: list[list[Hop]] = []
    for p in paths:
        out.append(p)
        for i, hop in enumerate(p):
            for other in siblings.get(hop.source_start if hop.source_start is not None else -1, []):
                out.append([*p[:i], other, *p[i + 1:]])
    return out
