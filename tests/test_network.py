"""The outlet network: whole in the Gephi files, drawn readably at corpus scale."""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import polars as pl
import pytest

import attrib
from attrib import render
from attrib.graph_network import ENGINE, KIND_GROUPS, STATE_COLOR, network_graph
from attrib.layout_rings import Box, overlaps, ring_layout
from attrib.tables import EXTRACTED as SCHEMAS
from attrib.sources import gexf, network

from conftest import FIXTURES

SVG = "{http://www.w3.org/2000/svg}"
KINDS = ["person", "news_agency", "government_body", "organisation", "broadcaster", "group", "pronoun"]


def corpus_citations(n_sources: int = 400, n_publishers: int = 12, seed: int = 5) -> pl.DataFrame:
    """Citations of a corpus: publishers citing sources with a long tail, a few chains, and self-citations."""
    rng = random.Random(seed)
    rows = []
    for i in range(6000):
        publisher = f"Publisher {rng.randrange(n_publishers):02d}"
        source = f"Source {int(rng.paretovariate(1.1) * 3) % n_sources:03d}"
        hops = [(publisher, source)]
        if i % 7 == 0:
            hops.append((source, f"Source {rng.randrange(n_sources):03d}"))
        if i % 50 == 0:
            hops = [(publisher, publisher)]   # "Publisher 03 reported earlier"
        for hop, (citing, cited) in enumerate(hops, 1):
            number = int(cited.split()[1])
            rows.append({"doc_id": f"d{i}", "statement_id": f"d{i}:0", "path": 1, "hop": hop, "citing": citing,
                         "cited": cited, "cited_kind": KINDS[number % len(KINDS)], "cited_text": cited,
                         "source_start": None, "source_end": None, "cue": "said", "cue_start": None,
                         "cue_end": None, "rule_id": "x", "hedge": "",
                         "source_id": "ria-novosti" if cited == "Source 002" else ""})
    return pl.DataFrame(rows, schema=SCHEMAS["citations"], orient="row")


def test_gephi_files_keep_the_whole_network_self_citations_included():
    citations = corpus_citations()
    nodes, edges = network(citations)
    pairs = citations.select("citing", "cited").unique()
    assert edges.height == pairs.height and edges["Weight"].sum() == citations.height
    assert edges.filter(pl.col("Source") == pl.col("Target")).height > 0
    assert set(nodes["Id"]) == set(pairs["citing"]) | set(pairs["cited"])
    assert nodes.filter(pl.col("Id") == "Source 002")["State"].item()   # RIA Novosti in the gazetteer
    assert nodes.filter(pl.col("Id").str.starts_with("Publisher"))["Publisher"].all()
    root = ET.fromstring(gexf(nodes, edges).split("\n", 1)[1])
    titles = {a.get("title") for a in root.iter("{http://gexf.net/1.3}attribute")}
    assert {"kind", "state", "cited", "citing", "publisher"} <= titles


@pytest.mark.skipif(not render.renderer(), reason="no Graphviz renderer")
def test_drawn_network_is_readable_at_corpus_scale():
    """400 sources: the 150 most cited and the publishers, no self-loop, no overlap, within a screen or two."""
    nodes, edges = network(corpus_citations())
    g = network_graph(nodes, edges)
    svg = render.render_svg(g.source, ENGINE)
    root = ET.fromstring(svg)
    width, height = (float(root.get(k).rstrip("pt")) for k in ("width", "height"))
    assert width < 2500 and height < 2500 and 0.5 < width / height < 2, (width, height)
    drawn = {g.findtext(f"{SVG}title"): g for g in root.iter(f"{SVG}g") if g.get("class") == "node"}
    n_sources = nodes.filter(~pl.col("Publisher") & (pl.col("Cited") > 0) & (pl.col("Kind") != "pronoun")).height
    assert n_sources > 300
    title = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert f"the 150 most-cited sources (of {n_sources:,})" in title
    assert len(drawn) == 150 + 12 + 1   # sources, publishers, legend
    for a, b in re.findall(r"^\s*(s\d+) -> (s\d+)", g.source, re.M):
        assert a != b
    shapes = [p for node in drawn.values() for tag in ("path", "polygon") for p in node.iter(f"{SVG}{tag}")]
    fills = {p.get("fill") for p in shapes}
    assert {colour for _, colour in KIND_GROUPS.values()} & fills >= {KIND_GROUPS["publisher"][1],
                                                                      KIND_GROUPS["person"][1]}
    strokes = [p.get("stroke") for p in shapes]
    assert STATE_COLOR.lower() in [s.lower() for s in strokes if s]
    assert "Source 002 (state)" in title   # state affiliation in words, too


def test_ring_layout_never_overlaps():
    rng = random.Random(1)
    centre = [Box(f"p{i}", rng.uniform(60, 160), 24) for i in range(7)]
    rings = [Box(f"s{i}", rng.uniform(30, 170), rng.choice([22, 34, 46])) for i in range(300)]
    for box in rings:
        box.neighbours = {f"p{rng.randrange(7)}": 1.0}
    positions = ring_layout(centre, rings)
    boxes = {b.key: b for b in centre + rings}
    assert set(positions) == set(boxes)
    assert overlaps(boxes, positions) == []
    radius = max((x * x + y * y) ** 0.5 for x, y in positions.values())
    assert radius < 1400


def test_fixtures_network_has_no_self_loop_drawn():
    result = attrib.analyze(FIXTURES, jobs=1)
    nodes, edges = network(result.citations)
    source = network_graph(nodes, edges).source
    for a, b in re.findall(r"^\s*(s\d+) -> (s\d+)", source, re.M):
        assert a != b


def test_gexf_is_valid_xml_for_any_name():
    name = "bad\x01 <b>&amp; \"q\""
    nodes = pl.DataFrame({"Id": [name], "Label": [name], "Kind": ["outlet"]})
    edges = pl.DataFrame({"Source": [name], "Target": [name], "Weight": [1]})
    root = ET.fromstring(gexf(nodes, edges).split("\n", 1)[1])
    labels = [e.attrib["label"] for e in root.iter() if "label" in e.attrib]
    assert labels == ['bad <b>&amp; "q"']


def test_state_affiliation_is_marked_alike_in_the_sources_table_the_network_and_the_graphs(tmp_path):
    """Groups of state media are state-affiliated wherever a source is shown, as gazetteer outlets are."""
    (tmp_path / "a.txt").write_text(
        "Russian state media reported that the bridge near Kerch had reopened on Tuesday.\n\n"
        "State television reported that the road to Aleppo was closed.\n\n"
        "TASS reported that the bridge near Kerch had reopened on Tuesday.\n\n"
        "Reuters reported that the bridge near Kerch had reopened on Tuesday.\n\n"
        "Secretary of State Mike Pompeo said on Monday that the talks would go on.\n", encoding="utf-8")
    result = attrib.analyze(tmp_path, jobs=1)
    table = dict(result.extra["sources"].select("name", "state_affiliated").iter_rows())
    nodes, _ = network(result.citations)
    drawn = dict(nodes.select("Id", "State").iter_rows())
    expected = {"Russian state media": True, "State television": True, "TASS": True, "Reuters": False,
                "Secretary of State Mike Pompeo": False}
    assert {name: table.get(name) for name in expected} == expected
    assert {name: drawn.get(name) for name in expected} == expected
