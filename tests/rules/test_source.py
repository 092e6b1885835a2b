"""Reading a rules file: every schema problem named with its file, line and key."""
from __future__ import annotations

import pytest

from attrib.match import load_rules
from attrib.rules.source import RuleFileError, read_rule_file, scan_lines

RULE = '''[macros]
WHO = \'\'\'(?:[A-Z]\\w+)\'\'\'

[[rule]]
id = "said-plain"
description = "'X said'"
{extra}pattern = \'\'\'(?P<source>%WHO%)\\s+(?P<cue>said)\'\'\'
hops = ["source"]
cues = ["cue"]
examples = [
  {{text = "Trump said so.", source = "Trump"}},
]
negatives = ["nobody said so"]
'''


def write(tmp_path, extra: str = "", body: str = RULE) -> str:
    path = tmp_path / "rules.toml"
    path.write_text(body.format(extra=extra), encoding="utf-8")
    return str(path)


def test_a_misspelt_key_is_rejected_with_its_name_and_line(tmp_path):
    path = write(tmp_path, 'trigers = ["said"]\n')
    with pytest.raises(RuleFileError) as raised:
        load_rules(path=path)
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.key) == (path, 7, "rule said-plain: trigers")
    assert "did you mean 'triggers'" in problem.message
    assert f"{path}:7: rule said-plain: trigers: unknown key" in str(raised.value)


def test_schema_problems_each_with_their_line(tmp_path):
    extra = 'content = "sideways"\npriority = "high"\nanchor_starts = ["cue_finit"]\n'
    body = RULE.replace('cues = ["cue"]', 'cues = []').replace("%WHO%", "%WHOM%")
    problems = read_rule_file(write(tmp_path, extra, body), {"cue_finite"}).problems
    found = {(p.line, p.key.split(": ")[1]): p.message for p in problems}
    assert "must be one of auto, after, before" in found[(7, "content")]
    assert "whole number" in found[(8, "priority")]
    assert "no list named 'cue_finit'" in found[(9, "anchor_starts")] and "cue_finite" in found[(9, "anchor_starts")]
    assert "unknown macro %WHOM%" in found[(10, "pattern")]
    assert "1 hops but 0 cues" in found[(12, "cues")]


def test_an_unknown_list_and_a_duplicate_id(tmp_path):
    body = RULE.replace("(?P<cue>said)", "(?P<cue>\\\\L<cue_finit>)") + RULE.split("\n", 3)[3]
    problems = read_rule_file(write(tmp_path, body=body), {"cue_finite"}).problems
    messages = [(p.line, p.message) for p in problems]
    assert (7, "unknown list \\L<cue_finit> (did you mean 'cue_finite'?)") in messages
    assert any(line == 15 and "already used by the rule at line 4" in m for line, m in messages)


def test_invalid_toml_names_its_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[[rule]]\nid = "x"\ndescription = \n', encoding="utf-8")
    with pytest.raises(RuleFileError) as raised:
        read_rule_file(str(path))
    assert raised.value.problems[0].line == 3


def test_scan_lines_skips_brackets_inside_strings():
    text = 'a = [\n  "x]",\n  \'\'\'[y\'\'\',\n]\nb = {c = "}"}\n[[rule]]\nd = 1\n'
    tables = scan_lines(text)
    assert tables[0][3] == {"a": 1, "b": 5}
    assert tables[0][4]["a"] == [2, 3]
    assert tables[1][:3] == ("rule", True, 6) and tables[1][3] == {"d": 7}


def test_the_package_rules_have_no_schema_problems():
    assert load_rules()


def test_a_list_named_in_a_pattern_is_its_words_in_order_and_a_misspelt_one_is_unknown(tmp_path):
    said = RULE.replace("(?P<cue>said)", "(?P<cue>(?:%continuation_cues%))")
    rules = load_rules(path=write(tmp_path, body=said))
    assert "(?P<cue>(?:added|adds|continued|continues|went\\s+on|goes\\s+on|concluded))" in rules[0].source
    misspelt = RULE.replace("(?P<cue>said)", "(?P<cue>(?:%continuation_cue%))")
    problems = read_rule_file(write(tmp_path, body=misspelt), {"cue_finite"}).problems
    assert [(p.line, p.message) for p in problems] == [(7, "unknown macro %continuation_cue%")]
