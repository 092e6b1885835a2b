"""Interview transcripts: speaker labels, turns, the publisher's interviewer, language tags."""
from __future__ import annotations

import pytest

from attrib.clean import Splitter
from attrib.records import Document

from conftest import chain_strings
from attrib.turns import TranscriptReader

INTRO = ("Marine biologist Jane Roe, who led the survey of the reef, spoke with Wikinews about the results.  "
         "Roe has studied corals for twenty years.\n\n")


@pytest.fixture(scope="module")
def reader() -> TranscriptReader:
    return TranscriptReader.create()


@pytest.fixture(scope="module")
def splitter() -> Splitter:
    return Splitter.create()


def speakers(reader, splitter, text: str, publisher: str = "Wikinews") -> list[tuple[str, str]]:
    """(sentence, who speaks it): the speaker's name, 'interviewer', or '' outside any turn."""
    sentences = reader.mark(text, splitter.split(text), publisher)
    return [(s.text, "" if s.speaker is None else "interviewer" if s.speaker.interviewer else s.speaker.name)
            for s in sentences]


def chains(analyzer, text: str, publisher: str = "Wikinews") -> list[str]:
    return chain_strings(analyzer, text, publisher)


def test_a_turn_runs_over_sentences_and_paragraphs_until_the_next_label(reader, splitter):
    text = INTRO + ("((WN))  What did the survey find?\n\n"
                    "((Jane Roe))  Most of the reef is bleached.  The north side is worse.\n\n"
                    "We counted every colony by hand.\n\n"
                    "((WN))  Will it recover?")
    assert [who for _, who in speakers(reader, splitter, text)] == [
        "", "", "interviewer", "Jane Roe", "Jane Roe", "Jane Roe", "interviewer"]


def test_initials_stand_for_the_person_the_article_introduces(reader, splitter):
    text = INTRO + "((WN))  What did you find?\n\n((JR))  The reef is bleached.\n\nJR: It may recover."
    assert [who for _, who in speakers(reader, splitter, text)][2:] == ["interviewer", "Jane Roe", "Jane Roe"]


def test_capitalised_labels_take_the_full_name(reader, splitter):
    text = ("Video transcript of the exchange on Sunday.\n\n"
            "JOHN SMITH: Why not debate?\n\nMARY JONES: We already did.  Twice.\n\nSMITH: Then why not again?")
    assert [who for _, who in speakers(reader, splitter, text)] == [
        "", "John Smith", "Mary Jones", "Mary Jones", "John Smith"]


def test_notes_and_one_off_colons_are_not_labels(reader, splitter):
    text = ("NOTE: The vote was delayed.\n\nLong term: the plan is to expand.\n\n"
            "Jane Roe: The reef is bleached.\n\nThe survey ends in May.")
    assert all(who == "" for _, who in speakers(reader, splitter, text))


def test_q_and_a_answers_belong_to_the_person_interviewed(reader, splitter):
    text = ("Senator Alan Brook spoke with Politico reporter Kim Lee on Thursday.  Brook defended the bill, and "
            "Brook said he would run again.\n\n"
            "Q: Will you run again?\n\nA: Yes.  I decided last week.")
    assert [who for _, who in speakers(reader, splitter, text, "Politico")][-3:] == [
        "interviewer", "Alan Brook", "Alan Brook"]


def test_an_interviewer_introduced_by_name_asks_for_the_publisher(reader, splitter):
    text = ("Farmer Ann Bell answered questions from Wikinews reporter Tom K. Vance.\n\n"
            "((TKV)) : Why are you running?\n\n((Ann Bell)) : To fix the roads.")
    assert [who for _, who in speakers(reader, splitter, text)][1:] == ["interviewer", "Ann Bell"]


def test_an_unnamed_label_that_only_asks_is_the_interviewer(reader, splitter):
    text = INTRO + ("((Jane Roe))  The reef is bleached.\n\n((KP))  How warm was the water?\n\n"
                    "((Jane Roe))  Two degrees above normal.")
    assert [who for _, who in speakers(reader, splitter, text)][2:] == ["Jane Roe", "interviewer", "Jane Roe"]


def test_prose_after_the_interviewers_question_is_nobodys_turn(reader, splitter):
    text = ("((WN))  Why did you join the party?\n\n"
            "On Monday, the Green Party named its candidate.  The party was founded in 2001.\n\n"
            "((WN))  What are your goals?")
    assert [who for _, who in speakers(reader, splitter, text)] == ["interviewer", "", "", "interviewer"]


def test_a_paragraph_of_questions_ends_the_speakers_turn(reader, splitter):
    text = INTRO + ("((Jane Roe))  The reef is bleached.\n\n"
                    "Is it too late?  What can divers do?\n\n((Jane Roe))  Stay off the coral.")
    assert [who for _, who in speakers(reader, splitter, text)][2:] == ["Jane Roe", "", "", "Jane Roe"]


