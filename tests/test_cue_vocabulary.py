"""Which words are cues (issue 11): the families of speech and assessment verbs and nouns that recur in news,
and the look-alikes that are acts or results, not speech (guidelines: "What counts as an attribution").
Sentences invented, one per family member; each test runs the whole analyzer on them."""
from __future__ import annotations

import pytest

import attrib

# One attribution each: the sentence and the source its one path must name.
ATTRIBUTED = [
    ("Senator Ruth Kemp lambasted the budget as a giveaway to donors.", "Ruth Kemp"),
    ("The union chided the mayor for the delay in contract talks.", "union"),
    ("Governor Ann Pike reassured voters that the plant would stay open.", "Ann Pike"),
    ("Mayor Tom Hale went on to say that the bridge would reopen in May.", "Tom Hale"),
    ("Patient groups note that the trial was stopped early.", "Patient groups"),
    ("Two local pastors dubbed the plan a betrayal of the town.", "local pastors"),
    ("The finance ministers deemed that the accord had lapsed.", "finance ministers"),
    ("The zoning plan has drawn harsh criticism from neighborhood groups.", "neighborhood groups"),
    ("The mayor's budget came under fire from the teachers union on Monday.", "teachers union"),
    ("The county spent $4 million on the road, per the Boston Globe.", "Boston Globe"),
    ("The campaign was, in the words of one senior aide, a shambles.", "aide"),
    ("Senator Ann Pike has made it clear that she will not run again.", "Ann Pike"),
    ("The Springfield City Council adopted a resolution condemning the governor's veto.", "Springfield City Council"),
    ("The shelling went on through the night, Ann Lee reported from Kyiv.", "Ann Lee"),
    ("Hospital unions point to a shortage of nurses in every county.", "Hospital unions"),
    ("Turnout rose in every district, according to early results of the exit polls conducted for the "
     "Associated Press and the networks by a firm in New Jersey.", "exit polls"),
]

# No attribution: results of a vote, acts of a court, a reaction in an aside.
NOT_ATTRIBUTED = [
    "Kemp won the primary in Ohio, adding to her lead in the delegate count.",
    "Pike holds 20 pledged delegates after the caucus.",
    "Hale posted a big win in Maine on Saturday.",
    "Ruiz won the district, claiming 41 percent of the vote.",
    "The plan was blocked by the court, which rejected a lawsuit filed by three counties.",
    "The envoy flew to Oslo amid the war, which has drawn criticism from Western nations.",
    "The crowd applauded when the band came on.",
    "The tickets cost $5 per person.",
    "Governor Ruiz made the case for a new stadium downtown.",
    "Tom Reyes reported from Washington, D.C.",
]


@pytest.fixture(scope="module")
def chains(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cues")
    texts = [s for s, _ in ATTRIBUTED] + NOT_ATTRIBUTED
    for i, text in enumerate(texts):
        (folder / f"t{i:02d}.txt").write_text(text + "\n", encoding="utf-8")
    statements = attrib.analyze(folder, jobs=1, claims=False).statements
    by_doc = {}
    for doc, sentence_chains in statements.select("doc_id", "chains").rows():
        by_doc.setdefault(doc, []).extend(sentence_chains)
    return [by_doc.get(f"t{i:02d}", []) for i in range(len(texts))]


@pytest.mark.parametrize("i", range(len(ATTRIBUTED)), ids=lambda i: ATTRIBUTED[i][0][:40])
def test_a_cue_of_the_family_attributes_the_sentence(chains, i):
    sentence, source = ATTRIBUTED[i]
    paths = chains[i]
    assert len(paths) == 1, f"{sentence!r}: {paths}"
    assert source in paths[0][-1], f"{sentence!r}: {paths}"


@pytest.mark.parametrize("i", range(len(NOT_ATTRIBUTED)), ids=lambda i: NOT_ATTRIBUTED[i][:40])
def test_an_act_or_a_result_is_no_attribution(chains, i):
    assert chains[len(ATTRIBUTED) + i] == [], NOT_ATTRIBUTED[i]
