"""Stage 3, match rules: run the attribution rules over each sentence.

Rules are data (`attrib/rules/rules.toml`); this module compiles them once,
runs them with a timeout, and turns matches into `Frame` records. Where two
matches share words, the higher-priority (then longer) one wins.
"""
from __future__ import annotations

import bisect
import logging
import time
from dataclasses import dataclass, field

import regex

from .lexicon import Lexicon, load_lexicon, read_toml
from .records import Frame, Sentence, Span

log = logging.getLogger("attrib")
MATCH_TIMEOUT = 0.25  # seconds per rule and sentence; past it, the rule keeps what it found there
_FRAME = "frame"  # the group of an end-anchored rule that spans its whole match (see `_anchored`)
_MACRO = regex.compile(r"%([A-Z]+)%")
_WORD = regex.compile(r"[\w'’-]+|[:―—–(]")


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    pattern: regex.Pattern
    hops: tuple[str, ...]
    cues: tuple[str, ...]
    priority: int
    triggers: frozenset[str]
    requires: frozenset[str]
    anchor_words: frozenset[str]   # set: the rule is tried only where one of these words ends (see `matches`)
    anchor_pairs: frozenset[tuple[str, str]]  # two-word anchors ("weighed in"): (word before, last word)
    anchor_starts: frozenset[str]  # set: the rule is tried only where one of these words begins
    content: str
    attach: str
    parallel: bool
    examples: tuple[dict, ...] = field(default=(), compare=False)
    negatives: tuple[str, ...] = field(default=(), compare=False)


