"""Stage 7, graph: a citation graph per claim, the corpus-wide outlet network, and the sources table.

Nodes are the publishers of a claim's statements and every source they cite;
edges run citing -> cited with counts, cues and hedges. Original sources are the
sinks. Text from articles only ever enters a graph as escaped, non-HTML labels,
and file names come from claim ids that are checked to stay in the output folder.

Rendering: Graphviz `dot` when it is on PATH, otherwise the Graphviz bundled in
pygraphviz's wheels, so that a pip-only install still renders SVG.
"""
from __future__ import annotations

import html
import logging
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import graphviz
import polars as pl

from .claims.rows import claim_members, source_key, statement_claims, supports
from .resolve import Gazetteer, load_gazetteer

log = logging.getLogger("attrib")
SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
PUBLISHER_STYLE = {"shape": "box", "style": "filled,rounded", "fillcolor": "#dbe9f6", "color": "#3b6ea8"}
INTERMEDIARY_STYLE = {"shape": "ellipse", "style": "filled", "fillcolor": "#f4f4f4", "color": "#777777"}
ORIGINAL_STYLE = {"shape": "doubleoctagon", "style": "filled", "fillcolor": "#fff2cc", "color": "#b08900"}
STATE_COLOR = "#c0392b"


def text_label(text: str, limit: int = 90) -> graphviz.quoting.NoHtml:
    """A label from article text: shortened, backslashes escaped (no \\N tricks), never an HTML label.

    Graphviz decodes entities in plain labels, so "&" is escaped too: a name like "&lt;b&gt;"
    shows as written, not as "<b>".
    """
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return graphviz.nohtml(text.replace("\\", "\\\\").replace("&", "&amp;"))


def safe_filename(claim_id: str) -> str:
    if not SAFE_ID.match(claim_id) or claim_id in (".", ".."):
        raise ValueError(f"unsafe claim id for a file name: {claim_id!r}")
    return claim_id


@dataclass
class Node:
    key: str
    name: str
    roles: set[str] = field(default_factory=set)
    state: bool = False
    statements: list[str] = field(default_factory=list)


def claim_graph(claim_id: str, statements: pl.DataFrame | pl.LazyFrame, citations: pl.DataFrame | pl.LazyFrame,
                claim_text: str = "", gazetteer: Gazetteer | None = None) -> graphviz.Digraph:
    """The citation graph of one claim as a graphviz.Digraph (DOT source via `.source`)."""
    gazetteer = gazetteer or load_gazetteer()
    with_also = "also_claims" in statements.lazy().collect_schema().names()
    members = claim_members(statements.lazy().filter(supports([claim_id], with_also)).collect()).get(claim_id, [])
    ids = {m["statement_id"] for m in members}
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Counter] = defaultdict(Counter)
    hedges: dict[tuple[str, str], set[str]] = defaultdict(set)

    def node(key: str, name: str, role: str, statement: str, source_id: str = "") -> str:
        n = nodes.setdefault(key, Node(key, name))
        n.roles.add(role)
        entry = gazetteer.entries.get(source_id) if source_id else None
        n.state = n.state or bool(entry and entry.state_affiliated) or "state media" in name.lower()
        if statement and statement not in n.statements:
            n.statements.append(statement)
        return key

    rows = (citations.lazy().filter(pl.col("statement_id").is_in(sorted(ids))).sort(["statement_id", "path", "hop"])
            .collect())
    text_of = {m["statement_id"]: m["text"] for m in members}
    paths: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for r in rows.iter_rows(named=True):
        paths[(r["statement_id"], r["path"])].append(r)
    attributed = set()
    for m in members:
        pub_key = "publisher:" + (m["publisher"] or m["doc_id"])
        node(pub_key, m["publisher"] or m["doc_id"], "publisher", m["text"])
    for (sid, _), hops in paths.items():
        attributed.add(sid)
        member = next(m for m in members if m["statement_id"] == sid)
        prev = "publisher:" + (member["publisher"] or member["doc_id"])
        for i, h in enumerate(hops):
            key = h["source_id"] or "name:" + h["cited"].lower()
            role = "original" if i == len(hops) - 1 else "intermediary"
            node(key, h["cited"], role, text_of[sid], h["source_id"] or "")
            edges[(prev, key)][h["cue"] or "(continued)"] += 1
            if h["hedge"]:
                hedges[(prev, key)].add(h["hedge"])
            prev = key
    for m in members:
        if m["statement_id"] not in attributed:
            nodes["publisher:" + (m["publisher"] or m["doc_id"])].roles.add("unattributed")

    g = graphviz.Digraph(name=safe_filename(claim_id), graph_attr={
        "rankdir": "LR", "labelloc": "t", "fontsize": "12", "fontname": "Helvetica",
        "label": text_label(f"{claim_id}: {claim_text}", 160), "tooltip": text_label(claim_text, 300)},
        node_attr={"fontname": "Helvetica", "fontsize": "10"}, edge_attr={"fontname": "Helvetica", "fontsize": "9"})
    for i, n in enumerate(sorted(nodes.values(), key=lambda n: n.key)):
        if "publisher" in n.roles:
            style = dict(PUBLISHER_STYLE)
            if "unattributed" in n.roles:
                style["style"] = "filled,rounded,dashed"
        elif "original" in n.roles:
            style = dict(ORIGINAL_STYLE)
        else:
            style = dict(INTERMEDIARY_STYLE)
        if n.state:
            style["color"], style["penwidth"] = STATE_COLOR, "2"
        label = n.name + (" (state)" if n.state else "") + (" — unattributed" if "unattributed" in n.roles else "")
        tooltip = " | ".join(n.statements[:5]) + (" …" if len(n.statements) > 5 else "")
        g.node(f"n{i}", label=text_label(label, 60), tooltip=text_label(tooltip, 600), **style)
        n.key_id = f"n{i}"  # type: ignore[attr-defined]
    key_id = {n.key: n.key_id for n in nodes.values()}  # type: ignore[attr-defined]
    for (a, b), cues in sorted(edges.items()):
        count = sum(cues.values())
        label = ", ".join(sorted(cues)) + (f" ×{count}" if count > 1 else "")
        if hedges.get((a, b)):
            label += " (" + ", ".join(sorted(hedges[(a, b)])) + ")"
        g.edge(key_id[a], key_id[b], label=text_label(label, 50), penwidth=str(min(1 + count * 0.5, 5)),
               style="dashed" if hedges.get((a, b)) else "solid")
    return g


