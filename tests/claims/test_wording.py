"""One fact in other words: a finishing place however worded, "the state's" for the state just
named, a restatement of one member of a claim; on sentences of our own."""
from __future__ import annotations

import json
from pathlib import Path

import polars as pl

import attrib
from attrib.claims import statement_features, vocabulary
from attrib.claims.context import resolve_descriptions
from attrib.claims.grouping import Features
from attrib.claims.linkage import CONFLICT, THRESHOLD, average_link
from attrib.claims.wording import placements


def features(text: str):
    return statement_features(text, [], vocabulary(), [])


def _analyze(tmp_path: Path, reports: list[tuple[str, str]]):
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "publisher": publisher}) + "\n"
                             for i, (publisher, text) in enumerate(reports)), encoding="utf-8")
    return attrib.analyze(table, jobs=1)


def _claim_of(result, needle: str) -> str:
    return result.statements.filter(pl.col("text").str.contains(needle, literal=True))["claim_id"][0]


def test_a_finishing_place_is_finishing_however_worded():
    assert placements("the two-term mayor ran a very close third behind Lee") == \
        "the two-term mayor finished a very close third behind Lee"
    assert placements("Okafor came in second in Nevada") == "Okafor finished in second in Nevada"
    assert placements("Okafor placed 4th") == "Okafor finished 4th"
    assert placements("Okafor ran for governor in 2010") == "Okafor ran for governor in 2010"
    assert placements("Okafor ran the first marathon of the season") == "Okafor ran the first marathon of the season"
    ran = features("Aided by late-deciding voters, Maria Okafor ran a strong third behind two rivals.").words
    assert {"finish", "#ord3", "@okafor"} <= ran & features("Maria Okafor finished third in Nevada.").words


def test_a_finishing_place_meets_its_report_across_outlets(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Councillor Maria Okafor finished third in the Tromsø mayoral primary on Saturday."),
        ("Paper B", "Maria Okafor ran a strong third in the Tromsø mayoral primary."),
        ("Paper C", "Maria Okafor finished second in the Tromsø mayoral primary on Saturday.")])
    assert _claim_of(result, "finished third") == _claim_of(result, "ran a strong third")
    assert _claim_of(result, "finished second") != _claim_of(result, "ran a strong third")


def test_the_states_caucuses_are_the_caucuses_of_the_state_just_named():
    before = features("Ann Lee earned another win on Tuesday, this time in Nevada.")
    after = features("The governor carried the state's primary, beating Tom Haller.")
    assert after.the_state and "@nevada" not in after.words
    _, resolved = resolve_descriptions([before, after], [3, 3])
    assert "@nevada" in resolved.words and "@nevada" in resolved.places
    _, elsewhere = resolve_descriptions([before, after], [3, 4])      # another document
    assert "@nevada" not in elsewhere.words
    two = features("Ann Lee won Nevada and Tom Haller won Ohio.")     # two states: which one is unsaid
    _, unsure = resolve_descriptions([two, after], [3, 3])
    assert not {"@nevada", "@ohio"} & unsure.words
    assert not features("The State Department's spokesman won praise.").the_state


def test_a_restatement_of_one_member_joins_the_claim():
    """Items 0-2 are one claim (0.9 among them); item 3 says what item 0 says, nearly word for word
    (0.85), and shares nothing with items 1 and 2: it joins. Item 4, as close to item 0 but in conflict
    with item 2, does not; nor does item 5, merely close to item 0 (0.6)."""
    pairs = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (0, 3): 0.85, (0, 4): 0.85, (2, 4): CONFLICT, (0, 5): 0.6}
    cluster = average_link(6, pairs, [1] * 6)
    assert cluster[0] == cluster[1] == cluster[2] == cluster[3]
    assert cluster[4] != cluster[0] and cluster[5] != cluster[0]
    few_words = average_link(6, pairs, [1] * 6, lambda a, b: False)   # a word and a speaker are no restatement
    assert few_words[3] != few_words[0] and few_words[0] == few_words[1]


def test_the_subject_of_a_judgement_is_its_speaker():
    called = features("Mayor Ann Lee, a Labour veteran, on Friday called the council's budget ''reckless.''")
    assert "@lee" in called.speakers and called.scare == {"reckless"}
    assert "@lee" not in features("Mayor Ann Lee called for a recount of the votes.").speakers
    assert not features("Mayor Ann Lee said the budget was ''reckless.''").scare   # no judgement verb


def test_a_judgement_quoted_in_a_word_meets_the_quote_it_comes_from():
    """'Lee called the budget "reckless"' quotes a word of Lee's 'reckless and short-sighted': one
    utterance, though they share one word; the same words of Haller are another's."""
    called = features("Mayor Ann Lee on Friday called the council's budget ''reckless,'' a rebuke that stung.")
    quote = 'The budget was "reckless and short-sighted and it will hurt the harbour," {} said.'
    found = [called]
    for name in ("Ms. Lee", "Mr. Haller"):
        text = quote.format(name)
        s, c = text.index(name), text.index(" said")
        found.append(statement_features(text, [(s, s + len(name)), (c + 1, c + 5)], vocabulary(),
                                        [(s, s + len(name))]))
    pairs = Features(found, [1, 1, 1], 40, [1, 1, 2], ["", "Ann Lee", "Tom Haller"])
    assert pairs.similarity(0, 1) >= THRESHOLD
    assert pairs.similarity(0, 2) < THRESHOLD
