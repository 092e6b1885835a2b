"""Matches become frames: each sentence runs the rules its words call for, each match becomes a
`Frame` (who is cited, by which cue, over which content), and where two frames share words the
higher-priority (then longer) one wins.
"""
from __future__ import annotations

import bisect
import logging
from functools import lru_cache

import regex

from ..lexicon import list_words, load_lexicon
from ..records import Frame, Sentence, Span
from .engine import Hit, RuleTimeout, matches
from .loader import FRAME, Rule
from .ruleset import RuleSet
from ..rules.cache import compile_cached

log = logging.getLogger("attrib")


def match_sentence(sentence: Sentence, rules: RuleSet | tuple[Rule, ...], doc_id: str = "",
                   hits: list[Hit] | None = None) -> list[Frame]:
    """All non-overlapping frames of one sentence, in text order. `hits`: its key words, when the
    document was scanned already (`RuleSet.scan_sentences`)."""
    if not isinstance(rules, RuleSet):
        rules = RuleSet.of(rules)
    text = sentence.text
    if sentence.label is not None:  # a speaker label or language tag is neither a source nor a cue: blanked
        cut = min(max(0, sentence.label.end - sentence.start), len(text))
        text = " " * cut + text[cut:]
    if hits is None:
        hits = rules.scan(text)
    words = {word for _, _, word in hits}
    candidates: list[Frame] = []
    for rule in rules.triggered(words):
        if rule.cue_check and rule.cue_pattern.search(text) is None:
            continue  # its cue is nowhere in the sentence
        try:
            found = matches(rule, text, hits)
        except RuleTimeout as exc:
            found = exc.found
            log.warning("%s: rule %s spent its CPU budget on sentence %d; kept the %d matches it found within it", doc_id, rule.id,
                        sentence.index, len(found))
        for m in found:
            frame = _frame(rule, m, sentence.start)
            if frame is not None:
                candidates.append(frame)
    return _resolve_overlaps(candidates)


def match_document(text: str, sentences: list[Sentence], rules: RuleSet, doc_id: str = "") -> list[list[Frame]]:
    """The frames of each sentence of a document, its key words found in one scan of its text."""
    return [match_sentence(s, rules, doc_id, hits) for s, hits in zip(sentences, rules.scan_sentences(text, sentences))]


def _span(m: regex.Match, group: str, offset: int) -> Span | None:
    """The span of a named group; a rule with alternatives may name the second one `group2`."""
    names = m.re.groupindex
    if group not in names:
        return None
    start, end = m.span(group)
    if start < 0 and group + "2" in names:
        start, end = m.span(group + "2")
        group = group + "2"
    if start < 0 or end <= start:
        return None
    return Span(offset + start, offset + end, m.group(group))


def _frame(rule: Rule, m: regex.Match, offset: int) -> Frame | None:
    hops, cues = [], []
    for i, (hop_group, cue_group) in enumerate(zip(rule.hops, rule.cues)):
        hop = _span(m, hop_group, offset)
        if hop is None:
            continue
        if i == 0 and "appos" in rule.pattern.groupindex:
            hop = _named_appositive(hop, _span(m, "appos", offset), m.string[:hop.start - offset])
        if i == 0:
            hop = _name_before_appositive(hop, m.string, offset)
        hops.append(hop)
        cue = _span(m, cue_group, offset)
        cues.append(cue or Span(-1, -1, ""))
    if not hops and not rule.attach and "venue" not in rule.pattern.groupindex:
        return None
    hedge = ""
    if "hedge" in rule.pattern.groupindex and m.group("hedge"):
        hedge = m.group("hedge")
    whole = FRAME if FRAME in m.re.groupindex else 0
    return Frame(
        rule_id=rule.id, start=offset + m.start(whole), end=offset + m.end(whole), hops=hops, cues=cues,
        priority=rule.priority, hedge=hedge, antecedent=_appositive_head(_span(m, "antecedent", offset), m.string, offset),
        outer=_span(m, "outer", offset), attach=rule.attach, parallel=rule.parallel,
        venue=_span(m, "venue", offset), content_side=rule.content)


_PROPER_NAME = compile_cached(
    r"(?:\p{Lu}[\p{L}\p{M}'’.-]*)(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|%s)){0,4}" % list_words("name_particles"))
# a description: its head (before "of", "for", ...) ends in a common noun: "One news site", "a former
# spokesman for the ministry", "Trump's Indiana chairman"
_DESCRIBED = compile_cached(r"^(?:.*?\s)?\p{Ll}[\p{L}'’-]*(?:$|\s+(?:of|for|at|from|with|in|on)\s)")


def _named_appositive(source: Span, appositive: Span | None, before: str = "") -> Span:
    """'One news site, Meduza, reported' and 'said a former spokesman, Oleg Voloshyn': a source given
    by a description and then its name is the name (the guidelines annotate the name). So too where
    the rule read only the complement of the description ('The delegate to the U.S. House, Jane Roe, told')."""
    if appositive is None or not (_DESCRIBED.match(source.text.rstrip(" ,")) or _COMPLEMENT_OF.search(before)
                                  or _capitalised_role(source.text.rstrip(" ,"))):
        return source
    pos = 0
    for part in appositive.text.split(","):
        stripped = part.strip(" —–")
        if stripped and _PROPER_NAME.fullmatch(stripped):
            start = appositive.start + pos + part.index(stripped)
            return Span(start, start + len(stripped), stripped)
        pos += len(part) + 1
    return source


