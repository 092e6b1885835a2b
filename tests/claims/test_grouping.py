"""Claims across articles: same fact, same claim; another fact, another claim."""
from __future__ import annotations

import json
import random
from pathlib import Path

import polars as pl

import attrib
from attrib.result import Analysis
from attrib.tables import EXTRACTED as SCHEMAS
from attrib.claims import featurising as featurising_module
from attrib.claims import grouping as grouping_module
from attrib.claims import pairs as pairs_module
from attrib.claims import group_claims

from conftest import FIXTURES


def _analyze(tmp_path: Path, reports: list[tuple[str, str]]) -> attrib.api.Analysis:
    """One article per (publisher, text)."""
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "publisher": publisher}) + "\n"
                             for i, (publisher, text) in enumerate(reports)), encoding="utf-8")
    return attrib.analyze(table)


def _claim_of(result, needle: str) -> str:
    return result.statements.filter(pl.col("text").str.contains(needle, literal=True))["claim_id"][0]


def _supports(result, claim_id: str, needle: str) -> bool:
    row = result.statements.filter(pl.col("text").str.contains(needle, literal=True)).row(0, named=True)
    return row["claim_id"] == claim_id or claim_id in (row["also_claims"] or [])


def test_paraphrases_across_outlets_meet(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Governor Anna Berg resigned on Monday after the audit."),
        ("Paper B", "Anna Berg stepped down as governor on Monday."),
        ("Paper C", "The harbour in Tromsø will be dredged next spring.")])
    assert _claim_of(result, "resigned") == _claim_of(result, "stepped down")
    assert _claim_of(result, "harbour") != _claim_of(result, "resigned")


def test_different_numbers_are_different_claims(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "The Kospi index rose 22 points to close at 2,410 on Monday."),
        ("Paper B", "The Kospi index rose 15 points to close at 2,403 on Tuesday."),
        ("Paper C", "The Kospi index climbed 22 points to close at 2,410 on Monday.")])
    assert _claim_of(result, "rose 22") == _claim_of(result, "climbed 22")
    assert _claim_of(result, "rose 15") != _claim_of(result, "rose 22")


def test_another_event_of_the_same_kind_is_another_claim(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "The governor pardoned Tom Elridge, a former union organiser, on Friday."),
        ("Paper B", "The governor pardoned Maria Okafor, a former union organiser, on Friday."),
        ("Paper C", "On Friday the governor pardoned former union organiser Tom Elridge.")])
    assert _claim_of(result, "pardoned Tom") == _claim_of(result, "organiser Tom")
    assert _claim_of(result, "Maria") != _claim_of(result, "pardoned Tom")


def test_a_different_list_of_places_is_a_different_claim(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "The senator won primaries in Alabama, Georgia and Tennessee on Tuesday."),
        ("Paper B", "On Tuesday the senator carried Georgia, Tennessee and Alabama in the primaries."),
        ("Paper C", "The senator won primaries in Alabama, Georgia, Tennessee and Texas on Tuesday.")])
    assert _claim_of(result, "Alabama, Georgia and") == _claim_of(result, "Georgia, Tennessee and Alabama")
    assert _claim_of(result, "and Texas") != _claim_of(result, "Alabama, Georgia and")


def test_a_passing_mention_is_not_a_member(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "The World Health Organization declared a global pandemic on Wednesday."),
        ("Paper B", "The World Health Organization declared a global pandemic on Wednesday, its chief said."),
        ("Paper C", "The quiz show went on hiatus two days after the World Health Organization declared a "
                    "global pandemic.")])
    pandemic = _claim_of(result, "on Wednesday.")
    assert _claim_of(result, "its chief said") == pandemic
    assert not _supports(result, pandemic, "quiz show")


def test_greeting_claim_spans_all_articles_and_fewer_origins_than_reports():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    st = result.statements
    greeting = st.filter(pl.col("text").str.contains("personally greeted"))["claim_id"][0]
    members = st.filter((pl.col("claim_id") == greeting) | pl.col("also_claims").list.contains(greeting))
    assert members["doc_id"].n_unique() >= 4
    row = result.claims.filter(pl.col("claim_id") == greeting).row(0, named=True)
    assert row["n_independent_origins"] < row["n_statements"]


def test_claims_are_identical_across_runs_and_processes(monkeypatch):
    one = attrib.analyze(FIXTURES, jobs=1)
    monkeypatch.setattr(featurising_module, "PARALLEL_ITEMS", 10)   # featurise in worker processes too
    monkeypatch.setattr(pairs_module, "PARALLEL_PAIRS", 10)          # ... and score the pairs in them
    two = attrib.analyze(FIXTURES, jobs=2)
    assert one.claims.equals(two.claims)
    assert one.statements["claim_id"].equals(two.statements["claim_id"])


