"""Chains across and within sentences, on sentences from the seed articles."""
from __future__ import annotations

from attrib.records import Document

from conftest import chain_strings


def chains(analyzer, text: str, publisher: str = "", wire: str = "") -> list[str]:
    return chain_strings(analyzer, text, publisher, wire)


def test_according_to_then_said_nests(analyzer):
    text = ("According to Al Jazeera, the North Korean state-run news agency KCNA said the meeting was a "
            "historic event.")
    assert chains(analyzer, text) == ["Al Jazeera > KCNA"]


def test_reported_citing_and_cited_as(analyzer):
    text = ("Vladimir Putin arrived in North Korea on Tuesday, Reuters reported, citing Russian media. "
            "CNN cited North Korean state media KCNA as reporting that they then rode together.")
    assert chains(analyzer, text) == ["Reuters > Russian media", "CNN > KCNA"]


def test_trailing_reporter_is_outer(analyzer):
    text = ('Meanwhile, DPRK said the visit showed bilateral ties "are getting stronger day by day," '
            "the official Korean Central News Agency reported.")
    # the article names the agency in full, so the chain does too (its source_id is KCNA's)
    assert chains(analyzer, text) == ["Korean Central News Agency > North Korea"]


def test_parallel_attributions_stay_separate(analyzer):
    text = ("The Kremlin described the trip as a “friendly state visit” with Russian media reporting Mr. Putin "
            "and Mr. Kim may sign a partnership agreement.")
    assert chains(analyzer, text) == ["Kremlin | Russian media"]


def test_continuations_carry_the_chain(analyzer):
    text = ("CNN cited North Korean state media KCNA as reporting that they then rode together.\n\n"
            "After arriving at the guesthouse, they held a “friendly chat,” KCNA reportedly added.\n\n"
            "According to Al Jazeera, KCNA said the meeting was historic. Relations had “emerged as a strong "
            "strategic fortress”, it added.")
    assert chains(analyzer, text) == ["CNN > KCNA", "CNN > KCNA", "Al Jazeera > KCNA", "Al Jazeera > KCNA"]


def test_descriptions_and_pronouns_resolve(analyzer):
    text = ("Russian dictator Vladimir Putin arrived in North Korea on Tuesday. Ahead of his visit, Putin thanked "
            "North Korea for its support. The dictator wrote that both countries would resist sanctions. "
            "He also hailed Moscow and Pyongyang.")
    assert chains(analyzer, text)[1:] == ["Vladimir Putin", "Vladimir Putin", "Vladimir Putin"]


def test_venue_is_not_a_hop(analyzer):
    text = ('"We highly appreciate the support," Putin wrote in an article published by Pyongyang\'s state media '
            "on Tuesday.")
    assert chains(analyzer, text) == ["Putin"]


def test_told_outlet_is_a_hop_unless_publisher_or_reporters(analyzer):
    text = "Lavrov told the Interfax news agency that talks went well. Peskov told reporters it was fine."
    assert chains(analyzer, text) == ["Interfax > Lavrov", "Peskov"]
    assert chains(analyzer, "Lavrov told Interfax that talks went well.", publisher="Interfax") == ["Lavrov"]


def test_wire_dateline_heads_every_path(analyzer):
    text = "GENEVA (AP) — The leaders met on Wednesday.\n\nThe Kremlin said the talks were useful."
    assert chains(analyzer, text) == ["Associated Press", "Associated Press > Kremlin"]


def test_hedges_are_recorded(analyzer):
    doc = Document(doc_id="t", text="The talks ended early, KCNA reportedly added.")
    stmt = analyzer.statements(doc)[0]
    assert stmt.hedged and stmt.paths[0][-1].hedge == "reportedly"


def test_unattributed_statement_has_no_paths(analyzer):
    assert chains(analyzer, "Putin's delegation includes his new defense minister, Andrei Belousov.") == [""]


def test_a_quotation_takes_the_speaker_named_after_it(analyzer):
    text = ("“I tell you it has changed our young people. Young people have a different swagger. They want to "
            "look respectable,” said Griffin, an activist. “I see that on the streets here.”")
    assert chains(analyzer, text) == ["Griffin"] * 4


