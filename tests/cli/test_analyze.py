"""`attrib analyze` as a user runs it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
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
    names = main.list_commands(click.Context(main))
    assert {"analyze", "eval", "claims", "graph", "rules"} <= set(names)
    for name in names:
        out = runner.invoke(main, [name, "--help"]).output
        assert "Example" in out, name


def test_runs_give_the_same_tables_whatever_the_string_hash_seed(tmp_path):
    """Python salts string hashes per process: claim grouping must not depend on set order
    (seed 9 swapped two claims of the fixtures before features were numbered in sorted order)."""
    outputs = []
    for seed in ("0", "9"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "attrib", "analyze", str(FIXTURES), "--out", str(out), "-q",
                        "--jobs", "1", "--graphs", "0"], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append({name: (out / f"{name}.csv").read_bytes() for name in ("statements", "claims", "sources")})
    assert outputs[0] == outputs[1]


def test_a_terminated_run_removes_its_parts(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    line = sorted((FIXTURES / "seeds").glob("*.txt"))[1].read_text(encoding="utf-8")
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": line}) + "\n" for i in range(3000)),
                      encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.Popen([sys.executable, "-m", "attrib", "analyze", str(corpus), "--out", str(out), "-q",
                            "--jobs", "2"])
    for _ in range(1200):  # until its parts folder and its two extraction workers exist
        if list(out.glob(".attrib-parts-*")) and len(_children(run.pid)) == 2:
            break
        time.sleep(0.05)
    assert list(out.glob(".attrib-parts-*")), "the run made no parts folder"
    workers = _children(run.pid)
    assert len(workers) == 2
    run.send_signal(signal.SIGTERM)
    assert run.wait(timeout=60) == 128 + signal.SIGTERM
    assert not list(out.glob(".attrib-parts-*"))
    for _ in range(100):  # a terminated worker is gone, or a zombie waiting for its new parent to reap it
        if not [pid for pid in workers if _state(pid) not in ("", "Z")]:
            break
        time.sleep(0.05)
    assert not [pid for pid in workers if _state(pid) not in ("", "Z")], "extraction workers outlived the run"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def _children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_the_command_ends_without_teardown_but_with_its_exit_handlers_and_code():
    """`run` skips freeing objects at exit, not what exit does that shows: handlers run, output is
    flushed, the exit code is click's."""
    code = ("import atexit, sys; from attrib.cli import run; atexit.register(lambda: print('handler ran')); "
            "sys.argv = ['attrib'] + sys.argv[1:]; run()")
    done = subprocess.run([sys.executable, "-c", code, "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and "version" in done.stdout and done.stdout.rstrip().endswith("handler ran")
    wrong = subprocess.run([sys.executable, "-c", code, "no-such-command"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "No such command" in wrong.stderr and "handler ran" in wrong.stdout