def render_svg(dot_source: str) -> bytes:
    """SVG from DOT: the `dot` program when installed, else pygraphviz's bundled Graphviz."""
    if shutil.which("dot"):
        return subprocess.run(["dot", "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True,
                              check=True, timeout=120).stdout
    try:
        import pygraphviz
    except ImportError as exc:
        raise RuntimeError("no Graphviz: install Graphviz (apt-get install graphviz) or pip install pygraphviz") from exc
    return pygraphviz.AGraph(string=dot_source).draw(format="svg", prog="dot")


def renderer() -> str:
    if shutil.which("dot"):
        return "dot"
    try:
        import pygraphviz  # noqa: F401
        return "pygraphviz"
    except ImportError:
        return ""


def write_graph(g: graphviz.Digraph, folder: Path, name: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / safe_filename(name)
    if base.resolve().parent != folder.resolve():
        raise ValueError(f"graph file would leave {folder}")
    dot_path = base.with_suffix(".dot")
    dot_path.write_text(g.source, encoding="utf-8")
    out = [dot_path]
    if renderer():
        svg_path = base.with_suffix(".svg")
        svg_path.write_bytes(render_svg(g.source))
        out.append(svg_path)
    return out


def sources_table(statements: pl.DataFrame | pl.LazyFrame, citations: pl.DataFrame | pl.LazyFrame,
                  gazetteer: Gazetteer | None = None) -> pl.DataFrame:
    """One row per cited source: who it is and how it is cited across the corpus."""
    gazetteer = gazetteer or load_gazetteer()
    publishers = (statements.lazy().select("doc_id", pl.col("publisher").fill_null(""))
                  .unique("doc_id", keep="first").collect(engine="streaming"))
    per_source = (citations.lazy().select("doc_id", "statement_id", "path", "hop", "cited", "cited_kind", "source_id")
                  .with_columns((pl.col("hop") == pl.col("hop").max().over("statement_id", "path")).alias("is_last"),
                                source_key().alias("key"))
                  .join(publishers.lazy(), on="doc_id", how="left", maintain_order="left")
                  .group_by("key", maintain_order=True)
                  .agg(pl.col("cited").first(), pl.col("cited_kind").first(), pl.len().alias("n_cited"),
                       pl.col("is_last").sum().alias("n_as_original"),
                       pl.col("publisher").fill_null("").n_unique().alias("n_publishers_citing"))
                  .collect())
    rows = []
    for key, cited, cited_kind, n_cited, n_original, n_publishers in per_source.iter_rows():
        entry = gazetteer.entries.get(key)
        rows.append({"source_id": key, "name": entry.name if entry else cited,
                     "kind": entry.kind if entry else cited_kind, "country": entry.country if entry else "",
                     "state_affiliated": bool(entry and entry.state_affiliated), "owner": entry.owner if entry else "",
                     "n_cited": n_cited, "n_as_original": n_original, "n_as_intermediary": n_cited - n_original,
                     "n_publishers_citing": n_publishers})
    schema = {"source_id": pl.String, "name": pl.String, "kind": pl.String, "country": pl.String,
              "state_affiliated": pl.Boolean, "owner": pl.String, "n_cited": pl.Int64, "n_as_original": pl.Int64,
              "n_as_intermediary": pl.Int64, "n_publishers_citing": pl.Int64}
    frame = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return frame.sort(["n_cited", "source_id"], descending=[True, False])


def network(citations: pl.DataFrame | pl.LazyFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Corpus-wide citing -> cited network: Gephi nodes (Id, Label, ...) and edges (Source, Target, Weight)."""
    pairs = (citations.lazy().with_row_index("i").group_by("citing", "cited")
             .agg(pl.len().alias("Weight"), pl.col("cited_kind").sort_by("i").last(), pl.col("i").max()).collect(engine="streaming"))
    if pairs.height == 0:
        empty_nodes = pl.DataFrame(schema={"Id": pl.String, "Label": pl.String, "Kind": pl.String, "Cited": pl.Int64})
        return empty_nodes, pl.DataFrame(schema={"Source": pl.String, "Target": pl.String, "Weight": pl.Int64})
    edges = (pairs.select(pl.col("citing").alias("Source"), pl.col("cited").alias("Target"), "Weight")
             .sort(["Weight", "Source", "Target"], descending=[True, False, False]))
    # a cited name's kind: the one of its last citation
    cited = pairs.group_by("cited").agg(pl.col("cited_kind").sort_by("i").last().alias("Kind"),
                                        pl.col("Weight").sum().alias("Cited"))
    kinds = dict(zip(cited["cited"], cited["Kind"]))
    cited_counts = dict(zip(cited["cited"], cited["Cited"]))
    names = sorted(set(edges["Source"]) | set(edges["Target"]))
    nodes = pl.DataFrame({"Id": names, "Label": names, "Kind": [kinds.get(n, "publisher") for n in names],
                          "Cited": [cited_counts.get(n, 0) for n in names]})
    return nodes, edges


_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def gexf(nodes: pl.DataFrame, edges: pl.DataFrame) -> str:
    esc = lambda s: html.escape(_XML_INVALID.sub("", str(s)), quote=True)  # noqa: E731
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
             '<graph defaultedgetype="directed" mode="static">',
             '<attributes class="node"><attribute id="kind" title="kind" type="string"/></attributes>',
             "<nodes>"]
    for n in nodes.iter_rows(named=True):
        lines.append(f'<node id="{esc(n["Id"])}" label="{esc(n["Label"])}"><attvalues>'
                     f'<attvalue for="kind" value="{esc(n["Kind"])}"/></attvalues></node>')
    lines.append("</nodes><edges>")
    for i, e in enumerate(edges.iter_rows(named=True)):
        lines.append(f'<edge id="{i}" source="{esc(e["Source"])}" target="{esc(e["Target"])}" weight="{e["Weight"]}"/>')
    lines.append("</edges></graph></gexf>")
    return "\n".join(lines) + "\n"


def network_graph(nodes: pl.DataFrame, edges: pl.DataFrame, top: int = 150) -> graphviz.Digraph:
    """The outlet network, drawn: the `top` heaviest edges."""
    g = graphviz.Digraph(name="sources", graph_attr={"rankdir": "LR", "overlap": "false",
                                                     "label": "Who cites whom", "labelloc": "t"},
                         node_attr={"fontname": "Helvetica", "fontsize": "10", "shape": "ellipse"})
    shown = edges.head(top)
    ids = {name: f"n{i}" for i, name in enumerate(sorted(set(shown["Source"]) | set(shown["Target"])))}
    for name, nid in ids.items():
        g.node(nid, label=text_label(name, 50), tooltip=text_label(name, 200))
    for e in shown.iter_rows(named=True):
        g.edge(ids[e["Source"]], ids[e["Target"]], label=str(e["Weight"]), penwidth=str(min(1 + e["Weight"] / 3, 6)))
    return g


def _supporting(analysis, claim_ids: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The statements that support any of these claims, and their citations: all that their graphs need,
    read without loading the whole tables."""
    statements = analysis.scan("statements").filter(supports(claim_ids)).collect(engine="streaming")
    citations = (analysis.scan("citations").filter(pl.col("statement_id").is_in(statements["statement_id"].implode()))
                 .collect(engine="streaming"))
    return statements, citations


def write_claim_outputs(analysis, out_dir: str | Path, graphs: int | None = 20) -> list[Path]:
    """graphs/<claim>.svg|.dot for the top claims, graphs/sources.svg, sources.csv, network/*, report.html."""
    from .report import write_report
    from .write import write_table

    out = Path(out_dir)
    written: list[Path] = []
    gazetteer = load_gazetteer()
    claims = analysis.claims
    graph_dir = out / "graphs"
    if claims is not None and claims.height:
        chosen = claims if graphs is None else claims.head(max(graphs, 0))
        if not renderer():
            log.warning("Graphviz not found: writing .dot files only (apt-get install graphviz, or pip install pygraphviz)")
        statements, citations = _supporting(analysis, chosen["claim_id"].to_list())
        for row in chosen.iter_rows(named=True):
            g = claim_graph(row["claim_id"], statements, citations, row["text"], gazetteer)
            written += write_graph(g, graph_dir, row["claim_id"])
    nodes, edges = network(analysis.citations)
    written.append(write_table(nodes, out / "network", "nodes", "csv"))
    written.append(write_table(edges, out / "network", "edges", "csv"))
    (out / "network" / "sources.gexf").write_text(gexf(nodes, edges), encoding="utf-8")
    written.append(out / "network" / "sources.gexf")
    if edges.height:
        written += write_graph(network_graph(nodes, edges), graph_dir, "sources")
    written.append(write_report(analysis, out))
    return written


__all__ = ["claim_graph", "render_svg", "sources_table", "network", "write_claim_outputs", "statement_claims"]
