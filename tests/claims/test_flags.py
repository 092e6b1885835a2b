"""Flags a researcher can trust: each raised by statements of more than one publisher, with its evidence."""
from __future__ import annotations

import json
from pathlib import Path

import polars as pl

import attrib

from conftest import FIXTURES

FACT = "The Kerch bridge collapsed on Monday night after a fire on the rail section"


def _analyze(tmp_path: Path, docs: list[tuple[str, str]]):
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "publisher": publisher}) + "\n"
                             for i, (publisher, text) in enumerate(docs)), encoding="utf-8")
    return attrib.analyze(table)


def _claim(result) -> dict:
    claim_id = result.statements.filter(pl.col("text").str.contains("Kerch"))["claim_id"][0]
    return result.claims.filter(pl.col("claim_id") == claim_id).row(0, named=True)


def test_laundered_when_another_publisher_traces_the_claim_to_a_source(tmp_path):
    result = _analyze(tmp_path, [("Daily Courier", f"{FACT}."), ("Evening Star", f"{FACT}, Interfax reported.")])
    claim = _claim(result)
    assert claim["n_statements"] == 2
    assert "laundered" in claim["flags"]
    ids = set(result.statements["statement_id"])
    evidence = claim["evidence"]
    assert evidence.startswith("laundered: unattributed ")
    assert sum(i in evidence for i in ids) == 2   # both statements named


def test_one_publisher_alone_launders_nothing(tmp_path):
    result = _analyze(tmp_path, [("Daily Courier", f"{FACT}. Later: {FACT}, Interfax reported.")])
    claim = _claim(result)
    assert claim["n_statements"] == 2 and claim["flags"] == "" and claim["evidence"] == ""


def test_a_source_stating_its_own_report_is_not_laundering(tmp_path):
    result = _analyze(tmp_path, [("Interfax", f"{FACT}."), ("Evening Star", f"{FACT}, Interfax reported.")])
    assert "laundered" not in _claim(result)["flags"]


def test_single_origin_needs_three_publishers(tmp_path):
    three = _analyze(tmp_path, [(p, f"{FACT}, Interfax reported.") for p in ("Daily Courier", "Evening Star",
                                                                                "Morning Post")])
    claim = _claim(three)
    assert claim["n_independent_origins"] == 1 and "single-origin" in claim["flags"]
    assert claim["evidence"].startswith("single-origin: ")
    two = _analyze(tmp_path, [(p, f"{FACT}, Interfax reported.") for p in ("Daily Courier", "Evening Star")])
    assert "single-origin" not in _claim(two)["flags"]


def test_circular_claim_names_the_statements_that_close_the_cycle():
    result = attrib.analyze(FIXTURES / "claims", jobs=1)
    resign = result.claims.filter(pl.col("text").str.contains("will resign")).row(0, named=True)
    assert "circular" in resign["flags"]
    # the headline "Holloway expected to step down" is the same claim; its publisher attributes the
    # claim in its own body, so nothing is laundered
    assert resign["flags"] == "circular"
    members = result.statements.filter((pl.col("claim_id") == resign["claim_id"]) & (pl.col("chains").list.len() > 0))
    assert members["doc_id"].n_unique() == 2
    assert all(sid in resign["evidence"] for sid in members["statement_id"])


def test_a_quote_continuation_without_a_chain_launders_nothing(tmp_path):
    """The second sentence of a quotation whose first is a question has no chain of its own; it is still
    the mayor's words, not the Daily Courier stating the collapse in its own name."""
    result = _analyze(tmp_path, [
        ("Daily Courier", 'Then the mayor went fully on the attack, saying, "Is the council ever going to admit it? '
                          f'{FACT}!" The council did not reply.'),
        ("Evening Star", f"{FACT}, Interfax reported.")])
    claim = _claim(result)
    assert claim["n_statements"] == 2
    assert "laundered" not in claim["flags"]


def test_voiced_sentences_give_someone_words():
    from attrib.claims.quotes import voiced
    texts = ['The mayor went on the attack, saying, "Is the council going to act?',   # opens a quote
             'If not, it should resign!"',                                            # its continuation
             "Rain fell on the market square.",
             'For someone who called herself "not a natural talker," Berg won Ohio.',  # woven in: her own
             'The senator set out his plans by saying, "We will rebuild the bridge.',  # speech after a comma
             'The speech was reframed to "address the flooding in the valley."',      # woven in at the end
             '"We will win the vote," Okafor told supporters.',                       # opens with a quote
             'It was "a disaster."']                                                  # a scare quote
    assert voiced(texts, [1, 1, 1, 2, 3, 4, 5, 6]) == [True, True, False, False, True, False, True, False]
    # a quote left open does not run into the next paragraph
    assert voiced(['Okafor said, "We will rebuild it all.', "Rain fell on the market square."], [1, 2]) == [True, False]


def _members(*rows: tuple[int, bool, bool, str, int]) -> pl.DataFrame:
    """(row, attributed, voiced, publisher, item) of claim 0."""
    return pl.DataFrame([(0, r, a, v, p, f"s{r}", i) for r, a, v, p, i in rows],
                        schema={"claim": pl.UInt32, "row": pl.UInt32, "attributed": pl.Boolean, "voiced": pl.Boolean,
                                "speaker": pl.String, "statement_id": pl.String, "item": pl.Int64}, orient="row")


def test_laundering_rests_on_a_close_pair_and_no_voiced_statement():
    from attrib.claims.flags import laundered
    ci = pl.DataFrame({"row": [1], "cited": ["Interfax"], "source_id": [None]},
                      schema={"row": pl.UInt32, "cited": pl.String, "source_id": pl.String})
    mem = _members((0, False, False, "Daily Courier", 10), (1, True, False, "Evening Star", 11))
    close = pl.DataFrame({"a": [10], "b": [11]})
    assert laundered(mem, ci, close) == {0: "unattributed s0; traced s1"}
    # the unattributed statement is in the claim, but says too little of the traced report
    assert laundered(mem, ci, pl.DataFrame({"a": [11], "b": [12]})) == {}
    # it gives someone's words: no statement of the Daily Courier's own
    voiced_mem = _members((0, False, True, "Daily Courier", 10), (1, True, False, "Evening Star", 11))
    assert laundered(voiced_mem, ci, close) == {}
    # the Daily Courier quotes the claim elsewhere: it launders nothing
    quoting = _members((0, False, False, "Daily Courier", 10), (1, True, False, "Evening Star", 11),
                       (2, False, True, "Daily Courier", 12))
    assert laundered(quoting, ci, close) == {}
