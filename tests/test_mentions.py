"""The document's mention state: pronouns and descriptions resolve to a name given earlier, or are unresolved."""
from __future__ import annotations

import polars as pl

from attrib.evaluate import unresolved_pronouns
from attrib.mentions import FULL_NAME, DocumentMentions, is_description, not_a_person_name
from attrib.pipeline import statement_row
from attrib.records import Document
from attrib.resolve import Resolver
from attrib.sources import sources_table


def paths(analyzer, text: str) -> list[list[list[tuple[str, str]]]]:
    doc = Document(doc_id="t", text=text, publisher="")
    return [[[(h.cited, h.cited_kind) for h in p] for p in s.paths] for s in analyzer.statements(doc)]


def names(analyzer, text: str) -> list[str]:
    return [" | ".join(" > ".join(n for n, _ in p) for p in s) for s in paths(analyzer, text)]


def test_entities_keep_gender_and_role_cues():
    text = ("Sen. Chris Coons (D-Del.) spoke on Monday. Sen. Tom Cotton spoke too. Ann Lee, a spokeswoman for the "
            "Justice Department, said so. Variety, the trade paper, said so. ")
    state = DocumentMentions.build(text, Resolver.create())
    cues = {e.resolved.name: (e.gender, e.roles) for e in state.entities}
    assert cues["Chris Coons"][1] >= {"senator", "democratic"}
    assert cues["Tom Cotton"][1] == {"senator"}      # "on Monday." before it is another sentence
    assert cues["Ann Lee"] == ("f", frozenset({"spokeswoman"}))
    assert cues["Variety"][1] >= {"trade", "paper"}
    end = len(text)
    assert state.description("the Democratic senator", end).name == "Chris Coons"
    assert state.description("the spokeswoman", end).name == "Ann Lee"
    assert state.description("the woman", end).name == "Ann Lee"
    assert state.description("the trade paper", end).name == "Variety"
    assert state.description("the Republican senator", end) is None  # nothing says Cotton is one


def test_descriptions_are_told_from_names():
    assert is_description("the Democratic senator") and is_description("the trade paper")
    assert not is_description("the Trump campaign") and not is_description("the party's website")
    assert not is_description("the Times")


def test_a_description_resolves_to_the_name_given_earlier(analyzer):
    text = ("Italian economic development minister Stefano Patuanelli sent a letter of support, but the minister "
            "said they would build another pipeline.")
    assert names(analyzer, text) == ["Stefano Patuanelli"]
    text = ("Sen. Chris Coons (D-Del.) and Sen. Tom Cotton met on Monday. The Democratic senator said the bill "
            "would pass.")
    assert names(analyzer, text)[1] == "Chris Coons"


def test_its_source_after_an_outlet_is_the_outlets_source(analyzer):
    text = "Znak.com further reported its source said the tenant had moved in the day before the blast."
    assert names(analyzer, text) == ["Znak.com > source"]
    text = ("The Interfax news agency reported the fire on Monday. Its source said the tenant had moved in a "
            "day earlier.")
    assert names(analyzer, text)[1] == "Interfax > source"


def test_a_pronoun_that_stands_for_no_one_is_unresolved_and_no_original(analyzer):
    text = "The weather was fine on Monday. He said it would rain."
    assert paths(analyzer, text)[1] == [[("he", "unresolved")]]
    doc = Document(doc_id="t", text=text, publisher="")
    statement = analyzer.statements(doc)[1]
    assert statement_row(statement)["originals"] == [] and statement_row(statement)["n_originals"] == 0


def test_unresolved_pronouns_are_listed_and_are_no_source(analyzer):
    doc = Document(doc_id="t", text="The weather was fine on Monday. They said it would rain. Reuters said so.",
                   publisher="")
    statements = analyzer.statements(doc)
    rows = [statement_row(s) for s in statements]
    cites = [{"doc_id": s.doc_id, "statement_id": s.statement_id, "path": p, "hop": h, "citing": hop.citing,
              "cited": hop.cited, "cited_kind": hop.cited_kind, "source_id": hop.source_id, "rule_id": hop.rule_id}
             for s in statements for p, path in enumerate(s.paths, 1) for h, hop in enumerate(path, 1)]
    st = pl.DataFrame(rows).select("doc_id", "statement_id", "text", "publisher")
    ci = pl.DataFrame(cites)
    listed = unresolved_pronouns(st, ci)
    assert [(m["unresolved"], m["text"]) for m in listed] == [("they", "They said it would rain.")]
    assert sources_table(st, ci)["name"].to_list() == ["Reuters"]


def test_a_pronoun_in_a_speakers_own_words_is_not_guessed_from_the_document(analyzer):
    # "they" inside the quotation is the speaker's to mean: no organisation named before it is taken for it
    text = ("The Free Software Foundation met in Boston. “When they say protect, it is bogus,” said Ann Lee.")
    assert "Free Software Foundation" not in names(analyzer, text)[1]


def test_a_pronoun_repeated_in_a_sentence_stands_for_whom_the_first_does(analyzer):
    text = ("Owen Pratt, a ward captain, spoke on Friday. Pratt said Okafor is his second choice. He is leaning "
            "toward Tom Haller, he said, because he values experience.")
    assert names(analyzer, text)[2] == "Owen Pratt"
    text = ("Reached by phone, John Hammond, the national committeeman, spoke about the race. He conceded that "
            "Ann Lee may falter, but he said that mood will shift quickly.")
    assert names(analyzer, text)[1] == "John Hammond"


