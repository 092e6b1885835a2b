#!/usr/bin/env python3
"""Remove the hand-written `triggers` and `anchor_starts` that the loader derives the same way
from the rule itself (the ones `attrib rules check --notes` calls "can go").

Mechanical and repeatable: run it again after merging rules from elsewhere. Each removed line
gives the rule exactly the same devices as before, so outputs cannot change.

    python scripts/drop_derived_devices.py [RULES_FILE] [--dry-run]
"""
from __future__ import annotations

import argparse
from pathlib import Path

from attrib.match import rule_lists
from attrib.resolve import load_gazetteer
from attrib.rules.check import derivation_notes
from attrib.rules.macros import documented_macros
from attrib.rules.source import _skip_value, _KEY, default_rules_path, read_rule_file


def removable_lines(path: str) -> list[tuple[int, int, str]]:
    """(first line, line after, what) of each device the loader derives the same way (0-based lines)."""
    lists = rule_lists(load_gazetteer().outlet_names())
    rule_file = read_rule_file(path, set(lists), documented_macros())
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    spans = []
    for note in derivation_notes(rule_file, lists):
        if not note.message.startswith("the loader derives the same"):
            continue
        start = note.line - 1
        key = _KEY.match(lines[start])
        spans.append((start, _skip_value(lines, start, key.end(), []), note.key))
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("rules", nargs="?", default=default_rules_path())
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    spans = removable_lines(args.rules)
    lines = Path(args.rules).read_text(encoding="utf-8").split("\n")
    drop = {i for start, end, _ in spans for i in range(start, end)}
    for start, end, what in spans:
        print(f"{args.rules}:{start + 1}: {what}: derived the same way, removed")
    if not args.dry_run:
        Path(args.rules).write_text("\n".join(line for i, line in enumerate(lines) if i not in drop), encoding="utf-8")


if __name__ == "__main__":
    main()
