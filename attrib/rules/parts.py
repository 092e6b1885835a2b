"""A pattern's top-level parts and alternatives, for explaining a rule and deriving its speed devices."""
from __future__ import annotations

import regex


def split_parts(pattern: str, open_lookbehinds: bool = True) -> list[str]:
    """A pattern's top-level parts in order (groups, macros, escapes, literal words, each with its
    quantifier). A lookbehind that the rest follows is opened into its own parts (the rule reads it
    as the words before its cue; unless `open_lookbehinds` is false), and lookaheads before it
    (speed checks) are left out.
    [] when the pattern is an alternation at its top level."""
    parts: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "|":
            return []
        if ch == "(":
            j = close_paren(pattern, i)
        elif ch == "[":
            j = _class_end(pattern, i)
        elif ch == "\\":
            named = regex.match(r"\\(?:L<\w+>|[pP]\{[^}]*\}|x[0-9a-fA-F]{2}|.)", pattern[i:])
            j = i + len(named.group()) if named else i + 2
        elif ch == "%":
            macro = regex.match(r"%\w+%", pattern[i:])
            j = i + len(macro.group()) if macro else i + 1
        elif ch.isalnum():
            j = i + 1
            while j < n and pattern[j].isalnum() and not (j + 1 < n and pattern[j + 1] in "?*+{"):
                j += 1
        else:
            j = i + 1
        quantifier = regex.match(r"(?:[?*+]|\{\d*,?\d*\})[?+]?", pattern[j:])
        if quantifier:
            j += len(quantifier.group())
        parts.append(pattern[i:j])
        i = j
    if not open_lookbehinds:
        return parts
    opened: list[str] = []
    for part in parts:
        if part.startswith("(?<=") and part.endswith(")"):
            inner = split_parts(part[4:-1])
            if inner:
                opened = [p for p in opened if not p.startswith("(?=")] + inner
                continue
        opened.append(part)
    return opened


def close_paren(pattern: str, i: int) -> int:
    """The index after the parenthesis that closes the one at `i`."""
    depth = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def _class_end(pattern: str, i: int) -> int:
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "]":
            return j + 1
        j += 1
    return len(pattern)




def split_alternatives(pattern: str) -> list[str] | None:
    """The top-level alternatives of a pattern (one for a pattern without '|'); None if unbalanced."""
    alternatives: list[str] = []
    depth = 0
    start = i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(pattern, i)
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            alternatives.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth:
        return None
    alternatives.append(pattern[start:])
    return alternatives
