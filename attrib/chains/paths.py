"""Paths as lists of hops: small helpers that compare, collapse, carry and dedupe them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from ..records import Frame, Hop, Span
from ..resolve import Resolved
from ..rules.cache import compile_cached

WORDS = compile_cached(r"\w+")


@dataclass
class Mention:
    """A source or person seen earlier in the document, with the chain it came by."""

    sentence: int
    paragraph: int
    position: int
    resolved: Resolved
    path: list[Hop]        # chain up to and including this source (for a plain mention: the chain around it)
    is_source: bool
    possessive: bool = False   # "Tsege's arrest": a modifier, not the sentence's subject


@lru_cache(maxsize=4096)
def title_pattern(words: tuple[str, ...]) -> regex.Pattern:
    """'russian president' -> a pattern for 'Russian President Vladimir Putin' (the name in group 1)."""
    return regex.compile(r"(?i:" + r"\s+".join(map(regex.escape, words)) + r")\s+((?:\p{Lu}[\p{L}'’-]+\s+){0,3}\p{Lu}[\p{L}'’-]+)")


NESTED_GAP = 20  # characters: "said she recalls", "said Friday that she thinks" report the same speech again


def _own_clause(kept: Hop, lost: Hop, text: str, offset: int) -> bool:
    """Whether a source nested in its own report speaks in a clause of its own ("Cruz says he is tied, in a
    finish that he said defied expectations"): not a belief, not the speech just reported ("Lee said she
    recalls"), not a voice inside the quotation ('"He said he would win," Lee recalled')."""
    if not text or lost.rule_id == "belief-quote" or lost.source_start is None or kept.cue_end is None:
        return False
    if 0 <= lost.source_start - kept.cue_end <= NESTED_GAP:
        return False
    return not _quoted(text[:max(0, lost.source_start - offset)])


def _quoted(before: str) -> bool:
    """Whether a quotation is open at the end of `before` (curly, straight or doubled single quotes)."""
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("''") % 2 == 1


def collapse_repeats(path: list[Hop], text: str = "", offset: int = 0) -> list[Hop]:
    """'CNN > CNN': a source nested in its own report ("..., according to CNN, who reported") is one hop.
    Given the sentence (`text`, starting at document offset `offset`), a repeat that speaks in a clause of
    its own keeps its cue as one more cue of the hop it joins."""
    out: list[Hop] = []
    for hop in path:
        if out and (hop.cited == out[-1].cited or (hop.source_id and hop.source_id == out[-1].source_id)):
            if hop.source_start is not None and out[-1].source_start is None:
                out[-1] = hop
            elif _own_clause(out[-1], hop, text, offset):
                _keep_cue(out[-1], hop)  # "Cruz says ..., a finish that he said ...": one more cue of Cruz
            continue
        out.append(hop)
    return out


def enclosing(paths: list[list[Hop]], frames: list[Frame], position: int) -> list[Hop]:
    """The chain whose content holds a position: the context of a plain mention."""
    best: Frame | None = None
    for f in frames:
        if f.content_start <= position < f.content_end:
            if best is None or f.content_end - f.content_start < best.content_end - best.content_start:
                best = f
    if best is None:
        return []
    last = best.hops[-1]
    for p in paths:
        for i, hop in enumerate(p):
            if hop.source_start == last.start:
                return p[: i + 1]
    return []


def mention_context(m: Mention) -> list[Hop]:
    """The chain a pronoun inherits with its antecedent: a source's own chain ("According to Al Jazeera,
    KCNA said ... it added" -> Al Jazeera > KCNA), or the report a person was named in ("Meduza reports
    that the Russian president published an op-ed. In it, he emphasized ..." -> Meduza > Putin)."""
    return m.path[:-1] if m.is_source else list(m.path)


def is_title_case(text: str) -> bool:
    """A headline in title case ('Here’s Why Winning Iowa Could Break Hillary’s Firewall')."""
    words = _LONG_WORDS.findall(text)  # the words of four letters or more, as WORDS would find them
    if len(words) < 4:
        return False
    return sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


_LONG_WORDS = compile_cached(r"\w{4,}")


SPACE_RE = compile_cached(r"\s+")
LEADING_THE_RE = compile_cached(r"^(?i:the)\s+")


def same_source(hop: Hop, resolved: Resolved) -> bool:
    if hop.source_id and resolved.source_id:
        return hop.source_id == resolved.source_id
    return hop.cited.lower() == resolved.name.lower()


def carried_hop(hop: Hop) -> Hop:
    """A hop taken over from an earlier sentence: same source, but not named here."""
    return Hop(citing="", cited=hop.cited, cited_kind=hop.cited_kind, cited_text="", cue="",
               rule_id=hop.rule_id if hop.rule_id in ("wire", "interview") else "continuation", hedge=hop.hedge,
               source_id=hop.source_id)


def carried_into(chain: list[Hop], path: list[Hop]) -> list[Hop]:
    """A quotation's chain carried before a voice quoted in it: where the path already begins with the end of the
    chain (a pronoun that stands for the speaker, with the chain it came by), the shared hops count once, so no
    chain is repeated inside another ('Jones > Smith > Jones > Smith')."""
    ids = [h.source_id or h.cited for h in chain]
    own = [h.source_id or h.cited for h in path]
    k = next((k for k in range(min(len(ids), len(own)), 0, -1) if ids[-k:] == own[:k]), 0)
    return collapse_repeats([*(carried_hop(h) for h in chain[:len(chain) - k]), *path])


def dedupe(paths: list[list[Hop]]) -> list[list[Hop]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for p in paths:
        key = tuple(h.cited.lower() for h in p)
        if key and key not in seen:
            seen.add(key)
            out.append(p)
        elif key:
            _keep_cue(next(q for q in out if tuple(h.cited.lower() for h in q) == key)[-1], p[-1])
    return out


def _keep_cue(kept: Hop, lost: Hop) -> None:
    """'Fowler said ... and he noted ...': the path of 'he' repeats Fowler's; its cue is one more of his."""
    if lost.cue_start is None or lost.cue_start == kept.cue_start or lost.cue_end is None:
        return
    if any(cue.start == lost.cue_start for cue, _ in kept.also_cues):
        return  # taken over already (the same hops are collapsed more than once)
    named = None if lost.source_start is None else Span(lost.source_start, lost.source_end or lost.source_start, lost.cited_text)
    kept.also_cues = (*kept.also_cues, (Span(lost.cue_start, lost.cue_end, lost.cue), named), *lost.also_cues)
