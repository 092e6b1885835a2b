"""`explain` on real sentences: the chain through the pipeline, the rules that fired and why others did not."""
from __future__ import annotations

from attrib.rules.explain import explain, format_explanation, split_parts


def test_a_chained_sentence(analyzer):
    [e] = explain("CNN cited North Korean state media KCNA as reporting that they then rode together.", analyzer,
                  publisher="Fox News")
    assert e.chains == ["Fox News > CNN (cited-as: 'cited') > KCNA (cited-as: 'as reporting')"]
    fired = {f.rule.id: f for f in e.fired}
    assert fired["cited-as"].kept
    assert fired["cited-as"].groups == {"source": "CNN", "cue": "cited", "cited": "North Korean state media KCNA",
                                        "cited_cue": "as reporting"}
    assert not fired["subject-cue"].kept and "overlapping" in fired["subject-cue"].note
    missed = {m.rule.id: m.reason for m in e.missed}
    assert missed["according-to"] == "no trigger word (according)"
    assert missed["quoted-passive"].endswith("then no `(?:was|were|is|are|has\\s+been|had\\s+been)`")
    text = format_explanation([e])
    assert "Fox News > CNN (cited-as: 'cited') > KCNA" in text
    assert "cited_cue    'as reporting'" in text


def test_a_rule_that_lacks_its_anchor_or_a_part(analyzer):
    [e] = explain("Peskov was quoted widely in the press.", analyzer)
    missed = {m.rule.id: m.reason for m in e.missed}
    assert missed["quoted-passive"].endswith("match 'Peskov was quoted '; then no `as`")
    assert missed["cited-as"].endswith("then no group 'cue'")
    [e] = explain("Prices rose sharply in March.", analyzer)
    assert e.chains == [] and e.fired == []


def test_split_parts_opens_a_leading_lookbehind():
    parts = split_parts(r"(?=t[oe])(?<=%NOTQ%(?P<source>%SRC%)\s+)(?P<cue>told|tells)\s+x?")
    assert parts == ["%NOTQ%", "(?P<source>%SRC%)", r"\s+", "(?P<cue>told|tells)", r"\s+", "x?"]
    assert split_parts("a|b") == []
