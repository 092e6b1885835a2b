"""Speed devices derived from a rule's own pattern."""
from __future__ import annotations

import regex

from attrib.rules.derive import (begins_at_cue, derive_anchor_starts, derive_cue_check, derive_cue_rest,
                                  derive_end_anchors, derive_triggers)
from attrib.rules.required import derive_requires

LISTS = {"verbs": ("said", "says", "pointed out"), "function_words": ("the",)}


def test_triggers_are_the_first_words_of_the_cue_group():
    assert derive_triggers(r"(?P<source>\w+)\s+(?P<cue>\L<verbs>)", ["cue"], LISTS) == {"said", "says", "pointed"}
    assert derive_triggers(r"(?P<cue>(?i:citing|quoting))\s+(?P<source>\w+)", ["cue"], LISTS) == {"citing", "quoting"}
    assert derive_triggers(r"(?P<cue>claims?|remarks?)\s+that", ["cue"], LISTS) == {"claim", "claims", "remark",
                                                                                     "remarks"}
    assert derive_triggers(r"^(?P<source>[A-Z]+)(?P<cue>:)\s", ["cue"], LISTS) == {":"}


def test_no_triggers_where_the_cue_is_optional_or_begins_with_no_known_word():
    assert derive_triggers(r"(?P<source>\w+)(?:\s+(?P<cue>by))?", ["cue"], LISTS) is None
    assert derive_triggers(r"(?P<source>\w+)\s+(?P<cue>\w+ed)", ["cue"], LISTS) is None
    assert derive_triggers(r"(?P<cue>said\w*)", ["cue"], LISTS) is None
    assert derive_triggers(r"x|(?P<cue>said)", ["cue"], LISTS) is None
    assert derive_triggers(r"(?P<source>\w+)", [], LISTS) is None


def test_anchor_starts_only_when_every_match_begins_at_the_cue():
    assert derive_anchor_starts(r"(?<=(?P<source>\w+)\s)(?P<cue>\L<verbs>)", ["cue"], LISTS) == {"said", "says",
                                                                                               "pointed"}
    assert derive_anchor_starts(r"(?:(?<=,)|(?<=\"))\s*(?P<cue>said)", ["cue"], LISTS) == {"said"}
    assert derive_anchor_starts(r"(?P<source>\w+)\s+(?P<cue>said)", ["cue"], LISTS) is None


def test_cue_check_is_the_mandatory_cue_group_standing_alone():
    assert derive_cue_check(r"(?<=[,\"])\s*(?P<cue>[―—–]|-(?=\p{Lu}))\s*(?P<source>\w+)", ["cue"]) == r"[―—–]|-(?=\p{Lu})"
    assert derive_cue_check(r"^(?P<source>\w+)(?P<cue>\.[\"”])$", ["cue"]) == r"\.[\"”]"


def test_no_cue_check_where_the_cue_could_not_stand_alone():
    assert derive_cue_check(r"(?P<source>\w+)(?:\s+(?P<cue>by))?", ["cue"]) is None      # optional
    assert derive_cue_check(r"(?P<source>\w+)\s+(?P<cue>\1said)", ["cue"]) is None        # refers to a group
    assert derive_cue_check(r"(?P<source>\w+)\s+(?P<cue>(?>said|says))", ["cue"]) is None  # atomic
    assert derive_cue_check(r"(?P<source>\w+)\s+(?P<cue>said++)", ["cue"]) is None         # possessive
    assert derive_cue_check(r"(?i)(?P<source>\w+)\s+(?P<cue>said)", ["cue"]) is None       # flags for all of it
    assert derive_cue_check(r"x|(?P<cue>said)", ["cue"]) is None


