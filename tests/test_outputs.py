"""The output folder: one run's outputs only, readable by colleagues, explained by run.json and the summary."""
from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from attrib.cli import main

from conftest import FIXTURES


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "attrib", *args], capture_output=True, text=True, env=env)


def test_a_rerun_replaces_its_own_outputs(tmp_path):
    out = tmp_path / "out"
    assert run("analyze", str(FIXTURES / "claims"), "--out", str(out), "-j", "1", "-q", "--graphs", "all").returncode == 0
    graphs_before = {p.name for p in (out / "graphs").glob("c*.svg")}
    assert len(graphs_before) > 3 and (out / "claims.csv").is_file()
    done = run("analyze", str(FIXTURES / "claims"), "--out", str(out), "-j", "1", "-q", "--graphs", "2",
               "--format", "parquet")
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (out / "graphs").glob("c*.svg")} == {"c000001.svg", "c000002.svg"}
    assert not list(out.glob("*.csv")), "tables of the earlier format left behind"
    assert {p.name for p in out.glob("*.parquet")} == {f"{t}.parquet" for t in
                                                         ("statements", "citations", "documents", "claims", "sources")}
    record = json.loads((out / "run.json").read_text())
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert on_disk == record["outputs"]   # everything in the folder is this run's, and listed


def test_a_folder_of_something_else_is_refused_untouched(tmp_path):
    folder = tmp_path / "thesis"
    folder.mkdir()
    (folder / "chapter1.docx").write_bytes(b"mine")
    (folder / "statements.csv").write_text("my own table\n")
    done = run("analyze", str(FIXTURES / "claims"), "--out", str(folder), "-j", "1")
    assert done.returncode == 2
    assert "not attrib outputs" in done.stderr and "chapter1.docx" in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["chapter1.docx", "statements.csv"]
    assert (folder / "statements.csv").read_text() == "my own table\n"


def test_an_earlier_run_folder_keeps_a_users_extra_file(tmp_path):
    out = tmp_path / "out"
    assert run("analyze", str(FIXTURES / "claims"), "--out", str(out), "-j", "1", "-q").returncode == 0
    (out / "notes.txt").write_text("what I saw")
    assert run("analyze", str(FIXTURES / "claims"), "--out", str(out), "-j", "1", "-q").returncode == 0
    assert (out / "notes.txt").read_text() == "what I saw"


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_files_are_readable_as_the_umask_allows(tmp_path, umask):
    out = tmp_path / "out"
    done = subprocess.run(["/bin/sh", "-c", f"umask {umask:03o} && exec \"$0\" -m attrib analyze \"$1\" --out \"$2\" "
                           "-j 1 -q", sys.executable, str(FIXTURES / "claims"), str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()}
    assert modes and set(modes.values()) == {0o666 & ~umask}, modes


def test_run_json_records_every_option_version_and_inputs(tmp_path):
    out = tmp_path / "out"
    meta = tmp_path / "meta.csv"
    meta.write_text("doc_id,publisher\ncircular_a,Herald Group\n", encoding="utf-8")
    args = ["analyze", str(FIXTURES / "claims"), "--out", str(out), "-j", "1", "-q", "--graphs", "3", "--metadata",
            str(meta), "--strict", "--format", "jsonl"]
    assert run(*args).returncode == 0
    record = json.loads((out / "run.json").read_text())
    command = main.get_command(click.Context(main), "analyze")
    assert set(p.name for p in command.params) <= set(record["options"])
    assert record["options"]["graphs"] == "3" and record["options"]["strict"] is True
    assert record["options"]["metadata"] == str(meta) and record["options"]["engine"] == "local"
    assert record["attrib_version"] == __import__("attrib").__version__
    digest = record["inputs"]["sha256"]
    assert record["inputs"]["files"] == 3 and len(digest) == 64
    # the same inputs give the same digest; a changed input another
    assert run(*args).returncode == 0
    assert json.loads((out / "run.json").read_text())["inputs"]["sha256"] == digest
    copy = tmp_path / "copy"
    copy.mkdir()
    for p in (FIXTURES / "claims").iterdir():
        (copy / p.name).write_bytes(p.read_bytes())
    (copy / "circular_a.txt").write_text("Something else entirely.", encoding="utf-8")
    args[1] = str(copy)
    assert run(*args).returncode == 0
    assert json.loads((out / "run.json").read_text())["inputs"]["sha256"] != digest


def test_summary_names_every_output(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(FIXTURES / "claims"), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "run.json").read_text())
    for rel in record["outputs"]:
        top = rel.split("/")[0] + ("/" if "/" in rel else "")
        assert top in result.output or rel in result.output, rel
    for name in ("report.html", "graphs/", "network/", "claims.csv", "sources.gexf", "run.json"):
        assert name in result.output


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    done = run("analyze", str(FIXTURES / "claims"), "--out", str(tmp_path / "o"), "-j", "1")
    assert "\r" not in done.stderr and "▕" not in done.stderr and "extracting" not in done.stderr


def _on_a_terminal(args: list[str]) -> str:
    """stderr of `attrib ARGS` run with a pseudo-terminal as stderr."""
    import pty
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "attrib", *args], stdout=subprocess.DEVNULL, stderr=follower,
                               env={**os.environ, "TERM": "xterm", "ATTRIB_PROGRESS_DELAY": "0"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the run ended and closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_and_quiet_silences_it(tmp_path):
    """On a terminal a run shows its stage and counts (here at once: ATTRIB_PROGRESS_DELAY=0), then clears the line."""
    corpus = tmp_path / "corpus.jsonl"
    text = (FIXTURES / "seeds" / "000_f67a801f5426b32f.txt").read_text(encoding="utf-8")
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": text}) + "\n" for i in range(60)), encoding="utf-8")
    shown = _on_a_terminal(["analyze", str(corpus), "--out", str(tmp_path / "o"), "-j", "1"])
    assert "extracting" in shown and "\x1b[K" in shown
    assert re.search(r"\d+/60 documents", shown), shown[-500:]
    quiet = _on_a_terminal(["analyze", str(corpus), "--out", str(tmp_path / "q"), "-j", "1", "-q"])
    assert "extracting" not in quiet and "\x1b[K" not in quiet

