"""`attrib analyze` as a user runs it."""
from __future__ import annotations

import subprocess
import sys

import polars as pl
from click.testing import CliRunner

from attrib.cli import main

from conftest import FIXTURES


def test_analyze_writes_tables_and_a_summary(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(FIXTURES / "seeds"), "--out", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "documents: 5" in result.output and "top cited sources:" in result.output
    for name in ("statements", "citations", "documents"):
        assert (tmp_path / f"{name}.csv").is_file()


def test_formats_write_the_same_rows(tmp_path):
    runner = CliRunner()
    for fmt in ("csv", "parquet", "jsonl"):
        r = runner.invoke(main, ["analyze", str(FIXTURES / "seeds"), "--out", str(tmp_path / fmt), "--format", fmt,
                                 "-q", "-j", "1"])
        assert r.exit_code == 0, r.output
    csv_rows = pl.read_csv(tmp_path / "csv" / "citations.csv")
    pq_rows = pl.read_parquet(tmp_path / "parquet" / "citations.parquet")
    js_rows = pl.read_ndjson(tmp_path / "jsonl" / "citations.jsonl")
    assert csv_rows.height == pq_rows.height == js_rows.height > 0
    assert csv_rows["cited"].to_list() == pq_rows["cited"].to_list()


def test_missing_path_and_bad_option_are_usage_errors(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["analyze", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(main, ["analyze", str(FIXTURES / "seeds"), "--format", "xml"]).exit_code == 2


def test_bad_documents_are_reported_and_strict_fails(tmp_path):
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "good.txt").write_text("Reuters reported that it rained.", encoding="utf-8")
    (docs / "bad.txt").write_bytes(b"caf\xc3\x28 broken" * 3)
    (docs / "empty.txt").write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "attrib", "analyze", str(docs), "--out", str(tmp_path / "o"),
                           "-j", "1"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "empty.txt: empty file" in done.stderr
    table = pl.read_csv(tmp_path / "o" / "documents.csv")
    assert table.height == 3
    assert sorted(table["status"].to_list()) == ["error", "error", "ok"]
    strict = subprocess.run([sys.executable, "-m", "attrib", "analyze", str(docs), "--out", str(tmp_path / "s"),
                             "-j", "1", "--strict", "-q"], capture_output=True, text=True)
    assert strict.returncode == 1


def test_every_command_help_has_an_example():
    runner = CliRunner()
    for name in main.commands:
        out = runner.invoke(main, [name, "--help"]).output
        assert "Example" in out, name
