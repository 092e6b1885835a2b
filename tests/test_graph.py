"""Citation graphs, the outlet network and the report: drawn, and never running article text."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import attrib
from attrib import graph
from attrib.graph import claim_graph, safe_filename

from conftest import FIXTURES


@pytest.fixture(scope="module")
def claims_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("claims_out")
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(FIXTURES), "--out", str(out), "-q", "-j", "1",
                    "--graphs", "all"], check=True)
    return out


def test_greeting_graph_shows_sources_behind_publishers():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    st = result.statements
    greeting = st.filter(st["text"].str.contains("personally greeted"))["claim_id"][0]
    source = claim_graph(greeting, st, result.citations, "greeting").source
    for name in ("RIA Novosti (state)", "Reuters", "Russian state media (state)", "Sputnik (state)"):
        assert name in source
    assert "doubleoctagon" in source and "dashed" in source  # originals, unattributed publishers


def test_outputs_written(claims_out):
    for rel in ("claims.csv", "sources.csv", "network/nodes.csv", "network/edges.csv", "network/sources.gexf",
                "graphs/sources.dot", "graphs/c000001.dot", "report.html"):
        assert (claims_out / rel).is_file(), rel
    if graph.renderer():
        assert (claims_out / "graphs" / "c000001.svg").read_text().lstrip().startswith("<?xml")


def test_hostile_source_name_is_shown_not_run(claims_out):
    svgs = [p.read_text(encoding="utf-8") for p in (claims_out / "graphs").glob("*.svg")]
    report = (claims_out / "report.html").read_text(encoding="utf-8")
    csv = (claims_out / "citations.csv").read_text(encoding="utf-8")
    assert "<script" not in report and all("<script" not in s for s in svgs)
    assert "&lt;script&gt;" in report
    assert "<script>alert" in csv  # CSV keeps the text as text


def test_claim_ids_cannot_leave_the_output_folder():
    for bad in ("../x", "a/b", "", ".."):
        with pytest.raises(ValueError):
            safe_filename(bad)


@pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz dot not installed")
def test_pygraphviz_fallback_renders_the_same_graph(monkeypatch):
    pytest.importorskip("pygraphviz")
    source = "digraph { a -> b [label=\"&lt;x&gt;\"] }"
    with_dot = graph.render_svg(source)
    monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    assert graph.renderer() == "pygraphviz"
    bundled = graph.render_svg(source)
    assert b"<svg" in with_dot and b"<svg" in bundled


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not CHROMIUM or not graph.renderer(), reason="needs headless Chromium and Graphviz")
def test_report_renders_graphs_in_chromium(claims_out, tmp_path):
    report = claims_out / "report.html"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert dom.count("<svg") >= 2, dom[:500]
    assert "<title>attrib report</title>" in dom
    assert "&lt;script&gt;alert" in dom  # the hostile name is text in the page
    shot = tmp_path / "report.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,2000", report.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000