def test_end_anchors_of_a_rule_that_ends_with_its_cue():
    assert derive_end_anchors(r"(?P<source>\w+),\s+(?P<cue>\L<verbs>)(?![\w'’-])", ["cue"], LISTS) == [
        "said", "says", "pointed out"]
    assert derive_end_anchors(r"(?P<source>\w+)\s+(?P<cue>continued|went\s+on)(?=\s*(?:[.,:;!?]|$))", ["cue"],
                              LISTS) == ["continued", "went on"]


def test_no_end_anchors_where_a_match_may_end_inside_a_word_or_after_the_cue():
    assert derive_end_anchors(r"(?P<source>\w+)\s+(?P<cue>said)", ["cue"], LISTS) is None               # 'saidx'
    assert derive_end_anchors(r"(?P<source>\w+)(?P<cue>said)(?![\w'’-])", ["cue"], LISTS) is None       # 'Xsaid'
    assert derive_end_anchors(r"(?P<source>\w+)\s+(?P<cue>said)(?![\w'’-])\s+so", ["cue"], LISTS) is None
    assert derive_end_anchors(r"(?P<source>\w+)\s+(?P<cue>\w+ed)(?![\w'’-])", ["cue"], LISTS) is None


def test_begins_at_cue_only_with_nothing_but_lookarounds_before_it():
    assert begins_at_cue(r"(?<=(?P<source>\w+)\s)(?P<cue>said)", ["cue"])
    assert begins_at_cue(r"(?=s)(?<![\w])(?P<cue>said)", ["cue"])
    assert not begins_at_cue(r"(?:(?<=,)|(?<=\"))\s*(?P<cue>said)", ["cue"])
    assert not begins_at_cue(r"(?<=,)\s*(?P<cue>said)", ["cue"])
    assert not begins_at_cue(r"(?P<source>\w+)\s+(?P<cue>said)", ["cue"])


def test_triggers_of_alternatives_with_a_cue_group_each():
    """'..., the study found.' | '..., found a survey.': the cue words of both alternatives."""
    pattern = r"(?<=,)\s+(?:(?P<source>\w+)\s+(?P<cue>found|showed)|(?P<cue2>found|concluded)\s+(?P<source2>\w+))$"
    assert derive_triggers(pattern, ["cue"], LISTS) == {"found", "showed", "concluded"}
    assert derive_triggers(r"(?P<source>\w+)\s+(?P<cue>said)|(?P<cue2>\L<verbs>)\s+(?P<source2>\w+)", ["cue"],
                           LISTS) == {"said", "says", "pointed"}
    # one alternative without a cue group: it could match anywhere, so no triggers
    assert derive_triggers(r"(?:(?P<cue>found)\s+\w+|\w+\s+(?P<source>\w+))", ["cue"], LISTS) is None


def test_cue_check_takes_the_lookaheads_that_follow_the_cue():
    """'found' + '(?=that)': a sentence with 'found' but no 'found that' is not tried at all."""
    check = derive_cue_check(r"(?P<source>\w+)\s+(?P<cue>found|ruled)\s+(?=that\s)", ["cue"])
    assert check == r"(?:found|ruled)\s+(?=that\s)"
    assert regex.search(check, "The court ruled that the ban stands.")
    assert not regex.search(check, "The court ruled the ban unlawful, and found no fault.")
    # a quantified \p{..} is no possessive quantifier: the lookahead still stands alone
    assert derive_cue_check(r"(?P<source>\w+)\s+(?P<cue>ruled)(?=\s+\p{Lu}\p{Ll}+day)", ["cue"]) == \
        r"(?:ruled)(?=\s+\p{Lu}\p{Ll}+day)"
    # a group after the cue ends what is taken
    assert derive_cue_check(r"(?P<source>\w+)\s+(?P<cue>said)\s+(?P<cited>\w+)(?=\.)", ["cue"]) == "said"


