"""The gazetteer's name finder finds what the list pattern it replaced found, at a fraction of the cost."""
from __future__ import annotations

import regex

from attrib.name_finder import NameFinder, Unfoldable
from attrib.gazetteer import load_gazetteer

NAMES = ["New York", "New York Times", "New York T", "Reuters", "@mfa_russia", "U.S. Army", "Fox News", "ČTK"]
TEXTS = [
    "The New York Times, New York Timesy, New York T-x and New York Tx.",
    "Reuters' report, Reuters’s report, Reuters-owned, Reutersx, xReuters, -Reuters, 'Reuters",
    "@mfa_russia wrote; x@mfa_russia did not; the U.S. Army and U.S. Armyx; Fox News and ČTK.",
    "", "New", "New York",
]


def _pattern(names: list[str], fold: bool = False) -> regex.Pattern:
    return regex.compile(("(?i)" if fold else "") + r"(?<![\w'’-])\L<names>(?![\w-])", names=names)


def test_same_matches_as_the_list_pattern() -> None:
    finder, pattern = NameFinder(NAMES), _pattern(NAMES)
    for text in TEXTS:
        assert finder.finditer(text) == [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_folded_names_match_in_any_case() -> None:
    names = ["north korean state media", "state media"]
    finder, pattern = NameFinder(names, fold=True), _pattern(names, fold=True)
    for text in ("NORTH KOREAN STATE MEDIA said", "North Korean state media, State Media-x", "no media"):
        assert finder.finditer(text) == [(m.start(), m.end(), m.group().lower()) for m in pattern.finditer(text)]


def test_unfoldable_text_is_left_to_the_pattern() -> None:
    finder = NameFinder(["state media"], fold=True)
    for text in ("İstanbul state media", "ſtate media"):
        try:
            finder.finditer(text)
        except Unfoldable:
            continue
        raise AssertionError(text)
    gazetteer = load_gazetteer()
    for text in ("İstanbul: North Korean state media KCNA said", "Istanbul: North Korean state media KCNA said"):
        assert [e.id for _, _, e in gazetteer.find_in(text)] == ["kcna", "kcna"], text
