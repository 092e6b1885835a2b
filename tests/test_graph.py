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


HOSTILE = ['<script>alert(1)</script>', 'Quote " Agency', 'Back\\slash \\N \\G', 'Comment --> end', 'CDATA ]]> x',
           'Entity &amp; &lt;b&gt;', '{brace} [bracket] <html>', "O'Brien Times"]


def _hostile_frames():
    import polars as pl
    from attrib.api import SCHEMAS
    st, ci = [], []
    for i, name in enumerate(HOSTILE):
        sid = f"d{i}:0"
        st.append({"doc_id": f"d{i}", "statement_id": sid, "sentence_index": 0, "text": f"Fact {name} happened.",
                   "chains": name, "originals": name, "n_originals": 1, "depth": 1, "hedged": True,
                   "claim_id": "c1", "publisher": f"Pub {name}", "start": 0, "end": 10, "paragraph": 0,
                   "also_claims": ""})
        ci.append({"doc_id": f"d{i}", "statement_id": sid, "path": 0, "hop": 0, "citing": f"Pub {name}",
                   "cited": name, "cited_kind": "outlet", "cited_text": name, "source_start": 0, "source_end": 1,
                   "cue": f"cue {name}", "cue_start": None, "cue_end": None, "rule_id": "x",
                   "hedge": f"hedge {name}", "source_id": ""})
    return (pl.DataFrame(st, schema=SCHEMAS["statements"], orient="row"),
            pl.DataFrame(ci, schema=SCHEMAS["citations"], orient="row"))


@pytest.mark.parametrize("prog", ["dot", "pygraphviz"])
def test_hostile_labels_show_verbatim_in_svg(prog, monkeypatch):
    """Names with quotes, backslashes, entities and markup parse as SVG and read back as written."""
    import xml.etree.ElementTree as ET
    if prog == "dot" and not shutil.which("dot"):
        pytest.skip("Graphviz dot not installed")
    if prog == "pygraphviz":
        pytest.importorskip("pygraphviz")
        monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    st, ci = _hostile_frames()
    svg = graph.render_svg(claim_graph("c1", st, ci, " ".join(HOSTILE)).source).decode("utf-8")
    assert "<script" not in svg
    root = ET.fromstring(svg)
    shown = " ".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    shown += " " + " ".join(v for e in root.iter() for k, v in e.attrib.items() if k.endswith("title"))
    assert [n for n in HOSTILE if n not in shown] == []


def test_gexf_is_valid_xml_for_any_name():
    import xml.etree.ElementTree as ET
    import polars as pl
    from attrib.graph import gexf
    name = "bad\x01 <b>&amp; \"q\""
    nodes = pl.DataFrame({"Id": [name], "Label": [name], "Kind": ["outlet"]})
    edges = pl.DataFrame({"Source": [name], "Target": [name], "Weight": [1]})
    root = ET.fromstring(gexf(nodes, edges).split("\n", 1)[1])
    labels = [e.attrib["label"] for e in root.iter() if "label" in e.attrib]
    assert labels == ['bad <b>&amp; "q"']
