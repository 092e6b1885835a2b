"""Reading a rules file: its data, the line of every key, and the checks that need no compiling.

`tomllib` gives no line numbers, so `scan_lines` walks the text once (headers, keys, and the
items of arrays, skipping strings and comments) to find where each table, key and array item
starts. A misspelt key is an error that names the key, the file and the line.
"""
from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

# The keys of a [[rule]] table, each with what it means: the schema and its documentation.
RULE_KEYS: dict[str, str] = {
    "id": "a short unique name (kebab-case)",
    "description": "what the rule finds, with an example phrasing",
    "pattern": "a `regex` pattern; %macro% expands from the macros, \\L<list> from lists.toml",
    "hops": "named groups that become chain hops, outermost first",
    "cues": "the cue group of each hop (same order, same number as hops)",
    "priority": "higher wins where two matches share words",
    "triggers": "list names or words; the rule only runs on sentences containing one (left out: the first "
                "words of the cue group, see attrib.rules.derive)",
    "requires": "more list names or words, of which the sentence must also contain one",
    "content": "'auto' (by position), 'after' or 'before': where the attributed content is",
    "attach": "'inner' (its hop extends the frame before it), 'outer' (its outlet goes before it) or 'context' "
              "(no attribution itself: its outlet carries over to the speaker's later quotes)",
    "parallel": "true: never nested inside another attribution of the sentence",
    "anchor_words": "list names or phrases: tried only where one ends, read right to left from there",
    "anchor_starts": "list names or words: tried only where one begins (left out: the cue's first words when "
                     "every match begins at the cue)",
    "guard": "lookaheads checked after the match (with anchor_words: after the cue)",
    "reverse": "true: match right to left (regex's REVERSE flag)",
    "examples": "sentences the rule must match, with the text each named group must capture",
    "negatives": "sentences the rule must not match",
}
REQUIRED_RULE_KEYS = ("id", "description", "pattern")
CONTENT_VALUES = ("auto", "after", "before")
ATTACH_VALUES = ("", "inner", "outer", "context")
RULE_FILE_SECTIONS = ("macros", "rule")
WORD_FIELDS = ("triggers", "requires", "anchor_words", "anchor_starts")
# The keys of a documented macro in macros.toml.
MACRO_KEYS: dict[str, str] = {
    "description": "what the part matches, in one line",
    "pattern": "the pattern (while it still lives in rules.toml [macros], leave it out here)",
    "examples": "strings it matches whole, or {text, match} / {text, at} tables (see README)",
    "negatives": "strings (or tables, as for examples) it must not match",
}
MACRO_REF = re.compile(r"%([A-Za-z][A-Za-z0-9_]*)%")
LIST_REF = re.compile(r"\\L<(\w+)>")
GROUP_NAME = re.compile(r"\(\?P?<([A-Za-z_]\w*)>")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rules file, where it is."""

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.key}: {self.message}"


class RuleFileError(ValueError):
    """A rules file that cannot be used; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Table:
    """One TOML table as read, with the line of its header, of each key, and of each item of its arrays."""

    data: dict
    line: int
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def line_of(self, key: str, item: int | None = None) -> int:
        if item is not None:
            items = self.item_lines.get(key, [])
            if item < len(items):
                return items[item]
        return self.key_lines.get(key, self.line)


@dataclass
class TomlFile:
    path: str
    data: dict
    tables: dict[str, list[Table]]  # "macros" -> [Table], "rule" -> [Table, ...], "" -> the top table


def _package_path(name: str) -> str:
    return str(resources.files("attrib.rules").joinpath(name))


