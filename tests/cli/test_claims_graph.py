"""`attrib claims` and `attrib graph` on an output folder, and every command's help."""
from __future__ import annotations

import io
import json
import re

import polars as pl
import pytest
from click.testing import CliRunner

from attrib.cli import main

from conftest import FIXTURES


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims_cli")
    assert CliRunner().invoke(main, ["analyze", str(FIXTURES), "--out", str(folder), "-q", "-j", "1",
                                     "--graphs", "0"]).exit_code == 0
    return folder


def test_claims_and_graph_commands(out):
    runner = CliRunner()
    listing = runner.invoke(main, ["claims", str(out), "--flag", "circular", "--format", "table"])
    assert listing.exit_code == 0 and "circular" in listing.output
    assert "┆" in listing.output   # a table for the eye
    claim = re.search(r"c\d{6}", listing.output)[0]
    drawn = runner.invoke(main, ["graph", str(out), "--claim", claim])
    assert drawn.exit_code == 0, drawn.output
    assert (out / "graphs" / f"{claim}.dot").is_file()
    assert runner.invoke(main, ["graph", str(out), "--claim", "../etc"]).exit_code == 2


def test_claims_piped_are_csv_and_json_on_request(out):
    runner = CliRunner()   # CliRunner's output is not a terminal: CSV by default
    piped = runner.invoke(main, ["claims", str(out)])
    assert piped.exit_code == 0
    table = pl.read_csv(io.StringIO(piped.output))
    claims = pl.read_csv(out / "claims.csv")
    assert table["claim_id"].to_list() == claims.sort(["n_statements", "claim_id"],
                                                      descending=[True, False]).head(20)["claim_id"].to_list()
    as_json = json.loads(runner.invoke(main, ["claims", str(out), "--format", "json", "--top", "3"]).output)
    assert [r["claim_id"] for r in as_json] == table["claim_id"].head(3).to_list()
    assert {"n_statements", "n_independent_origins", "flags", "originals", "text"} <= set(as_json[0])


def test_top_zero_means_all_and_negative_is_refused(out):
    runner = CliRunner()
    every = pl.read_csv(io.StringIO(runner.invoke(main, ["claims", str(out), "--top", "0"]).output))
    assert every.height == pl.read_csv(out / "claims.csv").height > 20
    refused = runner.invoke(main, ["claims", str(out), "--top", "-1"])
    assert refused.exit_code == 2 and "-1" in refused.output


def test_claims_of_a_folder_without_tables_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["claims", str(tmp_path)])
    assert result.exit_code == 2 and "run attrib analyze first" in result.output


@pytest.mark.parametrize("command", [None, "analyze", "claims", "graph", "eval"])
def test_help_lists_every_input_kind(command):
    text = CliRunner().invoke(main, [command, "--help"] if command else ["--help"]).output
    for kind in (".txt", ".md", ".jsonl", ".csv", ".tsv", ".parquet", ".jsonl.gz", ".csv.gz", ".tsv.gz", ".html",
                 ".warc", ".warc.gz"):
        assert kind in text, (command, kind)
    assert "Example" in text
