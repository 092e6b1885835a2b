"""What a statement asserts: each known defect of the old featuriser, on sentences of our own."""
from __future__ import annotations

from attrib.claims import statement_features, stem, vocabulary
from attrib.claims.quantities import quantities_agree
from attrib.claims.vocabulary import content_stem


def features(text: str, blanks=(), sources=(), common=lambda w: False):
    return statement_features(text, list(blanks), vocabulary(), list(sources), common)


def test_snowball_stemmer_folds_families_and_keeps_unrelated_words_apart():
    assert stem("suffocated") == stem("suffocation")
    assert stem("family") == stem("families")
    vocab = vocabulary()
    assert content_stem("heated", vocab) != content_stem("lively", vocab)
    assert content_stem("including", vocab) != content_stem("accompany", vocab)
    assert content_stem("delegates", vocab) != content_stem("accompany", vocab)


def test_capitalised_sentence_opener_is_no_name_when_the_corpus_writes_it_lowercase():
    common = {"licens"}.__contains__
    opener = features("Licensing rules for taxi drivers changed in Leeds on Monday.", common=lambda w: common(stem(w)))
    assert "@licensing" not in opener.words and stem("licensing") in opener.words
    assert "@leeds" in opener.words


def test_contractions_of_i_are_no_names():
    said = features("I'm not going to resign, I've done nothing wrong.")
    assert not any(w.startswith("@i") for w in said.words)


def test_possessives_lose_their_apostrophe():
    f = features("The company's shares fell on news of Putin's visit to the plant.")
    assert "@putin" in f.words
    assert not any("'" in w or "’" in w for w in f.words if not w.startswith('"'))


def test_speaker_description_beside_the_source_is_not_content():
    text = "Hospitals will reopen next week, said Dr. Jim Young, Ontario's commissioner."
    start = text.index("Dr. Jim Young")
    f = features(text, blanks=[(text.index("said"), text.index("said") + 4), (start, start + 13)],
                 sources=[(start, start + 13)], common=lambda w: stem(w) == "hospit")
    assert {"hospit", "reopen"} <= f.words
    assert not {"@ontario", "commission", "commiss"} & f.words


def test_time_reference_and_condition_are_not_asserted():
    passing = features("The show went on hiatus two days after the WHO declared a pandemic.")
    assert "hiatus" in passing.words and not {"pandem", "declar", "@who", "#2"} & passing.words
    scene = features("In the wake of the flooding, the mayor cancelled the parade.")
    assert "flood" not in scene.words and {"cancel", "parad"} <= scene.words


def test_a_quote_at_the_edge_says_what_the_quote_says():
    text = "\u201cThe bridge will stay closed,\u201d the minister told a crowd in Berea on Tuesday."
    cue = text.index("told")
    f = features(text, blanks=[(cue, cue + 4), (text.index("the minister"), cue - 1)],
                 sources=[(text.index("the minister"), cue - 1)])
    assert {"bridg", "stay", "close"} <= f.words
    assert not {"@berea", "crowd"} & f.words


def test_quantities_agree_up_to_rounding_and_unit():
    vocab = vocabulary()
    years = features("The dam has stood for 18 years.").quantities
    decades = features("The dam has stood for nearly two decades.").quantities
    assert quantities_agree(years[0], decades[0])
    a, b = features("The index rose 22 points.").quantities, features("The index rose 24 points.").quantities
    assert not quantities_agree(a[0], b[0])
    assert quantities_agree(features("Turnout was 23.1 percent.").quantities[0],
                            features("Turnout was 23 percent.").quantities[0])
    assert vocab.number_words["two"] == 2


def test_pronoun_uses_of_number_words_are_no_quantities():
    f = features("You just can't compare the two, and they blamed one another in the first-term review.")
    assert not f.quantities


def test_hypothetical_main_clause():
    assert features("It would bring about a three-way race in the autumn.").hypothetical
    assert not features("It brought about a three-way race in the autumn.").hypothetical


def test_places_listed_make_a_set_claim():
    listed = features("The senator won Alabama, Georgia and Tennessee.")
    assert listed.lists_places and {"@alabama", "@georgia", "@tennessee"} == set(listed.places)
    assert not features("The senator from Georgia visited Tennessee.").lists_places


def test_question_asserts_nothing():
    assert not features("Did the senator win Alabama?").words
    text = '"Is there a budget that pays for this?" the mayor asked.'
    start = text.index("the mayor")
    asked = features(text, blanks=[(start, start + 9), (start + 10, start + 15)], sources=[(start, start + 9)])
    assert not asked.words
    text = '"The council has no plan for the shipyard. Where is it?" the mayor said.'
    start = text.index("the mayor")
    stated = features(text, blanks=[(start, start + 9), (start + 10, start + 14)], sources=[(start, start + 9)])
    assert {stem("shipyard"), stem("plan")} <= stated.words   # a rhetorical question after a statement


