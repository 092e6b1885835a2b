"""Which frames of a sentence are attributions of its content at all (stage 5, before nesting).

A speech act told as an event inside a time or condition clause of someone else's content
("When China announced its plan, it was met with fear," said Gabuyev; "If the Senate confirms
me, ..."; "he didn't know much about Sanders before he announced his bid") dates or conditions
the statement; it does not attribute it. Such a frame is dropped when its cue takes a plain
object (no "that", no quotation, no clause) and another frame of the sentence holds it in its content.
An unnamed "reportedly" counts only where the sentence names no source; a source in an object
relative clause ("..., which the BBC noted as unusual") stands beside the speaker, not inside.
"""
from __future__ import annotations

import regex

from ..lexicon import list_words
from ..records import Frame, Sentence
from ..rules.cache import compile_cached

_OBJECT_RELATIVE = compile_cached(r"[,(—–]\s*(?i:which|whom)\s+(?:the\s+)?$")
UNNAMED_REPORTS = "unnamed-reports"   # rule id: "reportedly" with no source named
EARLIER_POLL = "in-earlier-poll"      # rule id: "in the same poll", a venue where another source speaks
_EVENT_OPENING = compile_cached(r"(?i)(?:^|[^\w'’-])(?:%s)\s+$" % list_words("event_openers"))
_PLAIN_OBJECT = compile_cached(r"\s+(?:%s|\d)(?![\w'’-])" % list_words("plain_object_words"))
_CLAUSE_VERB = compile_cached(r"(?i)\b(?:%s)\b|n['’]t\b" % list_words("clause_auxiliaries"))


def drop_event_clauses(sentence: Sentence, frames: list[Frame]) -> list[Frame]:
    """The frames of a sentence less those that only date or condition another frame's content."""
    text, offset = sentence.text, sentence.start
    out: list[Frame] = []
    named = [f for f in frames if f.rule_id != UNNAMED_REPORTS]
    reports = [f for f in frames if f.rule_id == UNNAMED_REPORTS and not any(_governs(g, f) for g in named)]
    for f in frames:
        if reports and f.antecedent is not None and f.start > reports[0].start:
            f.parallel = True  # "Reportedly thousands came to the court, which ruled ...": beside the reports
        if f.rule_id == EARLIER_POLL and len(named) > 1:
            continue  # "Six in 10 say so, after half said so in the earlier poll": the respondents' poll, no hop
        if f.rule_id == UNNAMED_REPORTS and any(_governs(g, f) for g in named):
            continue  # "KCNA reportedly added": KCNA's, the hedge recorded on its hop
        if _is_event(f, frames, text, offset) or _is_free_relative(f, text, offset):
            continue
        if f.hops and _OBJECT_RELATIVE.search(text, 0, max(0, f.hops[0].start - offset)):
            f.parallel = True  # "— which the BBC noted as unusual —": the BBC's words, beside the speaker's
        out.append(f)
    return out


_FREE_RELATIVE = compile_cached(r"(?i)(?:^|[^\w'’-])(?:what|whatever)\s+$")
_NO_CLAUSE = compile_cached(r"(?i)\s*(?:[.,;?!)”’]|$|(?:%s)(?![\w'’-]))" % list_words("no_clause_followers"))
_REPORTED = compile_cached(r"(?i)\s*(?:(?:is|was|are|were|will|would)(?![\w'’-])|,?\s+[\"'“‘]|,?\s*[“‘]|:)")


def _is_free_relative(f: Frame, text: str, offset: int) -> bool:
    """'Judge him by what he does, not what he says', 'they do whatever they claim on TV': the speech is named, not
    reported (no content of its own, guidelines). A clause after the cue is content: 'what Trump says his plan would
    do', 'what he says it is', 'what they say is an unlawful order', 'what analysts described as ...', 'What he said
    was that ...', 'that's what voters said: "..."', 'what she called "..."'."""
    if len(f.hops) != 1 or len(f.cues) != 1 or f.antecedent is not None or f.cues[0].start < 0:
        return False
    head = min(f.start, f.hops[0].start) - offset
    if not _FREE_RELATIVE.search(text, max(0, head - 12), max(0, head)):
        return False
    after = f.cues[0].end - offset
    return not _REPORTED.match(text, after) and bool(_NO_CLAUSE.match(text, after))


def _governs(named: Frame, reportedly: Frame) -> bool:
    """A named frame takes over an unnamed 'reportedly' that stands in its span ("KCNA reportedly added") or
    its content ("Smith said the crash reportedly killed seven"); one that opens the sentence before a
    source named later in a clause of its own ("Reportedly thousands came, some to the court, which ruled
    ...") stays the sentence's."""
    at = reportedly.start
    return named.start <= at < named.end or named.content_start <= at < named.content_end or (
        named.antecedent is None and at < named.start and named.content_side != "before")


def _is_event(f: Frame, frames: list[Frame], text: str, offset: int) -> bool:
    if len(f.hops) != 1 or len(f.cues) != 1 or f.outer is not None or f.cues[0].start < 0:
        return False
    head = f.antecedent.start if f.antecedent is not None else f.hops[0].start
    if not _EVENT_OPENING.search(text[max(0, head - offset - 30):max(0, head - offset)]):
        return False
    cue = f.cues[0]
    if not _PLAIN_OBJECT.match(text, cue.end - offset):
        return False
    rest = regex.split(r"[,;:.!?\"“”]", text[cue.end - offset:], maxsplit=1)[0]
    if _CLAUSE_VERB.search(" ".join(rest.split()[:6])):
        return False  # "after the minister said the bridge was closed": a content clause
    return any(g is not f and g.content_start <= f.start and f.end <= g.content_end for g in frames)
