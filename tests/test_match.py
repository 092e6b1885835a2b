"""Every rule's own examples and negatives, from the rule file itself."""
from __future__ import annotations

import itertools

import pytest

import regex

from attrib.lexicon import load_lexicon, read_toml
from attrib.match import RuleTimeout, expand_macros, load_rules, match_document, match_sentence, matches
from attrib.records import Sentence
from attrib.rules.macros import documented_macros
from attrib.rules.source import read_rule_file
from attrib.gazetteer import load_gazetteer

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
    found = matches(rule, example["text"])
    assert found, f"{rule.id} does not match {example['text']!r}"
    m = found[0]
    for group, expected in example.items():
        if group != "text":
            assert m.group(group) == expected, f"{rule.id}: group {group}"


@pytest.mark.parametrize("rule,negative", NEGATIVES, ids=lambda v: getattr(v, "id", None) or v[:40])
def test_rule_negative_does_not_match(rule, negative):
    assert matches(rule, negative) == []


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


def test_start_anchored_rules_find_what_finditer_finds():
    text = ("Polls show Clinton ahead, he told CNN, and Trump has called the report \"a disgrace.\" \"We will win,\"  said Cruz. "
            "The data suggest a tie, Sanders told reporters.")
    for rule in RULES:
        if not rule.anchor_starts:
            continue
        total = 0
        for t in [text, *(ex["text"] for ex in rule.examples)]:
            scanned = [m.span() for m in rule.pattern.finditer(t)]
            assert [m.span() for m in matches(rule, t)] == scanned, (rule.id, t)
            total += len(scanned)
        assert total >= len(rule.examples) > 0, rule.id


def test_anchored_rules_find_what_a_full_scan_finds():
    """An anchored rule tried at its cue words only gives the matches of trying every position."""
    shared = ("Trump said the plan, which aides had reported to him, failed, and she added that "
              "a spokesman for the Clinton campaign declined to comment, Reuters reported. "
              "The senator weighed in, and the White House did not respond to requests for comment. "
              "Cruz exhorted Republicans to vote and said he was standing on principle.")
    for rule in RULES:
        if not (rule.anchor_words or rule.anchor_pairs):
            continue
        total = 0
        for text in [shared, *(ex["text"] for ex in rule.examples)]:
            scanned = []
            limit = len(text) + 1
            for end in range(len(text), -1, -1):  # every position, right to left
                if end >= limit:
                    continue
                m = rule.pattern.match(text, end)
                if m is not None:
                    scanned.append(m.span("frame"))
                    limit = m.start("frame") + 1
            assert [m.span("frame") for m in matches(rule, text)] == scanned, (rule.id, text)
            total += len(scanned)
        assert total >= len(rule.examples) > 0, rule.id


def test_end_anchored_rules_find_what_their_plain_pattern_finds_right_to_left():
    """Reading a rule from its cue words (a lookbehind) finds what scanning its plain pattern
    right to left finds: same spans, same groups, on its examples and on running text."""
    data = read_toml("rules.toml")
    macros = read_rule_file(None, frozenset(), documented_macros()).macros  # rules.toml [macros] or macros.toml
    lists = dict(load_lexicon().lists)
    lists["outlets"] = load_gazetteer().outlet_names()
    text = ("Trump said the plan, which aides had reported to him, failed, and she added that "
            "a spokesman for the Clinton campaign declined to comment, Reuters reported. "
            "The senator weighed in, and the White House did not respond to requests for comment. "
            "Sanders, who said it would help workers, spoke first; the ministry estimated losses, he added. "
            "Mr. Trump then attacked the press, saying it was dishonest, and Cruz went on, calling it a sham. "
            "He continued: the plan, she went on, was raising questions about costs.")
    by_id = {r.id: r for r in RULES}
    checked = 0
    derived = 0
    for entry in data["rule"]:
        rule = by_id[entry["id"]]
        if not (rule.anchor_words or rule.anchor_pairs):
            continue
        derived += "anchor_words" not in entry  # a reverse rule that ends with its cue: anchored by the loader
        source = expand_macros(entry["pattern"] + entry.get("guard", ""), macros)
        names = set(regex.findall(r"\\L<(\w+)>", source))
        plain = regex.compile(source, regex.V0 | regex.REVERSE, **{n: lists[n] for n in names})
        for t in [text, *(ex["text"] for ex in rule.examples)]:
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(t)]
            got = [(m.span("frame"), {k: v for k, v in m.groupdict().items() if k != "frame"})
                   for m in matches(rule, t)]
            assert got == expected, (rule.id, t)
            checked += len(expected)
    assert checked > 10
    assert derived >= 1


def test_a_rule_that_times_out_keeps_what_it_found():
    """Past its CPU budget a rule stops, and the matches it found within it stay (right to left).
    The clock is a counter (one tick each time the rule reads it): the same cut on any machine."""
    rule = next(r for r in RULES if r.id == "subject-cue")
    text = " ".join(f"Senator Number{i} said the vote was close." for i in range(400))
    full = matches(rule, text)
    assert len(full) == 400
    ticks = itertools.count()
    with pytest.raises(RuleTimeout) as stopped:
        matches(rule, text, timeout=100, clock=lambda: next(ticks))
    partial = stopped.value.found
    assert len(partial) == 100  # one tick at the start, one after each of the 400 anchors: 100 within 100 ticks
    assert [m.span() for m in partial] == [m.span() for m in full[:len(partial)]]


def test_a_rule_within_its_budget_keeps_every_match():
    rule = next(r for r in RULES if r.id == "subject-cue")
    text = " ".join(f"Senator Number{i} said the vote was close." for i in range(400))
    ticks = itertools.count()
    assert len(matches(rule, text, timeout=1000, clock=lambda: next(ticks))) == 400


def test_one_scan_of_a_document_gives_each_sentence_its_own_words(analyzer):
    """The document is scanned once; each sentence gets the key words its own text has, also where a
    sentence boundary cuts a word of the document ('...right.’He said' splits between ’ and He)."""
    text = ("“We will win,” Trump said on Monday. “It is over.’He said he told CNN, citing polls. "
            "According to Reuters, officials said the talks failed, and she added that they weighed in.")
    sentences = analyzer.splitter.split(text)
    assert any(text[s.start - 1] == "’" and s.text.startswith("He") for s in sentences)
    per_document = analyzer.rules.scan_sentences(text, sentences)
    assert per_document == [analyzer.rules.scan(s.text) for s in sentences]
    frames = match_document(text, sentences, analyzer.rules)
    assert frames == [match_sentence(s, analyzer.rules) for s in sentences]
    assert {"subject-cue", "citing", "according-to"} <= {f.rule_id for fs in frames for f in fs}


def test_a_rules_cue_check_finds_the_cue_of_each_of_its_examples():
    """The loader's cue check (the cue group standing alone) only skips sentences the rule cannot match."""
    checked = [r for r in RULES if r.cue_check]
    assert {"quote-credit", "pull-quote-credit", "interview-context"} <= {r.id for r in checked}
    for rule in checked:
        for example in rule.examples:
            assert rule.cue_pattern.search(example["text"]) is not None, (rule.id, example["text"])
        if rule.cue_pattern.search("said") is None:  # (a cue that can be 'said' is checked with what follows it)
            assert rule.cue_pattern.search("Prices rose on Monday, the ministry said.") is None, rule.id