def _synthetic(n: int) -> Analysis:
    """n news-like statements over a small vocabulary: many share common words, few share a fact."""
    rng = random.Random(3)
    who = ["Putin", "Biden", "Macron", "Scholz", "Modi", "Lula"] + [f"Minister{i}" for i in range(200)]
    verbs = ["greeted", "criticised", "praised", "visited", "signed", "rejected", "approved", "blocked", "funded"]
    nouns = ["treaty", "budget", "plan", "reform", "pipeline", "summit", "sanctions", "tariffs", "loan", "bridge"]
    rows = []
    for i in range(n):
        text = (f"{rng.choice(who)} {rng.choice(verbs)} the new {rng.choice(nouns)} in City{rng.randrange(300)} "
                f"worth {rng.randrange(1, 900)} million on Tuesday.")
        rows.append({"doc_id": f"d{i // 10}", "statement_id": f"d{i // 10}:{i % 10}", "sentence_index": i % 10,
                     "text": text, "chains": [], "originals": [], "n_originals": 0, "depth": 0, "hedged": False,
                     "claim_id": "", "publisher": f"pub{i % 50}", "start": 0, "end": len(text), "paragraph": 0,
                     "also_claims": []})
    st = pl.DataFrame(rows, schema=SCHEMAS["statements"], orient="row")
    return Analysis(statements=st, citations=pl.DataFrame(schema=SCHEMAS["citations"]),
                    documents=pl.DataFrame(schema=SCHEMAS["documents"]))


def test_grouping_keeps_rows_and_columns():
    analysis = _synthetic(500)
    before = analysis.statements
    group_claims(analysis)
    after = analysis.statements
    assert after.columns == before.columns and after.height == before.height
    assert after.drop("claim_id", "also_claims").equals(before.drop("claim_id", "also_claims"))
    assert after["claim_id"].str.contains(r"^c\d{6}$").all()
    assert set(analysis.claims["claim_id"]) == set(after["claim_id"])  # singletons have claims of their own
    assert analysis.claims.columns == ["claim_id", "text", "n_statements", "n_documents", "publishers", "originals",
                                       "n_originals", "n_independent_origins", "n_unattributed", "max_depth", "flags",
                                       "evidence"]


def test_grouping_compares_near_linearly(monkeypatch):
    """Comparisons are bounded per statement by blocking, never all pairs (here 2000 x 1999 / 2)."""
    calls = 0
    real = grouping_module.Features.similarity

    def counting(self, a, b):
        nonlocal calls
        calls += 1
        return real(self, a, b)

    monkeypatch.setattr(grouping_module.Features, "similarity", counting)
    n = 2000
    group_claims(_synthetic(n), jobs=1)
    assert calls <= n * grouping_module.BLOCK_KEYS * grouping_module.MAX_POSTING // 2
    assert calls < n * (n - 1) // 20


def test_pairs_scored_in_processes_are_the_pairs_scored_in_one(monkeypatch):
    """Split over three processes, every kept pair comes back once with its value: none lost, none added."""
    analysis = _synthetic(1500)
    texts = analysis.statements["text"].to_list()
    features = grouping_module.Features(featurising_module.featurise([(t, "") for t in texts], frozenset()),
                                        [1] * len(texts), len(texts))
    one = grouping_module.candidate_pairs(features, [1] * len(texts), jobs=1)
    monkeypatch.setattr(pairs_module, "PARALLEL_PAIRS", 10)
    three = grouping_module.candidate_pairs(features, [1] * len(texts), jobs=3)
    assert len(one) > 1000 and any(v == grouping_module.CONFLICT for v in one.values())
    assert three == one


def test_dates_of_other_months_are_other_events(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "In Ohio, the council election was held on February 3 after a long campaign."),
        ("Paper B", "In Ohio, the council election was held on March 3 after a long campaign."),
        ("Paper C", "The council election in Ohio was held on February 3, after a long campaign.")])
    assert _claim_of(result, "held on February 3 after") == _claim_of(result, "held on February 3, after")
    assert _claim_of(result, "March 3") != _claim_of(result, "held on February 3 after")


def test_another_winner_is_another_claim_and_the_loser_tells_the_same(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Anna Berg beat Tom Elridge in the Tromsø mayoral race on Sunday."),
        ("Paper B", "Tom Elridge lost the Tromsø mayoral race to Anna Berg on Sunday."),
        ("Paper C", "Tom Elridge won the Tromsø mayoral race against Anna Berg on Sunday.")])
    assert _claim_of(result, "Anna Berg beat") == _claim_of(result, "Elridge lost")
    assert _claim_of(result, "Elridge won") != _claim_of(result, "Anna Berg beat")