def test_language_tags_are_not_speakers_and_mark_translations(reader, splitter):
    text = ('The mayor said, "We will rebuild the bridge." ((es))Spanish language: \u200dReconstruiremos el '
            'puente.  Lo haremos pronto.  The bridge fell in May.')
    sentences = reader.mark(text, splitter.split(text), "Wikinews")
    assert [s.translation for s in sentences] == [False, True, True, False]
    assert all(s.speaker is None for s in sentences)
    untagged = 'The mayor said, "We will rebuild it." Spanish language: Lo reconstruiremos.  Sign language: the works.'
    assert [s.translation for s in reader.mark(untagged, splitter.split(untagged))] == [False, True, False]


def test_speaker_heads_every_sentence_of_the_turn(analyzer):
    text = INTRO + ("((WN))  What did the survey find?\n\n"
                    "((Jane Roe))  Most of the reef is bleached.  The north side is worse.\n\n"
                    "We counted every colony by hand.")
    assert chains(analyzer, text)[2:] == ["", "Jane Roe", "Jane Roe", "Jane Roe"]


def test_attributions_inside_a_turn_nest_under_the_speaker(analyzer):
    text = INTRO + ("((WN))  Who else saw the damage?\n\n"
                    "((Jane Roe))  The fisheries minister told us the reef was closed.  As I said, it may recover.")
    assert chains(analyzer, text)[3:] == ["Jane Roe > minister", "Jane Roe"]


def test_the_interviewers_questions_are_the_publishers_own(analyzer):
    text = INTRO + ("((WN))  Could you explain what the ministry announced?  In a statement, the ministry said the "
                    "reef was closed.\n\n((Jane Roe))  They closed it for a year.")
    assert chains(analyzer, text)[2:4] == ["", "ministry"]


def test_translation_carries_the_chain_of_the_sentence_it_translates(analyzer):
    text = ('Mayor Luis Ortega said, "We will rebuild the bridge." ((es))Spanish language: \u200dReconstruiremos '
            'el puente.  The bridge fell in May.')
    assert chains(analyzer, text) == ["Luis Ortega", "Luis Ortega", ""]


def test_told_the_publisher_is_the_speaker_alone(analyzer):
    text = "Jane Roe told Wikinews the reef was bleached."
    assert chains(analyzer, text) == ["Jane Roe"]


def test_a_q_glued_to_its_question_is_a_label_beside_answers(reader, splitter):
    text = ("Professor Rita Moss wrote a new book.  Moss spoke on Monday.\n\n"
            "QWhy did you write it?\n\nA: Because nobody else would.\n\n"
            "QUESTIONABLE CLAIMS — The book has critics.")
    assert [who for _, who in speakers(reader, splitter, text, "USA Today")][2:] == [
        "interviewer", "Rita Moss", "Rita Moss"]


def test_prose_about_the_speaker_ends_the_turn(reader, splitter):
    text = INTRO + ("((Jane Roe))  The reef is bleached.\n\nWe counted every colony.\n\n"
                    "Roe has since returned to the reef twice.\n\n((WN))  Will it recover?")
    assert [who for _, who in speakers(reader, splitter, text)][2:] == [
        "Jane Roe", "Jane Roe", "", "interviewer"]


def test_an_editors_aside_in_brackets_belongs_to_no_turn(reader, splitter):
    text = INTRO + ("((Jane Roe))  The reef is bleached.\n\n[The guide added: the water was warm.]\n\n"
                    "We counted every colony.")
    assert [who for _, who in speakers(reader, splitter, text)][2:] == ["Jane Roe", "", "Jane Roe"]


def test_the_publishers_name_or_initials_label_its_interviewer(reader, splitter):
    text = ("Governor Ana Diaz spoke with The Harbour Gazette.\n\n((HG))  Will you sign the bill?\n\n"
            "((Ana Diaz))  Yes.\n\n((Harbour Gazette))  When?")
    assert [who for _, who in speakers(reader, splitter, text, "Harbour Gazette")][1:] == [
        "interviewer", "Ana Diaz", "interviewer"]


def test_a_transcript_printed_one_quotation_per_turn_has_its_labels(reader, splitter, analyzer):
    text = ("Partial transcript of the radio interview follows:\n\n"
            "\"HOST: Will the senator attend the hearing?\n\n"
            "\"DAVIS: She will not attend it.  She has a vote in the state house.\n\n"
            "\"HOST: Then who goes in her place?")
    assert [who for _, who in speakers(reader, splitter, text, "The Daily Ledger")][1:] == [
        "interviewer", "Davis", "Davis", "interviewer"]
    doc = Document(doc_id="t", text=text, publisher="The Daily Ledger")
    label = [h for s in analyzer.statements(doc) for p in s.paths for h in p if h.rule_id == "speaker-label"
             and h.cited_text == "DAVIS"][0]
    assert text[label.cue_start:label.cue_end] == ":" and label.cue_start == label.source_end
