"""Stage 3, match rules: run the attribution rules over each sentence.

Rules are data (`attrib/rules/rules.toml`, read and checked by `attrib.rules.source`).
Each compiles when first used (from the cache of compiled patterns when it can). A
document's words that any rule triggers on or is anchored at are found in one scan;
each sentence then runs only the rules its words call for, with a timeout, and the
matches become `Frame` records. Where two matches share words, the higher-priority
(then longer) one wins.
"""
from __future__ import annotations

import bisect
import logging
import time
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import regex

from .lexicon import Lexicon, load_lexicon
from .rules.cache import compile_cached
from .rules.derive import derive_anchor_starts, derive_triggers
from .rules.macros import documented_macros
from .rules.source import Problem, RuleFile, RuleFileError, Table, expand_macros, read_rule_file
from .records import Frame, Sentence, Span

log = logging.getLogger("attrib")
MATCH_TIMEOUT = 0.25  # seconds per rule and sentence; past it, the rule keeps what it found there
_FRAME = "frame"  # the group of an end-anchored rule that spans its whole match (see `_anchored`)


@dataclass(frozen=True)
class Rule:
    """One phrasing family, ready to match. Its pattern is compiled when first used (or taken
    from the cache of compiled patterns), so a run compiles only the rules its text calls for."""

    id: str
    description: str
    source: str                    # the pattern to compile: macros expanded, guard and anchoring added
    flags: int
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
    named_lists: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    written: str = field(default="", compare=False, repr=False)   # the pattern and guard as written
    macros: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    file: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @cached_property
    def pattern(self) -> regex.Pattern:
        return compile_cached(self.source, self.flags, **self.named_lists)


def compile_rule(rule: Rule) -> regex.Pattern:
    """The rule's compiled pattern; RuleFileError (with the rule's file and line) if it does not compile."""
    try:
        return rule.pattern
    except (regex.error, KeyError, ValueError) as exc:
        raise RuleFileError([Problem(rule.file, rule.line, f"rule {rule.id}: pattern", f"cannot compile: {exc}")]
                            ) from None


def rule_lists(outlet_names: tuple[str, ...] = (), lexicon: Lexicon | None = None) -> dict[str, tuple[str, ...]]:
    """The named lists a rule may use: lists.toml, and \\L<outlets> from the gazetteer."""
    lists = dict((lexicon or load_lexicon()).lists)
    lists["outlets"] = tuple(n for n in outlet_names if len(n) > 1) or ("\x00",)
    return lists


def load_rules(outlet_names: tuple[str, ...] = (), lexicon: Lexicon | None = None,
               path: str | None = None) -> tuple[Rule, ...]:
    """Read and check the rules (RuleFileError names the file, line and key of each problem).
    `outlet_names` fills the \\L<outlets> list. Patterns compile when first used."""
    lists = rule_lists(outlet_names, lexicon)
    rule_file = read_rule_file(path, set(lists), documented_macros())
    if rule_file.problems:
        raise RuleFileError(rule_file.problems)
    return tuple(build_rule(table, rule_file, lists) for table in rule_file.rules)


def build_rule(table: Table, rule_file: RuleFile, lists: dict[str, tuple[str, ...]]) -> Rule:
    entry = table.data
    source = expand_macros(_anchored(entry), rule_file.macros)
    names = set(regex.findall(r"\\L<(\w+)>", source))
    anchor_words, anchor_pairs = _anchor_phrases(entry.get("anchor_words", []), lists)
    return Rule(
        id=entry["id"], description=entry["description"], source=source,
        flags=regex.V0 | (regex.REVERSE if entry.get("reverse") else 0),
        hops=tuple(entry.get("hops", ())), cues=tuple(entry.get("cues", ())),
        priority=int(entry.get("priority", 0)), triggers=_triggers(entry, lists),
        requires=_first_words(entry.get("requires", []), lists),
        anchor_words=anchor_words, anchor_pairs=anchor_pairs, anchor_starts=_anchor_starts(entry, lists),
        content=entry.get("content", "auto"), attach=entry.get("attach", ""),
        parallel=bool(entry.get("parallel", False)),
        examples=tuple(entry.get("examples", ())), negatives=tuple(entry.get("negatives", ())),
        named_lists={n: lists[n] for n in names}, written=entry["pattern"] + entry.get("guard", ""),
        macros=rule_file.macros, file=rule_file.path, line=table.line)