def test_a_quotation_takes_the_speaker_named_before_it_across_paragraphs(analyzer):
    text = ("Senator Ann Lee told reporters:\n\n“We will not give up. The vote is ours.\n\n"
            "“Nobody can take it away.”\n\nThe Senate adjourned.")
    assert chains(analyzer, text) == ["Ann Lee", "Ann Lee", "Ann Lee", "Ann Lee", ""]


def test_speech_inside_a_quotation_nests_under_its_speaker(analyzer):
    text = ("Radio host Bob Friedman recalled the calls. “I remember a caller who said the vote changed everything. "
            "It was a new era,” said Friedman.")
    assert chains(analyzer, text)[1:] == ["Bob Friedman > caller", "Bob Friedman"]


def test_a_speaker_pronoun_does_not_resolve_to_a_name_inside_the_quotation(analyzer):
    text = ("The speechwriter Richard Cross spoke on Monday. “President Eisenhower would have known better. "
            "So would Nixon,” he said.")
    assert chains(analyzer, text)[1:] == ["Richard Cross", "Richard Cross"]


def test_a_described_source_named_in_apposition_is_the_name(analyzer):
    assert chains(analyzer, "One senator, Eduardo Reyes, said he intended to sue.") == ["Eduardo Reyes"]
    assert chains(analyzer, "Prices will rise, said a former spokesman for the ministry, Oleg Petrenko.") == [
        "Oleg Petrenko"]
    # a role written with capitals is a description too: the name in apposition speaks
    assert chains(analyzer, "The Vice President, Mike Pence, said the plan would work.") == ["Mike Pence"]
    assert chains(analyzer, "The Health Secretary, Matt Hancock, said testing would double.") == ["Matt Hancock"]
    assert chains(analyzer, "The President, in a speech on Monday, said the plan would work.") == ["President"]


def test_outlets_as_addressees_in_their_forms(analyzer):
    assert chains(analyzer, "Lee told Chris Wallace of Fox News that he would run.") == ["Fox News > Lee"]
    assert chains(analyzer, "Lee told CNN's Jake Tapper that he would run.") == ["CNN > Lee"]
    assert chains(analyzer, "Lee told talk-radio host Ann Moss on Monday that he would run.") == ["Ann Moss > Lee"]
    assert chains(analyzer, "Neighbors told CBS station WXYZ-TV that the street is quiet.") == ["WXYZ-TV > Neighbors"]
    assert chains(analyzer, "Lee said on MSNBC that the race was close.") == ["MSNBC > Lee"]
    assert chains(analyzer, "Lee told the public via Twitter that he would run.") == ["Lee"]
    assert chains(analyzer, "Lee told Politico that he would run.", publisher="Politico") == ["Lee"]


def test_quotes_that_go_on_with_an_interview_carry_its_outlet(analyzer):
    text = ("Earlier this year, the author Ann Klein spoke with the Daily Herald about the race.\n\n"
            "“She is always in trouble,” Klein said.\n\n"
            "Klein said her book detailed the scandals.\n\n"
            "“It will happen again,” she said in a speech on Monday.")
    assert chains(analyzer, text) == ["", "Daily Herald > Ann Klein", "Daily Herald > Ann Klein", "Ann Klein"]


def test_sources_that_share_a_cue_are_separate_paths(analyzer):
    assert chains(analyzer, "Dunn and John agreed that they would back him.") == ["Dunn | John"]
    assert chains(analyzer, "Minority and women voters said they liked her.") == ["Minority and women voters"]
    assert chains(analyzer, "Prime Minister and party leader Boris Johnson said he was humbled.") == ["Boris Johnson"]


def test_places_never_speak_and_descriptions_keep_their_place(analyzer):
    assert chains(analyzer, "Hospital officials in Omsk said no poison was found.") == ["Hospital officials in Omsk"]
    assert chains(analyzer, "Police in Clairton, Pennsylvania, responded to reports of a shooting.") == [""]


