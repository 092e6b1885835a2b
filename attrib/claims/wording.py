"""Wordings of one fact that share no word, brought to one: what features.py compares after it.

- A finishing place: "ran a very strong third", "came in second", "placed fourth" say what
  "finished third" says (the verbs in rules/claims.toml `placement_verbs`).
- A set of places: "won Alabama, Georgia and Tennessee" says something of that set, not of any one
  of them (grouping.conflict).
- A judgement quoted in a word: "Ryan ... called Trump's remarks ''racist''" quotes a word of what
  "'a plain case of a reckless remark,' Mr. Ryan said" quotes. The subject of a verb of
  judgement (`judgement_verbs`) is a speaker of the statement, and its quote of a word or two, held
  by the other statement's quote of that speaker, is one utterance (grouping.Features).
"""
from __future__ import annotations

from functools import lru_cache

import regex

from ..lexicon import list_words, read_toml
from .vocabulary import ClaimVocabulary, content_stem
from ..rules.cache import compile_cached

_LIST_JOIN = compile_cached(r"\s*(?:,|,?\s*and|,?\s*or)?\s*")
SCARE_WORDS = 2           # a quote of at most this many words is a fragment ("called the remarks 'racist'")
_QUOTE_WORD = compile_cached(r"\p{L}[\p{L}'’-]*")
_ORDINAL = r"(?:\L<ordinals>|\d+(?:st|nd|rd|th))(?![\p{L}\d])"
# a place, not an ordinal before a noun ("ran the first marathon"): what follows ends or places it
_PLACED = r"(?=\s*(?:[,.;:!?)—–]|$)|\s+(?:%s)(?![\p{L}]))" % list_words("placing_words")


@lru_cache(maxsize=1)
def _placement() -> regex.Pattern:
    rules = read_toml("claims.toml")
    return compile_cached(r"(?<![\p{L}'’-])(\L<verbs>)(?=(?:\s+in)?\s+(?:(?:a|an)\s+)?(?:(?!the\s)[\p{Ll}-]+\s+){0,2}?"
                         + _ORDINAL + _PLACED + ")", verbs=rules["placement_verbs"].split(), ordinals=list(rules["ordinals"]))


def placements(text: str) -> str:
    """The verb of a finishing place read as "finished" ("the senator ran a strong third")."""
    return _placement().sub("finished", text)



def quoted_words(passages: list[str], vocab: ClaimVocabulary) -> tuple[frozenset[str], frozenset[str]]:
    """(content stems of the quotes of at most SCARE_WORDS words, content stems of every quote)."""
    scare: set[str] = set()
    quoted: set[str] = set()
    for passage in passages:
        words = _QUOTE_WORD.findall(passage)
        stems = {content_stem(w.lower(), vocab) for w in words if len(w) >= 3 and w.lower() not in vocab.skip}
        quoted |= stems
        if len(words) <= SCARE_WORDS:
            scare |= stems
    return frozenset(scare), frozenset(quoted)


@lru_cache(maxsize=1)
def _judgement() -> regex.Pattern:
    verbs = sorted(_judgement_verbs())
    return compile_cached(r"(?:\S+\s+){0,10}?(?:\L<verbs>)\s+(?!(?:for|on|off|in|up|out|back)(?![\p{L}]))", verbs=verbs)


def judging_cue(text: str, blanks: list[tuple[int, int]], sources: list[tuple[int, int]]) -> bool:
    """Whether a cue that extraction found is a verb of judgement ("Lee called the budget 'reckless'")."""
    verbs = _judgement_verbs()
    return any(text[a:b].lower() in verbs for a, b in blanks if (a, b) not in sources)


@lru_cache(maxsize=1)
def _judgement_verbs() -> frozenset[str]:
    return frozenset(read_toml("claims.toml")["judgement_verbs"].split())


def decree_cue_end(text: str, blanks: list[tuple[int, int]], sources: list[tuple[int, int]]) -> int:
    """Where the first cue that is a verb of decree ends ("Oman announced three days of mourning",
    `decree_verbs`), or -1: its source does what the statement tells, it does not report it."""
    if len(blanks) <= len(sources):
        return -1
    verbs = _decree_verbs()
    return next((b for a, b in sorted(blanks) if (a, b) not in sources and text[a:b].lower() in verbs), -1)


@lru_cache(maxsize=1)
def _decree_verbs() -> frozenset[str]:
    return frozenset(read_toml("claims.toml")["decree_verbs"].split())


def judged_by(text: str, order: list[tuple[int, str]], actor: str) -> frozenset[str]:
    """{actor} when a verb of judgement follows the actor's name within a few words, else nothing;
    `order`: (position, "@name") of the names in `text`."""
    if not actor or not order or actor != min(order)[1]:
        return frozenset()
    return frozenset((actor,)) if _judgement().match(text, min(order)[0]) else frozenset()


def lists_places(text: str, found: list[tuple[int, int, str]]) -> bool:
    """Three or more places in a row, joined by commas and "and" ("Alabama, Georgia and Tennessee");
    `found`: (start, end, feature) of the places in `text`."""
    run = 1
    for (_, end, _), (start, _, _) in zip(found, found[1:]):
        run = run + 1 if _LIST_JOIN.fullmatch(text, end, start) else 1
        if run >= 3:
            return True
    return False