def test_a_small_figure_in_digits_is_exact():
    ten = features("The agency has grown in the last 10 months.").quantities
    eight = features("The agency has grown in the last eight months.").quantities
    assert not quantities_agree(ten[0], eight[0])
    assert quantities_agree(features("Some 20,000 people marched.").quantities[0],
                            features("About 19,500 people marched.").quantities[0])


def test_the_actor_is_the_first_name_of_a_headline():
    common = {stem(w) for w in ("defeats", "mayoral", "race")}.__contains__
    headline = features("Maria Lopez Defeats John Carver In Leeds Mayoral Race.", common=lambda w: common(stem(w)))
    assert headline.actor == "@lopez" and {"@lopez", "@carver", "@leeds"} <= headline.words


def test_names_of_a_setting_are_marked_apart():
    f = features("Lopez carried the Midwest on Super Tuesday.")
    assert {"@tuesday", "@midwest"} <= f.settings and "@lopez" not in f.settings


def test_a_plural_possessive_is_no_quote():
    f = features("The Greens’ share of the vote rose to 12 percent in Leeds.")
    assert not any(w.startswith('"') for w in f.words) and {"share", "vote"} <= f.words


def test_what_a_sentence_adds_in_passing_is_not_asserted():
    relative = features("Lopez, whose campaign began in a Leeds garage, won the mayoral race.")
    assert {"@lopez", "@leeds", "mayor", "race"} <= relative.words and not {"garag", "began", "begin"} & relative.words
    appositive = features("Maria Lopez, the former teacher, won the mayoral race.")
    assert "teacher" not in appositive.words and "race" in appositive.words
    dash = features("Lopez won the mayoral race — a reversal from four years ago.")
    assert "revers" not in dash.words and "race" in dash.words
    dateline = features("Leeds, May 3 — Maria Lopez won the mayoral race.")
    assert "race" in dateline.words
    after = features("Lopez gained little ground in the polls after her win in Leeds.")
    assert "ground" in after.words and "win" not in after.words


def test_a_date_before_after_stays():
    f = features("The vote was held on February 3 after a long campaign.")
    assert [q.unit for q in f.quantities] == ["date"]


def test_the_source_of_a_statement_is_its_speaker():
    text = "Lopez: the mayor should resign."
    f = features(text, blanks=[(0, 5)], sources=[(0, 5)])
    assert f.speakers == {"@lopez"} and "@lopez" not in f.words


def test_a_statement_says_when_its_actor_undergoes_the_act():
    assert features("Carver lost the mayoral race to Lopez.").converse
    assert features("Carver was greeted at the station by Lopez.").converse
    assert features("Carver and Lopez shook hands at the station.").converse
    assert not features("Carver won the mayoral race.").converse


def test_a_title_adds_its_office():
    assert stem("senator") in features("Sen. Maria Lopez voted against the bill.").words


def test_a_pronoun_subject_is_someone_unnamed():
    from attrib.claims.features import UNNAMED
    assert features("He received criticism for the move.").actor == UNNAMED
    assert features("Lopez received criticism for the move.").actor == "@lopez"


def test_a_count_with_a_thousands_comma_is_no_year():
    assert [q.unit for q in features("At least 1,991 delegates are needed.").quantities] == [stem("delegates")]
    assert [q.unit for q in features("The mill opened in 1991.").quantities] == ["date"]


def test_a_prefixed_compound_is_one_word():
    nonfree = features("You shouldn't trust a non-free program.")
    assert "free" not in nonfree.words and "non" not in nonfree.words
    assert features("Lopez won a home-state primary.").words >= {"home", "state"}


def test_upon_sets_the_scene():
    f = features("Upon his arrival in Leeds, Lopez was welcomed by the mayor.")
    assert "arriv" not in f.words and "@leeds" not in f.words


def test_regardless_of_sets_a_condition():
    f = features("Regardless of the count in Leeds and York, Lopez remained the favourite for the seat.")
    assert "@leeds" not in f.words and "@york" not in f.words and "count" not in f.words
    assert {"@lopez", "favourit"} <= f.words


def test_the_weekday_of_an_event_is_kept_apart_from_names():
    days = [q for q in features("The bridge in Leeds collapsed on Monday.").quantities if q.unit == "weekday"]
    assert [q.value for q in days] == [1.0]
    assert not [q for q in features("Lopez won on Super Tuesday.").quantities if q.unit == "weekday"]


def test_round_figures_far_apart_do_not_agree():
    five = features("The notes come in denominations of 5,000 dlrs.").quantities
    ten = features("The notes come in denominations of 10,000 dlrs.").quantities
    assert not quantities_agree(five[0], ten[0])


def test_the_month_of_a_date_is_no_name():
    f = features("The quarter ended Jan 31 with a loss.")
    assert "@jan" not in f.words and [q.unit for q in f.quantities] == ["date"]


