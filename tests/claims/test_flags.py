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