def test_a_he_in_a_quotation_going_on_from_its_speaker_is_someone_else(analyzer):
    text = ('"President Trump treats the rule of law with contempt," said Attorney General Ann Becker. '
            '"He knows there is no crisis, and he admits that he will likely lose this case in court."')
    # the he is Trump; "He knows there is no crisis" is her own words beside his (guidelines: a path per source)
    assert names(analyzer, text) == ["Ann Becker", "Ann Becker > Trump | Ann Becker"]


def test_a_possessor_is_a_mention_but_not_the_subject_and_any_given_name_tells_gender(analyzer):
    text = ("Pablo Medina and David Ward spoke on Monday. Ward wrote a long piece. If we read Medina’s strategy "
            "rightly when he says he hopes to win, the race is long.")
    assert names(analyzer, text)[2] == "Pablo Medina"
    text = ("Dawit Alemu and Tesfaye Bekele led the union. Days after Bekele's arrest, Alemu offered to "
            "replace him. “Was I going to stay a teacher?” he told me.")
    assert names(analyzer, text)[2] == "Dawit Alemu"
    text = ("Donald Trump spoke first. His audio was quieter than Crooked Hillary Clinton’s. He says, “Working that "
            "microphone was difficult.”")
    assert names(analyzer, text)[2] == "Donald Trump"


def test_who_asks_is_not_who_answers(analyzer):
    text = ("Pablo Reyes spoke on Wednesday. Whitman then asked Reyes which counties he could carry. “Well, we feel "
            "strong in each of those counties,” he said.")
    assert names(analyzer, text)[1:] == ["Whitman", "Pablo Reyes"]


def test_a_role_description_takes_the_latest_person_given_that_role(analyzer):
    text = ("Cyprus energy minister Georgios Lakkotrypis signed the deal on Thursday. Otranto is a proposed end "
            "point, and Italian economic development minister Stefano Patuanelli sent a letter of support, but the "
            "minister said they are to build another pipeline.")
    assert names(analyzer, text)[1] == "Stefano Patuanelli"


def test_an_unresolved_pronoun_draws_no_original_in_a_claim_graph(analyzer):
    from attrib.graph import collect_picture
    from attrib.gazetteer import load_gazetteer
    doc = Document(doc_id="t", text="The weather was fine on Monday. He said it would rain.", publisher="Daily Herald")
    statement = analyzer.statements(doc)[1]
    rows = pl.DataFrame([{"statement_id": statement.statement_id, "path": p, "hop": h, "cited": hop.cited,
                          "cited_kind": hop.cited_kind, "source_id": hop.source_id, "cue": hop.cue,
                          "rule_id": hop.rule_id, "hedge": hop.hedge}
                         for p, path in enumerate(statement.paths, 1) for h, hop in enumerate(path, 1)])
    member = {"statement_id": statement.statement_id, "text": statement.sentence.text, "doc_id": "t",
              "publisher": "Daily Herald"}
    picture = collect_picture([member], rows, load_gazetteer())
    assert picture.originals == set() and all(b.role == "reporter" for b in picture.boxes.values())


def test_a_surname_alone_is_the_person_named_most_under_it(analyzer):
    text = ("Donald Trump spoke in Ohio. Melania Trump did not travel. Donald Trump later went to Michigan. "
            "Trump said the vote would be close.")
    assert names(analyzer, text)[3] == "Donald Trump"
    text = ("Mexico's economy minister, Ildefonso Guajardo Villarreal, spoke on Monday. Mr. Guajardo Villarreal "
            "met bankers. Mr. Guajardo Villarreal said the peso would recover.")
    assert names(analyzer, text)[2] == "Ildefonso Guajardo Villarreal"


def test_names_after_an_article_are_no_people_and_capitals_make_no_company(analyzer):
    text = ("Berhanu Nega taught economics in Pennsylvania. His life there meant cheering for the Lewisburg Green "
            "Dragons, his son's team. “If you like comfort, you'll never do this,” he told me.")
    assert names(analyzer, text)[2] == "Berhanu Nega"
    resolver = Resolver.create()
    for text, name, person in (("shown by Speaker of the House Newt Gingrich’s remark", "House Newt Gingrich", True),
                               ("cheering for the Lewisburg Green Dragons", "Lewisburg Green Dragons", False)):
        match = next(m for m in FULL_NAME.finditer(text) if m.group().startswith(name.split()[0]))
        assert not_a_person_name(text, match, resolver.resolve(match.group())) is not person
    state = DocumentMentions.build("The game Legend of the Ten Rings sold well. The Unity Party met. ", Resolver.create())
    assert state.description("the company", 200) is None
    assert state.description("the party", 200).name == "Unity Party"


def test_a_one_word_name_with_a_title_or_a_speech_verb_is_a_person_everywhere(analyzer):
    text = ('Brett McGurk criticized the decision after Trump spoke with Erdogan. McGurk later wrote, "Not a single '
            'American life was lost. Trump later expanded the operation. He touts these operations in rallies."')
    assert names(analyzer, text)[-1] == "Brett McGurk > Trump"


def test_a_body_described_by_kind_is_one_whose_name_says_so():
    state = DocumentMentions.build("The Constitutional Court of the Northern Provinces sat on Tuesday. ", Resolver.create())
    assert state.description("the court", 100).name == "Constitutional Court of the Northern Provinces"
    assert state.description("the government", 100) is None  # a court is no government