def expand_macros(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    if depth > 10:
        raise ValueError("macro recursion too deep")
    if "%" not in pattern:
        return pattern
    expanded = _MACRO.sub(lambda m: macros[m.group(1)] if m.group(1) in macros else m.group(0), pattern)
    return expand_macros(expanded, macros, depth + 1) if expanded != pattern else expanded


def load_rules(outlet_names: tuple[str, ...] = (), lexicon: Lexicon | None = None) -> tuple[Rule, ...]:
    """Compile every rule once. `outlet_names` fills the \\L<outlets> list."""
    lexicon = lexicon or load_lexicon()
    data = read_toml("rules.toml")
    macros = data["macros"]
    lists = dict(lexicon.lists)
    lists["outlets"] = tuple(n for n in outlet_names if len(n) > 1) or ("\x00",)
    rules = []
    for entry in data["rule"]:
        source = expand_macros(_anchored(entry), macros)
        names = set(regex.findall(r"\\L<(\w+)>", source))
        try:
            flags = regex.V0 | (regex.REVERSE if entry.get("reverse") else 0)
            compiled = regex.compile(source, flags, **{n: lists[n] for n in names})
        except (regex.error, KeyError) as exc:
            raise ValueError(f"rule {entry['id']}: cannot compile: {exc}") from exc
        triggers = _first_words(entry.get("triggers", []), lists)
        anchor_words, anchor_pairs = _anchor_phrases(entry.get("anchor_words", []), lists)
        anchor_starts = _first_words(entry.get("anchor_starts", []), lists)
        if sum(bool(entry.get(k)) for k in ("anchor_words", "anchor_starts", "reverse")) > 1:
            raise ValueError(f"rule {entry['id']}: anchor_words, anchor_starts and reverse exclude each other")
        requires = _first_words(entry.get("requires", []), lists)
        rules.append(Rule(
            id=entry["id"], description=entry["description"], pattern=compiled,
            hops=tuple(entry.get("hops", ())), cues=tuple(entry.get("cues", ())),
            priority=int(entry.get("priority", 0)), triggers=triggers, requires=requires,
            anchor_words=anchor_words, anchor_pairs=anchor_pairs, anchor_starts=anchor_starts,
            content=entry.get("content", "auto"), attach=entry.get("attach", ""),
            parallel=bool(entry.get("parallel", False)),
            examples=tuple(entry.get("examples", ())), negatives=tuple(entry.get("negatives", ()))))
    return tuple(rules)


def _anchored(entry: dict) -> str:
    """The pattern to compile. An anchored rule (`anchor_words`) reads its whole frame in a lookbehind
    that ends where a cue word ends, then checks its `guard` lookaheads: the engine reads right to
    left from a handful of cue positions instead of trying every position of the sentence."""
    if "anchor_words" not in entry:
        return entry["pattern"] + entry.get("guard", "")
    return "(?<=(?P<frame>" + entry["pattern"] + "))" + entry.get("guard", "")


def _anchor_phrases(names: list[str], lists: dict[str, tuple[str, ...]]
                    ) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """List names or phrases -> one-word anchors and (second-to-last, last) word pairs of longer ones,
    so that "weighed in" anchors at "in" only after "weighed"."""
    single, pairs = set(), set()
    for name in names:
        for phrase in lists.get(name, (name,)):
            words = phrase.lower().split()
            if len(words) == 1:
                single.add(words[0])
            else:
                pairs.add((words[-2], words[-1]))
    return frozenset(single), frozenset(pairs)


def _first_words(names: list[str], lists: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """List names or words -> the lower-cased first word of each entry (what a sentence must contain)."""
    return frozenset(word.split()[0].lower() for name in names for word in lists.get(name, (name,)))


Token = tuple[int, int, str]  # start, end, lower-cased word


def tokens(text: str) -> list[Token]:
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


class RuleTimeout(TimeoutError):
    """A rule ran out of time on a sentence; `found` holds the matches it had by then."""

    def __init__(self, found: list[regex.Match]) -> None:
        super().__init__("rule timed out")
        self.found = found


def word_positions(words: list[Token]) -> dict[str, list[int]]:
    """Lower-cased word -> the indexes of its tokens: where anchored rules are tried, found once per sentence."""
    positions: dict[str, list[int]] = {}
    for i, (_, _, word) in enumerate(words):
        if word in positions:
            positions[word].append(i)
        else:
            positions[word] = [i]
    return positions


def _anchor_indexes(rule: Rule, words: list[Token], positions: dict[str, list[int]]) -> list[int]:
    """Indexes of the tokens where an anchored rule may end (anchor_words) or begin (anchor_starts), in order."""
    found: list[int] = []
    anchors = rule.anchor_starts or rule.anchor_words
    for word, indexes in positions.items():  # a sentence has fewer distinct words than a cue list
        if word in anchors:
            found.extend(indexes)
    if rule.anchor_pairs:
        for before, word in rule.anchor_pairs:
            found.extend(i for i in positions.get(word, ()) if i and words[i - 1][2] == before)
        return sorted(set(found))  # a word may be an anchor both alone and after another
    found.sort()
    return found


def matches(rule: Rule, text: str, words: list[Token] | None = None,
            timeout: float = MATCH_TIMEOUT, positions: dict[str, list[int]] | None = None) -> list[regex.Match]:
    """Non-overlapping matches of a rule, the same as finditer would give, within `timeout` seconds
    in all (past it: RuleTimeout with the matches found so far).

    An anchored rule is tried only at its anchor words: where one ends (`anchor_words`: right
    to left, each match ending where the last one began, as a right-to-left scan would find
    them) or where one begins (`anchor_starts`: left to right, as finditer would), without
    trying the positions in between.
    """
    found: list[regex.Match] = []
    deadline = time.monotonic() + timeout

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RuleTimeout(found)
        return remaining

    try:
        if not rule.anchor_words and not rule.anchor_pairs and not rule.anchor_starts:
            for m in rule.pattern.finditer(text, timeout=timeout):
                found.append(m)
            return found
        if words is None:
            words = tokens(text)
        anchors = _anchor_indexes(rule, words, word_positions(words) if positions is None else positions)
        if rule.anchor_words or rule.anchor_pairs:
            limit = len(text) + 1
            for i in reversed(anchors):
                end = words[i][1]
                if end >= limit:
                    continue
                m = rule.pattern.match(text, end, timeout=left())
                if m is not None:
                    found.append(m)
                    limit = m.start(_FRAME) + 1
            return found
        after = 0
        for i in anchors:
            token_start = words[i][0]
            if token_start < after:
                continue
            # a match may also begin with the spaces before its cue ('", said X': right after the quote)
            space_start = token_start
            while space_start > after and text[space_start - 1].isspace():
                space_start -= 1
            for start in ((space_start, token_start) if space_start < token_start else (token_start,)):
                m = rule.pattern.match(text, start, timeout=left())
                if m is not None:
                    found.append(m)
                    after = max(m.end(), start + 1)
                    break
        return found
    except RuleTimeout:
        raise
    except TimeoutError:
        raise RuleTimeout(found) from None


@dataclass(frozen=True, eq=False)
class RuleSet:
    """The rules, and which of them each trigger word calls for: a sentence meets only the rules
    its own words trigger (a few dictionary lookups instead of testing every rule's triggers)."""

    rules: tuple[Rule, ...]
    by_trigger: dict[str, tuple[int, ...]]
    untriggered: frozenset[int]   # rules without triggers: tried on every sentence

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> "RuleSet":
        by_trigger: dict[str, list[int]] = {}
        for i, rule in enumerate(rules):
            for word in rule.triggers:
                by_trigger.setdefault(word, []).append(i)
        return cls(rules, {w: tuple(ids) for w, ids in by_trigger.items()},
                   frozenset(i for i, rule in enumerate(rules) if not rule.triggers))

    def triggered(self, words: set[str]) -> list[Rule]:
        """The rules whose triggers and required words the sentence has, in rule order."""
        chosen = set(self.untriggered)
        for word in words:
            ids = self.by_trigger.get(word)
            if ids:
                chosen.update(ids)
        rules = [self.rules[i] for i in sorted(chosen)]
        return [r for r in rules if not r.requires or not r.requires.isdisjoint(words)]


def match_sentence(sentence: Sentence, rules: RuleSet | tuple[Rule, ...], doc_id: str = "") -> list[Frame]:
    """All non-overlapping frames of one sentence, in text order."""
    if not isinstance(rules, RuleSet):
        rules = RuleSet.of(rules)
    sentence_tokens = tokens(sentence.text)
    positions = word_positions(sentence_tokens)
    words = set(positions)
    candidates: list[Frame] = []
    for rule in rules.triggered(words):
        try:
            found = matches(rule, sentence.text, sentence_tokens, positions=positions)
        except RuleTimeout as exc:
            found = exc.found
            log.warning("%s: rule %s timed out on sentence %d; kept its %d matches so far", doc_id, rule.id,
                        sentence.index, len(found))
        for m in found:
            frame = _frame(rule, m, sentence.start)
            if frame is not None:
                candidates.append(frame)
    return _resolve_overlaps(candidates)


def _span(m: regex.Match, group: str, offset: int) -> Span | None:
    """The span of a named group; a rule with alternatives may name the second one `group2`."""
    try:
        start, end = m.span(group)
    except IndexError:
        return None
    if start < 0 and group + "2" in m.re.groupindex:
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
            hop = _named_appositive(hop, _span(m, "appos", offset))
        hops.append(hop)
        cue = _span(m, cue_group, offset)
        cues.append(cue or Span(-1, -1, ""))
    if not hops and not rule.attach and "venue" not in rule.pattern.groupindex:
        return None
    hedge = ""
    if "hedge" in rule.pattern.groupindex and m.group("hedge"):
        hedge = m.group("hedge")
    whole = _FRAME if _FRAME in m.re.groupindex else 0
    return Frame(
        rule_id=rule.id, start=offset + m.start(whole), end=offset + m.end(whole), hops=hops, cues=cues,
        priority=rule.priority, hedge=hedge, antecedent=_span(m, "antecedent", offset),
        outer=_span(m, "outer", offset), attach=rule.attach, parallel=rule.parallel,
        venue=_span(m, "venue", offset), content_side=rule.content)


_PROPER_NAME = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}'’.-]*)(?:\s+(?:\p{Lu}[\p{L}\p{M}'’.-]*|de|van|von|bin|al|da|del|la|le)){0,4}")
# a description: its head (before "of", "for", ...) ends in a common noun: "One news site", "a former
# spokesman for the ministry", "Trump's Indiana chairman"
_DESCRIBED = regex.compile(r"^(?:.*?\s)?\p{Ll}[\p{L}'’-]*(?:$|\s+(?:of|for|at|from|with|in|on)\s)")


def _named_appositive(source: Span, appositive: Span | None) -> Span:
    """'One news site, Meduza, reported' and 'said a former spokesman, Oleg Voloshyn': a source given
    by a description and then its name is the name (the guidelines annotate the name)."""
    if appositive is None or not _DESCRIBED.match(source.text.rstrip(" ,")):
        return source
    pos = 0
    for part in appositive.text.split(","):
        stripped = part.strip(" —–")
        if stripped and _PROPER_NAME.fullmatch(stripped):
            start = appositive.start + pos + part.index(stripped)
            return Span(start, start + len(stripped), stripped)
        pos += len(part) + 1
    return source


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


def _overlaps(starts: list[int], ends: list[int], a: int, b: int) -> bool:
    i = bisect.bisect_left(starts, a)
    if i < len(starts) and starts[i] < b:
        return True
    return i > 0 and ends[i - 1] > a