def derived_device(key: str, entry: dict, lists: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """What the loader uses for `triggers` or `anchor_starts` of a rule entry (written or derived)."""
    return _triggers(entry, lists) if key == "triggers" else _anchor_starts(entry, lists)


def _triggers(entry: dict, lists: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The words written under `triggers`, else the first words of the rule's cue (attrib.rules.derive),
    else none (the rule runs on every sentence)."""
    if "triggers" in entry:
        return _first_words(entry["triggers"], lists)
    return derive_triggers(entry["pattern"], entry.get("cues", []), lists) or frozenset()


def _anchor_starts(entry: dict, lists: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The words written under `anchor_starts`, else the cue's first words when every match begins
    at the cue and none of them is a function word, unless the rule reads right to left
    (anchor_words, reverse)."""
    if "anchor_starts" in entry:
        return _first_words(entry["anchor_starts"], lists)
    if entry.get("anchor_words") or entry.get("reverse"):
        return frozenset()
    starts = derive_anchor_starts(entry["pattern"], entry.get("cues", []), lists) or frozenset()
    if not starts.isdisjoint(word.lower() for word in lists.get("function_words", ())):
        return frozenset()  # 'a', 'the', 'in': trying every one costs more than one scan of the sentence
    return starts


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


Hit = tuple[int, int, str]  # start, end and lower-cased text of a word some rule looks for
# a word is a run of [\w'’-], or one of ':' '―' '—' '–' '(' on its own
_PREVIOUS_WORD = regex.compile(r"(?r)[\w'’-]+|[:―—–(]")  # searched right to left: the word before a position


_WORD = regex.compile(r"[\w'’-]+|[:―—–(]")


def scan(keys: frozenset[str], text: str) -> list[Hit]:
    """The words of `text` that are in `keys`, in order: one pass of the word pattern over the
    text, keeping only the few words some rule looks for."""
    return [(m.start(), m.end(), word) for m in _WORD.finditer(text) if (word := m.group().lower()) in keys]


class RuleTimeout(TimeoutError):
    """A rule ran out of time on a sentence; `found` holds the matches it had by then."""

    def __init__(self, found: list[regex.Match]) -> None:
        super().__init__("rule timed out")
        self.found = found


def _anchor_spans(rule: Rule, text: str, hits: list[Hit]) -> list[tuple[int, int]]:
    """(start, end) of the words where an anchored rule may end (anchor_words) or begin (anchor_starts), in order."""
    anchors = rule.anchor_starts or rule.anchor_words
    found = [(start, end) for start, end, word in hits if word in anchors]
    if not rule.anchor_pairs:
        return found
    for start, end, word in hits:
        for before, last in rule.anchor_pairs:
            if word == last:
                previous = _PREVIOUS_WORD.search(text, 0, start)
                if previous is not None and previous.group().lower() == before:
                    found.append((start, end))
                    break
    return sorted(set(found))  # a word may be an anchor both alone and after another


def matches(rule: Rule, text: str, hits: list[Hit] | None = None,
            timeout: float = MATCH_TIMEOUT) -> list[regex.Match]:
    """Non-overlapping matches of a rule, the same as finditer would give, within `timeout` seconds
    in all (past it: RuleTimeout with the matches found so far).

    An anchored rule is tried only at its anchor words (`hits`: the sentence's key words, from
    `RuleSet.scan`; found here when not given): where one ends (`anchor_words`: right to left,
    each match ending where the last one began, as a right-to-left scan would find them) or
    where one begins (`anchor_starts`: left to right, as finditer would), without trying the
    positions in between.
    """
    found: list[regex.Match] = []
    pattern = rule.pattern  # compiled (or read from the cache) on first use: not part of the time budget
    deadline = time.monotonic() + timeout

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RuleTimeout(found)
        return remaining

    try:
        if not rule.anchor_words and not rule.anchor_pairs and not rule.anchor_starts:
            for m in pattern.finditer(text, timeout=timeout):
                found.append(m)
            return found
        if hits is None:
            keys = rule.anchor_starts | rule.anchor_words | {last for _, last in rule.anchor_pairs}
            hits = scan(keys, text)
        anchors = _anchor_spans(rule, text, hits)
        if rule.anchor_words or rule.anchor_pairs:
            limit = len(text) + 1
            for _, end in reversed(anchors):
                if end >= limit:
                    continue
                m = pattern.match(text, end, timeout=left())
                if m is not None:
                    found.append(m)
                    limit = m.start(_FRAME) + 1
            return found
        after = 0
        for token_start, _ in anchors:
            if token_start < after:
                continue
            # a match may also begin with the spaces before its cue ('", said X': right after the quote)
            space_start = token_start
            while space_start > after and text[space_start - 1].isspace():
                space_start -= 1
            for start in ((space_start, token_start) if space_start < token_start else (token_start,)):
                m = pattern.match(text, start, timeout=left())
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
    """The rules, and the words that call for them: one scan of a document finds every trigger
    and anchor word of every rule (`scan`), and a sentence meets only the rules its words
    trigger (a few dictionary lookups instead of testing every rule's triggers)."""

    rules: tuple[Rule, ...]
    by_trigger: dict[str, tuple[int, ...]]
    untriggered: frozenset[int]   # rules without triggers: tried on every sentence
    keys: frozenset[str]          # every word a rule triggers on, requires or is anchored at

    def compile_all(self) -> "RuleSet":
        """Compile (or load from the cache) every rule now: before forking workers, so that they
        share the patterns, and so that a pattern that does not compile stops the run at its start."""
        for rule in self.rules:
            compile_rule(rule)
        return self

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> "RuleSet":
        by_trigger: dict[str, list[int]] = {}
        keys: set[str] = set()
        for i, rule in enumerate(rules):
            for word in rule.triggers:
                by_trigger.setdefault(word, []).append(i)
            keys |= rule.triggers | rule.requires | rule.anchor_words | rule.anchor_starts
            keys |= {last for _, last in rule.anchor_pairs}
        return cls(rules, {w: tuple(ids) for w, ids in by_trigger.items()},
                   frozenset(i for i, rule in enumerate(rules) if not rule.triggers), frozenset(keys))

    def scan(self, text: str) -> list[Hit]:
        return scan(self.keys, text)

    def scan_sentences(self, text: str, sentences: list[Sentence]) -> list[list[Hit]]:
        """The key words of each sentence (offsets into the sentence), from one scan of the document.

        A sentence whose edge cuts through a word of the document (a boundary between '’' and
        'He') is scanned on its own, so that every sentence gets the words its own text has."""
        hits = self.scan(text)
        out: list[list[Hit]] = []
        i = 0
        n = len(hits)
        for sentence in sentences:
            start, end = sentence.start, sentence.end
            if text[start:end] != sentence.text or _cuts_word(text, start) or _cuts_word(text, end):
                out.append(self.scan(sentence.text))
                continue
            while i < n and hits[i][0] < start:
                i += 1
            j = i
            mine = []
            while j < n and hits[j][1] <= end:
                mine.append((hits[j][0] - start, hits[j][1] - start, hits[j][2]))
                j += 1
            out.append(mine)
        return out

    def triggered(self, words: set[str]) -> list[Rule]:
        """The rules whose triggers and required words the sentence has, in rule order."""
        chosen = set(self.untriggered)
        for word in words:
            ids = self.by_trigger.get(word)
            if ids:
                chosen.update(ids)
        rules = [self.rules[i] for i in sorted(chosen)]
        return [r for r in rules if not r.requires or not r.requires.isdisjoint(words)]


_TOKEN_CHAR = regex.compile(r"[\w'’-]")


def _cuts_word(text: str, at: int) -> bool:
    return 0 < at < len(text) and bool(_TOKEN_CHAR.match(text, at - 1)) and bool(_TOKEN_CHAR.match(text, at))


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
        try:
            found = matches(rule, text, hits)
        except RuleTimeout as exc:
            found = exc.found
            log.warning("%s: rule %s timed out on sentence %d; kept its %d matches so far", doc_id, rule.id,
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


_NAME_THEN_COMMA = regex.compile(
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
