"""Speed devices worked out from a rule itself, so that nobody has to write them by hand.

A rule's cue group (the group of its first hop's cue) must match for the rule to match, so
the words it can begin with are words a sentence must contain: its **triggers**. When nothing
but checks that match no text (lookarounds, `\\s*`) stands before the cue group, every match
begins at the cue: its **anchor_starts**, so the rule is tried only there.

Derivation is deliberately modest: it gives up (None) wherever the cue group is optional or
can begin with something other than whole words of a list or of the pattern, and then the
rule runs on every sentence (or keeps what its author wrote).
"""
from __future__ import annotations

import regex

from .parts import close_paren, split_alternatives, split_parts
from .cache import compile_cached

_PUNCT_WORDS = ":―—–("


def cue_group(pattern: str, name: str) -> tuple[str, int] | None:
    """The inside of group `name` and the index of its part among the top-level parts, or None
    when the group is not a mandatory top-level part (inside an alternation, optional ...)."""
    for index, part in enumerate(split_parts(pattern)):
        head = regex.match(r"\(\?P?<" + regex.escape(name) + ">", part)
        if head:
            if not part.endswith(")"):  # a quantifier: ? * {0,...} or more, not a plain group
                return None
            return part[head.end():-1], index
    return None


def first_words(content: str, lists: dict[str, tuple[str, ...]]) -> frozenset[str] | None:
    """The lower-cased whole words any match of `content` begins with, or None if not all are known."""
    alternatives = split_alternatives(content)
    if alternatives is None:
        return None
    words: set[str] = set()
    for alternative in alternatives:
        found = _alternative_first_words(alternative, lists)
        if found is None:
            return None
        words |= found
    return frozenset(words)


def _alternative_first_words(alternative: str, lists: dict[str, tuple[str, ...]]) -> set[str] | None:
    parts = split_parts(alternative, open_lookbehinds=False)
    if not parts:
        return None
    first, rest = parts[0], parts[1:]
    named = regex.fullmatch(r"\\L<(\w+)>", first)
    if named and named.group(1) in lists:
        return {entry.split()[0].lower() for entry in lists[named.group(1)] if entry.split()}
    group = regex.fullmatch(r"\(\?(?:[imsx]*:|:)(.*)\)", first, flags=regex.S)
    if group and close_paren(first, 0) == len(first):
        return set(first_words(group.group(1), lists) or ()) or None
    if first in _PUNCT_WORDS:
        return {first}
    if regex.fullmatch(r"\[[―—–:(]+\]", first):
        return set(first[1:-1])
    if regex.fullmatch(r"[A-Za-z]+", first):
        # a whole word only when what follows cannot continue it
        following = rest[0] if rest else ""
        if following and not regex.match(r"\\s|\(\?[!=]|\\b|$", following):
            if regex.fullmatch(r"[a-z]\?", following):  # 'claims?': both forms
                after = rest[1] if len(rest) > 1 else ""
                if not after or regex.match(r"\\s|\(\?[!=]|\\b", after):
                    return {first.lower(), (first + following[0]).lower()}
            return None
        return {first.lower()}
    return None


def derive_triggers(pattern: str, cues: list[str], lists: dict[str, tuple[str, ...]]) -> frozenset[str] | None:
    """The words a sentence must contain for the rule to match: the first words of its first cue
    group; for a rule whose alternatives each have their own cue group ('(?P<cue>found) ... |
    (?P<cue2>found) ...'), the first words of every alternative's cue group together."""
    if not cues:
        return None
    found = cue_group(pattern, cues[0])
    if found is not None:
        return first_words(found[0], lists)
    return _alternatives_triggers(pattern, regex.compile(regex.escape(cues[0]) + r"\d*"), lists)


def _alternatives_triggers(pattern: str, cue_name: regex.Pattern, lists: dict[str, tuple[str, ...]],
                           depth: int = 0) -> frozenset[str] | None:
    """Trigger words of a pattern whose cue group sits in alternatives: each alternative must hold
    a mandatory cue group (named like the first cue, 'cue', 'cue2', ...), at the top level of
    the alternative or inside a mandatory non-capturing group of it; the union of their first
    words. None where any alternative has none."""
    alternatives = split_alternatives(pattern)
    if not alternatives or depth > 3:
        return None
    words: set[str] = set()
    for alternative in alternatives:
        found = _sequence_triggers(alternative, cue_name, lists, depth)
        if found is None:
            return None
        words |= found
    return frozenset(words) or None


def _sequence_triggers(sequence: str, cue_name: regex.Pattern, lists: dict[str, tuple[str, ...]],
                       depth: int) -> frozenset[str] | None:
    parts = split_parts(sequence, open_lookbehinds=False)
    for part in parts:  # a mandatory cue group of this sequence
        head = regex.match(r"\(\?P?<(\w+)>", part)
        if head and cue_name.fullmatch(head.group(1)) and part.endswith(")") and close_paren(part, 0) == len(part):
            return first_words(part[head.end():-1], lists)
    for part in parts:  # else a mandatory non-capturing group whose alternatives each hold one
        group = regex.fullmatch(r"\(\?:(.*)\)", part, flags=regex.S)
        if group and close_paren(part, 0) == len(part):
            found = _alternatives_triggers(group.group(1), cue_name, lists, depth + 1)
            if found is not None:
                return found
    return None


