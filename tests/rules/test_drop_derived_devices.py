"""scripts/drop_derived_devices.py: it removes only what the loader derives the same way, so every rule behaves as before."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from attrib.match import load_rules

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "drop_derived_devices.py"
RULES = """[[rule]]
id = "citing-like"
description = "'..., citing Y'"
triggers = ["citing", "quoting"]
pattern = '''[,;]\\s+(?P<cue>(?i:citing|quoting))\\s+(?P<source>[A-Z]\\w+)'''
hops = ["source"]
cues = ["cue"]
examples = [{text = "It fell, citing Reuters.", source = "Reuters"}]
negatives = ["Citing costs is not a reason."]

[[rule]]
id = "called-like"
description = "'X has called Y'"
triggers = ["called", "calls"]
anchor_starts = ["called", "calls", "has", "had"]
pattern = '''(?<=(?P<source>[A-Z]\\w+)\\s)(?P<cue>called|calls|has\\s+called|had\\s+called)\\s'''
hops = ["source"]
cues = ["cue"]
examples = [{text = "Trump has called it a hoax.", source = "Trump"}]
negatives = ["nobody called"]
"""


def test_only_devices_derived_the_same_way_go_and_the_rules_stay_equal(tmp_path):
    spec = importlib.util.spec_from_file_location("drop_derived_devices", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    path = tmp_path / "rules.toml"
    path.write_text(RULES, encoding="utf-8")
    before = load_rules(path=str(path))
    spans = script.removable_lines(str(path))
    # citing-like's triggers are its cue's first words; called-like's anchors include 'has' and 'had',
    # function words that the loader would not anchor at, and its triggers lack them: both stay
    assert [what for _, _, what in spans] == ["rule citing-like: triggers"]
    lines = path.read_text(encoding="utf-8").split("\n")
    drop = {i for start, end, _ in spans for i in range(start, end)}
    path.write_text("\n".join(line for i, line in enumerate(lines) if i not in drop), encoding="utf-8")
    assert "triggers = [\"citing\"" not in path.read_text(encoding="utf-8")
    assert load_rules(path=str(path)) == before  # every field that shapes matching, rule by rule
