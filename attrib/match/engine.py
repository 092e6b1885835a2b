"""One rule on one sentence: where the rule is tried, and within what time.

Where: a rule without anchors runs over the whole sentence (finditer); an anchored rule is
tried only at its anchor words (found by the document's scan, `attrib.match.ruleset`): where one
ends (`anchor_words`: read right to left from there) or where one begins (`anchor_starts`).

Time: a rule has a budget of CPU seconds per sentence (`MATCH_BUDGET`, of this thread); past
it, the rule keeps the matches it had found within the budget. CPU time, not wall time, so that
a machine busy with other work gives the same output as an idle one. The `regex` engine only
knows wall-clock timeouts: each call gets a generous one as a safety net (twice the budget), and
when it fires before the budget is spent (the machine was busy), the rule is tried again from
the start with twice the time, only the CPU time of that attempt counting.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import regex

from .loader import FRAME, Rule
from ..rules.cache import compile_cached

MATCH_BUDGET = 0.25  # CPU seconds per rule and sentence; past it, the rule keeps what it found within it
_FIRST_WALL = 2.0    # the first attempt's wall-clock timeout per regex call, in budgets
_LAST_WALL = 64.0    # no attempt beyond this many budgets: the rule stops with what it found

Hit = tuple[int, int, str]  # start, end and lower-cased text of a word some rule looks for
Clock = Callable[[], float]
# a word is a run of [\w'’-], or one of ':' '―' '—' '–' '(' on its own
WORD = compile_cached(r"[\w'’-]+|[:―—–(]")
_PREVIOUS_WORD = compile_cached(r"(?r)[\w'’-]+|[:―—–(]")  # searched right to left: the word before a position


def scan(keys: frozenset[str], text: str) -> list[Hit]:
    """The words of `text` that are in `keys`, in order: one pass of the word pattern over the
    text, keeping only the few words some rule looks for. The text is lower-cased once where that
    keeps every character one character (it does not change which characters make a word)."""
    low = text.lower()
    if len(low) == len(text):
        return [(m.start(), m.end(), word) for m in WORD.finditer(low) if (word := m.group()) in keys]
    return [(m.start(), m.end(), word) for m in WORD.finditer(text) if (word := m.group().lower()) in keys]


class RuleTimeout(TimeoutError):
    """A rule ran out of time on a sentence; `found` holds the matches it had found within its budget."""

    def __init__(self, found: list[regex.Match]) -> None:
        super().__init__("rule timed out")
        self.found = found


class _Spent(Exception):
    """The budget is spent (raised between two regex calls)."""


def _anchor_spans(rule: Rule, text: str, hits: list[Hit]) -> list[tuple[int, int]]:
    """(start, end) of the words where an anchored rule may end (anchor_words) or begin (anchor_starts), in order."""
    anchors = rule.anchor_starts or rule.anchor_words
    found = [(start, end) for start, end, word in hits if word in anchors]
    if not rule.anchor_pairs:
        return found
    before_last = rule.pairs_by_last
    paired = False
    for start, end, word in hits:
        befores = before_last.get(word)
        if befores is not None:
            previous = _PREVIOUS_WORD.search(text, 0, start)
            if previous is not None and previous.group().lower() in befores:
                found.append((start, end))
                paired = True
    return sorted(set(found)) if paired else found  # a word may be an anchor both alone and after another


def matches(rule: Rule, text: str, hits: list[Hit] | None = None, timeout: float = MATCH_BUDGET,
            clock: Clock = time.thread_time) -> list[regex.Match]:
    """Non-overlapping matches of a rule, the same as finditer would give, found within `timeout`
    CPU seconds as `clock` counts them (past it: RuleTimeout with the matches found within it).

    An anchored rule is tried only at its anchor words (`hits`: the sentence's key words, from
    `RuleSet.scan`; found here when not given): where one ends (`anchor_words`: right to left,
    each match ending where the last one began, as a right-to-left scan would find them) or
    where one begins (`anchor_starts`: left to right, as finditer would), without trying the
    positions in between.
    """
    pattern = rule.pattern  # compiled (or read from the cache) on first use: not part of the budget
    anchors = None
    if rule.anchored:
        if hits is None:
            hits = scan(rule.anchor_starts | rule.anchor_words | {last for _, last in rule.anchor_pairs}, text)
        anchors = _anchor_spans(rule, text, hits)
        if not anchors:
            return []
    wall = timeout * _FIRST_WALL
    while True:
        found: list[regex.Match] = []
        stamps: list[float] = []   # CPU seconds into the attempt at which each match was found
        started = clock()
        try:
            if anchors is None:
                _scan_all(pattern, text, wall, clock, started, timeout, found, stamps)
            elif rule.anchor_starts:
                _from_starts(pattern, text, anchors, rule.at_cue, wall, clock, started, timeout, found, stamps)
            else:
                _from_ends(pattern, text, anchors, wall, clock, started, timeout, found, stamps)
        except _Spent:
            pass
        except TimeoutError:  # regex's wall-clock safety net
            if clock() - started < timeout and wall < timeout * _LAST_WALL:
                wall *= 2  # the machine was busy, not the rule: try again with more time
                continue
        else:
            if clock() - started <= timeout:
                return found
        raise RuleTimeout([m for m, at in zip(found, stamps) if at <= timeout])


def _scan_all(pattern: regex.Pattern, text: str, wall: float, clock: Clock, started: float, budget: float,
              found: list[regex.Match], stamps: list[float]) -> None:
    for m in pattern.finditer(text, timeout=wall):
        found.append(m)
        stamps.append(at := clock() - started)
        if at > budget:
            raise _Spent


def _from_ends(pattern: regex.Pattern, text: str, anchors: list[tuple[int, int]], wall: float, clock: Clock,
               started: float, budget: float, found: list[regex.Match], stamps: list[float]) -> None:
    """Right to left from the anchors where a match may end, each match ending where the last began."""
    limit = len(text) + 1
    for _, end in reversed(anchors):
        if end >= limit:
            continue
        m = pattern.match(text, end, timeout=wall)
        at = clock() - started
        if m is not None:
            found.append(m)
            stamps.append(at)
            limit = m.start(FRAME) + 1
        if at > budget:
            raise _Spent


def _from_starts(pattern: regex.Pattern, text: str, anchors: list[tuple[int, int]], at_cue: bool, wall: float,
                 clock: Clock, started: float, budget: float, found: list[regex.Match], stamps: list[float]) -> None:
    """Left to right from the anchors where a match may begin, as finditer would find them."""
    after = 0
    for token_start, _ in anchors:
        if token_start < after:
            continue
        # unless every match begins at its cue (`at_cue`), a match may also begin with the spaces
        # before it ('", said X': right after the quote)
        space_start = token_start
        while not at_cue and space_start > after and text[space_start - 1].isspace():
            space_start -= 1
        for start in ((space_start, token_start) if space_start < token_start else (token_start,)):
            m = pattern.match(text, start, timeout=wall)
            at = clock() - started
            if m is not None:
                found.append(m)
                stamps.append(at)
                after = max(m.end(), start + 1)
            if at > budget:
                raise _Spent
            if m is not None:
                break