def derive_anchor_starts(pattern: str, cues: list[str], lists: dict[str, tuple[str, ...]]) -> frozenset[str] | None:
    """The cue's first words when every match begins at the cue (only checks and spaces before it)."""
    if not cues:
        return None
    found = cue_group(pattern, cues[0])
    if found is None:
        return None
    before = split_parts(pattern, open_lookbehinds=False)
    index = next((i for i, p in enumerate(before) if regex.match(r"\(\?P?<" + regex.escape(cues[0]) + ">", p)), None)
    if index is None or not all(_zero_width(p) for p in before[:index]):
        return None
    return first_words(found[0], lists)


def _zero_width(part: str) -> bool:
    if part in (r"\s*", "^", r"\b"):
        return True
    if part.startswith(("(?=", "(?!", "(?<=", "(?<!")) and close_paren(part, 0) == len(part):
        return True
    group = regex.fullmatch(r"\(\?:(.*)\)", part, flags=regex.S)
    if group and close_paren(part, 0) == len(part):
        alternatives = split_alternatives(group.group(1))
        return bool(alternatives) and all(
            all(_zero_width(p) for p in split_parts(a, open_lookbehinds=False)) for a in alternatives)
    return False


# back-references, conditionals, atomic groups, possessive quantifiers ('*+', '{2,5}+'; not '\\p{Lu}+'), global flags
_UNSAFE_ALONE = compile_cached(r"\\[1-9gG]|\(\?P=|\(\?\(|\(\?>|[*+?]\+|\{\d+(?:,\d*)?\}\+|\(\?[a-zA-Z]*\)")


def derive_cue_check(pattern: str, cues: list[str]) -> str | None:
    """The pattern of the first cue group, standing alone: a sentence in which it finds nothing
    cannot match the rule (the group is a mandatory part of every match, and on its own it sees
    the same text around it). None when the group is optional, or refers to other groups, is
    atomic or possessive (which could make it depend on the direction of matching), or when the
    pattern sets flags for all of itself."""
    if not cues or regex.match(r"\(\?[a-zA-Z]*\)", pattern):
        return None
    found = cue_group(pattern, cues[0])
    if found is None or _UNSAFE_ALONE.search(found[0]):
        return None
    after = _checks_after(split_parts(pattern)[found[1] + 1:])
    before = _words_before(pattern, cues[0])
    if before:
        return before + "(?:" + found[0] + ")" + after
    return "(?:" + found[0] + ")" + after if after else found[0]


# what may not stand in the rest of a pattern checked on its own: references to groups (back-references,
# conditionals, calls), \\G, flags set for all of the pattern
_UNSAFE_REST = compile_cached(r"\\[1-9gG]|\(\?P[=>]|\(\?\(|\(\?&|\(\?R\)|\(\?[+-]?\d+\)|\(\?[a-zA-Z]*\)")


def derive_cue_rest(pattern: str, cues: list[str]) -> str | None:
    """The cue check with everything after the cue group in it (`pattern` with its guard): the
    words right before the cue, the cue group, then the rest of the pattern to its end. Each match
    of the rule holds a match of this at its cue (the same parts over the same text: what follows
    the cue refers to no group before it), so a sentence where it finds nothing is not tried: the
    rule's own search would read a source at every word before learning that. None where the cue group is
    not a mandatory part at the top level of the pattern as written, or the rest refers to groups;
    and where the rule reads no group before its cue (a source): its own search then costs about
    what the check would."""
    check = derive_cue_check(pattern, cues)
    if check is None:
        return None
    parts = split_parts(pattern, open_lookbehinds=False)
    if "".join(parts) != pattern:
        return None
    head = regex.compile(r"\(\?P?<" + regex.escape(cues[0]) + ">")
    index = next((i for i, p in enumerate(parts) if head.match(p)), None)
    if index is None or not parts[index].endswith(")") or close_paren(parts[index], 0) != len(parts[index]):
        return None
    rest = "".join(parts[index + 1:])
    if not rest or _UNSAFE_REST.search(rest) or _UNSAFE_ALONE.search(parts[index]):
        return None
    if not any("(?P<" in part or "(?<" in part.replace("(?<=", "").replace("(?<!", "") for part in parts[:index]):
        return None  # no group read before the cue: finditer finds the cue about as fast as the check would
    inner = parts[index][head.match(parts[index]).end():-1]
    return _words_before(pattern, cues[0]) + "(?:" + inner + ")" + rest


# a part made of plain words, spaces and groups of them ('(?:and|but|then)', '(?:(?:then|also)\\s+)?'), or a punctuation mark
_PLAIN_PART = compile_cached(r"\(\?:(?:[A-Za-z|()?:+ ]|\\s)*\)\??|[,;:]\??")


