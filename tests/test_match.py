"""Every rule's own examples and negatives, from the rule file itself."""
from __future__ import annotations

import pytest

from attrib.match import load_rules, match_sentence
from attrib.records import Sentence
from attrib.resolve import load_gazetteer

RULES = load_rules(load_gazetteer().outlet_names())
EXAMPLES = [(r, ex) for r in RULES for ex in r.examples]
NEGATIVES = [(r, neg) for r in RULES for neg in r.negatives]


def test_every_rule_has_examples_and_negatives():
    for rule in RULES:
        assert rule.examples, f"rule {rule.id} has no positive example"
        assert rule.negatives, f"rule {rule.id} has no negative example"
        assert rule.description


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=lambda v: getattr(v, "id", None) or v["text"][:40])
def test_rule_example_captures(rule, example):
    m = rule.pattern.search(example["text"], timeout=1.0)
    assert m is not None, f"{rule.id} does not match {example['text']!r}"
    for group, expected in example.items():
        if group != "text":
            assert m.group(group) == expected, f"{rule.id}: group {group}"


@pytest.mark.parametrize("rule,negative", NEGATIVES, ids=lambda v: getattr(v, "id", None) or v[:40])
def test_rule_negative_does_not_match(rule, negative):
    assert rule.pattern.search(negative, timeout=1.0) is None


def test_overlapping_matches_keep_the_chain_rule():
    text = "CNN cited North Korean state media KCNA as reporting that they rode together."
    frames = match_sentence(Sentence(0, 0, len(text), text, 0), RULES)
    assert [f.rule_id for f in frames] == ["cited-as"]
    assert [h.text for h in frames[0].hops] == ["CNN", "North Korean state media KCNA"]


def test_frame_offsets_point_into_the_sentence():
    text = "Prices rose sharply, the ministry said on Monday."
    offset = 100
    frames = match_sentence(Sentence(0, offset, offset + len(text), text, 0), RULES)
    hop, cue = frames[0].hops[0], frames[0].cues[0]
    assert text[hop.start - offset:hop.end - offset] == "the ministry"
    assert text[cue.start - offset:cue.end - offset] == "said"
