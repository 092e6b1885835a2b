"""Speed devices derived from a rule's own pattern."""
from __future__ import annotations

from attrib.rules.derive import derive_anchor_starts, derive_triggers

LISTS = {"verbs": ("said", "says", "pointed out"), "function_words": ("the",)}


def test_triggers_are_the_first_words_of_the_cue_group():
    assert derive_triggers(r"(?P<source>\w+)\s+(?P<cue>\L<verbs>)", ["cue"], LISTS) == {"said", "says", "pointed"}
    assert derive_triggers(r"(?P<cue>(?i:citing|quoting))\s+(?P<source>\w+)", ["cue"], LISTS) == {"citing", "quoting"}
    assert derive_triggers(r"(?P<cue>claims?|remarks?)\s+that", ["cue"], LISTS) == {"claim", "claims", "remark",
                                                                                     "remarks"}
    assert derive_triggers(r"^(?P<source>[A-Z]+)(?P<cue>:)\s", ["cue"], LISTS) == {":"}


def test_no_triggers_where_the_cue_is_optional_or_begins_with_no_known_word():
    assert derive_triggers(r"(?P<source>\w+)(?:\s+(?P<cue>by))?", ["cue"], LISTS) is None
    assert derive_triggers(r"(?P<source>\w+)\s+(?P<cue>\w+ed)", ["cue"], LISTS) is None
    assert derive_triggers(r"(?P<cue>said\w*)", ["cue"], LISTS) is None
    assert derive_triggers(r"x|(?P<cue>said)", ["cue"], LISTS) is None
    assert derive_triggers(r"(?P<source>\w+)", [], LISTS) is None


def test_anchor_starts_only_when_every_match_begins_at_the_cue():
    assert derive_anchor_starts(r"(?<=(?P<source>\w+)\s)(?P<cue>\L<verbs>)", ["cue"], LISTS) == {"said", "says",
                                                                                               "pointed"}
    assert derive_anchor_starts(r"(?:(?<=,)|(?<=\"))\s*(?P<cue>said)", ["cue"], LISTS) == {"said"}
    assert derive_anchor_starts(r"(?P<source>\w+)\s+(?P<cue>said)", ["cue"], LISTS) is None
