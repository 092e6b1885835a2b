"""Find the gazetteer's names in a text with one dictionary lookup per word, not a regex over a list.

The gazetteer's finder was `(?<![\\w'’-])\\L<names>(?![\\w-])`: at every position the `regex` engine
tries every length of name in its list (longest first), which made it the costliest step of
resolving and of the document's mention index. A name can only match where a word starts, and
its first run of word characters (or its first character, when that is no word character) must
be the text's run there exactly: so the names are kept by that key, and each word start of the
text looks up its key and tries the few names under it, longest first, as the list pattern
would (a name whose end runs into a word or a hyphen fails, and a shorter one may match instead).
The matches are the same as the pattern's finditer: same positions, non-overlapping, left to right.
"""
from __future__ import annotations

from collections.abc import Iterable

import regex

from .rules.cache import compile_cached

_WORD_RUN = compile_cached(r"\w+")
_FEW_KEYS = 40
_SHORT = 300  # characters: a text this short is scanned word by word
_GOES_ON = compile_cached(r"[\w-]")  # after a name: no word and no hyphen may follow (the pattern's (?![\w-]))


class NameFinder:
    """The names of a list, found where they stand as whole words; with `fold`, regardless of case
    (the names given lower-cased), as the list pattern with (?i) would find them."""

    def __init__(self, names: Iterable[str], fold: bool = False) -> None:
        self.fold = fold
        by_key: dict[str, list[str]] = {}
        firsts: set[str] = set()
        for name in set(names):
            if not name:
                continue
            run = _WORD_RUN.match(name)
            key = run.group() if run is not None else name[0]
            if run is None:
                firsts.add(name[0])
            by_key.setdefault(key, []).append(name)
        self.by_key = {key: tuple(sorted(found, key=len, reverse=True)) for key, found in by_key.items()}
        others = "".join(regex.escape(c) for c in sorted(firsts))
        self._keys = frozenset(self.by_key)
        self._finders: dict[str, regex.Pattern] = {}
        self._starts = compile_cached(r"(?<![\w'’-])(?:\w+" + (f"|[{others}]" if others else "") + ")")

    def finditer(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name as listed) of each name in `text`, left to right, never overlapping."""
        low = text
        if self.fold:
            low = text.lower()
            if len(low) != len(text) or "ſ" in text:  # case folding that lower() does not mirror: not handled here
                raise Unfoldable
        few = len(self._keys) <= _FEW_KEYS
        present = {key for key in self._keys if key in low} if few else None  # a few keys: each as a substring
        if present is not None and not present:
            return []
        if len(text) <= _SHORT:  # a mention: its words looked up one by one, in one scan
            by_key = self.by_key
            starts = [(m.start(), key) for m in self._starts.finditer(low) if (key := m.group()) in by_key]
        else:  # a document: the keys it holds (many: its words looked up among them), then where each stands
            if present is None:
                present = self._keys.intersection(self._starts.findall(low))
                if not present:
                    return []
            starts = sorted((m.start(), key) for key in present for m in self._finder(key).finditer(low))
        found: list[tuple[int, int, str]] = []
        by_key = self.by_key
        after = 0
        size = len(text)
        for start, key in starts:
            if start < after:
                continue
            for name in by_key[key]:
                end = start + len(name)
                if low.startswith(name, start) and (end == size or _GOES_ON.match(text, end) is None):
                    found.append((start, end, name))
                    after = end
                    break
        return found

    def _finder(self, key: str) -> regex.Pattern:
        """Where `key` stands as the whole first run of a word (or as the one character it is)."""
        pattern = self._finders.get(key)
        if pattern is None:
            tail = r"(?!\w)" if _WORD_RUN.fullmatch(key) else ""
            pattern = self._finders[key] = regex.compile(r"(?<![\w'’-])" + regex.escape(key) + tail)
        return pattern


class Unfoldable(Exception):
    """The text has characters whose case folding lower() does not mirror: the caller uses the pattern."""