def test_end_anchors_after_a_group_whose_alternatives_each_end_with_spaces():
    """', saying' | ' while saying': every alternative before the cue ends with spaces (lookaheads
    after them aside), so the cue begins a word and the rule is anchored where it ends."""
    pattern = r"(?P<source>\w+)(?:,\s+|\s+(?:by|while)\s+(?=\L<verbs>\s))(?P<cue>\L<verbs>)(?![\w'’-])"
    assert derive_end_anchors(pattern, ["cue"], LISTS) == ["said", "says", "pointed out"]
    # an alternative that may end inside a word ('re-said'): no anchors
    assert derive_end_anchors(r"(?P<source>\w+)(?:,\s+|-)(?P<cue>said)(?![\w'’-])", ["cue"], LISTS) is None
    assert derive_end_anchors(r"(?P<source>\w+)(?:,\s+|\s*)(?P<cue>said)(?![\w'’-])", ["cue"], LISTS) is None


def test_cue_check_takes_the_plain_words_before_the_cue():
    """', according to' and 'and then said': the punctuation and words right before the cue are
    part of every match, so the check includes them (without leading spaces or optional parts)."""
    check = derive_cue_check(r"(?P<cited>\w+),\s+(?P<cue>according\s+to)\s+(?P<source>\w+)", ["cue"])
    assert check == r",\s+(?:according\s+to)"
    assert regex.search(check, "Officials, according to the paper, said so.")
    assert not regex.search(check, "According to the paper, officials said so.")
    check = derive_cue_check(r"(?P<source>\w+)[^;]{0,200}?,?\s+(?:and|but)\s+(?:(?:then|also)\s+)?(?P<cue>said)(?!\w)",
                             ["cue"])
    assert check == r"(?:and|but)\s+(?:(?:then|also)\s+)?(?:said)(?!\w)"
    assert regex.search(check, "Kemp rubbed her chin and then said no.")
    assert not regex.search(check, "Kemp said no, and left.")


def test_requires_are_the_first_words_of_another_mandatory_word_list():
    """'X, according to Y, said': the second cue's list is words the sentence must contain too."""
    pattern = r"(?P<cited>\w+),\s+(?P<cue>according\s+to)\s+(?P<source>\w+),\s+(?P<cited_cue>\L<verbs>)(?![\w'’-])"
    assert derive_requires(pattern, ["cue", "cited_cue"], LISTS) == {"said", "says", "pointed"}
    # not whole words (no boundary after it, or none before it), or the first cue itself: none
    assert derive_requires(r"(?P<s>\w+),\s+(?P<cue>according)\s+(?P<c>\L<verbs>)", ["cue"], LISTS) is None
    assert derive_requires(r"(?P<s>\w+)-(?P<c>\L<verbs>)(?![\w'’-])", ["cue"], LISTS) is None
    assert derive_requires(r"(?P<s>\w+)\s+(?P<cue>\L<verbs>)(?![\w'’-])", ["cue"], LISTS) is None


def test_requires_found_inside_mandatory_groups_and_in_every_alternative():
    """Words inside a mandatory group, after an optional part that ends with spaces ('A new review
    of'), or in each alternative of a group (the union); groups of function words are passed over."""
    review = r"(?:^|(?<=\.\s))(?P<venue>(?:A|An)\s+(?:(?:new|close)\s+)?(?:review|analysis)\s+of\s+\w+)"
    assert derive_requires(review, [], LISTS) == {"review", "analysis"}
    polls = r"(?<![\w'’-])(?P<cue>in)\s+(?:the\s+(?:\w+\s+){0,3}?(?i:poll|survey)\s+by\s+\w+|(?:the|a)\s+exit\s+polls?(?![\w'’-]))"
    assert derive_requires(polls, ["cue"], {**LISTS, "function_words": ("the", "a")}) == {"poll", "survey", "exit"}
    # after words repeated once or more, each ending with spaces
    assert derive_requires(r"(?<![\w'’-])(?P<cue>in)\s+the\s+(?:\w+\s+){1,4}?(?:poll|survey)(?=,)", ["cue"],
                           {**LISTS, "function_words": ("the",)}) == {"poll", "survey"}
    # an alternative without such a group, an optional group, or a word that may go on ('polls'): none
    assert derive_requires(r"(?P<cue>in)\s+(?:the\s+poll\s+|\d+%)", ["cue"], LISTS) is None
    assert derive_requires(r"(?P<cue>in)(?:\s+poll)?\s+", ["cue"], LISTS) is None
    assert derive_requires(r"(?P<cue>in)\s+poll", ["cue"], LISTS) is None
    assert derive_requires(r"(?P<s>\w+)(?:the|a)\s+", [], LISTS) is None


