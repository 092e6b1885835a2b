"""Rules ready to match: read and checked from the rule file, with the devices that make them fast.

`load_rules` reads `attrib/rules/rules.toml` (through `attrib.rules.source`, which checks it and
gives every problem its file and line), expands the macros and builds one `Rule` per entry. A rule
needs nothing written for speed: the loader derives its devices from the rule itself (see
`attrib.rules.derive`): the words that trigger it, where its matches may begin or end. Hand-written
devices, where a rule still has them, are kept as written. A pattern compiles when first used,
from the cache of compiled patterns when it can (`attrib.rules.cache`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

from ..lexicon import Lexicon, load_lexicon
from ..rules.cache import compile_cached
from ..rules.derive import (begins_at_cue, cue_group, derive_anchor_starts, derive_cue_check, derive_cue_rest,
                            derive_end_anchors, derive_triggers, first_words)
from ..rules.macros import documented_macros
from ..rules.required import derive_requires, starts_a_word
from ..rules.source import Problem, RuleFile, RuleFileError, Table, expand_macros, read_rule_file

FRAME = "frame"  # the group of an end-anchored rule that spans its whole match (see `_anchored`)


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
    cue_check: str = ""            # a pattern that must find something in a sentence for the rule to match
    at_cue: bool = False           # every match begins where its cue begins (not at spaces before it)
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

    @cached_property
    def cue_pattern(self) -> regex.Pattern | None:
        if not self.cue_check:
            return None
        return compile_cached(self.cue_check, regex.V0, **{n: self.named_lists[n] for n in _list_names(self.cue_check)})

    @cached_property
    def pairs_by_last(self) -> dict[str, frozenset[str]]:
        """The two-word anchors by their last word: {"in": {"weighed", "chimed"}}."""
        out: dict[str, set[str]] = {}
        for before, last in self.anchor_pairs:
            out.setdefault(last, set()).add(before)
        return {last: frozenset(befores) for last, befores in out.items()}

    @property
    def anchored(self) -> bool:
        return bool(self.anchor_words or self.anchor_pairs or self.anchor_starts)


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
    anchor_words, anchor_pairs = _anchor_phrases(entry.get("anchor_words", []), lists)
    flags = regex.V0 | (regex.REVERSE if entry.get("reverse") else 0)
    ends = _end_anchors(entry, rule_file, lists)
    if ends:  # read right to left from where its cue ends, as the `anchor_words` of a rule would be
        anchor_words, anchor_pairs = _phrase_anchors(ends)
        source = "(?<=(?P<" + FRAME + ">" + expand_macros(entry["pattern"] + entry.get("guard", ""),
                                                          rule_file.macros) + "))"
        flags = regex.V0
    names = _list_names(source)
    anchor_starts = _anchor_starts(entry, lists)
    triggers = _triggers(entry, lists)
    requires = _requires(entry, rule_file, lists, in_cue=not triggers)
    cue_check = "" if anchor_words or anchor_pairs or anchor_starts else _cue_check(entry, rule_file, lists,
                                                                                      triggers, requires)
    return Rule(
        id=entry["id"], description=entry["description"], source=source,
        flags=flags,
        hops=tuple(entry.get("hops", ())), cues=tuple(entry.get("cues", ())),
        priority=int(entry.get("priority", 0)), triggers=triggers, requires=requires,
        anchor_words=anchor_words, anchor_pairs=anchor_pairs, anchor_starts=anchor_starts,
        content=entry.get("content", "auto"), attach=entry.get("attach", ""),
        parallel=bool(entry.get("parallel", False)), cue_check=cue_check,
        at_cue=bool(anchor_starts) and begins_at_cue(expand_macros(entry["pattern"], rule_file.macros),
                                                     entry.get("cues", [])),
        examples=tuple(entry.get("examples", ())), negatives=tuple(entry.get("negatives", ())),
        named_lists={n: lists[n] for n in names}, written=entry["pattern"] + entry.get("guard", ""),
        macros=rule_file.macros, file=rule_file.path, line=table.line)


def _cue_check(entry: dict, rule_file: RuleFile, lists: dict[str, tuple[str, ...]],
               triggers: frozenset[str], requires: frozenset[str]) -> str:
    """The rule's cue standing alone, to look for in a sentence before running the rule (see
    attrib.rules.derive.derive_cue_check); "" where the rule's triggers or required words are
    already the words its cue begins with, or the cue cannot stand alone. For rules without
    anchors only: an anchored rule is tried at its cue words already."""
    pattern = expand_macros(entry["pattern"], rule_file.macros)
    cue = derive_cue_check(pattern, entry.get("cues", []))
    if cue is None:
        return ""
    whole = None if entry.get("reverse") else derive_cue_rest(
        pattern + expand_macros(entry.get("guard", ""), rule_file.macros), entry["cues"])
    if whole is not None:  # the cue and all that follows it (attrib.rules.derive.derive_cue_rest)
        cue = whole
    starts = first_words(cue, lists)
    plain = cue_group(pattern, entry["cues"][0])
    if plain is not None and cue != plain[0]:
        return _at_word_start(cue, plain[0], pattern, entry["cues"][0])  # the cue with what must follow it
    if starts is not None and any(words and words <= starts for words in (triggers, requires)):
        return ""
    return _at_word_start(cue, plain[0] if plain else None, pattern, entry["cues"][0])


def _at_word_start(cue: str, group: str | None, pattern: str, name: str) -> str:
    """A cue check that begins with the cue group is looked for only where a word begins when every
    match of the rule has no word character right before its cue (attrib.rules.required.starts_a_word):
    the check stays exact, and a list of words (\\L<cue_finite>) is no longer tried inside every word."""
    if group is None or not (cue == group or cue.startswith("(?:" + group + ")")) or not starts_a_word(pattern, name):
        return cue
    return "(?<![\\w'’-])(?:" + cue + ")"


def _list_names(source: str) -> set[str]:
    return set(regex.findall(r"\\L<(\w+)>", source))


def derived_device(key: str, entry: dict, lists: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """What the loader uses for `triggers` or `anchor_starts` of a rule entry (written or derived)."""
    return _triggers(entry, lists) if key == "triggers" else _anchor_starts(entry, lists)


def _triggers(entry: dict, lists: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The words written under `triggers`, else the first words of the rule's cue (attrib.rules.derive),
    else none (the rule runs on every sentence)."""
    if "triggers" in entry:
        return _first_words(entry["triggers"], lists)
    return derive_triggers(entry["pattern"], entry.get("cues", []), lists) or frozenset()


