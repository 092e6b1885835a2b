"""`attrib claims DIR --explain ID`: a researcher checks a merge from what it prints."""
from __future__ import annotations

import polars as pl
from click.testing import CliRunner

from attrib.cli import main

from conftest import FIXTURES


def test_explain_lists_members_shared_features_similarity_and_evidence(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(FIXTURES / "seeds"), "--out", str(tmp_path), "-q", "-j", "1",
                                "--graphs", "0"]).exit_code == 0
    claims = pl.read_csv(tmp_path / "claims.csv")
    flagged = claims.filter(pl.col("flags").fill_null("") != "").sort("n_statements", descending=True).row(0, named=True)
    shown = runner.invoke(main, ["claims", str(tmp_path), "--explain", flagged["claim_id"]])
    assert shown.exit_code == 0, shown.output
    out = shown.output
    statements = pl.read_csv(tmp_path / "statements.csv")
    members = statements.filter(pl.col("claim_id") == flagged["claim_id"])
    assert all(sid in out for sid in members["statement_id"])
    assert "shared features" in out and "similarity" in out and "flag evidence" in out
    assert "@" in out.split("shared features", 1)[1]          # a shared name among them
    missing = runner.invoke(main, ["claims", str(tmp_path), "--explain", "c999999"])
    assert missing.exit_code != 0 and "no claim c999999" in missing.output