def test_figures_that_all_differ_are_different_claims(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Anna Berg took 52 percent of the vote in the Tromsø mayoral race."),
        ("Paper B", "Anna Berg took 1,204 votes in the Tromsø mayoral race."),
        ("Paper C", "Anna Berg won 52 percent of the vote in the Tromsø mayoral race.")])
    assert _claim_of(result, "took 52") == _claim_of(result, "won 52")
    assert _claim_of(result, "1,204") != _claim_of(result, "took 52")


def test_a_long_report_with_rare_words_still_meets_its_paraphrase():
    """Blocking keys are the rarest features a statement shares: twenty words no other statement has
    do not crowd out the two it shares with its paraphrase."""
    from attrib.claims.features import StatementFeatures
    from attrib.claims.grouping import Features, candidate_pairs

    def item(words):
        return StatementFeatures(frozenset(words), (), frozenset(), False, "", False, len(words))
    long = item({"@berg", "resign", *(f"rare{i}" for i in range(20))})
    short = item({"@berg", "resign", "governor"})
    other = item({"harbour", "dredg", "spring"})
    features = Features([long, short, other], [1, 1, 1], 3)
    assert (0, 1) in candidate_pairs(features, [1, 1, 1])


def test_he_received_criticism_is_not_a_named_persons_claim(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Tom Elridge received criticism for the harbour decision."),
        ("Paper B", "He received criticism for the harbour decision."),
        ("Paper C", "Elridge received criticism for his harbour decision.")])
    assert _claim_of(result, "Tom Elridge received") == _claim_of(result, "Elridge received criticism for his")
    assert _claim_of(result, "He received") != _claim_of(result, "Tom Elridge received")


def test_events_on_other_weekdays_are_other_claims(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "A warehouse collapsed in Tromsø harbour on Monday."),
        ("Paper B", "A warehouse in Tromsø harbour collapsed on Monday."),
        ("Paper C", "A warehouse collapsed in Tromsø harbour on Saturday.")])
    assert _claim_of(result, "collapsed in Tromsø harbour on Monday") == _claim_of(result, "harbour collapsed on Monday")
    assert _claim_of(result, "Saturday") != _claim_of(result, "harbour collapsed on Monday")


def test_a_demand_meets_its_report_however_worded(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Councillor Tom Elridge called for the harbourmaster to resign."),
        ("Paper B", "\u201cThe harbourmaster should step down,\u201d Elridge said."),
        ("Paper C", "The harbourmaster resigned in 2019.")])
    assert _claim_of(result, "called for") == _claim_of(result, "should step down")
    assert _claim_of(result, "resigned in 2019") != _claim_of(result, "called for")


def test_a_shared_topic_of_two_words_is_no_claim(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "We keep social distancing."),
        ("Paper B", "Social distancing is hard."),
        ("Paper C", "Most guests ignored social distancing during the wedding reception."),
        ("Paper D", "Guests at the wedding reception largely ignored social distancing."),
        ("Paper E", "Floodwater closed the main bridge in Portugal on Sunday."),
        ("Paper F", "The main bridge in Portugal was closed by floodwater on Sunday."),
        ("Paper G", "The harbour will be dredged next spring.")])
    assert _claim_of(result, "Most guests") == _claim_of(result, "largely ignored")
    assert _claim_of(result, "We keep") != _claim_of(result, "is hard")


def test_one_event_in_two_other_places_is_two_claims(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Floodwater closed the main bridge in Portugal on Sunday."),
        ("Paper B", "Floodwater closed the main bridge in Norway on Sunday."),
        ("Paper C", "The main bridge in Portugal was closed by floodwater on Sunday.")])
    assert _claim_of(result, "Portugal on") == _claim_of(result, "The main bridge in Portugal")
    assert _claim_of(result, "Norway") != _claim_of(result, "Portugal on")


def test_a_short_report_does_not_also_support_a_longer_claim_it_only_touches():
    texts = ["Mayor Lena Ortiz won the Dover runoff on Sunday with broad support among retired teachers.",
             "Lena Ortiz won the Dover runoff on Sunday, carrying retired teachers by a wide margin.",
             "Ortiz won in Dover.", "Lena Ortiz has won in Dover.",
             "The harbour will be dredged next spring.", "Floodwater closed the main bridge on Sunday."]
    features = grouping_module.Features(featurising_module.featurise([(t, "") for t in texts], frozenset()),
                                        [1] * len(texts), len(texts))
    cluster_of = [0, 0, 2, 2, 4, 5]
    pairs = {(a, b): features.similarity(a, b) for a in range(len(texts)) for b in range(a + 1, len(texts))}
    groups = {0: [0, 1], 2: [2, 3], 4: [4], 5: [5]}
    also = grouping_module.also_supports(features, pairs, cluster_of, groups, ["c1", "c1", "c2", "c2", "c3", "c4"],
                                         [1] * len(texts))
    assert "c1" not in also[2] and "c1" not in also[3]


