"""`check_rules`: a rule whose example fails or whose groups do not exist is reported where it is written."""
from __future__ import annotations

from attrib.rules.check import check_rules

RULES = '''[macros]
WHO = \'\'\'(?:[A-Z]\\w+)\'\'\'

[[rule]]
id = "said-plain"
description = "'X said'"
pattern = \'\'\'(?P<source>%WHO%)\\s+(?P<cue>said)\'\'\'
hops = ["source"]
cues = ["cue"]
examples = [
  {text = "Trump said so.", source = "Trump"},
  {text = "Clinton told us.", source = "Clinton"},
  {text = "Trump said so.", who = "Trump"},
]
negatives = ["nobody said so", "Obama said no"]

[[rule]]
id = "broken"
description = "a pattern that does not compile"
pattern = \'\'\'(?P<source>[A-Z]\'\'\'
hops = ["speaker"]
cues = ["cue"]
'''


def test_failing_examples_and_missing_groups_are_reported_with_their_lines(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(RULES, encoding="utf-8")
    report = check_rules(str(path))
    assert not report.ok
    assert {p.file for p in report.problems} == {str(path)}
    lines = {p.line: p.message for p in report.problems}
    assert "does not match 'Clinton told us.'" in lines[12]
    assert "no group named 'who'" in lines[13]
    assert "matches 'Obama said'" in lines[15]
    assert "cannot compile" in lines[17]


def test_the_package_rules_pass():
    report = check_rules()
    assert report.ok, "\n".join(map(str, report.problems))
    assert report.rules >= 20 and report.examples >= 60 and report.macros_documented >= 17
