"""Chains for voices beside the voices they quote, coordinated sources taken up by 'they', polls referred back
to, owners named by a possessive, and an opening 'Reportedly' (issue 11), on invented sentences."""
from __future__ import annotations

from attrib.records import Document

from conftest import chain_strings


chains = chain_strings


def test_speaker_says_more_than_the_voice_quoted(analyzer):
    text = ("“I know my neighbours are telling me, ‘Vote for Lee,’ but I can’t say that I trust him at all,” said "
            "Anna Berg, 61, of Leeds.\n\n“He is new to politics.”")
    # her own words beside her neighbours'; the next quotation goes on in her voice, not theirs
    assert chains(analyzer, text) == ["Anna Berg > neighbours | Anna Berg", "Anna Berg"]


def test_quotation_carried_with_its_own_words(analyzer):
    text = ("“Tom Hale treats the council with contempt,” said councillor Ruth Ames. “He knows the budget is short, "
            "he knows the plan will fail, and he admits that he will lose the vote.”")
    assert chains(analyzer, text) == ["Ruth Ames", "Ruth Ames > Tom Hale | Ruth Ames"]


def test_content_that_is_only_the_inner_voice_stays_nested(analyzer):
    assert chains(analyzer, "“Tom Hale told me the plan will fail,” said councillor Ruth Ames.") == ["Ruth Ames > Tom Hale"]
    # what follows the quoted words is where they were said, not words of the outer source
    text = ("Dan Roe is due in court on Monday. Police sources have said he said \"no more delays\" in comments to "
            "officers after the arrest.")
    assert chains(analyzer, text)[1] == "Police sources > Dan Roe"


def test_they_after_coordinated_sources_is_each_of_them(analyzer):
    text = ("Local farmers and small shop owners say they have seen no benefit from the new road. Meanwhile, prices "
            "keep rising, they say, while wages stay flat.")
    assert sorted(chains(analyzer, text)[1].split(" | ")) == ["Local farmers", "small shop owners"]


def test_poll_referred_back_to(analyzer):
    text = ("In May, Lee led Kim by 10 points among young voters in a Harbour Times poll. By July, Kim was ahead by "
            "4 points in the same poll.")
    assert chains(analyzer, text) == ["Harbour Times poll", "Harbour Times poll"]
    text = "While 70 percent of nurses in a recent Westfield survey backed the plan, 40 said the same for the rival plan."
    assert chains(analyzer, text) == ["recent Westfield survey"]


def test_possessive_owner_of_a_document(analyzer):
    text = ("The Harbour Council said in a statement on Monday that the plan was sound. Their statement also read "
            "\"the vote must go ahead.\"")
    assert chains(analyzer, text) == ["Harbour Council", "Harbour Council"]


def test_opening_reportedly_beside_a_relative_clause_source(analyzer):
    text = ("Reportedly several hundred fans gathered outside the stadium, where the club, which denied the claims, "
            "kept its gates shut.")
    assert "reports" in chains(analyzer, text)[0].split(" | ")   # unnamed reports, however worded
    assert chains(analyzer, "Reportedly, the club said the gates would stay shut.") == ["club"]
    assert chains(analyzer, "The crash reportedly killed seven, the minister said.") == ["minister"]


def test_question_in_an_interview_opens_it(analyzer):
    text = ("Former mayor Bill Dunn agreed with the analysis. In an interview that spring with CNN, he was asked what "
            "happened to the vote. “The harbour happened. The minute it became possible, she was going to win,” he said.")
    assert chains(analyzer, text)[2:] == ["CNN > Bill Dunn", "CNN > Bill Dunn"]


def test_given_name_before_a_shared_surname_title(analyzer):
    # "Mrs. Dunn" is someone else: Bill Dunn is a he by his given name
    text = "Mrs. Dunn spoke first. Former mayor Bill Dunn agreed with the analysis. “It was the harbour,” he said."
    assert chains(analyzer, text)[2] == "Bill Dunn"


def test_wire_quote_attributed_in_a_later_sentence_has_no_bare_wire_path(analyzer):
    text = ("HARBOUR CITY (AP) — Ann Lee said on Monday that the vote was close.\n\n“I don’t have the power to "
            "change the law. Our power is to ask questions,” said Lee.")
    doc = Document(doc_id="t", text=text, publisher="", wire="")
    paths = [" | ".join(" > ".join(h.cited for h in p) for p in s.paths) for s in analyzer.statements(doc)]
    assert paths[1:] == ["Associated Press > Ann Lee", "Associated Press > Ann Lee"]


def test_block_quotation_after_a_colon(analyzer):
    text = ("Judge Ann Cole rejected this argument:\n\n The claim of immunity cuts across the grain of precedent. It "
            "ignores the framework the courts have set.\n\nBecause the doctrine is repugnant, the suit is "
            "dismissed.\n\n – Judge Ann Cole, Decision and Order\n\nThe county appealed on Monday.")
    assert chains(analyzer, text) == ["Ann Cole", "Ann Cole", "Ann Cole", "Ann Cole", "", ""]


def test_block_without_a_credit_line_is_one_paragraph(analyzer):
    text = ("The council wrote:\n\nThe road will open in May. Tolls will be low.\n\nThe road was first planned "
            "in 1990.")
    assert chains(analyzer, text) == ["council", "council", "council", ""]


def test_unnamed_reports_are_one_source_however_worded(analyzer):
    """'reportedly', 'Reportedly' and 'were reported' with no source named all stand for unnamed reports:
    one source ('reports'), so sources.csv counts them in one row, not three."""
    text = ("Ferry sinks off the coast\n\nThe ferry reportedly carried forty people.\n\n"
            "Reportedly, the captain was the last to leave.\n\nTwelve were reported missing on Sunday.\n")
    statements = analyzer.statements(Document(doc_id="t", text=text))
    hops = [p[-1] for s in statements for p in s.paths]
    assert [(h.cited, h.source_id) for h in hops] == [("reports", "group:reports")] * 3


def test_a_modal_that_opens_a_question_is_not_a_first_name(analyzer):
    text = ("Blue Harbor announced on Monday that it will close the old yard.\n\n"
            "((Q))  Will Blue Harbor workers be moved to the new yard?\n\n"
            "((Ann Vale))  Blue Harbor told us that every worker keeps a job.")
    assert "Will Blue Harbor" not in " ".join(chains(analyzer, text))
    # a statement with "Will" as a first name is still his
    assert chains(analyzer, "Will Rogers said the roads were bad. Rogers added that the rain was worse.") == [
        "Will Rogers", "Will Rogers"]
