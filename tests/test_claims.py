"""Claims across the seed articles, and their independent origins."""
from __future__ import annotations

import re

import polars as pl

import attrib
from attrib import claims as claims_module
from attrib.claims import group_claims, stem, statement_features, vocabulary

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
    c = statement_features("Putin and Kim Jong Un shook hands after Putin landed.", [], vocab)
    assert {"greet", "airport", "@un", "@putin"} <= set(a) & set(c)
    headline = statement_features("Russian President Vladimir Putin Arrives in North Korea", [], vocab)
    assert "arrive" in headline and "@arrives" not in headline
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


def _synthetic(n: int) -> "attrib.api.Analysis":
    """n news-like statements over a small vocabulary: many share common words, few share a fact."""
    import random
    from attrib.api import SCHEMAS, Analysis
    rng = random.Random(3)
    who = ["Putin", "Biden", "Macron", "Scholz", "Modi", "Lula"] + [f"Minister{i}" for i in range(200)]
    verbs = ["greeted", "criticised", "praised", "visited", "signed", "rejected", "approved", "blocked", "funded"]
    nouns = ["treaty", "budget", "plan", "reform", "pipeline", "summit", "sanctions", "tariffs", "loan", "bridge"]
    rows = []
    for i in range(n):
        text = (f"{rng.choice(who)} {rng.choice(verbs)} the new {rng.choice(nouns)} in City{rng.randrange(300)} "
                f"worth {rng.randrange(1, 900)} million on Tuesday.")
        rows.append({"doc_id": f"d{i // 10}", "statement_id": f"d{i // 10}:{i % 10}", "sentence_index": i % 10,
                     "text": text, "chains": "", "originals": "", "n_originals": 0, "depth": 0, "hedged": False,
                     "claim_id": "", "publisher": f"pub{i % 50}", "start": 0, "end": len(text), "paragraph": 0,
                     "also_claims": ""})
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
                                       "n_originals", "n_independent_origins", "n_unattributed", "max_depth", "flags"]


def test_grouping_compares_near_linearly(monkeypatch):
    """Comparisons are bounded per statement by blocking, never all pairs (here 2000 x 1999 / 2)."""
    calls = 0
    real = claims_module.similarity

    def counting(*args):
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(claims_module, "similarity", counting)
    n = 2000
    group_claims(_synthetic(n))
    assert calls <= n * claims_module.BLOCK_KEYS * claims_module.MAX_POSTING // 2
    assert calls < n * (n - 1) // 20
