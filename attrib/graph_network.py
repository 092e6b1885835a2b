"""The outlet network drawn: who cites whom across the corpus, for the report and graphs/sources.svg.

A corpus cites hundreds of sources; drawn whole, that is a column thousands of points
tall. So the picture keeps the most-cited sources and the publishers and outlets that
cite them, places them on rings by rank (layout_rings.py), sizes each source by its citations,
colours it by kind and marks state-affiliated ones; the title says how many of how many
are shown. network/nodes.csv, edges.csv and sources.gexf keep the whole network.
"""
from __future__ import annotations

import math

import graphviz
import polars as pl

from .layout_rings import Box, ring_layout
from .render import lines_label, text_label, wrap
from .gazetteer import OUTLET_KINDS

ENGINE = ("neato", "-n2")   # positions computed here, drawn as given
STATE_COLOR = "#c0392b"
# kind -> (legend words, fill colour)
KIND_GROUPS = {
    "publisher": ("publisher of the corpus", "#9ec5ea"),
    "media": ("news outlet or agency", "#ffd98e"),
    "official": ("government, country", "#b9e4b0"),
    "organisation": ("organisation, pollster", "#d9c8ef"),
    "person": ("person", "#f2f2f2"),
    "other": ("group, unnamed", "#e0e0e0"),
}

NO_ONE = ["pronoun", "unresolved"]   # kinds of a cited name that is no one to look at


def kind_group(kind: str, publisher: bool) -> str:
    if publisher:
        return "publisher"
    if kind in OUTLET_KINDS:
        return "media"
    if kind in ("government_body", "country"):
        return "official"
    if kind in ("organisation", "pollster"):
        return "organisation"
    return "person" if kind == "person" else "other"


