"""Frames inside one sentence: attach cues, split coordinated sources, set contents, nest frames
("According to Al Jazeera, KCNA said" -> KCNA's frame inside Al Jazeera's).
"""
from __future__ import annotations

import dataclasses

from ..lexicon import list_words, word_list
from ..records import Frame, Sentence, Span
from .paths import WORDS
from ..rules.cache import compile_cached


def attach_frames(frames: list[Frame]) -> list[Frame]:
    """Fold "..., citing Y" into the frame before it and "in an interview with X" into the nearest one."""
    main = [f for f in frames if not f.attach and f.hops]
    for f in frames:
        if f.attach == "inner" and f.hops:
            target = next((g for g in reversed(main) if g.start < f.start), None)
            if target is None:
                f.attach = ""
                main.append(f)
                continue
            if not target.hop_rules:
                target.hop_rules = [target.rule_id] * len(target.hops)
            target.hops.extend(f.hops)
            target.cues.extend(f.cues)
            target.hop_rules.extend([f.rule_id] * len(f.hops))
        elif f.attach == "outer" and f.outer is not None and main:
            target = min(main, key=lambda g: min(abs(g.start - f.end), abs(f.start - g.end)))
            if target.outer is None:
                target.outer = f.outer
                target.outer_rule = f.rule_id
    main.sort(key=lambda f: f.start)
    return main


_COORDINATION = compile_cached(r",?\s+(?:and|&)\s+")
_INSIDE_PHRASE = compile_cached(r"\s(?:of|in|at|from|for|with|on|to|by)\s")
_TITLE_WORDS = frozenset(word_list("coordination_title_words"))
_ENDS_IN_NAME = compile_cached(r"\p{Lu}[\p{L}'’.-]+\s+\p{Lu}[\p{L}'’-]+$")
_PLURAL_END = compile_cached(r"\s\p{Ll}{3,}s$")
_NAME_ONLY = compile_cached(r"^(?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+$")
_NOT_ALONE = frozenset(word_list("not_alone_modifiers"))


def split_coordinated(frames: list[Frame], offset: int, text: str) -> list[Frame]:
    """'Dunn and John agreed', 'Trump and his supporters claimed': sources that share one cue are
    separate paths (guidelines), so the frame is split into one frame per source. Adjectives that
    share a noun ('Minority and women voters') stay one source."""
    out: list[Frame] = []
    for frame in frames:
        parts = _coordinated_parts(frame.hops[0], offset, text) if frame.hops else []
        if len(parts) < 2:
            out.append(frame)
            continue
        for part in parts:
            out.append(dataclasses.replace(frame, hops=[part, *frame.hops[1:]], cues=list(frame.cues),
                                           hop_rules=list(frame.hop_rules)))
    return out


def _coordinated_parts(span: Span, offset: int, text: str) -> list[Span]:
    m = _COORDINATION.search(span.text)
    if m is None or _COORDINATION.search(span.text, m.end()):
        return []
    left, right = span.text[: m.start()].strip(), span.text[m.end():].strip()
    if not left or not right or len(left.split()) == 1 and left.lower() in _NOT_ALONE:
        return []
    if _INSIDE_PHRASE.search(left) or left.split()[-1] in _TITLE_WORDS:
        return []  # "the people of Indiana and Oregon", "Prime Minister and party leader Boris Johnson"
    plural_nouns = _PLURAL_END.search(left) and _PLURAL_END.search(right)  # "private companies and ordinary traders"
    named = _ENDS_IN_NAME.search(left) and _ENDS_IN_NAME.search(right)  # "candidate Ann Lee and former president Bo Li"
    named_and_group = _NAME_ONLY.match(left) and _PLURAL_END.search(" " + right)  # "the Harbour Authority and city engineers"
    if not (right[:1].isupper() or right.split()[0].lower() in ("his", "her", "their", "its", "the", "a", "an")
            or plural_nouns or named or named_and_group):
        return []  # "Minority and women voters": one noun shared by two modifiers
    start = span.start
    return [Span(start, start + len(left), left), Span(start + m.end(), span.end, right)]


def set_content(sentence: Sentence, frames: list[Frame]) -> None:
    text = sentence.text
    breaks = clause_breaks(text)
    for f in frames:
        side = f.content_side
        head = _head(f)
        before = text[: head - sentence.start].rstrip()
        after = text[f.end - sentence.start:].strip()
        if side == "auto":
            n_after = len(WORDS.findall(after))
            # "According to X, Y said ...": what precedes Y is another attribution, not content
            led_by_frame = any(g is not f and g.end <= f.start and not text[g.end - sentence.start:
                                                                            f.start - sentence.start].strip(" ,;:")
                               for g in frames)
            opening = before[-1:] in ("\"", "'") and (len(before) == 1 or before[-2] in " \t\n(")  # ', "The council ...'
            # "A said X; B said Y": after a semicolon that closes another frame's clause, B's content follows B
            after_clause = before.endswith(";") and any(g is not f and g.end <= head for g in frames)
            after_clause = after_clause or bool(_OPENING_MARK.search(before))  # 'Smith said: “Jones told me ...'
            if (before and before[-1] in ",\"”’'—–:;(" and not opening and n_after <= 8 and not led_by_frame
                    and not after_clause
                    and not after.lower().startswith(("that", ":")) and not _SUBORDINATOR.match(before)):
                side = "before"
            else:
                side = "after"
        f.content_side = side
        if side == "before":
            f.content_start, f.content_end = sentence.start, head
        else:
            f.content_start, f.content_end = f.end, sentence.end
        _within_clause(f, frames, breaks, sentence.start)
    for f in frames:
        if f.content_side == "after":
            for g in frames:
                if g is not f and g.start >= f.end and (g.content_side == "before" or g.parallel):
                    f.content_end = min(f.content_end, g.start)
            # "Though Kaine has said X, HuffPost reported Y": a subordinate clause's content ends with it
            if _SUBORDINATE_OPENING.search(text[max(0, f.start - sentence.start - 120): f.start - sentence.start]):
                comma = _CLAUSE_COMMA.search(text, f.end - sentence.start)
                if comma is not None:
                    f.content_end = min(f.content_end, sentence.start + comma.start())


