"""Words a sentence must contain for a rule to match, found anywhere in the rule's pattern (not only
in its cue): its derived `requires`.

A word group that every match passes through (a mandatory part of the pattern, or of a mandatory
group, or of every alternative of one) and that stands as whole words (what comes before it ends
with spaces or is no word, what follows it is no word) is found by the document's scan as the
words it is: a sentence without any of its first words cannot match. Groups of mostly function
words ('the|a|an') are passed over: a sentence almost always has one.
"""
from __future__ import annotations

import regex

from .derive import _ends_with_space
from .parts import close_paren, split_alternatives, split_parts
from .cache import compile_cached

_NO_WORD_BEFORE = ("^", "(?<![\\w'’-])")
_NO_WORD_AFTER = (r"\s+", r"\s", "(?![\\w'’-])", ",", "(?=,)")
_TRANSPARENT = (r"\b", r"\s*")  # neither makes nor unmakes a word start before what follows
_WORD_GROUP = compile_cached(r"\((?:\?(?:i|P<\w+>)?:?)?(.*)\)", flags=regex.S)
_OPTIONAL_LAST = compile_cached(r"([A-Za-z]+)([a-z])\?")
_CASELESS = compile_cached(r"^\(\?i:")  # a group without case reads spaces as any group does
_FIRST_WORD = compile_cached(r"([A-Za-z]+)(?:\\s\+.*)?", flags=regex.S)
_QUANTIFIED = compile_cached(r"(.*?)(?:[?*]|\{0,\d*\})\??", flags=regex.S)
_REPEATED = compile_cached(r"(.*?)(?:\+|\{[1-9]\d*(?:,\d*)?\})\??", flags=regex.S)


def derive_requires(pattern: str, cues: list[str], lists: dict[str, tuple[str, ...]],
                    in_cue: bool = False) -> frozenset[str] | None:
    """The first words of a whole-word group every match passes through, outside the rule's first
    cue group (whose words are its triggers already; with `in_cue`, for a rule whose cue gave no
    triggers, inside it too), not mostly function words; None if none."""
    function_words = frozenset(w.lower() for w in lists.get("function_words", ()))
    skip = regex.compile(r"\(\?P<" + regex.escape(cues[0]) + ">") if cues and not in_cue else None
    return _in_alternatives(pattern, False, [], lists, function_words, skip, 0)  # a match may begin inside a word


def starts_a_word(pattern: str, cue: str) -> bool:
    """Does the group `cue` begin where no word character ([\\w'’-]) stands before it, in every match:
    the pattern puts spaces, the start or a check that no word goes on right before it (through
    optional parts that end in spaces)? False where that is not sure."""
    parts = split_parts(pattern, open_lookbehinds=False)
    head = regex.compile(r"\(\?P?<" + regex.escape(cue) + ">")
    index = next((i for i, p in enumerate(parts) if head.match(p)), None)
    if not index:
        return False
    word_start = False
    for part in parts[:index]:
        word_start = _word_start_after(part, word_start)
    return word_start


def _in_alternatives(content: str, word_start: bool, after: list[str], lists, function_words, skip, depth: int):
    alternatives = split_alternatives(content)
    if not alternatives or depth > 4:
        return None
    words: set[str] = set()
    for alternative in alternatives:
        found = _in_sequence(split_parts(alternative, open_lookbehinds=False), word_start, after, lists,
                             function_words, skip, depth)
        if found is None:
            return None
        words |= found
    return frozenset(words)


def _in_sequence(parts: list[str], word_start: bool, after: list[str], lists, function_words, skip, depth: int):
    """`word_start`: the text before parts[0] surely ends a word (spaces, no word, the start)."""
    for i, part in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else (after[0] if after else "")
        if word_start and following in _NO_WORD_AFTER:
            words = _group_words(part, lists)
            if words and len(words & function_words) * 2 <= len(words) and not (skip and skip.match(part)):
                return words
        group = _mandatory_group(part)
        if group is not None and not (skip and skip.match(part)):
            found = _in_alternatives(group, word_start, parts[i + 1:] + after, lists, function_words, skip, depth + 1)
            if found is not None:
                return found
        word_start = _word_start_after(part, word_start)
    return None


def _group_words(part: str, lists: dict[str, tuple[str, ...]]) -> frozenset[str] | None:
    """The lower-cased first words of a group of plain words or one word list, each a whole word
    up to its end or a space; None for anything else."""
    named = regex.fullmatch(r"\\L<(\w+)>", part)
    if named:
        entries = lists.get(named.group(1))
        if not entries or not all(regex.fullmatch(r"[\w'’-]+(?: [\w'’-]+)*", e) for e in entries):
            return None
        return frozenset(e.split()[0].lower() for e in entries)
    if regex.fullmatch(r"[A-Za-z]+", part):
        return frozenset({part.lower()})
    m = _WORD_GROUP.fullmatch(part)
    if not m or close_paren(part, 0) != len(part):
        return None
    inner = m.group(1)
    if regex.fullmatch(r"\\L<\w+>|\(\?i:\\L<\w+>\)", inner):
        return _group_words(inner.removeprefix("(?i:").removesuffix(")"), lists)
    alternatives = split_alternatives(inner)
    words = set()
    for alternative in alternatives or ():
        plural = _OPTIONAL_LAST.fullmatch(alternative)  # 'estimates?': both forms
        if plural:
            words |= {plural.group(1).lower(), (plural.group(1) + plural.group(2)).lower()}
            continue
        first = _FIRST_WORD.fullmatch(alternative)
        if not first:
            return None
        words.add(first.group(1).lower())
    return frozenset(words) or None


def _mandatory_group(part: str) -> str | None:
    """The inside of a group every match passes through once (no quantifier, not a lookaround)."""
    m = regex.fullmatch(r"\((?:\?:|\?i:|\?P<\w+>)(.*)\)", part, flags=regex.S)
    if not m or close_paren(part, 0) != len(part):
        return None
    return m.group(1)


def _word_start_after(part: str, before: bool) -> bool:
    """Does the text surely end a word after `part` (given whether it did before it)?"""
    if part in _NO_WORD_BEFORE:
        return True
    if part in _TRANSPARENT or (part.startswith(("(?=", "(?!", "(?<=", "(?<!")) and close_paren(part, 0) == len(part)):
        return before
    optional = _QUANTIFIED.fullmatch(part)
    if optional and close_paren(part, 0) == len(optional.group(1)) and optional.group(1).startswith("("):
        return before and _ends_with_space(_CASELESS.sub("(?:", optional.group(1), count=1))
    repeated = _REPEATED.fullmatch(part)  # once or more: ends as its last repetition does
    if repeated and close_paren(part, 0) == len(repeated.group(1)) and repeated.group(1).startswith("("):
        return _ends_with_space(repeated.group(1))
    return _ends_with_space(part)
