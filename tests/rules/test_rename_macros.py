"""scripts/rename_macros.py, prepared for later: renamed (and moved) macros expand every rule to the same pattern."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from attrib.match import rule_lists
from attrib.rules.macros import read_macro_docs
from attrib.rules.source import default_macros_path, default_rules_path, expand_macros, read_rule_file

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "rename_macros.py"


def load_script():
    spec = importlib.util.spec_from_file_location("rename_macros", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expanded(rules_path: str, macros_path: str) -> dict[str, str]:
    docs, problems = read_macro_docs(macros_path)
    assert problems == []
    rule_file = read_rule_file(rules_path, set(rule_lists()), {n: d.pattern for n, d in docs.items() if d.pattern})
    assert rule_file.problems == []
    return {t.data["id"]: expand_macros(t.data["pattern"] + t.data.get("guard", ""), rule_file.macros)
            for t in rule_file.rules}


@pytest.mark.parametrize("move", [False, True])
def test_renaming_keeps_every_rule_the_same(tmp_path, move):
    script = load_script()
    rules_text = Path(default_rules_path()).read_text(encoding="utf-8")
    macros_text = Path(default_macros_path()).read_text(encoding="utf-8")
    new_rules, new_macros = script.rename(rules_text, macros_text, script.NEW_NAMES, move)
    (tmp_path / "rules.toml").write_text(new_rules, encoding="utf-8")
    (tmp_path / "macros.toml").write_text(new_macros, encoding="utf-8")
    assert "%SRC%" not in new_rules and "%source_phrase%" in new_rules
    assert ("\n[macros]\n" in new_rules) != move
    before = expanded(default_rules_path(), default_macros_path())
    after = expanded(str(tmp_path / "rules.toml"), str(tmp_path / "macros.toml"))
    assert after == before and len(after) >= 20
