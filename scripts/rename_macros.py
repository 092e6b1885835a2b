#!/usr/bin/env python3
"""Rename the rules' macros for what they match (CAPW -> capitalised_word, ...), and optionally
move their patterns from rules.toml [macros] into macros.toml beside their documentation.

Prepared, not applied: run it when no one else is editing the rules, check, commit alone.

    python scripts/rename_macros.py --dry-run          # show what would change
    python scripts/rename_macros.py --move             # rename and move the patterns
    attrib rules check && python bench/same_tables.py BASE

Only whole %NAME% references, [macros] keys and macros.toml headers change, so every rule
expands to the same pattern as before (tests/rules/test_rename_macros.py checks that).
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent.parent / "attrib" / "rules"
NEW_NAMES = {
    "CAPW": "capitalised_word",
    "NAMESEQ": "name_sequence",
    "NOUN": "source_noun",
    "MODW": "source_modifier",
    "HEADW": "source_head",
    "OUTLET": "outlet_name",
    "DET": "determiner",
    "PP": "source_prepositional_phrase",
    "GEN": "described_subject",
    "TAG": "party_tag",
    "SRC": "source_phrase",
    "SUBJ": "cue_subject",
    "PRON": "source_pronoun",
    "EVID": "evidence_phrase",
    "APPOS": "apposition",
    "ADVS": "adverbs_before_cue",
    "NOTQ": "not_after_question_verb",
}
_MACRO_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)(\s*=\s*)(.*)$")


def rename_refs(text: str, names: dict[str, str]) -> str:
    return re.sub(r"%([A-Za-z][A-Za-z0-9_]*)%", lambda m: f"%{names.get(m.group(1), m.group(1))}%", text)


def macros_section(lines: list[str]) -> tuple[int, int]:
    """[start, end) of the [macros] section's lines (header included), or (-1, -1)."""
    start = next((i for i, line in enumerate(lines) if line.strip() == "[macros]"), -1)
    if start < 0:
        return -1, -1
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    return start, end


def rename(rules_text: str, macros_text: str, names: dict[str, str], move: bool) -> tuple[str, str]:
    rules_lines = rename_refs(rules_text, names).split("\n")
    start, end = macros_section(rules_lines)
    patterns: dict[str, str] = {}
    comments: dict[str, list[str]] = {}   # the comment lines written above each macro go with it
    if start >= 0:
        pending: list[str] = []
        for i in range(start + 1, end):
            m = _MACRO_LINE.match(rules_lines[i])
            if m:
                new = names.get(m.group(1), m.group(1))
                rules_lines[i] = new + m.group(2) + m.group(3)
                patterns[new] = m.group(3)
                comments[new], pending = pending, []
            elif rules_lines[i].lstrip().startswith("#"):
                pending.append(rules_lines[i])
            else:
                pending = []
        if move:
            kept = [line for line in rules_lines[start + 1:end]
                    if not _MACRO_LINE.match(line) and not line.lstrip().startswith("#")]
            rules_lines[start:end] = [] if not any(line.strip() for line in kept) else ["[macros]", *kept]
    macro_lines = rename_refs(macros_text, names).split("\n")
    out: list[str] = []
    documented = set()
    for line in macro_lines:
        header = re.fullmatch(r"\[([A-Za-z][A-Za-z0-9_]*)\](\s*#.*)?", line.strip())
        if header:
            name = names.get(header.group(1), header.group(1))
            documented.add(name)
            line = f"[{name}]{header.group(2) or ''}"
            out.append(line)
            if move and name in patterns:
                out.extend(comments.get(name, []))
                out.append(f"pattern = {patterns[name]}")
            continue
        out.append(line)
    if move:
        for name, pattern in patterns.items():
            if name not in documented:  # keep every pattern; `attrib rules check` asks for its description
                out += ["", f"[{name}]", 'description = ""', *comments.get(name, []), f"pattern = {pattern}"]
    return "\n".join(rules_lines), "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", type=Path, default=RULES_DIR / "rules.toml")
    parser.add_argument("--macros", type=Path, default=RULES_DIR / "macros.toml")
    parser.add_argument("--move", action="store_true", help="also move the patterns into macros.toml")
    parser.add_argument("--dry-run", action="store_true", help="print the changes as a diff, write nothing")
    args = parser.parse_args()
    before = args.rules.read_text(encoding="utf-8"), args.macros.read_text(encoding="utf-8")
    after = rename(*before, NEW_NAMES, args.move)
    for path, old, new in zip((args.rules, args.macros), before, after):
        if args.dry_run:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), str(path), str(path)))
        else:
            path.write_text(new, encoding="utf-8")
    if not args.dry_run:
        print(f"renamed {len(NEW_NAMES)} macros in {args.rules} and {args.macros}"
              + (" and moved their patterns" if args.move else "") + "; now run: attrib rules check")


if __name__ == "__main__":
    main()