def test_one_word_and_its_speaker_are_not_a_shared_fact(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", '"We had no chance," Ortiz said.'),
        ("Paper B", "It is a chance for Ortiz to win back the harbour district from the council."),
        ("Paper C", "There is a chance of rain in Dover on Sunday."),
        ("Paper D", "The team missed a late chance to equalise against Leeds."),
        ("Paper E", "A second chance programme for young offenders opened in Hull."),
        ("Paper F", "Students get a chance to meet the astronauts in Houston.")])
    assert _claim_of(result, "no chance") != _claim_of(result, "win back")


def test_a_state_and_its_country_are_places_in_common():
    texts = ["In Washington, the senator called the Tampa flooding a national disaster.",
             "The senator called the Florida flooding a national disaster.",
             "The senator called the Norway flooding a national disaster.",
             "The senator called the Texas flooding a national disaster."]
    features = grouping_module.Features(featurising_module.featurise([(t, "") for t in texts], frozenset()),
                                        [1] * len(texts), len(texts))
    assert grouping_module.conflict(features.items[0], features.items[1]) is None
    assert grouping_module.conflict(features.items[1], features.items[2]) == "places"
    assert grouping_module.conflict(features.items[1], features.items[3]) == "places"


def test_a_figure_each_lacks_parts_claims_that_share_another(tmp_path):
    """A shared total does not make two different counts one fact (market reports on one frame)."""
    result = _analyze(tmp_path, [
        ("Paper A", "Ten of Oslo's 14 city districts voted for the new tram line, led by the eastern wards."),
        ("Paper B", "Eight of Oslo's 14 city districts voted for the new tram line, led by the eastern wards."),
    ])
    assert _claim_of(result, "Ten of Oslo") != _claim_of(result, "Eight of Oslo")


def test_a_flag_rests_on_a_pair_that_shares_what_happened_and_a_good_part_of_each():
    """close_pairs: of pairs grouping matched, only those that share a content word (not only who and
    where) and where each holds a quarter or more of the other's weight can raise a flag."""
    from attrib.claims.featurising import featurise
    from attrib.claims.flags import close_pairs
    texts = ["Lena Ortiz won the mayoral runoff in Tromsø on Sunday.",
             "Lena Ortiz has won the runoff for mayor of Tromsø.",
             "Lena Ortiz was an hour away, in Tromsø.",
             "Lena Ortiz is marking her victories with a rally in Tromsø before her supporters.",
             "We are in trouble.",
             "Buried in the count was a troubling trend for the harbour party: turnout in the old town fell "
             "sharply while the ferry workers stayed home and the fishing villages voted for the newcomers."]
    found = list(featurise([(t, "") for t in texts], frozenset()))
    features = grouping_module.Features(found, [1] * len(texts), len(texts))
    matched = {(0, 1): 0.5, (2, 3): 0.5, (4, 5): 0.5}   # as if grouping had matched each pair
    assert close_pairs(features, matched) == [(0, 1)]
    assert close_pairs(features, {(0, 1): 0.3}) == []   # no match, no flag


def test_a_newsroom_naming_itself_is_no_shared_fact(tmp_path):
    """'Harbour Times attended ...' in each of its stories tells of a different event: the publisher's
    own name anchors nothing between them."""
    result = _analyze(tmp_path, [
        ("Harbour Times", "Harbour Times attended the premiere in Lund. The film runs for two hours."),
        ("Harbour Times", "Harbour Times attended the council vote on the ferry. The vote passed."),
        ("Harbour Times", "Harbour Times attended."),
        ("Harbour Times", "Harbour Times attended the opening of the museum. It has three floors.")])
    attended = result.statements.filter(pl.col("text").str.contains("attended", literal=True))
    assert attended.height == 4 and attended["claim_id"].n_unique() == 4


def test_the_same_sentence_naming_another_outlet_still_meets(tmp_path):
    """Only a publisher's own name is blanked: two papers that both credit a third outlet still meet."""
    result = _analyze(tmp_path, [
        ("Harbour Times", "The Valley Post reported that the Lund ferry will stop running in March."),
        ("Evening Star", "The Lund ferry will stop running in March, the Valley Post reported.")])
    assert result.statements["claim_id"].n_unique() == 1