def test_a_place_named_alone_as_the_speaker_stands_for_its_government(analyzer):
    # as a country does ("DPRK said" -> North Korea); a place read out of longer words still does not speak
    assert chains(analyzer, "Northern Ireland has suggested that the new border checks are unworkable.") == [
        "Northern Ireland"]
    assert chains(analyzer, "Texas said it would appeal the ruling to the Supreme Court.") == ["Texas"]
    assert chains(analyzer, "In recent weeks the people of Indiana, West Virginia and Oregon have suggested "
                            "otherwise.") == [""]


def test_requests_refusals_and_negations_are_not_attributions(analyzer):
    assert chains(analyzer, "Huckabee called for denying entry to travelers.") == [""]
    assert chains(analyzer, "The aide declined to say whether he was paid.") == [""]
    assert chains(analyzer, "Manafort did not respond to requests for an interview.") == [""]
    assert chains(analyzer, 'Huckabee called for a ban, saying "we must act now."') == ["Huckabee"]
    assert chains(analyzer, "The anchor asked Rubio which states he could win.") == ["anchor"]


def test_pronouns_prefer_the_subject_agree_in_gender_and_see_the_sentence_they_are_in(analyzer):
    text = ("Raynard Jackson, a radio host, crossed party lines to vote for Obama in the primary. "
            "“Obama would not have won here,” he said.")
    assert chains(analyzer, text)[1] == "Raynard Jackson"
    text = "Nikki Haley spoke after Donald Trump. “I am the proud daughter of immigrants,” she said."
    assert chains(analyzer, text)[1] == "Nikki Haley"
    text = "Ann Lee met Tom Cole on Monday. Cole was talking about trade when he told reporters it would pass."
    assert chains(analyzer, text)[1] == "Tom Cole"


def test_capitalised_openers_regions_and_places_are_not_people(analyzer):
    text = ("The envoy Tom Miller spoke on Tuesday. On Tuesday, trade in Central Asia fell, "
            "and he says there is only one winner.")
    assert chains(analyzer, text)[1] == "Tom Miller"


def test_a_pull_quote_belongs_to_the_name_on_its_credit_line(analyzer):
    text = ('"Everybody believes in the convention until they start losing. Then it is fine.\n'
            'Donald Trump."\n\nThe race goes on.')
    assert chains(analyzer, text) == ["Donald Trump", "Donald Trump", "", ""]


def test_calling_names_a_speaker_not_the_thing_named(analyzer):
    # the subject of "called", not what it names; a second clause with its own cue is a sibling
    text = ("That view upended orthodoxy toward Spain, a country that the former nominee, Jim Hale, called "
            "''our main rival.'' The Herald notes that Kemp tweeted that party leader Tom Ruiz should deport Haley, "
            "and Ruiz later called Haley “very weak on taxes.” At the time, Mr. Dole called Mr. Ruiz, a former "
            "trucker who was twice convicted, an outstanding leader. But neither he nor Kemp echoed the tone of "
            "Dole, who has called the governor a plain fraud.")
    assert chains(analyzer, text) == ["Jim Hale", "Herald > Kemp | Herald > Tom Ruiz", "Dole", "Dole"]


def test_a_question_in_an_interview_opens_it(analyzer):
    # a brand-cased outlet unknown to the gazetteer; its question is its own words, the answers carry it
    text = ("Former governor Tom Ruiz agreed with the analysis. In an interview last spring with KTVx, he was asked "
            "what became of the farm vote. “The city happened. I never resented it,” he said.")
    assert chains(analyzer, text) == ["Tom Ruiz", "KTVx", "KTVx > Tom Ruiz", "KTVx > Tom Ruiz"]


def test_partly_quoted_sentences_keep_the_speaker(analyzer):
    text = ('Mayor Ruiz tweeted he had not heard of the march but would go anyway: "Great! Crowds gather in the '
            'square. Did not know about it, but I will see them! #GO"  GO is a slogan used by his allies.\n\n'
            "“We thought only Kemp was careless,” said writer Tom Aida. Ruiz “sort of stumbled. It is not a "
            "thing he ought to say on television.”\n\n"
            "Kemp said he would run. The plan was “a mess” to some.")
    assert chains(analyzer, text) == ["Ruiz"] * 3 + ["Tom Aida"] * 3 + ["Kemp", ""]


