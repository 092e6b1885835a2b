"""Claim pair accuracy floors, at the values measured when they were set (raise them as grouping improves)."""
from __future__ import annotations

import pytest

import json
import shutil

import attrib
from attrib.claims.score import claim_pairs

from conftest import FIXTURES, shared_path

SEEDS_F1 = 0.941         # fixtures/gold/seeds-claims.gold.jsonl, measured 0.941 (0.875 before issue 12)
# ../shared/gold/claims-dev.jsonl, measured 0.8961 (0.8816 before claimsx; 0.896 with the three-names rule, taken
# out as fitted to one sentence; 0.874 before claimsacc, 0.819 before claims4, 0.403 before issue 12)
CLAIMS_DEV_F1 = 0.896
# measured 1.000: tp 69, fp 0, fn 16 (tp 67, fn 18 before claimsx; tp 66, fn 19 before claimsacc; tp 59, fn 26
# before claims4; 0.949 before claims3)
CLAIMS_DEV_PRECISION = 1.0


def test_seed_claim_pairs():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    score = claim_pairs(FIXTURES / "gold" / "seeds-claims.gold.jsonl", result.statements)
    assert score.f1 >= SEEDS_F1, score


@pytest.mark.corpus
def test_claims_dev_pairs(tmp_path):
    """The cross-outlet claims of claims-dev, on the PolNeAR train articles it annotates (needs ../shared)."""
    gold = shared_path("gold", "claims-dev.jsonl")
    texts = shared_path("corpus", "polnear", "train", "text")
    docs = {m["doc"] for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
            for m in json.loads(line)["members"]}
    for doc in docs:
        shutil.copy(texts / f"{doc}.txt", tmp_path / f"{doc}.txt")
    result = attrib.analyze(tmp_path, metadata=shared_path("corpus", "polnear", "metadata.tsv"), jobs=1)
    score = claim_pairs(gold, result.statements)
    assert score.f1 >= CLAIMS_DEV_F1 and score.precision >= CLAIMS_DEV_PRECISION, score


def test_eval_command_scores_claim_pairs(tmp_path):
    from click.testing import CliRunner

    from attrib.cli import main
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(FIXTURES / "seeds"), "--out", str(tmp_path), "-q", "-j", "1",
                                "--graphs", "0"]).exit_code == 0
    shown = runner.invoke(main, ["eval", str(tmp_path), "--claims", str(FIXTURES / "gold" / "seeds-claims.gold.jsonl")])
    assert shown.exit_code == 0, shown.output
    f1 = float(shown.output.rsplit("claim pair F1 ", 1)[1])
    assert f1 >= SEEDS_F1
    listed = runner.invoke(main, ["eval", str(tmp_path), "--claims", str(FIXTURES / "gold" / "seeds-claims.gold.jsonl"),
                                  "--misses", "2"])
    misses = [json.loads(line[5:]) for line in listed.output.splitlines() if line.startswith("MISS ")]
    assert len(misses) == min(2, len(claim_pairs(FIXTURES / "gold" / "seeds-claims.gold.jsonl",
                                                 attrib.load(tmp_path).statements).misses))
    assert all(m["kind"] in ("split", "merged") and len(m["anchors"]) == 2 for m in misses)
