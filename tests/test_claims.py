"""Claims across the seed articles, and their independent origins."""
from __future__ import annotations

import re

import polars as pl

import attrib
from attrib.claims import stem, statement_features, vocabulary

from conftest import FIXTURES, run_scorer, shared_path

CLAIM_PAIR_F1_FLOOR = 0.80


def test_seed_claim_pairs(seeds_out):
    report = run_scorer("score_claims.py", shared_path("gold", "seeds-claims.jsonl"), seeds_out / "statements.csv")
    f1 = float(re.search(r"claim pair F1 (\S+)", report).group(1))
    assert f1 >= CLAIM_PAIR_F1_FLOOR, report


def test_greeting_claim_spans_all_articles_and_fewer_origins_than_reports():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    st = result.statements
    greeting = st.filter(pl.col("text").str.contains("personally greeted"))["claim_id"][0]
    members = st.filter((pl.col("claim_id") == greeting) | pl.col("also_claims").str.contains(greeting))
    assert members["doc_id"].n_unique() == 5
    chains = set(members["chains"].to_list())
    assert {"RIA Novosti", "Reuters > Russian state media", "Sputnik"} <= chains
    row = result.claims.filter(pl.col("claim_id") == greeting).row(0, named=True)
    assert row["n_independent_origins"] < row["n_statements"]


def test_attribution_words_do_not_make_statements_alike():
    vocab = vocabulary()
    a = statement_features("According to RIA Novosti, the two leaders talked.", [(13, 24)], vocab)
    b = statement_features("Prices rose sharply, according to Sputnik.", [(34, 41)], vocab)
    assert not set(a) & set(b)


def test_paraphrases_share_features():
    vocab = vocabulary()
    a = statement_features("Kim Jong Un personally greeted Vladimir Putin at the plane ramp.", [], vocab)
    b = statement_features("He was welcomed at the airport by Kim Jong Un.", [], vocab)
    assert {"greet", "airport", "@un"} <= set(a) & set(b)
    assert stem("greeted") == stem("greets") == "greet"


def test_citation_cycle_is_flagged_and_owners_collapse():
    result = attrib.analyze(FIXTURES / "claims", jobs=1)
    resign = result.claims.filter(pl.col("text").str.contains("will resign"))
    assert resign["n_statements"][0] == 2
    assert "circular" in resign["flags"][0]


def test_claims_are_identical_across_runs_and_processes():
    one = attrib.analyze(FIXTURES, jobs=1)
    two = attrib.analyze(FIXTURES, jobs=2)
    assert one.claims.equals(two.claims)
    assert one.statements["claim_id"].equals(two.statements["claim_id"])