_OPENING_MARK = compile_cached(r"(?:^|[\s:(—–])[\"“]$")


_CLAUSE_MARKS = compile_cached(r"[;\"“”]")


def clause_breaks(text: str) -> list[int]:
    """Offsets in a sentence of the semicolons outside quotation marks: each joins two independent clauses."""
    out: list[int] = []
    marks = 0
    for m in _CLAUSE_MARKS.finditer(text):
        if m.group() != ";":
            marks += 1
        elif marks % 2 == 0:
            out.append(m.start())
    return out


def _head(f: Frame) -> int:
    """Where a frame's words begin: its first source, where the match starts at the cue ('X told CNN')."""
    return min([f.start, *(h.start for h in f.hops if h.start >= 0)])


def _within_clause(f: Frame, frames: list[Frame], breaks: list[int], offset: int) -> None:
    """'Smith said the budget was balanced; Jones said the deficit would grow': a semicolon between two
    frames closes the content of each at its side, so neither cites the other (guidelines: two clauses
    with their own cues are separate paths)."""
    for b in (offset + i for i in breaks):
        if f.content_side == "after" and f.end <= b < f.content_end and any(_head(g) > b for g in frames if g is not f):
            f.content_end = b
        elif f.content_side == "before" and f.content_start <= b < _head(f) and any(g.end <= b for g in frames if g is not f):
            f.content_start = b + 1


# between a closing quote and its attribution; between an attribution and its opening quote (a colon may
# end a paragraph that introduces a quoted one)
ADJACENT_AFTER = compile_cached(r"[ \t,]*")
ADJACENT_BEFORE = compile_cached(r"[ \t]*(?:[,—–-][ \t]*(?:that\s+)?|that\s+|:\s*)?")
_SUBORDINATE_OPENING = compile_cached(
    r"(?:^|[^\w'’-])(?i:%s)\s+(?:[\w'’.-]+\s+){0,8}?$" % list_words("subordinate_openers"))
_SUBORDINATOR = compile_cached(r"^\W*(?i:%s)\s" % list_words("subordinators"))
_CLAUSE_COMMA = compile_cached(r",\s(?=[^\"“”]*(?:$|[\"“][^\"“”]*[\"”]))")
_COORDINATED = compile_cached(r"(?:,?\s+(?:and|but|while|whereas)|;)\s*$")


def nest(frames: list[Frame], text: str = "", offset: int = 0) -> dict[int, Frame]:
    """Parent of each frame, keyed by id(frame): the frame with the smallest content holding it.

    A frame that opens a coordinated clause ("Trump described it as a hoax and the White
    House claimed ...") is a sibling of the frame before it, not cited by it.
    """
    parent: dict[int, Frame] = {}
    by_id = {id(f): f for f in frames}
    for f in frames:
        if f.parallel:
            continue
        containers = [g for g in frames if g is not f and g.content_start <= f.start and f.end <= g.content_end]
        if containers:
            parent[id(f)] = min(containers, key=lambda g: g.content_end - g.content_start)
    for f in frames:
        g = parent.get(id(f))
        if g is not None and g.content_side == "after" and g.end <= f.start and text:
            # a relative clause counts from its antecedent: "Mr. Carson, who claimed A, and Donald J.
            # Trump, who suggested B" are two sources side by side
            # (a rule may read its source in a look-behind, so the frame starts at its cue)
            leads = bool(f.hops) and 0 <= f.hops[0].start <= f.start
            start = f.antecedent.start if f.antecedent is not None else f.hops[0].start if leads else f.start
            between = text[g.end - offset:max(g.end, start) - offset]
            if _COORDINATED.search(between) and f.hops and (leads or f.antecedent is not None):
                grand = parent.get(id(g))
                if grand is None:
                    del parent[id(f)]
                else:
                    parent[id(f)] = grand
    # break two-frame cycles: the trailing reporter ("..., X reported") stays outer
    for fid, g in list(parent.items()):
        f = by_id[fid]
        if parent.get(id(g)) is f and parent.get(fid) is g:
            outer = g if g.content_side == "before" else f
            parent.pop(id(outer), None)
    return parent
