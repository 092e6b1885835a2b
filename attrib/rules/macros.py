"""Macros: named parts of patterns (%name% in a rule), documented in macros.toml.

Each macro there has a one-line description, examples and negatives, checked by
`attrib rules check` and the tests like a rule's. A macro's pattern may live in
macros.toml or, for the macros written before macros.toml, in rules.toml [macros].
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .cache import compile_cached
from .source import MACRO_KEYS, Problem, Table, _did_you_mean, default_macros_path, read_toml_file


@dataclass(frozen=True)
class MacroDoc:
    name: str
    description: str
    pattern: str            # "" when the pattern is in rules.toml [macros]
    examples: tuple
    negatives: tuple
    file: str
    line: int
    table: Table


def read_macro_docs(path: str | None = None) -> tuple[dict[str, MacroDoc], list[Problem]]:
    """The documented macros of macros.toml, and what is wrong in that file."""
    toml = read_toml_file(path or default_macros_path())
    docs: dict[str, MacroDoc] = {}
    problems: list[Problem] = []
    tables = {t.line: t for name, ts in toml.tables.items() if name for t in ts}
    by_name = {name: ts[0] for name, ts in toml.tables.items() if name and "." not in name}
    for name, entry in toml.data.items():
        table = by_name.get(name) or next(iter(tables.values()), Table({}, 1))
        if not isinstance(entry, dict):
            problems.append(Problem(toml.path, table.line, name, "a macro is a [name] table"))
            continue
        for key in entry:
            if key not in MACRO_KEYS:
                problems.append(Problem(toml.path, table.line_of(key), f"macro {name}: {key}",
                                        f"unknown key{_did_you_mean(key, MACRO_KEYS)}"))
        if not isinstance(entry.get("description"), str) or not entry.get("description"):
            problems.append(Problem(toml.path, table.line, f"macro {name}: description", "missing"))
        for key in ("examples", "negatives"):
            for i, item in enumerate(entry.get(key, [])):
                if not (isinstance(item, str) or (isinstance(item, dict) and isinstance(item.get("text"), str)
                                                  and len(set(item) & {"match", "at"}) == 1)):
                    problems.append(Problem(toml.path, table.line_of(key, i), f"macro {name}: {key}",
                                            "a string, or a table with 'text' and one of 'match' or 'at'"))
        docs[name] = MacroDoc(name, str(entry.get("description", "")), str(entry.get("pattern", "")),
                              tuple(entry.get("examples", ())), tuple(entry.get("negatives", ())),
                              toml.path, table.line, table)
    return docs, problems


@lru_cache(maxsize=1)
def documented_macros() -> dict[str, str]:
    """Macros whose pattern is written in macros.toml."""
    docs, _ = read_macro_docs()
    return {name: doc.pattern for name, doc in docs.items() if doc.pattern}


def macro_matches(source: str, item: str | dict, named_lists: dict[str, tuple[str, ...]]) -> bool:
    """Does a macro (its expanded pattern) match an example: a whole string; `match`: exactly the
    first occurrence of that text, with the text around it visible to lookarounds; `at`: a match
    that begins where that text does."""
    lists = {n: named_lists[n] for n in set(regex.findall(r"\\L<(\w+)>", source)) if n in named_lists}
    if isinstance(item, str):
        return compile_cached("(?:" + source + ")", regex.V0, **lists).fullmatch(item) is not None
    text = item["text"]
    target = item.get("match", item.get("at", ""))
    start = text.find(target)
    if start < 0:
        return False
    if "at" in item:
        return compile_cached("(?:" + source + ")", regex.V0, **lists).match(text, start) is not None
    # end exactly there: as many characters must remain after the match as follow the target
    remaining = len(text) - start - len(target)
    pattern = compile_cached("(?:" + source + ")(?=(?s:.){%d}\\Z)" % remaining, regex.V0, **lists)
    return pattern.match(text, start) is not None
