"""Accuracy floors: the gates on fixtures/ always run (scored in-repo by attrib.evaluate, which
tests/test_evaluate.py checks against the acceptance scorer); the corpus gates need ../shared and
are marked `corpus` (`make test-corpus`).

Floors sit at the measured values: raise a floor when the analyzer improves; never lower one to make a change pass.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

import attrib
from attrib.evaluate import evaluate_chains

from conftest import FIXTURES, run_scorer, shared_path

SEED_FLOORS = {"regular": 1.0, "hard": 1.0, "all": 1.0}   # edge F1, measured 1.000 on each
FAMILY_FLOOR = 1.0                                          # measured 1.000
# PolNeAR dev scored --communication: only the attributions the annotation guidelines count (PolNeAR also
# annotates beliefs and intentions). Its communication list still counts calls, urges and refusals, which
# the guidelines say are not attributions; attrib follows the guidelines.
# measured 0.8529 / 0.8467 (branch pnear, issue 11; rule timeouts are wall-clock, so a notch below)
POLNEAR_DEV_SOURCE_F1 = 0.851
POLNEAR_DEV_CUE_F1 = 0.845
NEWS_DEV_FLOORS = {"all": 0.935, "hard": 0.945}  # ../shared/gold/news-dev.jsonl edge F1, measured 0.9354 / 0.9455
INTERVIEW_FLOOR = 0.961  # edge F1 on fixtures/gold/interviews.gold.jsonl (two Wikinews transcripts), measured 0.961


def edge_f1(inputs, gold) -> dict[str, tuple[float, float]]:
    """(edge F1, share of statements with their originals exact) per line: regular, hard, all."""
    result = attrib.analyze(inputs, jobs=1, claims=False)
    tallies = evaluate_chains(gold, result.statements).tallies
    return {line: (t.f1, t.originals / t.statements if t.statements else 1.0) for line, t in tallies.items()}


def test_seed_chain_floors():
    scores = edge_f1(FIXTURES / "seeds", FIXTURES / "gold" / "seeds.gold.jsonl")
    for line, floor in SEED_FLOORS.items():
        assert scores[line][0] >= floor, scores
    assert scores["all"][1] >= 0.90, scores


def test_rule_family_fixtures():
    scores = edge_f1(FIXTURES / "families", FIXTURES / "families" / "families.gold.jsonl")
    assert scores["all"][0] >= FAMILY_FLOOR, scores


def test_interview_transcripts_floor():
    """The hand-annotated interview transcripts (two Wikinews interviews, fixtures/interviews)."""
    scores = edge_f1(FIXTURES / "interviews" / "interviews.jsonl", FIXTURES / "gold" / "interviews.gold.jsonl")
    assert scores["all"][0] >= INTERVIEW_FLOOR, scores


@pytest.mark.corpus
def test_polnear_dev_source_spans(tmp_path):
    split = shared_path("corpus", "polnear", "dev")
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(split / "text"), "--metadata",
                    str(shared_path("corpus", "polnear", "metadata.tsv")), "--out", str(tmp_path), "-q"], check=True)
    report = run_scorer("score_spans.py", split, tmp_path / "citations.csv", "--communication")
    source = float(re.search(r"source overlap F1 (\S+)", report).group(1))
    cue = float(re.search(r"^Cue\s+overlap .* F1=(\S+)", report, re.M).group(1))
    assert source >= POLNEAR_DEV_SOURCE_F1 and cue >= POLNEAR_DEV_CUE_F1, report


@pytest.mark.corpus
def test_news_dev_chain_floors(tmp_path):
    """The 49 hand-annotated PolNeAR train and Wikinews articles of news-dev (needs ../shared)."""
    gold = shared_path("gold", "news-dev.jsonl")
    docs = {json.loads(line)["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()}
    texts = shared_path("corpus", "polnear", "train", "text")
    with open(tmp_path / "wikinews.jsonl", "w", encoding="utf-8") as out:
        for line in shared_path("corpus", "wikinews", "wikinews.jsonl").open(encoding="utf-8"):
            if json.loads(line)["id"] in docs:
                out.write(line)
    for doc in docs:
        if (texts / f"{doc}.txt").exists():
            shutil.copy(texts / f"{doc}.txt", tmp_path / f"{doc}.txt")
    result = attrib.analyze(tmp_path, metadata=shared_path("corpus", "polnear", "metadata.tsv"), jobs=1, claims=False)
    assert result.documents.height == len(docs)
    tallies = evaluate_chains(gold, result.statements).tallies
    for line, floor in NEWS_DEV_FLOORS.items():
        assert tallies[line].f1 >= floor, {k: round(t.f1, 4) for k, t in tallies.items()}
