"""`attrib rules check`: everything that can be wrong in a rules file, each with its file, line and key.

The schema (keys, types, values, macro and list names) is checked without compiling; then each
rule is compiled, its hop, cue and example groups looked up in the pattern, and its examples and
negatives run; then each documented macro's examples and negatives.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..match import Rule, build_rule, compile_rule, derived_device, matches, rule_lists
from ..gazetteer import load_gazetteer
from .macros import macro_matches, read_macro_docs
from .source import Problem, RuleFileError, default_rules_path, expand_macros, read_rule_file


@dataclass
class CheckReport:
    path: str
    rules: int = 0
    examples: int = 0
    macros_documented: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)   # worth knowing, not wrong

    @property
    def ok(self) -> bool:
        return not self.problems


def check_rules(path: str | None = None, macros_path: str | None = None) -> CheckReport:
    """Check a rules file (the package's rules.toml by default) and the documented macros."""
    path = str(path or default_rules_path())
    report = CheckReport(path)
    lists = rule_lists(load_gazetteer().outlet_names())
    try:
        docs, macro_problems = read_macro_docs(macros_path)
    except RuleFileError as exc:
        docs, macro_problems = {}, exc.problems
    report.problems.extend(macro_problems)
    documented = {name: doc.pattern for name, doc in docs.items() if doc.pattern}
    try:
        rule_file = read_rule_file(path, set(lists), documented)
    except RuleFileError as exc:
        report.problems.extend(exc.problems)
        return report
    report.problems.extend(rule_file.problems)
    report.rules = len(rule_file.rules)
    for table in rule_file.rules:
        rid = table.data.get("id", "?")
        if any(p.key.startswith(f"rule {rid}:") for p in rule_file.problems):
            continue  # its schema is wrong: compiling it would only repeat that
        rule = build_rule(table, rule_file, lists)
        report.examples += len(rule.examples) + len(rule.negatives)
        report.problems.extend(_check_compiled(rule, table))
    report.notes.extend(derivation_notes(rule_file, lists))
    for name, doc in docs.items():
        report.macros_documented += 1
        source = doc.pattern or rule_file.macros.get(name)
        if source is None:
            if path != default_rules_path():
                continue  # documented for the package's rules; this file does not use it
            report.problems.append(Problem(doc.file, doc.line, f"macro {name}", "documented but defined nowhere"))
            continue
        report.problems.extend(_check_macro(name, doc, expand_macros(source, rule_file.macros), lists))
    for name in rule_file.macros:
        if name not in docs:
            report.notes.append(Problem(rule_file.path, rule_file.macro_table.line_of(name), f"macros.{name}",
                                        "not documented in macros.toml (description, examples, negatives)"))
    return report


def derivation_notes(rule_file, lists: dict[str, tuple[str, ...]]) -> list[Problem]:
    """Where a hand-written speed device says what the loader would derive anyway, or differs from it."""
    notes = []
    for table in rule_file.rules:
        entry = table.data
        if not isinstance(entry.get("pattern"), str):
            continue
        for key in ("triggers", "anchor_starts"):
            if key not in entry or not isinstance(entry[key], list):
                continue
            written = frozenset(w.split()[0].lower() for name in entry[key] for w in lists.get(name, (name,)))
            # what the loader would use without the written key
            derived = derived_device(key, {k: v for k, v in entry.items() if k != key}, lists) or None
            where = f"rule {entry.get('id', '?')}: {key}"
            if derived == written:
                notes.append(Problem(rule_file.path, table.line_of(key), where, "the loader derives the same: can go"))
            elif derived is not None:
                more, fewer = sorted(derived - written), sorted(written - derived)
                notes.append(Problem(rule_file.path, table.line_of(key), where,
                                     "differs from the cue's first words"
                                     + (f"; the cue can also begin with {', '.join(more[:6])}" if more else "")
                                     + (f"; written but not a first word of the cue: {', '.join(fewer[:6])}"
                                        if fewer else "")))
    return notes


def _check_compiled(rule: Rule, table) -> list[Problem]:
    problems: list[Problem] = []

    def add(key: str, message: str, item: int | None = None) -> None:
        problems.append(Problem(rule.file, table.line_of(key, item), f"rule {rule.id}: {key}", message))

    try:
        pattern = compile_rule(rule)
    except RuleFileError as exc:
        return exc.problems
    groups = set(pattern.groupindex)
    for key in ("hops", "cues"):
        for i, name in enumerate(getattr(rule, key)):
            if name not in groups:
                add(key, f"no group named {name!r} in the pattern (groups: {', '.join(sorted(groups)) or 'none'})", i)
    if not rule.hops and not rule.attach and "venue" not in groups:
        add("hops", "no hops, no attach and no venue group: the rule can never make a frame")
    for i, example in enumerate(rule.examples):
        text = example["text"]
        for name in example:
            if name != "text" and name not in groups:
                add("examples", f"no group named {name!r} in the pattern", i)
        try:
            found = matches(rule, text, timeout=5.0)
        except TimeoutError:
            add("examples", "took more than 5 s", i)
            continue
        if not found:
            add("examples", f"does not match {text!r}", i)
            continue
        m = found[0]
        for name, expected in example.items():
            if name != "text" and name in groups and m.group(name) != expected:
                add("examples", f"group {name} captured {m.group(name)!r}, expected {expected!r}", i)
    for i, text in enumerate(rule.negatives):
        try:
            found = matches(rule, text, timeout=5.0)
        except TimeoutError:
            add("negatives", "took more than 5 s", i)
            continue
        if found:
            add("negatives", f"matches {found[0].group()!r} in {text!r}", i)
    return problems


def _check_macro(name: str, doc, source: str, lists: dict[str, tuple[str, ...]]) -> list[Problem]:
    problems: list[Problem] = []
    names = set(regex.findall(r"\\L<(\w+)>", source))
    try:
        regex.compile("(?:" + source + ")", regex.V0, **{n: lists[n] for n in names if n in lists})
    except (regex.error, KeyError) as exc:
        return [Problem(doc.file, doc.line, f"macro {name}", f"cannot compile: {exc}")]
    for key, wanted in (("examples", True), ("negatives", False)):
        for i, item in enumerate(getattr(doc, key)):
            if macro_matches(source, item, lists) != wanted:
                what = item if isinstance(item, str) else item.get("match", item.get("at"))
                problems.append(Problem(doc.file, doc.table.line_of(key, i), f"macro {name}: {key}",
                                        f"{'does not match' if wanted else 'matches'} {what!r}"))
    if not doc.examples:
        problems.append(Problem(doc.file, doc.line, f"macro {name}: examples", "a documented macro needs examples"))
    return problems
