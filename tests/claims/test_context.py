"""Claims with what the document adds: who said it (chains), whom a description means, what a title
names; on sentences of our own."""
from __future__ import annotations

import json
from pathlib import Path

import polars as pl

import attrib
from attrib.claims import statement_features, vocabulary
from attrib.claims.context import cited_cores, cited_speakers, resolve_descriptions
from attrib.claims.features import drop_asides
from attrib.claims.grouping import THRESHOLD, Features
from attrib.claims.quotes import blank_mentions


def features(text: str, blanks=(), sources=()):
    return statement_features(text, list(blanks), vocabulary(), list(sources))


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _attributed(text: str, source: str, cue: str):
    """Features of a sentence whose source and cue extraction found."""
    s, c = _span(text, source), _span(text, cue)
    return features(text, [s, c], [s])


def test_cited_cores_leave_out_outlets_pronouns_and_party_tags():
    assert cited_cores("Associated Press\tDonald Trump\the\tPaul Ryan (R-Wis.)\tCNN") == ["@trump", "@ryan"]


def test_a_quote_and_its_paraphrase_by_one_speaker_meet_on_the_speaker():
    """'Olsen said his words had been "twisted"' and Olsen's statement that 'my remarks were twisted'
    share one word: the speaker, cited by both chains, makes it the same proposition; another
    person saying the same word does not."""
    a = "By evening, Mr. Olsen said that his words had been ''twisted.''"
    b = "In his statement, he said it was ''regrettable that my remarks were twisted into an attack on farmers.''"
    c = "By evening, Ms. Amundsen said that her words had been ''twisted.''"
    found = [_attributed(a, "Mr. Olsen", "said"), _attributed(b, "he", "said"), _attributed(c, "Ms. Amundsen", "said")]
    cited = ["Mark Olsen", "Mark Olsen", "Ruth Amundsen"]
    with_speakers = Features(found, [1, 1, 1], 40, [1, 2, 3], cited)
    assert with_speakers.similarity(0, 1) >= THRESHOLD
    assert with_speakers.similarity(0, 2) < THRESHOLD
    assert with_speakers.similarity(1, 2) < THRESHOLD
    assert Features(found, [1, 1, 1], 40, [1, 2, 3]).similarity(0, 1) < THRESHOLD


def test_the_voice_of_an_interview_is_no_shared_speaker():
    """A person who speaks most of a long document (an interview) is its voice; a politician quoted in
    nine of a news story's twenty sentences is not."""
    doc = [1] * 120 + [2] * 20
    cited = ["Zara Kay"] * 100 + [""] * 20 + ["Donald Trump"] * 9 + [""] * 11
    cores, voice = cited_speakers(cited, doc)
    assert (1, "@kay") in voice and (2, "@trump") not in voice
    assert cores[0] == frozenset({"@kay"})


def test_a_described_subject_stands_for_the_person_named_just_before():
    before = features("Meanwhile, Republican Tom Haller claimed the prize for exceeding expectations.")
    described = features("Helped by undecided farmers, the two-term governor came a close third.")
    assert described.described and not described.actor
    _, resolved = resolve_descriptions([before, described], [7, 7])
    assert resolved.actor == "@haller" and "@haller" in resolved.words
    _, elsewhere = resolve_descriptions([before, described], [7, 8])   # another document: no one to stand for
    assert not elsewhere.actor and "@haller" not in elsewhere.words


def test_a_place_in_a_persons_title_is_who_not_where():
    assert "@florida" not in features("Florida Sen. Marco Rubio suspended his campaign.").words
    assert "@texas" not in features("Senator Ann Lee of Texas finished a strong third.").words
    assert "@florida" not in features("Sen. Marco Rubio (R-Fla.) finished third in the caucuses.").words
    assert "@missouri" in features("Ann Lee Wins Missouri Republican Runoff.").words
    assert "@texas" in features("Ann Lee won Texas on Tuesday.").words


def test_ending_a_campaign_is_withdrawing_however_worded():
    suspended = features("Tom Haller suspended his campaign after a defeat in Ohio.").words
    ending = features("Tom Haller is ending his campaign this week.").words
    dropped = features("Tom Haller dropped out of the race.").words
    assert {"withdraw", "@haller"} <= suspended & ending & dropped


def test_a_final_appositive_summing_up_the_clause_is_an_aside():
    text = "Mayor Ann Lee called the plan ''reckless,'' an unusual rebuke that drew anger from council members."
    kept = drop_asides(text)
    assert "reckless" in kept and "rebuke" not in kept and "anger" not in kept
    assert drop_asides("He bought a house, a car and a boat that he liked.") == \
        "He bought a house, a car and a boat that he liked."


def test_degree_adverbs_and_quoted_terms_assert_nothing():
    assert {"absolut", "absolutely"}.isdisjoint(features("''I believe the offer must be absolutely refused.").words)
    mention = "Obama said there is no magic to the phrase 'radical Islam.'"
    assert "radical Islam" not in blank_mentions(mention) and "magic" in blank_mentions(mention)
    assert "@islam" not in features(mention).words


def _analyze(tmp_path: Path, reports: list[tuple[str, str]]):
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "publisher": publisher}) + "\n"
                             for i, (publisher, text) in enumerate(reports)), encoding="utf-8")
    return attrib.analyze(table, jobs=1)


def _claim_of(result, needle: str) -> str:
    return result.statements.filter(pl.col("text").str.contains(needle, literal=True))["claim_id"][0]


def test_two_people_quoting_one_slogan_say_different_things(tmp_path):
    """The same quoted words by two speakers are no one utterance: the mayor's pledge and the rival
    who mocks it."""
    result = _analyze(tmp_path, [
        ("Paper A", "Mayor Ann Lee said the goal was to \u201cmake Tromsø green again.\u201d"),
        ("Paper B", "Councillor Tom Elridge said that Lee\u2019s pledge to \u201cmake Tromsø green again\u201d "
                    "was an empty slogan.")])
    assert _claim_of(result, "the goal was") != _claim_of(result, "empty slogan")