def test_an_interview_topic_name_anchors_nothing_between_its_answers():
    """In an interview (a voice speaks a good share of a long document), the name its answers keep
    coming back to is its topic: 'it's not a warm Neptune' and 'it's also a warm Neptune' do not meet.
    The same two sentences in two ordinary stories do."""
    from attrib.claims.featurising import featurise
    from attrib.claims.linkage import THRESHOLD
    topic = ["No, it's not a warm Neptune.", "So, it's also a warm Neptune.", "And eventually it can be a warm Neptune.",
             "Then we say warm Neptune for it."]
    filler = [f"The probe number {i} measured the dust of comet field {i} for the survey team." for i in range(110)]
    texts = topic + filler
    found = list(featurise([(t, "") for t in texts], frozenset()))
    talk = grouping_module.Features(found, [1] * len(texts), len(texts), [1] * len(texts), ["Ann Kay"] * len(texts))
    assert talk.interviews == {1}
    assert talk.similarity(0, 1) < THRESHOLD
    talk.interviews = frozenset()     # the same document read as an ordinary story: they meet
    assert talk.similarity(0, 1) >= THRESHOLD
    news = grouping_module.Features(found, [1] * len(texts), len(texts), [10, 11, *[1] * (len(texts) - 2)],
                                    ["", "", *["Ann Kay"] * (len(texts) - 2)])
    assert news.similarity(0, 1) >= THRESHOLD


def test_two_governments_announcing_mourning_are_two_events(tmp_path):
    """A source that announces, declares or orders something (no clause of its own after the cue) does
    what the statement tells: another source doing the same is another event; the same source is not."""
    result = _analyze(tmp_path, [
        ("Paper A", "The government of Oman announced three days of mourning."),
        ("Paper B", "The government of Peru announced three days of mourning."),
        ("Paper C", "Oman's government announced three days of national mourning.")])
    assert _claim_of(result, "of Oman") != _claim_of(result, "of Peru")
    assert _claim_of(result, "of Oman") == _claim_of(result, "Oman's")


def test_gallery_captions_that_share_only_their_photographer_are_different_claims(tmp_path):
    """The splitter sets a credit glued to a caption apart as clutter (attrib/clean.py), so the
    photographer's name is no feature the captions share."""
    captions = ["Dancers on the main stage", "Costumed fans at the harbour parade", "The judges' table before the final",
                "Volunteers stacking chairs after the show", "A child asleep on the grass"]
    text = "Festival weekend\n\n" + "\n\n".join(f"{c} Image: Jane Roe." for c in captions) + "\n"
    (tmp_path / "gallery.txt").write_text(text, encoding="utf-8")
    statements = attrib.analyze(tmp_path).statements
    rows = statements.filter(pl.col("text").is_in(captions))
    assert rows.height == len(captions) and rows["claim_id"].n_unique() == len(captions)


def test_a_denied_predicate_and_the_asserted_one_are_two_facts(tmp_path):
    result = _analyze(tmp_path, [
        ("Paper A", "Most nurses in Leeds were not satisfied with the new pay offer."),
        ("Paper B", "Most nurses in Leeds are satisfied with the new pay offer, the union said."),
        ("Paper C", "Most nurses in Leeds were not satisfied with the pay offer.")])
    assert _claim_of(result, "were not satisfied with the new") == _claim_of(result, "were not satisfied with the pay")
    assert _claim_of(result, "are satisfied") != _claim_of(result, "were not satisfied with the new")


def test_a_flag_does_not_rest_on_names_and_titles_alone():
    """Labels of a name ("Republican Maria Lopez", "former Secretary of State") say who, not what happened;
    a name and one word in common is a topic."""
    from attrib.claims.featurising import featurise
    from attrib.claims.flags import close_pairs
    texts = ["Republican Maria Lopez and Democrat Tom Reyes won the mayoral primaries in Leeds.",
             "Republican Maria Lopez and Democrat Tom Reyes strengthened their hold on the mayoral nomination.",
             "Republican Maria Lopez and Democrat Tom Reyes won the mayoral primaries in Leeds on Tuesday.",
             "Lopez criticized her rival's track record on housing.",
             "Lopez stayed on track to win the nomination."]
    found = list(featurise([(t, "") for t in texts], frozenset()))
    features = grouping_module.Features(found, [1] * len(texts), len(texts))
    assert close_pairs(features, {(0, 1): 0.5, (0, 2): 0.5, (3, 4): 0.5}) == [(0, 2)]

