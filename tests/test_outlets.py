"""Outlets as addressees, reporters after and in the passive, nesting and names (issue 11, families 1-4).

Sentences written for these tests, in the phrasings the families name.
"""
from __future__ import annotations

from test_chains import chains


def test_outlet_addressees_in_their_forms(analyzer):
    text = ("Smith told CNN's Jane Roe that the bridge was closed. Lee told Jane Roe of Fox News that it was open. "
            "Diaz said in a statement to NPR that repairs began. Kim told Fox News host Ann Moss that it was late. "
            "Park, speaking on CNN's State of the Union, said the city would pay. "
            "In remarks to The Guardian, the minister denied it.")
    assert chains(analyzer, text) == ["CNN > Smith", "Fox News > Lee", "NPR > Diaz", "Fox News > Kim",
                                      "CNN > Park", "The Guardian > minister"]


def test_an_interview_given_to_an_outlet_carries_to_the_speakers_quotes(analyzer):
    text = ("Pablo Reyes is a candidate for the nomination. Based on an interview he granted to NPR after the debate, the "
            "outcome is open.\n\n“We will carry the counties we need,” Reyes responded.")
    assert chains(analyzer, text)[-1] == "NPR > Pablo Reyes"


def test_reporters_in_the_passive_and_after(analyzer):
    text = ("The closure was first reported by Axios. The plan was described by the Kremlin as friendly. "
            "The Washington Post has learned that the talks stalled. The bridge was closed, reports the Miami Herald.")
    assert chains(analyzer, text) == ["Axios", "Kremlin", "Washington Post", "Miami Herald"]


def test_unnamed_reports_only_where_no_source_is_named(analyzer):
    text = "The crash reportedly killed seven. Thirty were reported injured. The talks ended, KCNA reportedly added."
    assert chains(analyzer, text) == ["reports", "reports", "KCNA"]   # unnamed reports, one source however worded


def test_according_to_after_or_inside_a_speakers_clause_is_outer(analyzer):
    text = ("The bridge was closed, the minister said, according to Reuters. "
            "Local officials, according to the Harbour Gazette, noted that the bridge was closed. "
            "Lee admitted to the payments, according to prosecutors, but no charges were filed.")
    assert chains(analyzer, text)[:3] == ["Reuters > minister", "Harbour Gazette > Local officials",
                                          "prosecutors > Lee"]


def test_leading_citing_and_its_source(analyzer):
    text = ("Citing regional media, Reuters reports that the bridge was closed. "
            "The Miami Herald reported the bridge was closed. Its source said the repairs would take months.")
    assert chains(analyzer, text) == ["Reuters > regional media", "Miami Herald", "Miami Herald > source"]


def test_sources_sharing_a_cue_and_clauses_beside_each_other(analyzer):
    text = ("Former candidate Ann Lee and former president Bo Li announced their support. "
            "Speaker Tom Hale commented on the vote — which the BBC noted as unusual — \"It is a scandal.\"")
    assert chains(analyzer, text) == ["Ann Lee | Bo Li", "Tom Hale | BBC"]


def test_speech_told_as_an_event_in_a_time_clause_is_no_hop(analyzer):
    text = ("“When China announced its plan, it was met with fear,” said Ivan Petrov. "
            "Jo Benn says she knew little about Sanders before he announced his bid. "
            "“After the minister said the bridge was closed, traffic stopped,” Ann Ray said.")
    assert chains(analyzer, text) == ["Ivan Petrov", "Jo Benn", "Ann Ray > minister"]


def test_names_not_fragments(analyzer):
    text = ("Since May, according to Human Rights Watch, forces have killed 40 people. "
            "Her counsel was prized, according to county clerks and aides who served with her. "
            "A producer for Delta Studios told the Miami Herald that the show was cancelled. "
            "The delegate to the U.S. House of Representatives, Ana Moe, told the press that it was unwelcome. "
            "The study was led by Mark Hale, an ecologist and Regents Professor at the university, who said it "
            "mattered.")
    assert chains(analyzer, text) == ["Human Rights Watch", "county clerks and aides",
                                      "Miami Herald > producer for Delta Studios", "Ana Moe", "Mark Hale"]


def test_outlet_after_an_inverted_attribution_and_interviews_as_sources(analyzer):
    text = ("“You are not welcome,” said Ann Lee, director of the group, reports USA Today. "
            "Dan Shaw told Fox that he credits the change to defections. "
            "Lee is nearly shut out, according to interviews with two dozen union stewards close to the talks. "
            "According to E. J. Fleming’s book, the studio paid.")
    assert chains(analyzer, text) == ["USA Today > Ann Lee", "Fox News > Dan Shaw", "dozen union stewards",
                                      "E. J. Fleming"]


def test_outlets_known_by_their_kind_and_names_with_an_institution(analyzer):
    text = ("In a 2006 interview with magazine The Bark, Ann Day said she loved dogs. "
            "Tom Reed told a local newspaper that the bridge was closed. "
            "Steve Pike of the University of Essex, speaking to the BBC, said the ruling stands. "
            "A cargo plane, reported by local press as military, crashed. "
            "Regarding the bridge, Ed Marsh said it was closed.")
    assert chains(analyzer, text) == ["The Bark > Ann Day", "local newspaper > Tom Reed", "BBC > Steve Pike",
                                      "local press", "Ed Marsh"]


def test_web_outlets_relays_and_authors_of_messages(analyzer):
    text = ("One news site, Znak.com, claims the blast was an attack. Znak.com further reported its source said "
            "the tenant moved in the day before. "
            "The bus was full, according to the mayor of Yartsevo via news agency Interfax. "
            "Iran backs the rebels, according to a tweet on Monday by Secretary of State Ann Ford.")
    assert chains(analyzer, text) == ["Znak.com", "Znak.com > source", "Interfax > mayor of Yartsevo",
                                      "Secretary of State Ann Ford"]


def test_nouns_in_ly_are_not_adverbs_and_named_things_not_speakers(analyzer):
    text = ("The family said the charges were false. "
            "The caption, which echoes a widely mocked post by Lisa Grant, is wrong. "
            "But Tom Miller, at a research firm called Halvorsen Metrics, argues that “its influence will grow.”")
    assert chains(analyzer, text) == ["family", "", "Tom Miller"]
