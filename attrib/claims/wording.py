"""Wordings of one fact that share no word, brought to one: what features.py compares after it.

- A finishing place: "ran a very strong third", "came in second", "placed fourth" say what
  "finished third" says (the verbs in rules/claims.toml `placement_verbs`).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..lexicon import read_toml

_ORDINAL = r"(?:\L<ordinals>|\d+(?:st|nd|rd|th))(?![\p{L}\d])"
# a place, not an ordinal before a noun ("ran the first marathon"): what follows ends or places it
_PLACED = r"(?=\s*(?:[,.;:!?)—–]|$)|\s+(?:in|behind|with|place|among|at|on|after|to|overall|and|but|of|for)(?![\p{L}]))"


@lru_cache(maxsize=1)
def _placement() -> regex.Pattern:
    rules = read_toml("claims.toml")
    return regex.compile(r"(?<![\p{L}'’-])(\L<verbs>)(?=(?:\s+in)?\s+(?:(?:a|an)\s+)?(?:(?!the\s)[\p{Ll}-]+\s+){0,2}?"
                         + _ORDINAL + _PLACED + ")", verbs=rules["placement_verbs"].split(), ordinals=list(rules["ordinals"]))


def placements(text: str) -> str:
    """The verb of a finishing place read as "finished" ("the senator ran a strong third")."""
    return _placement().sub("finished", text)

