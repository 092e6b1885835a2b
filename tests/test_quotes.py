"""Quotations over a whole document: marks of every kind, quotes that run over sentences and paragraphs."""
from __future__ import annotations

from attrib.quotes import find_quotations


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotations(text)]


def test_curly_straight_and_doubled_apostrophe_marks():
    text = 'He said “we won.” She said "we lost." They said \'\'nobody knows.\'\''
    assert quoted(text) == ["“we won.”", '"we lost."', "''nobody knows.''"]


def test_a_quotation_runs_over_sentences():
    text = "“I tell you it has changed. Young people walk taller,” said Griffin."
    assert quoted(text) == ["“I tell you it has changed. Young people walk taller,”"]


def test_an_open_quote_continued_by_the_next_paragraph_is_one_quotation():
    text = "Klein said: “It goes back decades.\n\n“It will happen again.” That was all."
    assert quoted(text) == ["“It goes back decades.\n\n“It will happen again.”"]


def test_an_unclosed_quote_ends_with_its_paragraph():
    text = "He said “it was fine.\n\nThe talks ended."
    [q] = find_quotations(text)
    assert not q.closed and text[q.start:q.end] == "“it was fine."


def test_an_opening_mark_typed_for_a_closing_one():
    text = "“The reality is that it could create problems,“ said Jim Clyburn. Next."
    assert quoted(text) == ["“The reality is that it could create problems,“"]


def test_apostrophes_are_not_quotation_marks():
    assert quoted("Trump’s aides said it’s over.") == []
