"""Accuracy floors, measured with the scorers that acceptance uses (like trafilatura's evaluation gate).

Raise a floor when the analyzer improves; never lower one to make a change pass.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys


from conftest import FIXTURES, run_scorer, shared_path

SEED_FLOORS = {"regular": 0.95, "hard": 0.80}
FAMILY_FLOOR = 0.95
# PolNeAR dev scored --communication: only the attributions the annotation guidelines count (PolNeAR also
# annotates beliefs and intentions). Its communication list still counts calls, urges and refusals, which
# the guidelines say are not attributions; attrib follows the guidelines.
POLNEAR_DEV_SOURCE_F1 = 0.825
POLNEAR_DEV_CUE_F1 = 0.803
INTERVIEW_FLOOR = 0.955  # edge F1 on news-dev-interviews.jsonl (two Wikinews transcripts), measured 0.961


def edge_f1(report: str, line: str) -> float:
    m = re.search(rf"^{line}\s+statements=\s*\d+ P=\S+ R=\S+ F1=(\S+) chain_exact=\S+ originals_exact=(\S+)",
                  report, re.M)
    assert m, report
    return float(m.group(1)), float(m.group(2))


def test_seed_chain_floors(seeds_out):
    report = run_scorer("score.py", shared_path("gold", "seeds.jsonl"), seeds_out / "statements.csv")
    for line, floor in SEED_FLOORS.items():
        assert edge_f1(report, line)[0] >= floor, report
    assert edge_f1(report, "all")[1] >= 0.90, report


def test_rule_family_fixtures(tmp_path):
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(FIXTURES / "families"), "--out", str(tmp_path),
                    "-q", "-j", "1"], check=True)
    report = run_scorer("score.py", FIXTURES / "families" / "families.gold.jsonl", tmp_path / "statements.csv")
    assert edge_f1(report, "all")[0] >= FAMILY_FLOOR, report


def test_polnear_dev_source_spans(tmp_path):
    split = shared_path("corpus", "polnear", "dev")
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(split / "text"), "--metadata",
                    str(shared_path("corpus", "polnear", "metadata.tsv")), "--out", str(tmp_path), "-q"], check=True)
    report = run_scorer("score_spans.py", split, tmp_path / "citations.csv", "--communication")
    source = float(re.search(r"source overlap F1 (\S+)", report).group(1))
    cue = float(re.search(r"^Cue\s+overlap .* F1=(\S+)", report, re.M).group(1))
    assert source >= POLNEAR_DEV_SOURCE_F1 and cue >= POLNEAR_DEV_CUE_F1, report


def test_interview_transcripts_floor(tmp_path):
    """The hand-annotated interview transcripts, analyzed from the Wikinews sample as a user would."""
    gold = shared_path("gold", "news-dev-interviews.jsonl")
    corpus = shared_path("corpus", "wikinews", "wikinews.jsonl")
    docs = {json.loads(line)["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()}
    articles = tmp_path / "interviews.jsonl"
    articles.write_text("".join(line for line in corpus.open(encoding="utf-8") if json.loads(line)["id"] in docs),
                        encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(articles), "--out", str(out), "-q", "-j", "1",
                    "--graphs", "0"], check=True)
    report = run_scorer("score.py", gold, out / "statements.csv")
    assert edge_f1(report, "all")[0] >= INTERVIEW_FLOOR, report
