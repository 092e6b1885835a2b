"""A source that speaks in its own voice beside the source it cites (stage 5, after nesting).

A frame nested in another frame's content makes one path, outer > inner. When the outer content says
more than the inner frame covers, the outer source also asserts something of its own, and the guidelines
give it a path of its own: '"My friends keep telling me 'Feel the Bern,' but I can't say I like him,"
said Lee' -> Lee, and Lee > friends; '"He knows there is no crisis, and he admits he will lose," said
Becerra' -> Becerra, and Becerra > Trump. A content that is the inner frame and nothing else ("According
to Reuters, KCNA said ...", "The Tribune notes that Varga posted ...") keeps the one nested path.
"""
from __future__ import annotations

import regex

from ..lexicon import list_words, word_list
from ..records import Frame, Hop, Sentence
from ..rules.cache import compile_cached

OWN_WORDS = 5   # words of the outer content outside every inner frame that make it a statement of its own
_WORD = compile_cached(r"[\p{L}\d][\p{L}\d'’-]*")
_NOT_INNER_VOICE = ("according-to", "evidence-")  # a credit or a piece of evidence, not a voice quoted
_FILLER = frozenset(word_list("own_voice_fillers"))


# "when that group said", "after the minister announced": a speech event that dates the outer content
_DATING = compile_cached(r"(?i)(?:^|[^\w'’-])(?:%s)\s+(?:[\w'’-]+\s+){0,3}$" % list_words("dating_openers"))
# a new clause after a quotation: "‘Feel the Bern,’ but I can't say" (not a venue: "'...' in comments to officials")
_CLAUSE_BREAK = compile_cached(r"\s*(?:[,;]\s*)?(?:;|(?<=[\s,])(?:but|and|yet|while|though|although|so)\s)")
_OPENING = compile_cached(r"(?:\s*(?:me|us|him|her|them|you|reporters|that)(?![\w'’-]))?[\s,:]*([‘“\"'])")
_CLOSING = {"‘": r"’(?!\p{L})", "“": "”", '"': '"', "'": r"'(?!\p{L})"}


def _quoted_end(text: str, offset: int, start: int, end: int) -> int:
    """Where a content ends that is one quotation ("telling me, ‘Feel the Bern,’ but I ..." -> after ’)."""
    m = _OPENING.match(text, max(0, start - offset))
    if m is None:
        return end
    close = regex.compile(_CLOSING[m.group(1)]).search(text, m.end(), max(0, end - offset))
    if close is None or _CLAUSE_BREAK.match(text, close.end()) is None:
        return end
    return offset + close.end()


def uncovered_words(text: str, offset: int, lo: int, hi: int, frames: list[Frame]) -> int:
    """Words of text[lo:hi] (document offsets; text starts at offset) outside every frame's span and content."""
    spans = []
    for f in frames:
        start = min(f.start, f.antecedent.start) if f.antecedent is not None else f.start
        spans.append((start, f.end))
        if f.content_end > f.content_start:
            spans.append((f.content_start, _quoted_end(text, offset, f.content_start, f.content_end)))
    count = 0
    for m in _WORD.finditer(text, max(0, lo - offset), max(0, hi - offset)):
        at = offset + m.start()
        if m.group().lower() in _FILLER or any(a <= at < b for a, b in spans):
            continue
        count += 1
    return count


def _clause(f: Frame, sentence: Sentence) -> bool:
    """An inner frame that is a clause of the outer content with its subject ("friends keep telling me"), not a
    relative clause on a noun of it ("his listeners, who wondered"), a trailing credit ("..., according to"),
    nor a speech event that dates the outer content ("around the time when Red Hat announced ...")."""
    before = sentence.text[max(0, f.start - sentence.start - 30):max(0, f.start - sentence.start)]
    return (f.antecedent is None and f.content_side == "after" and not f.parallel
            and not f.rule_id.startswith(_NOT_INNER_VOICE) and not _DATING.search(before))


def own_paths(frames: list[Frame], parent: dict[int, Frame], frame_paths: dict[int, list[Hop]],
              sentence: Sentence) -> list[tuple[Frame, list[Hop]]]:
    """(root frame, path) of each outer frame whose content says more than the frames nested in it."""
    out: list[tuple[Frame, list[Hop]]] = []
    for outer in frames:
        inner = [f for f in frames if parent.get(id(f)) is outer]
        path = frame_paths.get(id(outer))
        if not inner or not path or outer.content_end <= outer.content_start or not all(_clause(f, sentence) for f in inner):
            continue
        if uncovered_words(sentence.text, sentence.start, outer.content_start, outer.content_end, inner) < OWN_WORDS:
            continue
        root, seen = outer, {id(outer)}
        while id(root) in parent and id(parent[id(root)]) not in seen:
            root = parent[id(root)]
            seen.add(id(root))
        out.append((root, path))
    return out


def speaks_beside(sentence: Sentence, lo: int, hi: int, frames: list[Frame]) -> bool:
    """A sentence of someone's quotation (lo..hi) whose frames leave words of the speaker's own."""
    inside = [f for f in frames if lo <= f.start < hi]
    if not inside or not all(_clause(f, sentence) for f in inside):
        return False
    lo, hi = max(lo, sentence.start), min(hi, sentence.end)
    return uncovered_words(sentence.text, sentence.start, lo, hi, inside) >= OWN_WORDS


def speaking_on(paths: list[list[Hop]], voices: list[list[Hop]]) -> list[list[Hop]]:
    """Who goes on speaking after a sentence: a path that runs through the speaker of a quotation the sentence
    attributes ('"My friends say 'Feel the Bern,' but ...," said Lee. "He is new."') is that speaker's."""
    out: list[list[Hop]] = []
    for p in paths:
        for v in voices:
            if 0 < len(v) < len(p) and all(a.source_id == b.source_id and a.cited == b.cited for a, b in zip(v, p)):
                p = v
                break
        if all(q is not p and [h.cited for h in q] != [h.cited for h in p] for q in out):
            out.append(p)
    return out
