"""`attrib rules explain`: what the rules make of a sentence, and why a rule did not fire.

For each sentence of the text: the chains the real pipeline yields (split, match, resolve,
chains), every rule that matched with its groups (and whether its frame was kept or lost to
an overlapping one), and for every other rule the first thing that failed: its trigger word,
its required word, its anchor word, or the first part of its pattern that finds nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..match import Rule, RuleSet, RuleTimeout, _anchor_spans, _frame, load_rules, match_sentence, matches
from ..pipeline import Analyzer
from ..records import Document, Sentence
from .cache import compile_cached
from .parts import split_parts
from .source import expand_macros


@dataclass
class Fired:
    rule: Rule
    groups: dict[str, str]       # named group -> captured text, for the groups that took part
    kept: bool                   # its frame is among the sentence's frames (not lost to an overlap)
    note: str = ""


@dataclass
class Missed:
    rule: Rule
    reason: str


@dataclass
class SentenceExplanation:
    sentence: Sentence
    chains: list[str]
    fired: list[Fired] = field(default_factory=list)
    missed: list[Missed] = field(default_factory=list)


def explain(text: str, analyzer: Analyzer | None = None, publisher: str = "",
            rules_path: str | None = None) -> list[SentenceExplanation]:
    """Explain every sentence of `text` (usually one sentence), with the package's rules or
    those of `rules_path` (a rules file being written)."""
    analyzer = analyzer or (analyzer_with(rules_path) if rules_path else Analyzer.shared())
    doc = Document(doc_id="(publisher)", text=text, publisher=publisher)  # chains start at the publisher
    sentences = analyzer.splitter.split(text)
    statements = {s.sentence.index: s for s in analyzer.statements(doc, sentences)}
    out = []
    for sentence in sentences:
        statement = statements.get(sentence.index)
        chains = []
        if statement is not None:
            for path in statement.paths:
                hops = [f"{h.cited} ({h.rule_id}: {h.cue!r}{', ' + h.hedge if h.hedge else ''})" for h in path]
                chains.append(" > ".join([path[0].citing, *hops]) if path else "")
        explanation = SentenceExplanation(sentence, chains)
        if sentence.clutter:
            explanation.missed = [Missed(r, "the sentence is clutter (a boilerplate line): no rule runs")
                                  for r in analyzer.rules.rules]
        else:
            _explain_rules(explanation, analyzer.rules)
        out.append(explanation)
    return out


def analyzer_with(rules_path: str) -> Analyzer:
    """The whole pipeline with the rules of another rules file."""
    shared = Analyzer.shared()
    outlets = shared.resolver.gazetteer.outlet_names()
    rules = RuleSet.of(load_rules(outlets, shared.splitter.lexicon, path=rules_path)).compile_all()
    return Analyzer(splitter=shared.splitter, rules=rules, resolver=shared.resolver)


def _explain_rules(explanation: SentenceExplanation, rules: RuleSet) -> None:
    sentence = explanation.sentence
    text = sentence.text
    hits = rules.scan(text)
    words = {w for _, _, w in hits}
    kept = {(f.rule_id, f.start, f.end) for f in match_sentence(sentence, rules, "explain", hits)}
    triggered = {r.id for r in rules.triggered(words)}
    for rule in rules.rules:
        if rule.id not in triggered:
            explanation.missed.append(Missed(rule, _untriggered(rule, words)))
            continue
        try:
            found = matches(rule, text, hits, timeout=5.0)
        except RuleTimeout as exc:
            found = exc.found
        if not found:
            if (rule.anchor_words or rule.anchor_pairs or rule.anchor_starts) and not _anchor_spans(rule, text, hits):
                anchors = sorted(rule.anchor_words | rule.anchor_starts | {f"{a} {b}" for a, b in rule.anchor_pairs})
                explanation.missed.append(Missed(rule, f"no anchor word ({_some(anchors)})"))
            else:
                explanation.missed.append(Missed(rule, _failed_part(rule, text)))
            continue
        for m in found:
            frame = _frame(rule, m, sentence.start)
            groups = {name: value for name, value in m.groupdict().items() if value is not None and name != "frame"}
            if frame is None:
                explanation.fired.append(Fired(rule, groups, False, "matched, but no hop group took part"))
            else:
                is_kept = (rule.id, frame.start, frame.end) in kept
                note = "" if is_kept else "lost to an overlapping frame of higher priority (or a longer one)"
                explanation.fired.append(Fired(rule, groups, is_kept, note))


def _some(words: list[str], n: int = 8) -> str:
    shown = ", ".join(words[:n])
    return shown + (f", ... ({len(words)} words)" if len(words) > n else "")


def _untriggered(rule: Rule, words: set[str]) -> str:
    if rule.triggers and rule.triggers.isdisjoint(words):
        return f"no trigger word ({_some(sorted(rule.triggers))})"
    return f"no required word ({_some(sorted(rule.requires))})"


def _failed_part(rule: Rule, text: str) -> str:
    """The longest leading run of the rule's parts that still matches somewhere, and the part after it."""
    parts = split_parts(rule.written)
    if not parts:
        return "its pattern does not match (no part-by-part account: the pattern is one alternation)"
    macros = rule.macros

    def found(k: int) -> regex.Match | None:
        source = expand_macros("".join(parts[:k]), macros)
        try:
            pattern = compile_cached(source, regex.V0, **{n: rule.named_lists[n]
                                                          for n in set(regex.findall(r"\\L<(\w+)>", source))})
            return pattern.search(text, timeout=5.0)
        except (regex.error, KeyError, TimeoutError):
            return None

    low, high = 0, len(parts)  # parts[:low] matches; parts[:high + 1] does not (binary search)
    while low < high:
        mid = (low + high + 1) // 2
        if found(mid) is not None:
            low = mid
        else:
            high = mid - 1
    if low >= len(parts):
        return "each part matches, but not where the rule is tried (its anchor or guard)"
    if not low:
        return f"no {label(parts[0])} anywhere"
    m = found(low)
    return f"the parts up to {label(parts[low - 1])} match{f' {m.group()!r}' if m else ''}; then no {label(parts[low])}"