def network_view(nodes: pl.DataFrame, edges: pl.DataFrame, top: int = 150, publishers: int = 20
                 ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The part of the network that is drawn: the `top` most-cited sources, the `publishers`
    publishers citing them most, and the edges among those (no self-citations)."""
    loops = edges.filter(pl.col("Source") == pl.col("Target")).select(pl.col("Source").alias("Id"),
                                                                      pl.col("Weight").alias("loops"))
    nodes = (nodes.join(loops, on="Id", how="left", maintain_order="left")
             .with_columns((pl.col("Cited") - pl.col("loops").fill_null(0)).alias("Cited")).drop("loops"))
    edges = edges.filter(pl.col("Source") != pl.col("Target"))
    # unresolved pronouns ("he", "they") are no one's source to look at; the network files keep them
    cited = (nodes.filter((pl.col("Cited") > 0) & ~pl.col("Publisher") & ~pl.col("Kind").is_in(NO_ONE))
             .sort(["Cited", "Id"], descending=[True, False]).head(top))
    to_kept = edges.filter(pl.col("Target").is_in(cited["Id"].implode()))
    citing = (to_kept.group_by("Source").agg(pl.col("Weight").sum())
              .join(nodes.filter(pl.col("Publisher")).select(pl.col("Id").alias("Source")), on="Source", how="semi")
              .sort(["Weight", "Source"], descending=[True, False]).head(publishers))
    keep = pl.concat([cited["Id"], citing["Source"]]).unique()
    shown = edges.filter(pl.col("Source").is_in(keep.implode()) & pl.col("Target").is_in(keep.implode()))
    kept = set(shown["Source"]) | set(shown["Target"])
    return nodes.filter(pl.col("Id").is_in(sorted(kept))), shown


def _size(lines: list[str], fontsize: float) -> tuple[float, float]:
    """A box's width and height in points for these lines of Helvetica (a generous estimate)."""
    return max(len(line) for line in lines) * fontsize * 0.6 + 16, len(lines) * fontsize * 1.2 + 10


def network_graph(nodes: pl.DataFrame, edges: pl.DataFrame, top: int = 150, publishers: int = 20) -> graphviz.Digraph:
    """The most-cited sources and who cites them: publishers in the middle, sources on rings around
    them by rank (see layout_rings.py); drawn with `neato -n2` (positions as given)."""
    shown_nodes, shown_edges = network_view(nodes, edges, top, publishers)
    n_sources = nodes.filter((pl.col("Cited") > 0) & ~pl.col("Publisher") & ~pl.col("Kind").is_in(NO_ONE)).height
    n_publishers = shown_nodes.filter(pl.col("Publisher")).height
    n_shown = shown_nodes.height - n_publishers
    title = [f"Who cites whom: the {n_shown:,} most-cited sources (of {n_sources:,}) and the "
             f"{n_publishers:,} publisher{'s' if n_publishers != 1 else ''} citing them most",
             "the most cited nearest the middle, size by citations; all of it is in network/ (sources.gexf for Gephi)"]
    g = graphviz.Digraph(name="sources", comment="positions given: draw with neato -n2 -Tsvg sources.dot",
                         graph_attr={"label": lines_label(title), "labelloc": "t", "fontname": "Helvetica",
                                     "fontsize": "16", "splines": "false", "outputorder": "edgesfirst",
                                     "pad": "0.3"},
                         node_attr={"fontname": "Helvetica", "shape": "box", "style": "filled,rounded",
                                    "fixedsize": "true", "penwidth": "1", "color": "#666666"},
                         edge_attr={"color": "#7f7f7f66", "arrowsize": "0.6"})
    biggest = max(shown_nodes.filter(~pl.col("Publisher"))["Cited"].max() or 1, 1)
    boxes: dict[str, Box] = {}
    attrs: dict[str, dict] = {}
    ids: dict[str, str] = {}
    for i, n in enumerate(shown_nodes.sort("Id").iter_rows(named=True)):
        ids[n["Id"]] = f"s{i}"
        group = kind_group(n["Kind"], n["Publisher"])
        scale = math.sqrt(max(n["Cited"], 1) / biggest) if group != "publisher" else 0.6
        fontsize = 9 + 9 * scale
        lines = wrap(n["Label"] + (" (state)" if n["State"] else ""), 18, 2)
        if n["Cited"] and group != "publisher":
            lines.append(f"{n['Cited']:,}")
        width, height = _size(lines, fontsize)
        boxes[n["Id"]] = Box(n["Id"], width, height)
        attrs[n["Id"]] = {
            "label": lines_label(lines), "fillcolor": KIND_GROUPS[group][1], "fontsize": f"{fontsize:.1f}",
            "width": f"{width / 72:.3f}", "height": f"{height / 72:.3f}",
            "tooltip": text_label(f"{n['Label']} · {n['Kind']} · cited {n['Cited']:,} · cites {n['Citing']:,}", 200)}
        if group == "publisher":
            attrs[n["Id"]].update(style="filled", penwidth="2", color="#3b6ea8")
        if n["State"]:
            attrs[n["Id"]].update(color=STATE_COLOR, penwidth="3")
    for e in shown_edges.iter_rows(named=True):
        for a, b in ((e["Source"], e["Target"]), (e["Target"], e["Source"])):
            boxes[a].neighbours[b] = boxes[a].neighbours.get(b, 0) + e["Weight"]
    is_publisher = dict(zip(shown_nodes["Id"], shown_nodes["Publisher"]))
    cited = dict(zip(shown_nodes["Id"], shown_nodes["Cited"]))
    centre = sorted((boxes[k] for k in boxes if is_publisher[k]), key=lambda b: b.key)
    rings = sorted((boxes[k] for k in boxes if not is_publisher[k]), key=lambda b: (-cited[b.key], b.key))
    positions = ring_layout(centre, rings)
    for key, (x, y) in sorted(positions.items()):
        g.node(ids[key], pos=f"{x:.1f},{y:.1f}", **attrs[key])
    for e in shown_edges.sort(["Weight", "Source", "Target"], descending=[True, False, False]).iter_rows(named=True):
        g.edge(ids[e["Source"]], ids[e["Target"]], penwidth=f"{min(0.6 + math.log1p(e['Weight']), 5):.2f}",
               tooltip=text_label(f"{e['Source']} → {e['Target']}: {e['Weight']:,}", 200))
    _legend(g, shown_nodes, positions, boxes)
    return g


def _legend(g: graphviz.Digraph, shown: pl.DataFrame, positions: dict[str, tuple[float, float]],
            boxes: dict[str, Box]) -> None:
    """A key to the colours, below the picture's right end (fixed words, no article text)."""
    present = {kind_group(n["Kind"], n["Publisher"]) for n in shown.iter_rows(named=True)}
    rows = "".join(f'<TR><TD BGCOLOR="{colour}">{words}</TD></TR>'
                   for group, (words, colour) in KIND_GROUPS.items() if group in present)
    if shown["State"].any():
        rows += f'<TR><TD COLOR="{STATE_COLOR}" BORDER="3">state-affiliated</TD></TR>'
    right = max((x + boxes[k].width / 2 for k, (x, _) in positions.items()), default=0.0)
    bottom = min((y - boxes[k].height / 2 for k, (_, y) in positions.items()), default=0.0)
    g.node("legend", shape="plaintext", style="", fixedsize="false", fontsize="11", pos=f"{right + 90:.1f},{bottom + 60:.1f}",
           label=f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3">'
                 f'<TR><TD BORDER="0"><B>Legend</B></TD></TR>{rows}</TABLE>>')


__all__ = ["network_graph", "network_view", "kind_group", "ENGINE"]