def _words_before(pattern: str, cue: str) -> str:
    """The plain words and punctuation right before the cue group (', according to': ',\\s+'), up
    to the first part that is not one, without the spaces and optional parts it would begin
    with: contiguous with the cue in every match, so a cue check that includes them stays exact
    and finds fewer sentences."""
    parts = split_parts(pattern, open_lookbehinds=False)
    index = next((i for i, p in enumerate(parts) if regex.match(r"\(\?P?<" + regex.escape(cue) + ">", p)), None)
    if index is None:
        return ""
    start = index
    while start > 0 and (parts[start - 1] in _SPACES or _PLAIN_PART.fullmatch(parts[start - 1])) \
            and not _UNSAFE_ALONE.search(parts[start - 1]):
        start -= 1
    while start < index and (parts[start] in _SPACES or parts[start].endswith("?")):
        start += 1
    return "".join(parts[start:index])


_SPACES = frozenset((r"\s+", r"\s*", r"\s", " "))


def _checks_after(parts: list[str]) -> str:
    """The spaces and lookaheads right after the cue group, up to the last lookahead among them:
    what the text after a cue must hold ('found' + '\\s+(?=that\\s)'), checked with the cue alone.
    They are contiguous parts of every match and see the same text, so the check stays exact."""
    taken: list[str] = []
    kept = ""
    for part in parts:
        if part in _SPACES:
            taken.append(part)
        elif part.startswith(("(?=", "(?!")) and close_paren(part, 0) == len(part) and not _UNSAFE_ALONE.search(part):
            taken.append(part)
            kept = "".join(taken)
        else:
            break
    return kept


_ENDS_WORD = compile_cached(r"\(\?!\[\\w'’-\]\)|\(\?=\\s\*\(\?:\[[.,:;!?]+\]\|\$\)\)")


def derive_end_anchors(pattern: str, cues: list[str], lists: dict[str, tuple[str, ...]]) -> list[str] | None:
    """For a rule read right to left (`reverse`) whose pattern ends with its cue group: the phrases
    that group can be, lower-cased. Every match then ends where one of them ends, a whole word
    (a space before the group, and after it only checks that no word goes on), so the loader
    anchors the rule there (as `anchor_words` would): a right-to-left scan tries nothing else.
    None when that does not hold or the phrases are not all plain words."""
    if not cues:
        return None
    parts = split_parts(pattern, open_lookbehinds=False)
    index = next((i for i, p in enumerate(parts) if regex.match(r"\(\?P?<" + regex.escape(cues[0]) + ">", p)), None)
    if not index or not parts[index].endswith(")") or not _ends_with_space(parts[index - 1]):
        return None
    tail = parts[index + 1:]
    if not tail or not _ENDS_WORD.fullmatch(tail[0]) or not all(_zero_width(p) for p in tail):
        return None
    content = parts[index][regex.match(r"\(\?P?<\w+>", parts[index]).end():-1]
    alternatives = split_alternatives(content)
    if not alternatives:
        return None
    phrases: list[str] = []
    for alternative in alternatives:
        named = regex.fullmatch(r"\\L<(\w+)>", alternative)
        if named and named.group(1) in lists:
            phrases.extend(entry.lower() for entry in lists[named.group(1)])
        elif regex.fullmatch(r"[A-Za-z]+(?:\\s\+[A-Za-z]+)*", alternative):
            phrases.append(alternative.replace(r"\s+", " ").lower())
        else:
            return None
    if not phrases or not all(regex.fullmatch(r"[\w'’-]+(?: [\w'’-]+)*", p) for p in phrases):
        return None
    return phrases


def _ends_with_space(part: str) -> bool:
    """Does every match of `part` end with a space (then lookaheads at most)? `\\s+`, or a group
    of alternatives that each do (', ' | ' while ' ...): what follows it begins a word."""
    if part in (r"\s+", r"\s"):
        return True
    group = regex.fullmatch(r"\(\?:(.*)\)", part, flags=regex.S)
    if not group or close_paren(part, 0) != len(part):
        return False
    alternatives = split_alternatives(group.group(1))
    if not alternatives:
        return False
    for alternative in alternatives:
        inner = split_parts(alternative, open_lookbehinds=False)
        while inner and inner[-1].startswith(("(?=", "(?!")) and close_paren(inner[-1], 0) == len(inner[-1]):
            inner.pop()
        if not inner or not _ends_with_space(inner[-1]):
            return False
    return True


def begins_at_cue(pattern: str, cues: list[str]) -> bool:
    """Does every match begin exactly where its cue begins (only lookarounds before the cue group,
    no spaces)? Then a rule anchored where its cue words begin need not be tried at the spaces
    before them as well."""
    if not cues:
        return False
    parts = split_parts(pattern, open_lookbehinds=False)
    index = next((i for i, p in enumerate(parts) if regex.match(r"\(\?P?<" + regex.escape(cues[0]) + ">", p)), None)
    if index is None or not parts[index].endswith(")"):
        return False
    return all(p in ("^", r"\b") or (p.startswith(("(?=", "(?!", "(?<=", "(?<!")) and close_paren(p, 0) == len(p))
               for p in parts[:index])
