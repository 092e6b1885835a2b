"""Sentence splitting and page clutter on real article text."""
from __future__ import annotations

from attrib.clean import Splitter
from attrib.lexicon import load_lexicon

from conftest import FIXTURES

SPLITTER = Splitter.create()


def texts(text: str) -> list[str]:
    return [s.text for s in SPLITTER.split(text) if not s.clutter]


def test_quote_then_attribution_stays_one_sentence():
    text = "After arriving at the guesthouse, they held a “friendly chat,” KCNA reportedly added. Then they left."
    assert texts(text)[0].endswith("KCNA reportedly added.")
    assert texts('"We will win!" Trump said. The crowd cheered.') == ['"We will win!" Trump said.', "The crowd cheered."]


def test_a_quotation_attributed_within_its_sentence_takes_no_tail():
    text = 'Lee said she was "glad to endorse Kim for mayor." Kim praised Lee on Twitter, stating he was glad.'
    assert texts(text) == ['Lee said she was "glad to endorse Kim for mayor."',
                           "Kim praised Lee on Twitter, stating he was glad."]


def test_new_sentence_after_a_closing_quote_is_split():
    text = 'The test was a "regular exercise." The agency added that no country had been threatened.'
    assert len(texts(text)) == 2


def test_a_verb_with_its_object_or_a_new_quote_after_a_closing_quote_starts_a_sentence():
    """'praised the plan' is a clause of its own, not the quote's tail; 'He adds, "In ...' opens the next quote."""
    text = 'She called it "the best plan for the state." Ruiz praised the plan on Twitter, saying it was bold.'
    assert len(texts(text)) == 2
    text = 'She said the plan was "bold." She adds, "In a year we will know."'
    assert texts(text) == ['She said the plan was "bold."', 'She adds, "In a year we will know."']
    assert len(texts('"We will win!" Trump said, "and soon."')) == 1


def test_abbreviations_and_initials_do_not_split():
    text = "Mr. Putin met Sen. J. D. Vance in Washington, D.C. on Jan. 5. The U.S. officials said nothing."
    assert texts(text) == ["Mr. Putin met Sen. J. D. Vance in Washington, D.C. on Jan. 5.",
                           "The U.S. officials said nothing."]


def test_offsets_refer_to_the_original_text():
    text = (FIXTURES / "seeds" / "002_18bb572b870def16.txt").read_text(encoding="utf-8")
    for s in SPLITTER.split(text):
        assert text[s.start:s.end] == s.text


def test_page_clutter_yields_no_statements():
    text = (FIXTURES / "seeds" / "002_18bb572b870def16.txt").read_text(encoding="utf-8")
    kept = texts(text)
    for clutter in ("- Advertisement -", "Must read", "Source link", "Main photo source: Reuters",
                    "Vladimir Putin arrived in North KoreaReuters", "17.8 C", "Latest article"):
        assert clutter not in kept
    assert "He was greeted at the airport by Kim Jong Un." in kept


def test_login_prompt_in_another_script_and_headline_lists_are_clutter():
    text = (FIXTURES / "seeds" / "000_f67a801f5426b32f.txt").read_text(encoding="utf-8")
    kept = " ".join(texts(text))
    assert "Авторизуйтесь" not in kept
    assert "Freedom Bank enters" not in kept
    assert "RIA Novosti reports that" in kept


def test_paragraphs_are_numbered():
    sentences = SPLITTER.split("One. Two.\n\nThree.")
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_clutter_patterns_match_their_examples_only():
    for c in load_lexicon().clutter:
        for example in c.examples:
            assert c.pattern.fullmatch(example), (c.id, example)
        for counter in c.counter:
            assert not c.pattern.fullmatch(counter), (c.id, counter)


def test_a_credit_ending_a_caption_line_is_clutter_but_a_labelled_figure_is_not():
    text = "The council met on Monday.\n\nDakota, a deer. Image: Jane Roe (flickr).\n\nThe mayor spoke. Turnout: 40 percent.\n"
    flagged = {s.text: s.clutter for s in SPLITTER.split(text)}
    assert flagged["Image: Jane Roe (flickr)."] and not flagged["Dakota, a deer."]
    assert not flagged["Turnout: 40 percent."]


def test_a_credit_after_a_caption_without_a_full_stop_is_split_off_as_clutter():
    """Gallery captions often run straight into their credit; left in one piece, the credit's name is the only
    thing the captions share and joins them into one claim."""
    text = ("Dancers on the main stage Image: Jane Roe.\n\nThe harbour at dawn Photo credit: Tom Reyes/City Herald.\n\n"
            "The plan was simple: cut the fares.\n\nThe mayor named one goal, Priority One: safety.\n")
    pieces = [(s.text, s.clutter) for s in SPLITTER.split(text)]
    assert pieces == [("Dancers on the main stage", False), ("Image: Jane Roe.", True),
                      ("The harbour at dawn", False), ("Photo credit: Tom Reyes/City Herald.", True),
                      ("The plan was simple: cut the fares.", False),
                      ("The mayor named one goal, Priority One: safety.", False)]