def _capitalised_role(text: str) -> bool:
    """'The Vice President', 'the Prime Minister', 'Health Secretary': a role written with capitals (house
    style in many newsrooms), every word a title word; the name in apposition is the source."""
    titles, determiners = _role_words()
    words = text.split()
    if words and words[0].lower() in determiners:
        words = words[1:]
    return bool(words) and all(w in titles or w.capitalize() in titles for w in words)


@lru_cache(maxsize=1)
def _role_words() -> tuple[frozenset[str], frozenset[str]]:
    lists = load_lexicon().lists
    return frozenset(lists["titles"]), frozenset(lists["source_determiners"])


_COMPLEMENT_OF = compile_cached(r"\p{Ll}[\p{L}'’-]*\s+(?:of|for|to|at|from|with|in|on)\s+(?:the\s+)?$")
# 'Lena Ortiz, a soil chemist and senior lecturer at UCL, who said': the name the appositive describes
_NAME_APPOSITIVE = compile_cached(
    r"(?P<name>\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’-]+)){1,3}),\s+(?:a|an|the)\s+[^,;()\"“”]*$")


def _appositive_head(antecedent: Span | None, sentence: str, offset: int) -> Span | None:
    """The antecedent of 'who' read inside an appositive is the name the appositive describes."""
    if antecedent is None:
        return None
    m = _NAME_APPOSITIVE.search(sentence, 0, antecedent.start - offset)
    if m is None or not _openers().isdisjoint(m.group("name").split()):
        return antecedent
    return Span(offset + m.start("name"), offset + m.end("name"), m.group("name"))


_NAME_THEN_COMMA = compile_cached(
    r"(?:^|(?<=[.;:]\s)|(?<=^[\"“‘]))(?P<name>\p{Lu}[\p{L}\p{M}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’-]+)){1,3}),\s+$")


def _name_before_appositive(source: Span, sentence: str, offset: int) -> Span:
    """'Huma Abedin, vice chairwoman for Clinton's campaign, emailed supporters, telling them': a rule
    that read the appositive as the subject gets the name the sentence opened with."""
    words = source.text.split()
    if len(words) < 2 or not _DESCRIBED.match(source.text.rstrip(" ,")):
        return source
    local = source.start - offset
    m = _NAME_THEN_COMMA.search(sentence, 0, local)
    if m is None or m.end() != local or not _openers().isdisjoint(m.group("name").split()):
        return source  # "On Wednesday, an assembly of ministers denounced": no name, an opener
    return Span(offset + m.start("name"), offset + m.end("name"), m.group("name"))


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    return frozenset(load_lexicon().lists["stop_caps"])


def _frame_spans(frame: Frame) -> list[tuple[int, int]]:
    spans = [(h.start, h.end) for h in frame.hops] + [(c.start, c.end) for c in frame.cues if c.start >= 0]
    for extra in (frame.outer, frame.venue):  # an antecedent may also be another frame's source
        if extra is not None:
            spans.append((extra.start, extra.end))
    return spans


MAX_FRAMES = 40  # per sentence; real sentences carry a handful, run-on text can carry hundreds


def _resolve_overlaps(candidates: list[Frame]) -> list[Frame]:
    """Keep the best frames whose words do not overlap, best = higher priority, then longer."""
    candidates.sort(key=lambda f: (-f.priority, -(f.end - f.start), f.start))
    accepted: list[Frame] = []
    starts: list[int] = []   # accepted spans are disjoint: sorted starts and their ends
    ends: list[int] = []
    for frame in candidates:
        spans = _frame_spans(frame)
        if any(_overlaps(starts, ends, a, b) for a, b in spans):
            cue = _second_cue(frame, accepted, starts, ends)
            if cue is not None:
                i = bisect.bisect_left(starts, cue.start)
                starts.insert(i, cue.start)
                ends.insert(i, cue.end)
            continue
        accepted.append(frame)
        for a, b in spans:
            i = bisect.bisect_left(starts, a)
            starts.insert(i, a)
            ends.insert(i, b)
        if len(accepted) >= MAX_FRAMES:
            break
    accepted.sort(key=lambda f: f.start)
    return accepted


def _second_cue(frame: Frame, accepted: list[Frame], starts: list[int], ends: list[int]) -> Span | None:
    """A frame that lost only its source to a kept frame of the same source ('Trump said X, adding Y';
    'He called the plan lawful and said ...'): its cue is one more cue of that frame's source, kept
    on it (`also_cues`) so that the citation lists every cue word. Returns the cue it kept."""
    if len(frame.hops) != 1 or not frame.cues or frame.cues[0].start < 0 or frame.attach or frame.outer is not None:
        return None
    cue, hop = frame.cues[0], frame.hops[0]
    if _overlaps(starts, ends, cue.start, cue.end):
        return None
    for kept in accepted:
        if (len(kept.hops) == 1 and kept.cues and kept.cues[0].start >= 0 and not kept.attach
                and kept.hops[0].start < hop.end and hop.start < kept.hops[0].end):
            kept.also_cues.append(cue)
            return cue
    return None


def _overlaps(starts: list[int], ends: list[int], a: int, b: int) -> bool:
    i = bisect.bisect_left(starts, a)
    if i < len(starts) and starts[i] < b:
        return True
    return i > 0 and ends[i - 1] > a
