"""DIR/report.html: one self-contained page, claims sorted by reports and flags, graphs inline, text escaped."""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import attrib
from attrib import graph
from attrib.graph import write_claim_outputs

from conftest import FIXTURES

CHROMIUM = "/usr/bin/chromium"  # Debian's package; CI: apt-get install -y --no-install-recommends chromium


@pytest.fixture(scope="module")
def report_out(tmp_path_factory):
    """The seeds plus the cycle and hostile-label fixtures, analyzed and drawn as a user would."""
    out = tmp_path_factory.mktemp("report_out")
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(FIXTURES / "seeds"), str(FIXTURES / "claims"),
                    "--out", str(out), "-q", "-j", "1", "--graphs", "all"], check=True)
    return out


class _Page(HTMLParser):
    """Collects what would make the page load or run anything."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[str] = []
        self.handlers: list[str] = []
        self.table_rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("src", "href", "xlink:href", "action") and value and not value.startswith("#"):
                self.external.append(f"{tag} {name}={value}")
        if tag == "tr":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row:
            self.table_rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _page(path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_report_is_self_contained_and_runs_nothing(report_out):
    page = _page(report_out / "report.html")
    assert "script" not in page.tags and "link" not in page.tags and "iframe" not in page.tags
    assert page.external == [], page.external
    assert page.handlers == [], page.handlers


def test_claims_table_sorted_by_reports_then_flags(report_out):
    rows = [r for r in _page(report_out / "report.html").table_rows if len(r) == 8]
    assert len(rows) > 10
    keys = [(-int(r[2]), 0 if r[7] else 1) for r in rows]
    assert keys == sorted(keys)
    assert any("circular" in r[7] for r in rows)


def test_graphs_are_inline(report_out):
    text = (report_out / "report.html").read_text(encoding="utf-8")
    if not graph.renderer():
        pytest.skip("no Graphviz renderer")
    drawn = len(list((report_out / "graphs").glob("c*.svg")))
    assert drawn > 10
    assert text.count("<svg") == min(drawn, 20) + 1  # top claims, plus the outlet network
    assert "<?xml" not in text and "<!DOCTYPE svg" not in text


def test_hostile_source_is_text_in_the_page(report_out):
    text = (report_out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in text
    assert "&lt;script&gt;alert(" in text


def test_without_graphviz_the_report_says_so(tmp_path, monkeypatch, caplog):
    result = attrib.analyze(FIXTURES / "claims", jobs=1)
    monkeypatch.setattr(graph, "renderer", lambda: "")
    with caplog.at_level(logging.WARNING, logger="attrib"):
        write_claim_outputs(result, tmp_path, graphs=None)
    assert "Graphviz not found" in caplog.text
    assert list((tmp_path / "graphs").glob("*.dot")) and not list((tmp_path / "graphs").glob("*.svg"))
    assert "graph not drawn" in (tmp_path / "report.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not shutil.which(CHROMIUM) or not graph.renderer(),
                    reason="needs Debian's chromium at /usr/bin/chromium and Graphviz")
def test_report_renders_graphs_in_chromium(report_out, tmp_path):
    report = report_out / "report.html"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert "<title>attrib report</title>" in dom
    assert dom.count("<svg") >= 2, dom[:500]
    assert len(re.findall(r"<g id=\"node\d+\" class=\"node\"", dom)) >= 10  # graphs drawn with nodes in the DOM
    assert "&lt;script&gt;alert" in dom  # the hostile name is text in the page, not a script
    assert "<script" not in dom
    shot = tmp_path / "report.png"
    subprocess.run([CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1200,2000", report.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000