def label(part: str) -> str:
    named = regex.match(r"\(\?P?<([A-Za-z_]\w*)>", part)
    if named:
        return f"group '{named.group(1)}'"
    if regex.fullmatch(r"%\w+%[?*+]?", part):
        return f"part {part}"
    shown = part if len(part) <= 50 else part[:47] + "..."
    return f"`{shown}`"


def format_explanation(explanations: list[SentenceExplanation], verbose: bool = False) -> str:
    """The explanation as text for a terminal."""
    lines: list[str] = []
    for e in explanations:
        lines.append(f"sentence {e.sentence.index + 1}: {e.sentence.text}")
        if e.chains:
            lines.append("  chains (through the whole pipeline):")
            lines.extend(f"    {c}" for c in e.chains)
        else:
            lines.append("  chains: none (no attribution)")
        if e.fired:
            lines.append("  rules that matched:")
        for f in e.fired:
            status = "kept" if f.kept else "dropped"
            lines.append(f"    {f.rule.id} (priority {f.rule.priority}, {f.rule.file.rsplit('/', 1)[-1]}:{f.rule.line}):"
                         f" {status}{': ' + f.note if f.note else ''}")
            for name, value in f.groups.items():
                lines.append(f"      {name:<12} {value!r}")
        shown = [m for m in e.missed if verbose or not m.reason.startswith("no trigger word")]
        if shown:
            lines.append("  rules that did not match:")
            lines.extend(f"    {m.rule.id}: {m.reason}" for m in shown)
        hidden = len(e.missed) - len(shown)
        if hidden:
            lines.append(f"  ({hidden} more rules lack their trigger word; --all lists them)")
    return "\n".join(lines)
