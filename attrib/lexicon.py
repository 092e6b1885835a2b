"""Named word lists and clutter patterns, loaded once from the package's data files.

Rules refer to lists as \\L<name>; the splitter uses the abbreviation and cue
lists. Nothing here is module-level state: `load_lexicon()` returns a value and
callers keep it.
"""
from __future__ import annotations

import hashlib
import marshal
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

from .rules.cache import cache_dir, compile_cached, read_payload, write_payload


@dataclass(frozen=True)
class ClutterPattern:
    id: str
    description: str
    pattern: regex.Pattern
    examples: tuple[str, ...]
    counter: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    lists: dict[str, tuple[str, ...]]
    clutter: tuple[ClutterPattern, ...]
    any_clutter: regex.Pattern  # every clutter pattern in one alternation: one fullmatch per line


def read_toml(name: str) -> dict:
    """A data file of attrib.rules, parsed; kept parsed in the cache folder (marshal data under the
    hash of the text), since parsing lists.toml is a hundredth of a second at every start."""
    text = resources.files("attrib.rules").joinpath(name).read_text(encoding="utf-8")
    folder = cache_dir()
    path = folder / f"toml-{hashlib.sha256(text.encode('utf-8')).hexdigest()}.marshal"
    payload = read_payload(path)
    if payload is not None:
        try:
            return marshal.loads(payload)
        except (EOFError, ValueError, TypeError):  # another Python's marshal format: parse again
            pass
    data = tomllib.loads(text)
    try:
        write_payload(folder, path, marshal.dumps(data))
    except ValueError:  # a value marshal cannot hold (a TOML date): parsed every time
        pass
    return data


@lru_cache(maxsize=1)
def _lists_file() -> dict:
    return read_toml("lists.toml")


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[str, ...]]:
    return {k: tuple(dict.fromkeys(v)) for k, v in _lists_file()["lists"].items()}


def word_list(name: str) -> tuple[str, ...]:
    """One list of lists.toml (KeyError names a list that is not there): for modules that need
    a few words at import time without the rest of the lexicon."""
    return _lists()[name]


def list_words(name: str) -> str:
    """One list of lists.toml as a bare alternation, `first|second|...`, tried in the list's order as if
    written inline: what %name% stands for in a rule file, and what a pattern in Python writes (\\L<name>
    is the same words as a set, longest first). Only regex's special characters are escaped; a space
    stands for any white space. KeyError names a list that is not there."""
    return _alternation(word_list(name))


def is_list(name: str) -> bool:
    return name in _lists()


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(r"\s+".join(_META.sub(r"\\\g<0>", part) for part in entry.split()) for entry in words)


_META = compile_cached(r"[.^$*+?{}\[\]\\|()]")


def word_table(name: str) -> dict[str, str | tuple[str, ...]]:
    """One table of lists.toml ([tables.NAME]): each word with what it stands for (a word, or a list
    of words or kinds), in the order written. KeyError names a table that is not there."""
    return {k: tuple(v) if isinstance(v, list) else v for k, v in _lists_file()["tables"][name].items()}


def list_pattern(name: str) -> str:
    """One list of lists.toml as a regex alternation, `(?:first|second|...)`, in the list's order: each entry
    literal, a space standing for any white space. Patterns in Python take their words from here, as rules
    take theirs through \\L<name>, so that every word list is in lists.toml."""
    return "(?:" + list_words(name) + ")"


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    lists = dict(_lists())
    clutter = []
    alternatives = []
    for entry in read_toml("clutter.toml")["clutter"]:
        alternatives.append(("(?-i:" if entry.get("case_sensitive") else "(?i:") + entry["pattern"] + ")")
        flags = regex.V0 if entry.get("case_sensitive") else regex.IGNORECASE
        clutter.append(ClutterPattern(
            id=entry["id"], description=entry["description"],
            pattern=compile_cached(r"(?:" + entry["pattern"] + r")", flags),
            examples=tuple(entry.get("examples", ())), counter=tuple(entry.get("counter", ()))))
    return Lexicon(lists=lists, clutter=tuple(clutter), any_clutter=compile_cached("|".join(alternatives), regex.V0))
