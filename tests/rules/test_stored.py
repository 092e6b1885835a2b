"""Derived rules kept across runs: the same rules back, field by field, and derived again when the file is damaged."""
from __future__ import annotations

import dataclasses

import pytest

from attrib.lexicon import load_lexicon
from attrib.match import load_rules
from attrib.match import stored
from attrib.match.stored import ready_rules
from attrib.gazetteer import load_gazetteer


def every_field(rules) -> list[dict]:
    return [{f.name: getattr(rule, f.name) for f in dataclasses.fields(rule)} for rule in rules]


def test_rules_from_the_cache_are_the_rules_derived(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path))
    outlets, lexicon = load_gazetteer().outlet_names(), load_lexicon()
    fresh = ready_rules(outlets, lexicon)
    [path] = tmp_path.glob("rules-*.marshal")
    derive = stored.load_rules
    monkeypatch.setattr(stored, "load_rules", lambda *a: pytest.fail("derived again instead of read from the cache"))
    again = ready_rules(outlets, lexicon)
    monkeypatch.setattr(stored, "load_rules", derive)
    assert every_field(again) == every_field(fresh) == every_field(load_rules(outlets, lexicon))
    assert [type(r.flags) for r in again] == [type(r.flags) for r in fresh]  # the pattern cache keys on str(flags)
    assert [r.pattern.pattern for r in again] == [r.source for r in fresh]
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    assert every_field(ready_rules(outlets, lexicon)) == every_field(fresh)


def test_other_lists_are_another_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path))
    lexicon = load_lexicon()
    ready_rules(("Daily Planet",), lexicon)
    rules = ready_rules(("Daily Planet", "Evening Star"), lexicon)
    assert len(list(tmp_path.glob("rules-*.marshal"))) == 2
    assert all(r.named_lists["outlets"] == ("Daily Planet", "Evening Star") for r in rules if "outlets" in r.named_lists)
