"""Claim graphs: drawn as an answer (counts, legend, publishers and their reports, cues), readable at
50 reports, and never running article text."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import polars as pl
import pytest

import attrib
from attrib import render
from attrib.graph import MAX_REPORTERS, MAX_SOURCES, claim_graph, collect_picture
from attrib.render import render_svg, safe_filename
from attrib.gazetteer import load_gazetteer
from attrib.tables import EXTRACTED as SCHEMAS

from chromium import Browser, chromium_path
from conftest import FIXTURES

SVG = "{http://www.w3.org/2000/svg}"
needs_graphviz = pytest.mark.skipif(not render.renderer(), reason="no Graphviz renderer")


def drawn(svg: bytes) -> tuple[dict[str, str], list[tuple[str, str, str]], str]:
    """The picture as a reader sees it: node id -> its text, edges (from, to, label), the title."""
    root = ET.fromstring(svg)
    nodes, edges, title = {}, [], ""
    for g in root.iter(f"{SVG}g"):
        text = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
        name = g.findtext(f"{SVG}title") or ""
        if g.get("class") == "node":
            nodes[name] = text
        elif g.get("class") == "edge":
            a, b = name.replace("&#45;", "-").split("->")
            edges.append((a, b, text))
        elif g.get("class") == "graph":
            title = " ".join(_own_texts(g))
    return nodes, edges, title


def _own_texts(element) -> list[str]:
    """Texts of an SVG group that are not inside its nodes, edges or frames (a graph's title)."""
    out = []
    for child in element:
        if child.tag == f"{SVG}text":
            out.append(child.text or "")
        elif child.get("class") not in ("node", "edge", "cluster"):
            out += _own_texts(child)
    return out


def bridge_corpus(path, publishers: str) -> None:
    """50 short articles reporting one fact (my own sentences), attributed five ways, from 50 publishers
    ("many") or all from one ("one")."""
    sources = ["Reuters", "the Associated Press", "AFP", "RIA Novosti", "TASS", "the BBC", "Xinhua", "Interfax",
               "CNN", "Al Jazeera", "Kyodo News", "Yonhap", "NHK", "Sputnik", "The Guardian", "Bloomberg"]
    fact = "the old river bridge in Carvel collapsed on Tuesday night after three days of heavy rain"
    rows = []
    for i in range(50):
        a, b = sources[i % len(sources)], sources[(i * 7 + 3) % len(sources)]
        forms = [f"{a[0].upper() + a[1:]} reported that {fact}.", f"{fact[0].upper() + fact[1:]}, {a} said.",
                 f"According to {a}, {fact}.", f"{a[0].upper() + a[1:]} reported, citing {b}, that {fact}.",
                 f"{fact[0].upper() + fact[1:]}."]
        rows.append({"id": f"bridge{i:02d}", "text": forms[i % 5] + " Officials closed the roads nearby.",
                     "publisher": "Daily Carvel" if publishers == "one" else f"Outlet {i:02d}"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def bridge(tmp_path_factory):
    """The bridge corpus analyzed both ways: {"many": Analysis, "one": Analysis}."""
    out = {}
    for kind in ("many", "one"):
        path = tmp_path_factory.mktemp("bridge") / f"{kind}.jsonl"
        bridge_corpus(path, kind)
        out[kind] = attrib.analyze(path, jobs=1)
    return out


def _bridge_claim(analysis) -> dict:
    return analysis.claims.filter(pl.col("text").str.contains("bridge")).row(0, named=True)


def _graph(analysis, claim: dict):
    return claim_graph(claim["claim_id"], analysis.statements, analysis.citations, claim["text"], claim=claim)


def test_greeting_graph_shows_sources_behind_publishers():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    st = result.statements
    greeting = st.filter(st["text"].str.contains("personally greeted"))["claim_id"][0]
    source = claim_graph(greeting, st, result.citations, "greeting").source
    for name in ("RIA Novosti (state)", "Reuters", "Russian state media (state)", "Sputnik (state)"):
        assert name in source
    assert "doubleoctagon" in source and "dashed" in source  # originals, unattributed reports


@needs_graphviz
def test_title_gives_the_answer_of_the_claims_table():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    claims = result.claims
    for claim in pl.concat([claims.head(5), claims.filter(pl.col("n_unattributed") == 0).head(2)]).iter_rows(named=True):
        _, _, title = drawn(render_svg(_graph(result, claim).source))
        n_publishers = len(claim["publishers"])
        expected = (f"{claim['n_statements']} report{'s' * (claim['n_statements'] > 1)} · "
                    f"{claim['n_documents']} document{'s' * (claim['n_documents'] > 1)} · "
                    f"{n_publishers} publisher{'s' * (n_publishers > 1)} · {claim['n_independent_origins']} "
                    f"independent origin{'s' * (claim['n_independent_origins'] > 1)} "
                    f"(of {claim['n_originals']} originals")
        assert expected in title, (expected, title)
        # the publishers that state it unattributed are origins too, though not drawn as nodes: the title says so
        assert ("publishers' own reporting" in title) == (claim["n_unattributed"] > 0), title
        assert claim["claim_id"] in title


@needs_graphviz
def test_unattributed_reports_are_kept_apart_and_carry_no_edges():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    laundered = result.claims.filter(pl.col("flags").str.contains("laundered"))
    assert laundered.height >= 3
    for claim in laundered.iter_rows(named=True):
        nodes, edges, _ = drawn(render_svg(_graph(result, claim).source))
        unattributed = {n for n, text in nodes.items() if "unattributed" in text}
        assert unattributed, claim["claim_id"]
        assert not [e for e in edges if e[0] in unattributed]
        assert any(e[0] not in unattributed for e in edges)  # the attributed reports have theirs


@needs_graphviz
def test_legend_and_report_counts_on_publishers():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    claim = result.claims.row(0, named=True)
    nodes, _, _ = drawn(render_svg(_graph(result, claim).source))
    legend = nodes["legend"]
    assert "Legend" in legend and "original" in legend and "state-affiliated" in legend and "unattributed" in legend
    reports = [int(n) for text in nodes.values() for n in re.findall(r"(\d+) reports?\b", text)]
    assert sum(reports) >= claim["n_statements"]


def _frames(hops: list[tuple[str, str, str]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One statement citing along `hops` = [(cited, cue, rule_id), ...]."""
    st = pl.DataFrame([{"doc_id": "d", "statement_id": "d:0", "sentence_index": 0, "text": "Fact.", "chains": [[h[0] for h in hops]],
                        "originals": [hops[-1][0]], "n_originals": 1, "depth": len(hops), "hedged": False, "claim_id": "c1",
                        "publisher": "Pub", "start": 0, "end": 5, "paragraph": 0, "also_claims": []}],
                      schema=SCHEMAS["statements"], orient="row")
    ci = pl.DataFrame([{"doc_id": "d", "statement_id": "d:0", "path": 1, "hop": i + 1,
                        "citing": "Pub" if i == 0 else hops[i - 1][0], "cited": cited, "cited_kind": "outlet",
                        "cited_text": cited, "source_start": None, "source_end": None, "cue": cue, "cue_start": None,
                        "cue_end": None, "rule_id": rule, "hedge": "", "source_id": ""}
                       for i, (cited, cue, rule) in enumerate(hops)], schema=SCHEMAS["citations"], orient="row")
    return st, ci


def test_continued_labels_only_continuations():
    st, ci = _frames([("TASS", "", "told-outlet"), ("the minister", "told", "told-outlet")])
    cues = {c for counter in collect_picture(st.to_dicts(), ci, load_gazetteer()).edges.values() for c in counter}
    assert cues == {"(cites)", "told"}
    st, ci = _frames([("KCNA", "", "continuation")])
    cues = {c for counter in collect_picture(st.to_dicts(), ci, load_gazetteer()).edges.values() for c in counter}
    assert cues == {"(continued)"}


@needs_graphviz
def test_one_publisher_does_not_collapse_into_one_box(bridge):
    analysis = bridge["one"]
    claim = _bridge_claim(analysis)
    assert claim["publishers"] == ["Daily Carvel"] and claim["n_documents"] == 50
    source = _graph(analysis, claim).source
    nodes, edges, title = drawn(render_svg(source))
    assert "cluster_" in source and "Daily Carvel · 50 documents · 50 reports" in " ".join(nodes.values()) + source
    documents = [t for t in nodes.values() if re.search(r"\bbridge\d\d\b", t)]
    assert len(documents) >= 10  # documents, not one publisher box
    assert "50 reports · 50 documents · 1 publisher" in title


@needs_graphviz
def test_a_claim_with_50_reports_renders_readably(bridge, tmp_path):
    """50 reports from 50 publishers: boxes folded to a few dozen, every report still counted, the
    picture within a screen or two, and a browser draws it."""
    analysis = bridge["many"]
    claim = _bridge_claim(analysis)
    assert claim["n_statements"] == 50
    svg = render_svg(_graph(analysis, claim).source)
    nodes, edges, title = drawn(svg)
    assert "50 reports · 50 documents · 50 publishers" in title
    reporters = [t for t in nodes.values() if re.search(r"Outlet \d\d|more publishers|publishers:", t)]
    assert len(reporters) <= MAX_REPORTERS + 2  # the first 14, "+N more", and the unattributed ones listed
    assert len(nodes) <= MAX_REPORTERS + MAX_SOURCES + 4
    assert any(re.search(r"\+\d+ more publishers", t) for t in reporters)
    # each reporter box counts its reports: together, all 50
    assert sum(int(re.search(r"(\d+) reports?", t).group(1)) for t in reporters) == 50
    root = ET.fromstring(svg)
    width, height = (float(root.get(k).rstrip("pt")) for k in ("width", "height"))
    assert width < 2000 and height < 2000, (width, height)
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    assert min(sizes) >= 9
    if chromium_path():
        page = tmp_path / "graph.svg"
        page.write_bytes(svg)
        with Browser(1400, 1000) as browser:
            browser.open(page.as_uri())
            assert browser.js("document.querySelectorAll('g.node').length") == len(nodes)
            shot = browser.screenshot(tmp_path / "graph.png")
        assert shot.stat().st_size > 30_000


@needs_graphviz
def test_edges_say_cue_and_count(bridge):
    analysis = bridge["many"]
    _, edges, _ = drawn(render_svg(_graph(analysis, _bridge_claim(analysis)).source))
    labels = [label for _, _, label in edges if label]
    assert any(re.search(r"\b(reported|said|according to|citing)\b", label) for label in labels)
    assert any(re.search(r"^\d+× ", label) for label in labels)


@pytest.fixture(scope="module")
def claims_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("claims_out")
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(FIXTURES), "--out", str(out), "-q", "-j", "1",
                    "--graphs", "all"], check=True)
    return out


def test_hostile_source_name_is_shown_not_run(claims_out):
    svgs = [p.read_text(encoding="utf-8") for p in (claims_out / "graphs").glob("*.svg")]
    csv = (claims_out / "citations.csv").read_text(encoding="utf-8")
    assert all("<script" not in s for s in svgs)
    assert "<script>alert" in csv  # CSV keeps the text as text


def test_claim_ids_cannot_leave_the_output_folder():
    for bad in ("../x", "a/b", "", ".."):
        with pytest.raises(ValueError):
            safe_filename(bad)


@pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz dot not installed")
def test_pygraphviz_fallback_renders_the_same_graph(monkeypatch):
    pytest.importorskip("pygraphviz")
    source = "digraph { a -> b [label=\"&lt;x&gt;\"] }"
    with_dot = render_svg(source)
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    assert render.renderer() == "pygraphviz"
    bundled = render_svg(source)
    assert b"<svg" in with_dot and b"<svg" in bundled


HOSTILE = ['<script>alert(1)</script>', 'Quote " Agency', 'Back\\slash \\N \\G', 'Comment --> end', 'CDATA ]]> x',
           'Entity &amp; &lt;b&gt;', '{brace} [bracket] <html>', "O'Brien Times"]


def _hostile_frames():
    st, ci = [], []
    for i, name in enumerate(HOSTILE):
        sid = f"d{i}:0"
        st.append({"doc_id": f"d{i}", "statement_id": sid, "sentence_index": 0, "text": f"Fact {name} happened.",
                   "chains": [[name]], "originals": [name], "n_originals": 1, "depth": 1, "hedged": True,
                   "claim_id": "c1", "publisher": f"Pub {name}", "start": 0, "end": 10, "paragraph": 0,
                   "also_claims": []})
        ci.append({"doc_id": f"d{i}", "statement_id": sid, "path": 1, "hop": 1, "citing": f"Pub {name}",
                   "cited": name, "cited_kind": "outlet", "cited_text": name, "source_start": 0, "source_end": 1,
                   "cue": f"cue {name}", "cue_start": None, "cue_end": None, "rule_id": "x",
                   "hedge": f"hedge {name}", "source_id": ""})
    return (pl.DataFrame(st, schema=SCHEMAS["statements"], orient="row"),
            pl.DataFrame(ci, schema=SCHEMAS["citations"], orient="row"))


@pytest.mark.parametrize("prog", ["dot", "pygraphviz"])
def test_hostile_labels_show_verbatim_in_svg(prog, monkeypatch):
    """Names with quotes, backslashes, entities and markup parse as SVG and read back as written."""
    if prog == "dot" and not shutil.which("dot"):
        pytest.skip("Graphviz dot not installed")
    if prog == "pygraphviz":
        pytest.importorskip("pygraphviz")
        monkeypatch.setattr(render.shutil, "which", lambda name: None)
    st, ci = _hostile_frames()
    svg = render_svg(claim_graph("c1", st, ci, " ".join(HOSTILE)).source).decode("utf-8")
    assert "<script" not in svg
    root = ET.fromstring(svg)
    shown = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    shown += " " + " ".join(v for e in root.iter() for k, v in e.attrib.items() if k.endswith("title"))
    assert [n for n in HOSTILE if n not in shown] == []


def test_without_system_graphviz_no_fontconfig_warning(tmp_path):
    """The Graphviz bundled in pygraphviz's wheels reads its own fonts.conf: no warning about the system's."""
    pytest.importorskip("pygraphviz")
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path)}   # no `dot` on this PATH
    done = subprocess.run([sys.executable, "-m", "attrib", "analyze", str(FIXTURES / "claims"), "--out",
                           str(tmp_path / "out"), "-q", "-j", "1"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Fontconfig" not in done.stderr, done.stderr
    assert (tmp_path / "out" / "graphs" / "c000001.svg").is_file()