def test_a_time_clause_runs_on_past_its_commas():
    f = features("The league suspended play two days after the agency declared the outbreak, which began in "
                 "March, to be a pandemic.")
    assert {"leagu", "suspend", "play"} <= f.words and not {"pandem", "outbreak", "declar"} & f.words
    during = features("The team flew home during the series of matches called the finals: Leeds and York.")
    assert {"@leeds", "@york"} <= during.words and "seri" not in during.words


def test_an_ordinal_of_a_running_tally_is_no_quantity():
    tally = features("The mayor won the district's runoff, her third victory of the evening.")
    assert not any(q.unit == "ord" for q in tally.quantities)
    placed = features("The mayor finished third in the district's runoff.")
    assert any(q.unit == "ord" for q in placed.quantities)


def test_a_count_hyphenated_before_a_contest_is_one_feature_however_worded():
    way = features("The vote became a tight four-way contest for the chair.")
    person = features("It is a four-person race for the chair now.")
    assert {w for w in way.words if w.startswith("#4-")} == {w for w in person.words if w.startswith("#4-")} != set()
    assert stem("person") not in person.words


def test_too_close_to_call_is_one_word():
    close = features("The mayoral runoff in Dover remained too close to call.")
    assert stem("tossup") in close.words and stem("close") not in close.words


def test_as_before_a_noun_phrase_is_no_clause():
    """"served as governor of X before he was elected": the verb is the clause of "before", not of "as"."""
    f = features("Lopez worked as a nurse in Ohio before she ran for mayor.")
    assert {"@ohio", stem("nurse"), stem("worked")} <= f.words and stem("ran") not in f.words
    assert f.places == {"@ohio"}


def test_a_place_that_describes_a_person_is_no_place_of_the_fact():
    appositive = features("Maria Lopez, the Texas senator, opened the bridge in Norway.")
    assert appositive.places == {"@norway"} and "@texas" not in appositive.words
    of_place = features("Maria Lopez, the governor of Texas, opened the bridge in Norway.")
    assert of_place.places == {"@norway"}
    object_ = features("Lopez defeated the Ohio governor in Michigan on Tuesday.")
    assert object_.places == {"@michigan"}
    assert features("Ohio voters backed the governor.").places == {"@ohio"}


def test_words_of_names_and_titles_are_labels_not_what_happened():
    f = features("Republican Maria Lopez and Democrat Tom Reyes won the mayoral primaries in Leeds.")
    assert {stem("republican"), stem("democrat")} <= f.labels <= f.words
    assert stem("won") not in f.labels and "primari" not in f.labels
    said = features("Senator Maria Lopez praised the senator from Leeds.")
    assert stem("senator") in said.words and stem("senator") not in said.labels   # said outside the name too
    assert stem("senator") in features("Senator Maria Lopez praised the mayor of Leeds.").labels


def test_a_denied_predicate_is_negated():
    assert features("Most teachers were also not satisfied with the contract.").negated == {stem("satisfied")}
    assert features("The mayor wasn't happy with the deal.").negated == {stem("happy")}
    assert features("The bridge has not been reopened.").negated == {stem("reopened")}
    assert features("He was not only tired but angry.").negated == frozenset()
    assert features("Teachers say they would be satisfied with the contract.").negated == frozenset()


def test_a_figure_after_the_source_is_what_it_says():
    text = "Lopez led Reyes in the Harbour Times poll, 49.7 percent to 40.3 percent."
    source = (text.index("the Harbour"), text.index(", 49"))
    f = features(text, blanks=[(text.index("in the"), text.index("in the") + 2), source], sources=[source])
    assert {q.value for q in f.quantities} == {49.7, 40.3}


def test_a_number_hyphenated_to_a_name_is_no_quantity():
    f = features("Two F-16 jets landed in Norway on Monday.")
    assert [q.value for q in f.quantities if q.unit != "weekday"] == [2]
    assert "#16" in f.words


def test_a_reason_given_in_passing_is_not_asserted():
    f = features("The governor signed an order delaying the vote, citing the health risks of the flu outbreak.")
    assert {"delay", "sign", "order"} <= f.words and not {"health", "risk", "outbreak"} & f.words


def test_an_appositive_describing_the_last_name_is_not_asserted():
    f = features("At least 40 cases were linked to Zika, the disease spread by mosquitoes.")
    assert {"@zika", "link", "#40"} <= f.words and not {"mosquito", "spread", "diseas"} & f.words
    assert "race" in features("Lopez won the race, the first win for her party.").words
    text = "Governor Ann Pike signed an order delaying the vote, citing the health risks of the flu outbreak."
    cue = text.index("citing")
    cited = features(text, blanks=[(0, 14), (cue, cue + 6)], sources=[(0, 14)])   # "citing" taken as a cue
    assert {"delay", "sign"} <= cited.words and not {"health", "risk", "outbreak"} & cited.words