def read_toml_file(path: str | Path) -> TomlFile:
    """Parse a TOML file, raising RuleFileError (with the line) when it is not valid TOML."""
    path = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RuleFileError([Problem(path, 0, "file", f"cannot read: {exc.strerror or exc}")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        raise RuleFileError([Problem(path, int(found.group(1)) if found else 0, "toml", str(exc))]) from None
    return TomlFile(path, data, _attach(data, scan_lines(text)))


def _attach(data: dict, scanned: list[tuple[str, bool, int, dict[str, int], dict[str, list[int]]]]
            ) -> dict[str, list[Table]]:
    """Pair the scanned tables with the parsed data, in file order."""
    tables: dict[str, list[Table]] = {}
    counters: dict[str, int] = {}
    for name, is_array, line, keys, items in scanned:
        node = data
        for part in name.split(".") if name else []:
            node = node.get(part, {}) if isinstance(node, dict) else {}
        if is_array:
            i = counters.get(name, 0)
            counters[name] = i + 1
            node = node[i] if isinstance(node, list) and i < len(node) else {}
        tables.setdefault(name, []).append(Table(node if isinstance(node, dict) else {}, line, keys, items))
    return tables


_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\-\"]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"\s*([A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')\s*=\s*")


def scan_lines(text: str) -> list[tuple[str, bool, int, dict[str, int], dict[str, list[int]]]]:
    """Each table of a TOML text: (name, is an array table, header line, key -> line, key -> item lines).

    Walks the text once, skipping strings and comments, so that brackets inside patterns
    do not count; an array's item lines are where each of its items begins."""
    tables = [("", False, 1, {}, {})]
    lines = text.split("\n")
    n = 0
    while n < len(lines):
        line = lines[n]
        header = _HEADER.match(line)
        if header:
            tables.append((header.group(2).replace('"', ""), header.group(1) == "[[", n + 1, {}, {}))
            n += 1
            continue
        key = _KEY.match(line)
        if not key:
            n += 1
            continue
        name = key.group(1).strip("\"'")
        tables[-1][3][name] = n + 1
        items: list[int] = []
        n = _skip_value(lines, n, key.end(), items)
        if items:
            tables[-1][4][name] = items
    return tables


def _skip_value(lines: list[str], n: int, col: int, items: list[int]) -> int:
    """Walk past one value that starts at lines[n][col]; note the line of each item of a
    top-level array in `items`. Returns the index of the line after the value."""
    depth = 0
    expect_item = False
    while n < len(lines):
        line = lines[n]
        while col < len(line):
            ch = line[col]
            if ch in " \t\r":
                col += 1
                continue
            if ch == "#":
                break
            if depth == 1 and expect_item and ch not in ",]":
                items.append(n + 1)
                expect_item = False
            if ch in "[{":
                depth += 1
                if depth == 1 and ch == "[":
                    expect_item = True
                col += 1
            elif ch in "]}":
                depth -= 1
                col += 1
                if depth <= 0:
                    return n + 1
            elif ch == ",":
                if depth == 1:
                    expect_item = True
                col += 1
            elif ch in "\"'":
                n, col = _skip_string(lines, n, col)
            else:
                col += 1
        if depth <= 0:
            return n + 1
        n += 1
        col = 0
    return n


def _skip_string(lines: list[str], n: int, col: int) -> tuple[int, int]:
    line = lines[n]
    quote = line[col]
    if line.startswith(quote * 3, col):
        end = line.find(quote * 3, col + 3)
        while end < 0:  # a multi-line string
            n += 1
            if n >= len(lines):
                return n, 0
            line, end = lines[n], lines[n].find(quote * 3)
        while line.startswith(quote, end + 3):  # '''...'''' closes at the last three quotes
            end += 1
        return n, end + 3
    col += 1
    while col < len(line):
        if quote == '"' and line[col] == "\\":
            col += 2
            continue
        if line[col] == quote:
            return n, col + 1
        col += 1
    return n, col


def _did_you_mean(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class RuleFile:
    """rules.toml as read: its macros, its rules (tables with lines) and the problems found
    without compiling anything."""

    path: str
    macros: dict[str, str]
    macro_table: Table
    rules: list[Table]
    problems: list[Problem]


def default_rules_path() -> str:
    return _package_path("rules.toml")


def default_macros_path() -> str:
    return _package_path("macros.toml")


def read_rule_file(path: str | Path | None = None, list_names: set[str] | frozenset[str] = frozenset(),
                   extra_macros: dict[str, str] | None = None) -> RuleFile:
    """Read a rules file and check its schema: keys, types, values, macro and list names."""
    toml = read_toml_file(path or default_rules_path())
    problems: list[Problem] = []
    file = toml.path
    top = toml.tables.get("", [Table({}, 1)])[0]
    for key in toml.data:
        if key not in RULE_FILE_SECTIONS:
            problems.append(Problem(file, top.line_of(key) if key in top.key_lines else _first_line(toml, key), key,
                                    f"unknown section{_did_you_mean(key, RULE_FILE_SECTIONS)}"))
    macro_table = toml.tables.get("macros", [Table({}, 1)])[0]
    macros = dict(extra_macros or {})
    for name, value in toml.data.get("macros", {}).items():
        if not isinstance(value, str):
            problems.append(Problem(file, macro_table.line_of(name), f"macros.{name}", "a macro is a pattern string"))
            continue
        macros[name] = value
    for name, value in macros.items():
        for ref in MACRO_REF.findall(value):
            if not _known(ref, macros):
                problems.append(Problem(file, macro_table.line_of(name), f"macros.{name}",
                                        f"unknown macro %{ref}%{_did_you_mean(ref, macros)}"))
    rules = toml.tables.get("rule", [])
    if not isinstance(toml.data.get("rule", []), list):
        problems.append(Problem(file, top.line_of("rule"), "rule", "rules are [[rule]] tables"))
        rules = []
    seen: dict[str, int] = {}
    for table in rules:
        problems.extend(_check_rule(file, table, macros, list_names, seen))
    return RuleFile(file, macros, macro_table, rules, problems)


def _first_line(toml: TomlFile, key: str) -> int:
    tables = toml.tables.get(key)
    return tables[0].line if tables else 1


def _check_rule(file: str, table: Table, macros: dict[str, str], list_names, seen: dict[str, int]) -> list[Problem]:
    entry = table.data
    rid = entry.get("id", "?")
    where = f"rule {rid}"
    problems = []

    def add(key: str, message: str, item: int | None = None) -> None:
        problems.append(Problem(file, table.line_of(key, item), f"{where}: {key}", message))

    for key in entry:
        if key not in RULE_KEYS:
            add(key, f"unknown key{_did_you_mean(key, RULE_KEYS)}")
    for key in REQUIRED_RULE_KEYS:
        if key not in entry:
            problems.append(Problem(file, table.line, f"{where}: {key}", "missing"))
    for key in ("id", "description", "pattern", "guard", "content", "attach"):
        if key in entry and not isinstance(entry[key], str):
            add(key, "must be a string")
    for key in ("hops", "cues", "negatives", *WORD_FIELDS):
        if key in entry and not (isinstance(entry[key], list) and all(isinstance(v, str) for v in entry[key])):
            add(key, "must be a list of strings")
    for key in ("parallel", "reverse"):
        if key in entry and not isinstance(entry[key], bool):
            add(key, "must be true or false")
    if "priority" in entry and (not isinstance(entry["priority"], int) or isinstance(entry["priority"], bool)):
        add("priority", "must be a whole number")
    if isinstance(rid, str) and rid != "?":
        if rid in seen:
            add("id", f"the id {rid!r} is already used by the rule at line {seen[rid]}")
        seen.setdefault(rid, table.line)
    hops, cues = entry.get("hops", []), entry.get("cues", [])
    if isinstance(hops, list) and isinstance(cues, list) and len(hops) != len(cues):
        add("cues", f"{len(hops)} hops but {len(cues)} cues: each hop needs its cue group")
    if entry.get("content", "auto") not in CONTENT_VALUES:
        add("content", f"must be one of {', '.join(CONTENT_VALUES)}")
    if entry.get("attach", "") not in ATTACH_VALUES:
        add("attach", "must be 'inner', 'outer' or 'context' (or left out)")
    if sum(bool(entry.get(k)) for k in ("anchor_words", "anchor_starts", "reverse")) > 1:
        add("anchor_words", "anchor_words, anchor_starts and reverse exclude each other")
    for key in ("pattern", "guard"):
        value = entry.get(key)
        if not isinstance(value, str):
            continue
        for ref in MACRO_REF.findall(value):
            if not _known(ref, macros):
                add(key, f"unknown macro %{ref}%{_did_you_mean(ref, macros)}")
        if list_names:
            expanded = expand_macros(value, macros)
            for ref in sorted(set(LIST_REF.findall(expanded))):
                if ref not in list_names:
                    add(key, f"unknown list \\L<{ref}>{_did_you_mean(ref, list_names)}")
    if list_names:
        for key in WORD_FIELDS:
            for i, word in enumerate(entry.get(key, []) if isinstance(entry.get(key), list) else []):
                if isinstance(word, str) and "_" in word and word not in list_names:
                    add(key, f"no list named {word!r}{_did_you_mean(word, list_names)}", i)
    for i, example in enumerate(entry.get("examples", [])):
        if not isinstance(example, dict) or not isinstance(example.get("text"), str):
            add("examples", "an example is a table with a 'text' and the groups it must capture", i)
        elif not all(isinstance(v, str) for v in example.values()):
            add("examples", "an example's captures are strings", i)
    return problems


def expand_macros(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    """Replace each %name% with its macro's pattern, recursively (an unknown name stays as written)."""
    if depth > 10:
        raise ValueError("macro recursion too deep")
    if "%" not in pattern:
        return pattern
    expanded = MACRO_REF.sub(lambda m: _macro(m.group(1), macros, m.group(0)), pattern)
    return expand_macros(expanded, macros, depth + 1) if expanded != pattern else expanded


def _known(name: str, macros: dict[str, str]) -> bool:
    """A macro, or a list of lists.toml (%name%: its words, see `_macro`)."""
    from ..lexicon import is_list
    return name in macros or is_list(name)


def _macro(name: str, macros: dict[str, str], written: str) -> str:
    """A macro's pattern; for the name of a list of lists.toml, its words as an alternation in the order
    written (lexicon.list_words); anything else stays as written."""
    if name in macros:
        return macros[name]
    from ..lexicon import is_list, list_words  # lexicon reads the rules package's files: imported when used
    return list_words(name) if is_list(name) else written


def group_names(pattern: str) -> set[str]:
    return set(GROUP_NAME.findall(pattern))
