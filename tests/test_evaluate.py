"""`attrib eval` gives the same figures as the acceptance scorers."""
from __future__ import annotations

import pytest

import re

import polars as pl

import attrib
from click.testing import CliRunner

from attrib.cli import main
from attrib.evaluate import evaluate_chains, evaluate_spans, name_match

from conftest import FIXTURES, run_scorer, shared_path


def test_name_match_follows_the_gold_rules():
    assert name_match("North Korean state media KCNA", ["KCNA"])
    assert name_match("The Kremlin", ["Kremlin"])
    assert not name_match("KCNAX", ["KCNA"])
    assert not name_match("one two three four five six seven eight nine KCNA", ["KCNA"])


@pytest.mark.corpus
def test_chain_scores_equal_the_acceptance_scorer(seeds_out):
    statements = attrib.load(seeds_out).statements
    ours = evaluate_chains(FIXTURES / "gold" / "seeds.gold.jsonl", statements).tallies
    report = run_scorer("score.py", shared_path("gold", "seeds.jsonl"), seeds_out / "statements.csv")
    for line in ("regular", "hard", "all"):
        f1 = float(re.search(rf"^{line} .* F1=(\S+)", report, re.M).group(1))
        assert round(ours[line].f1, 3) == f1


@pytest.mark.corpus
def test_span_scores_on_a_brat_split(tmp_path):
    split = shared_path("corpus", "polnear", "dev")
    text = next((split / "text").glob("*.txt"))
    docs = tmp_path / "text"
    docs.mkdir()
    (docs / text.name).write_text(text.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["analyze", str(docs), "--out", str(out), "-q", "-j", "1"]).exit_code == 0
    citations = pl.read_csv(out / "citations.csv")
    ours = evaluate_spans(split, citations).tallies["Source overlap"]
    report = run_scorer("score_spans.py", split, out / "citations.csv")
    tp, fp, fn = map(int, re.search(r"Source overlap tp=\s*(\d+) fp=\s*(\d+) fn=\s*(\d+)", report).groups())
    assert (tp, fp, fn) != (0, 0, 0)
    assert (ours.tp, ours.fp) == (tp, fp)


def test_eval_command_prints_tables_and_misses(seeds_out, tmp_path):
    # a gold file that credits RIA Novosti's report to TASS: the command must report that miss
    gold = (FIXTURES / "gold" / "seeds.gold.jsonl").read_text(encoding="utf-8").replace('[["RIA Novosti"]]', '[["TASS"]]')
    (tmp_path / "wrong.jsonl").write_text(gold, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(seeds_out), "--gold", str(tmp_path / "wrong.jsonl"), "--misses", "1"])
    assert result.exit_code == 0, result.output
    assert "regular" in result.output
    assert "MISS" in result.output and "TASS" in result.output
