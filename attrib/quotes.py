"""Quotations of a whole document: where each opens and closes, across sentences and paragraphs.

News quotes run over several sentences ('"I tell you it has changed our young people. Young
people have a different swagger," said Griffin.') and over paragraphs (a paragraph that
leaves its quote open and a next paragraph that opens again continue one quotation). The
chain stage gives every sentence inside a quotation the chain of whoever the quotation is
attributed to, wherever in the quotation that attribution stands.

Marks: curly double quotes, guillemets, straight double quotes and the doubled apostrophes
('' ... '') some archives use for double quotes. Single quotes are left alone: they are
mostly apostrophes, and quotes inside quotes.
"""
from __future__ import annotations

from dataclasses import dataclass


from .rules.cache import compile_cached

_MARK = compile_cached(r"''|[“”«»„\"]")
_OPENING = frozenset("“«„")
_CLOSING = frozenset("”»")
_PARAGRAPH = compile_cached(r"\n[ \t\r\f\v]*\n\s*")
_LEAD_SPACE = compile_cached(r"\s*")


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: `start` at its opening mark, `end` just after its closing mark.

    `closed` is False when the text ran out of the paragraph without a closing mark (the
    quotation then ends where its last paragraph ends).
    """

    start: int
    end: int
    closed: bool = True

    def covers(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated, or one per line when the text has no blank line."""
    if _PARAGRAPH.search(text):
        bounds, pos = [], 0
        for m in _PARAGRAPH.finditer(text):
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, len(text)))
    else:
        bounds, pos = [], 0
        for line in text.split("\n"):
            bounds.append((pos, pos + len(line)))
            pos += len(line) + 1
    return [(a, b) for a, b in bounds if text[a:b].strip()]


def _is_opening(text: str, pos: int, mark: str) -> bool:
    """A straight mark opens where a word does not end right before it; so does a curly opening
    mark, unless it is typed where a closing one belongs ('...here,“ said Jim Clyburn')."""
    if mark in _OPENING:
        return not (pos and text[pos - 1] in ",.!?" and text[pos + 1:pos + 2] in ("", " ", "\n"))
    if mark in _CLOSING:
        return False
    before = text[pos - 1] if pos else " "
    return before.isspace() or before in "([{—–-/:"


def find_quotations(text: str) -> list[Quotation]:
    """Every double-quoted stretch of the text, in order; a quotation continued by the next
    paragraph's opening mark is one quotation."""
    found: list[Quotation] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None
    for i, (p_start, p_end) in enumerate(paragraphs):
        lead = _LEAD_SPACE.match(text, p_start).end()
        for m in _MARK.finditer(text, p_start, p_end):
            mark, pos = m.group(), m.start()
            if open_at is None:
                if _is_opening(text, pos, mark) or pos == lead:
                    open_at = pos
            elif pos == lead:
                continue  # the opening mark of a paragraph that continues the quotation
            elif mark in _OPENING and _is_opening(text, pos, mark):
                found.append(Quotation(open_at, pos, closed=False))  # a stray opening mark: start again
                open_at = pos
            else:
                found.append(Quotation(open_at, m.end()))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[i + 1][0] if i + 1 < len(paragraphs) else len(text)
            first = _MARK.match(text, nxt)
            if first is None or not _is_opening(text, nxt, first.group()):
                found.append(Quotation(open_at, p_end, closed=False))  # ran out without a closing mark
                open_at = None
    if open_at is not None:
        found.append(Quotation(open_at, len(text), closed=False))
    return found