def test_a_group_from_two_places_is_one_source(analyzer):
    # the coordination lies inside the group's "from" phrase: one source, not "Technology" and another
    text = ("In findings published on Wednesday in Marine Letters, researchers from the Georgia Institute of "
            "Technology (GT) and University of Maine Orono, both based in New England, reported that warmer "
            "water bleaches kelp.")
    assert chains(analyzer, text) == ["researchers from the Georgia Institute of Technology"]


def test_a_handle_names_its_owner_for_a_pronoun(analyzer):
    text = ("Mayor Tom Ruiz is running for governor. Ruiz has run a busy campaign.\n\n"
            "Psychologist Dan Lee writes that narcissists crave attention. They need the spotlight.\n\n"
            "The candidate’s @TomRuiz Twitter feed is a direct line to his mind, so after the storm he tweeted "
            "about himself.")
    assert chains(analyzer, text)[-1] == "Tom Ruiz"


def test_sources_quoted_by_a_speaker_nest_under_it(analyzer):
    text = ('Political scientist Lee Kwan said the turnout was a sign of support.\n\n'
            'He noted, "The council and the pro-business camp have always claimed they have public support."')
    assert chains(analyzer, text)[-1] == "Lee Kwan > council | Lee Kwan > pro-business camp"


def test_a_quotation_within_a_quotation_keeps_its_voice(analyzer):
    text = ("Tom Ruiz, a radio host in Ohio, said he had heard a change in what callers believed after the vote.\n\n"
            "“I recall a caller who phoned and said, ‘In some ways the result made him a new sort of "
            "candidate. Farmers were sort of warning us,’” said Ruiz, who is a farmer. "
            "The farm is big.")
    assert chains(analyzer, text) == ["Tom Ruiz", "Tom Ruiz > caller", "Tom Ruiz > caller", ""]


def test_an_attributed_quotation_ends_its_sentence(analyzer):
    text = ('In a video message posted online, Lee thanked Kim for his patience and said she was "glad to endorse '
            'Kim for mayor." Kim praised Lee on Twitter.')
    assert chains(analyzer, text) == ["Lee", "Kim"]


def test_a_venue_between_subject_and_cue_is_no_outlet(analyzer):
    # "speaking to the Atlantic Council": a think tank whose name begins like an outlet's
    text = ('On Tuesday, Prime Minister Ana Lee speaking before the Atlantic Council research group called the deal '
            '"null and void". Lee told CNN Tuesday that it failed.')
    assert chains(analyzer, text) == ["Ana Lee", "CNN > Ana Lee"]


def test_a_role_written_with_capitals_stands_for_the_person_named_earlier(analyzer):
    """House style in many newsrooms capitalises a title used alone ('the President'); it is a description
    like 'the president', not a person called President."""
    text = ("Harbour Minister Ruth Lange opened the new quay on Monday.\n\n"
            "The Minister said the quay would take larger ferries.\n\n"
            "The Deputy Minister said the dredging would finish in May.\n")
    # a deputy is someone else: with no deputy named earlier, the role is kept whole as the source
    assert chains(analyzer, text) == ["", "Ruth Lange", "Deputy Minister"]


def test_a_surname_is_the_person_named_in_full_after_a_long_title(analyzer):
    # the full name ends a run of five capitalised words (country, title, name): still the person "Trump" is
    text = ("United States President Donald Trump said on Friday that the talks had stalled.\n\n"
            "Trump also said that he would prefer a deal with Congress.\n\n"
            "Mexico's Foreign Secretary Marcelo Ebrard said the government would press for an extradition.\n\n"
            "Ebrard said the case was the first of its kind.")
    assert chains(analyzer, text) == ["Donald Trump", "Donald Trump", "Marcelo Ebrard", "Marcelo Ebrard"]