def test_a_cue_begins_a_word_where_spaces_or_the_start_stand_before_it():
    from attrib.rules.required import starts_a_word
    assert starts_a_word(r"(?P<source>\w+)\s+(?P<cue>said)", "cue")
    assert starts_a_word(r"(?P<source>\w+)\s+(?:(?:then|also)\s+)?(?P<cue>said)", "cue")  # optional part ending in spaces
    assert starts_a_word(r"^(?P<cue>said)", "cue")
    assert not starts_a_word(r"(?P<source>\w+)\s*[—–]\s*(?P<cue>said)", "cue")  # a dash may stand right before it
    assert not starts_a_word(r"(?P<source>\w+)(?P<cue>said)", "cue")
    assert not starts_a_word(r"(?P<cue>said)", "cue")  # a match may begin inside a word


def test_a_cue_check_is_looked_for_at_word_starts_where_the_rule_allows_no_other():
    from attrib.match import load_rules
    checks = {r.id: r.cue_check for r in load_rules()}
    assert checks["citing-leading"].startswith("(?<![\\w'’-])")    # the cue after spaces: a list tried at word starts only
    aside = checks["evidence-aside-shows"]
    assert aside and not aside.startswith("(?<!")  # after a dash, maybe with no space: a check, not at word starts


def test_requires_inside_a_cue_that_gave_no_triggers():
    pattern = r"(?<![\w'’-])(?P<cue>(?i:(?:the|early)\s+)*(?i:estimates?|figures))\s+the\s+(?P<source>\w+)"
    assert derive_requires(pattern, ["cue"], LISTS) is None                 # the cue's words are its triggers...
    assert derive_requires(pattern, ["cue"], LISTS, in_cue=True) == {"estimate", "estimates", "figures"}  # ...unless it has none


def test_a_cue_check_holds_what_follows_the_cue_when_a_source_is_read_before_it():
    """'X, according to Y, said': the check holds ', according to', Y and the second cue, so a sentence
    with 'according to' in another use is not read for a source at each of its words."""
    pattern = r"(?P<cited>\w+(?:\s+\w+)?),\s+(?P<cue>according\s+to)\s+(?P<source>\w+),\s+(?P<cited_cue>said|noted)(?![\w'’-])"
    check = derive_cue_rest(pattern, ["cue"])
    assert check == r",\s+(?:according\s+to)\s+(?P<source>\w+),\s+(?P<cited_cue>said|noted)(?![\w'’-])"
    assert regex.search(check, "Local officials, according to the Gazette, noted that the road was shut.") is None
    assert regex.search(check, "Local officials, according to Reuters, noted that the road was shut.")
    assert regex.search(check, "The ferry, according to its crew, was late.") is None
    assert regex.search(check, "According to the crew, the ferry was late.") is None


def test_no_whole_cue_check_where_the_rest_needs_what_came_before():
    # a back-reference after the cue, or a pattern whose own search begins at its cue anyway: none
    assert derive_cue_rest(r"(?P<source>\w+)\s+(?P<cue>said)\s+(?P=source)", ["cue"]) is None
    assert derive_cue_rest(r"(?<![\w'’-])(?P<cue>citing)\s+(?P<source>\w+)", ["cue"]) is None
    assert derive_cue_rest(r"(?P<source>\w+)(?:\s+(?P<cue>said))?\s+it", ["cue"]) is None  # an optional cue
