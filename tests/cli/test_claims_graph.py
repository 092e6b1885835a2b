"""`attrib claims` and `attrib graph` on an output folder."""
from __future__ import annotations

from click.testing import CliRunner

from attrib.cli import main

from conftest import FIXTURES


def test_claims_and_graph_commands(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(FIXTURES / "claims"), "--out", str(tmp_path), "-q", "-j", "1",
                                "--graphs", "0"]).exit_code == 0
    listing = runner.invoke(main, ["claims", str(tmp_path), "--flag", "circular"])
    assert listing.exit_code == 0 and "circular" in listing.output and "c000001" in listing.output
    drawn = runner.invoke(main, ["graph", str(tmp_path), "--claim", "c000001"])
    assert drawn.exit_code == 0, drawn.output
    assert (tmp_path / "graphs" / "c000001.dot").is_file()
    assert runner.invoke(main, ["graph", str(tmp_path), "--claim", "../etc"]).exit_code == 2