def _requires(entry: dict, rule_file: RuleFile, lists: dict[str, tuple[str, ...]], in_cue: bool = False) -> frozenset[str]:
    """The words written under `requires`, else the first words of a whole-word group every match
    passes through besides the cue (attrib.rules.required), else none."""
    if "requires" in entry:
        return _first_words(entry["requires"], lists)
    return derive_requires(expand_macros(entry["pattern"], rule_file.macros), entry.get("cues", []), lists,
                           in_cue=in_cue) or frozenset()


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
    return _phrase_anchors([phrase for name in names for phrase in lists.get(name, (name,))])


def _phrase_anchors(phrases: list[str]) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    single, pairs = set(), set()
    for phrase in phrases:
        words = phrase.lower().split()
        if len(words) == 1:
            single.add(words[0])
        else:
            pairs.add((words[-2], words[-1]))
    return frozenset(single), frozenset(pairs)


def _end_anchors(entry: dict, rule_file: RuleFile, lists: dict[str, tuple[str, ...]]) -> list[str] | None:
    """For a rule read right to left (`reverse`) that ends with its cue: the phrases its matches
    end with (attrib.rules.derive.derive_end_anchors), where the loader anchors it."""
    if not entry.get("reverse") or any(key in entry for key in ("anchor_words", "anchor_starts")):
        return None
    return derive_end_anchors(expand_macros(entry["pattern"] + entry.get("guard", ""), rule_file.macros),
                              entry.get("cues", []), lists)


def _first_words(names: list[str], lists: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """List names or words -> the lower-cased first word of each entry (what a sentence must contain)."""
    return frozenset(word.split()[0].lower() for name in names for word in lists.get(name, (name,)))


