"""Stage 7, graph: the citation graph of one claim, drawn so that it answers "who says so?".

Left, who reported the claim: publishers with their number of reports (one box per
document, in a frame per publisher, when a publisher has several documents), those that
trace it to a source kept apart from those that state it unattributed (dashed). Right,
whom they cite: intermediaries (grey) and originals (yellow), state-affiliated sources
with a red border. Edges run citing -> cited, labelled with their cues and counts. The
title says the answer: reports, documents, publishers, independent origins. A claim with
many reports stays readable: beyond a few dozen boxes, the rest are folded into a
"+N more" box that keeps their edges.

Article text only enters as escaped, non-HTML labels (see render.py); the legend is the
one HTML label, and it holds fixed words only.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import graphviz
import polars as pl

from .claims.rows import claim_members, supports
from .render import lines_label, safe_filename, shorten, text_label, wrap
from .resolve import UNRESOLVED
from .gazetteer import Gazetteer, load_gazetteer
from .sources import edges_only, state_affiliated

PUBLISHER_STYLE = {"shape": "box", "style": "filled,rounded", "fillcolor": "#dbe9f6", "color": "#3b6ea8"}
UNATTRIBUTED_STYLE = {"shape": "box", "style": "filled,dashed", "fillcolor": "#f5f8fc", "color": "#3b6ea8"}
INTERMEDIARY_STYLE = {"shape": "ellipse", "style": "filled", "fillcolor": "#f4f4f4", "color": "#777777"}
ORIGINAL_STYLE = {"shape": "doubleoctagon", "style": "filled", "fillcolor": "#fff2cc", "color": "#b08900"}
STATE_COLOR = "#c0392b"
MAX_REPORTERS = 14   # publisher / document boxes drawn; the rest are folded into "+N more"
MAX_SOURCES = 20     # intermediaries and originals drawn; the rest are folded into "+N more sources"
GROUP_UNATTRIBUTED = 3   # more unattributed boxes than this in a frame (or outside frames) become one list
# what an edge whose words name no cue is: the hop came from somewhere else than a cue word
NO_CUE = {"continuation": "(continued)", "wire": "(wire)", "interview-speaker": "(interview)"}


@dataclass
class Box:
    """A node: a reporter (publisher or document, attributed or not) or a cited source."""

    key: tuple
    name: str
    role: str                     # reporter, unattributed, intermediary, original
    state: bool = False
    speaker: str = ""             # a reporter's publisher (or its document, without publisher metadata)
    document: str = ""            # a reporter's document, when its publisher has several in this claim
    cluster: str = ""             # the publisher whose frame holds the box (when it has several boxes)
    depth: int = 0                # hops from the reporters
    statements: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    folded: int = 0               # boxes folded into this one
    names: list[str] = field(default_factory=list)   # their names

    def add(self, statement_id: str, text: str) -> None:
        if statement_id not in self.statements:
            self.statements.add(statement_id)
            if len(self.texts) < 6:
                self.texts.append(text)


@dataclass
class ClaimPicture:
    """The boxes and edges of one claim before drawing: counted, then folded to a readable size."""

    boxes: dict[tuple, Box] = field(default_factory=dict)
    edges: dict[tuple[tuple, tuple], Counter] = field(default_factory=lambda: defaultdict(Counter))
    hedges: dict[tuple[tuple, tuple], set[str]] = field(default_factory=lambda: defaultdict(set))
    documents: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)
    documents_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    reports_of: Counter = field(default_factory=Counter)
    originals: set[tuple] = field(default_factory=set)

    def box(self, key: tuple, name: str, role: str) -> Box:
        found = self.boxes.get(key)
        if found is None:
            found = self.boxes[key] = Box(key, name, role)
        elif role == "original":
            found.role = "original"   # original on some path: drawn as one
        return found


def claim_graph(claim_id: str, statements: pl.DataFrame | pl.LazyFrame, citations: pl.DataFrame | pl.LazyFrame,
                claim_text: str = "", gazetteer: Gazetteer | None = None, claim: dict | None = None
                ) -> graphviz.Digraph:
    """The citation graph of one claim as a graphviz.Digraph (DOT source via `.source`).

    `claim` is the claim's row of the claims table: with it, the title also gives the
    independent origins and flags (they need the whole claims computation).
    """
    gazetteer = gazetteer or load_gazetteer()
    with_also = "also_claims" in statements.lazy().collect_schema().names()
    members = claim_members(statements.lazy().filter(supports([claim_id], with_also)).collect()).get(claim_id, [])
    ids = sorted({m["statement_id"] for m in members})
    rows = (edges_only(citations).filter(pl.col("statement_id").is_in(ids)).sort(["statement_id", "path", "hop"])
            .collect())
    picture = collect_picture(members, rows, gazetteer)
    fold(picture)
    return draw(picture, claim_id, claim_text or (claim or {}).get("text", ""), claim or {})


def collect_picture(members: list[dict], citations: pl.DataFrame, gazetteer: Gazetteer) -> ClaimPicture:
    """Boxes per reporter and per source, and the counted edges between them."""
    picture = ClaimPicture()
    paths: dict[str, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in citations.iter_rows(named=True):
        paths[r["statement_id"]][r["path"]].append(r)
    documents_of = picture.documents_of
    for m in members:
        documents_of[m["publisher"] or m["doc_id"]].add(m["doc_id"])
        picture.reports_of[m["publisher"] or m["doc_id"]] += 1
    for m in members:
        speaker = m["publisher"] or m["doc_id"]
        sid, text = m["statement_id"], m["text"]
        picture.documents.add(m["doc_id"])
        picture.speakers.add(speaker)
        by_document = len(documents_of[speaker]) > 1
        attributed = sid in paths
        role = "reporter" if attributed else "unattributed"
        key = ("reporter", speaker, m["doc_id"] if by_document else "", attributed)
        reporter = picture.box(key, m["doc_id"] if by_document else speaker, role)
        reporter.speaker, reporter.document = speaker, m["doc_id"] if by_document else ""
        reporter.add(sid, text)
        if not attributed:
            picture.originals.add(("publisher", speaker))
        for hops in paths.get(sid, {}).values():
            hops = [h for h in hops if h.get("cited_kind") != UNRESOLVED]  # "he" standing for no one: no box
            if not hops:
                continue
            prev = key
            for i, h in enumerate(hops):
                source = ("source", h["source_id"] or "name:" + h["cited"].lower())
                box = picture.box(source, h["cited"], "original" if i == len(hops) - 1 else "intermediary")
                entry = gazetteer.entries.get(h["source_id"]) if h["source_id"] else None
                box.state = box.state or state_affiliated(h["cited"], entry)
                box.add(sid, text)
                box.depth = max(box.depth, i + 1)
                picture.edges[(prev, source)][(h["cue"] or NO_CUE.get(h["rule_id"], "(cites)")).lower()] += 1
                if h["hedge"]:
                    picture.hedges[(prev, source)].add(h["hedge"].lower())
                prev = source
            picture.originals.add(prev)
    # a publisher with several boxes (documents, or reports with and without a source) gets a frame
    boxes_of = Counter(b.speaker for b in picture.boxes.values() if b.speaker)
    for box in picture.boxes.values():
        box.cluster = box.speaker if boxes_of[box.speaker] > 1 else ""
    return picture


def fold(picture: ClaimPicture) -> None:
    """Fold boxes so that a claim with 50 reports or 40 sources still reads at a glance: a publisher's
    (or the claim's) many unattributed boxes become one box that lists them, and beyond
    MAX_REPORTERS / MAX_SOURCES the least-reported boxes become "+N more" boxes. Edges are kept, merged."""
    unattributed: dict[str, list[Box]] = defaultdict(list)
    for box in picture.boxes.values():
        # a publisher's frame around its two boxes (with and without a source) is kept as it is
        if box.role == "unattributed" and (box.document or not box.cluster):
            unattributed[box.cluster].append(box)
    for cluster, boxes in unattributed.items():
        if len(boxes) > GROUP_UNATTRIBUTED:
            for box in sorted(boxes, key=lambda b: b.key):
                _merge(picture, box, ("listed", cluster), "document" if box.document else "publisher",
                       "unattributed", cluster)
    # lists of unattributed boxes stay: they are one box each already
    reporters = [b for b in picture.boxes.values() if b.role in ("reporter", "unattributed") and b.key[0] != "listed"]
    # boxes with edges first: folding an unattributed box loses only its name
    reporters.sort(key=lambda b: (b.role == "unattributed", -len(b.statements), b.key))
    if len(reporters) > MAX_REPORTERS + 1:   # "+1 more" would hide a box to save none
        for box in reporters[MAX_REPORTERS:]:
            cluster = box.cluster if box.document else ""   # documents fold within their publisher's frame
            _merge(picture, box, ("more", cluster, box.role), "document" if box.document else "publisher",
                   box.role, cluster)
    sources = [b for b in picture.boxes.values() if b.role in ("intermediary", "original")]
    sources.sort(key=lambda b: (-len(b.statements), b.key))
    if len(sources) > MAX_SOURCES + 1:
        for box in sources[MAX_SOURCES:]:
            _merge(picture, box, ("more", "", "sources"), "source", box.role, "")


def _merge(picture: ClaimPicture, box: Box, key: tuple, noun: str, role: str, cluster: str) -> None:
    target = picture.box(key, noun, role)
    target.cluster = cluster
    target.folded += 1 + box.folded
    target.names += box.names or [box.name]
    target.state = target.state or box.state
    target.depth = max(target.depth, box.depth)
    target.statements |= box.statements
    target.texts += box.texts[:max(0, 6 - len(target.texts))]
    del picture.boxes[box.key]
    for (a, b), cues in list(picture.edges.items()):
        if box.key not in (a, b):
            continue
        new = (key if a == box.key else a, key if b == box.key else b)
        hedges = picture.hedges.pop((a, b), set())
        del picture.edges[(a, b)]
        if new[0] != new[1]:
            picture.edges[new].update(cues)
            picture.hedges[new] |= hedges


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def headline(picture: ClaimPicture, claim: dict) -> str:
    """"N reports · D documents · P publishers · K independent origins (of M originals)"."""
    n_reports = len({sid for b in picture.boxes.values() if b.role in ("reporter", "unattributed")
                     for sid in b.statements})
    parts = [_plural(n_reports, "report"), _plural(len(picture.documents), "document"),
             _plural(len(picture.speakers), "publisher")]
    originals = claim.get("n_originals", len(picture.originals))
    # a publisher that states the claim unattributed is an origin of its own: its reporting, not drawn as a node
    own = len({b.speaker for b in picture.boxes.values() if b.role == "unattributed"})
    own_note = f"; {own} of them publishers' own reporting" if own else ""
    if claim.get("n_independent_origins") is not None:
        parts.append(f"{_plural(claim['n_independent_origins'], 'independent origin')} (of {originals} originals{own_note})")
    else:
        parts.append(_plural(originals, "original"))
    return " · ".join(parts)


def _listing(head: str, names: list[str], width: int = 44, max_lines: int = 4) -> list[str]:
    """head and names in lines of about `width` characters, a name never split; "…" when cut."""
    lines = [head]
    for i, name in enumerate(names):
        name = shorten(name, width) + ("," if i < len(names) - 1 else "")
        if len(lines) > 1 and len(lines[-1]) + 1 + len(name) <= width:
            lines[-1] += " " + name
        elif len(lines) == max_lines:
            lines[-1] += " …"
            break
        else:
            lines.append(name)
    return lines


def _box_label(box: Box) -> list[str]:
    n = len(box.statements)
    if box.key[0] == "listed":   # "12 documents: wn0211, wn0212, …"
        names = _listing(f"{_plural(box.folded, box.name)}:", box.names)
    elif box.folded:
        names = ["+" + _plural(box.folded, "more " + box.name)]   # "+12 more documents"
    elif box.cluster and not box.document:
        names = []   # the frame names the publisher
    else:
        names = [shorten(box.name, 50) + (" (state)" if box.state else "")]
    if box.role == "unattributed":
        return [*names, _plural(n, "report") + ", unattributed"]
    if box.role == "reporter" or n > 1:
        return [*names, _plural(n, "report")]
    return names


def draw(picture: ClaimPicture, claim_id: str, claim_text: str, claim: dict) -> graphviz.Digraph:
    flags = f" · {claim['flags']}" if claim.get("flags") else ""
    title = [f"{claim_id}{flags}", *wrap(claim_text, 100, 3), headline(picture, claim)]
    g = graphviz.Digraph(name=safe_filename(claim_id), graph_attr={
        "rankdir": "LR", "labelloc": "t", "fontsize": "13", "fontname": "Helvetica", "label": lines_label(title),
        "tooltip": text_label(claim_text, 300), "nodesep": "0.15", "ranksep": "0.6", "newrank": "true"},
        node_attr={"fontname": "Helvetica", "fontsize": "10", "margin": "0.12,0.04"},
        edge_attr={"fontname": "Helvetica", "fontsize": "9", "color": "#555555"})
    node_id = {box.key: f"n{i}" for i, box in enumerate(sorted(picture.boxes.values(), key=_order))}
    clusters: dict[str, list[Box]] = defaultdict(list)
    for box in sorted(picture.boxes.values(), key=_order):
        clusters[box.cluster].append(box)
    for c, (speaker, boxes) in enumerate(clusters.items()):
        if not speaker:
            for box in boxes:
                _node(g, node_id[box.key], box)
            continue
        n_docs, n_reports = len(picture.documents_of[speaker]), picture.reports_of[speaker]
        counts = ([_plural(n_docs, "document")] if n_docs > 1 else []) + [_plural(n_reports, "report")]
        with g.subgraph(name=f"cluster_{c}") as frame:
            frame.attr(label=text_label(" · ".join([shorten(speaker, 50), *counts]), 80), style="rounded",
                       color="#3b6ea8", fontname="Helvetica", fontsize="10")
            for box in boxes:
                _node(frame, node_id[box.key], box)
    for (a, b), cues in sorted(picture.edges.items(), key=lambda kv: (node_id[kv[0][0]], node_id[kv[0][1]])):
        count = sum(cues.values())
        named = [c for c, _ in sorted(cues.items(), key=lambda kv: (-kv[1], kv[0]))]   # most used first
        label = (f"{count}× " if count > 1 else "") + ", ".join(named[:3]) + (" …" if len(named) > 3 else "")
        hedges = picture.hedges.get((a, b))
        if hedges:
            label += " (" + ", ".join(sorted(hedges)) + ")"
        g.edge(node_id[a], node_id[b], label=text_label(label, 60), penwidth=str(min(1 + count * 0.4, 5)),
               style="dashed" if hedges else "solid")
    with g.subgraph(name="reporters") as first:   # every reporter in the first column, cited sources right
        first.attr(rank="min")
        for box in picture.boxes.values():
            if box.role in ("reporter", "unattributed"):
                first.node(node_id[box.key])
    _legend(g, picture, node_id)
    return g


def _order(box: Box) -> tuple:
    rank = {"reporter": 0, "unattributed": 1, "intermediary": 2, "original": 3}[box.role]
    return (rank > 1, box.cluster, box.key[0] == "more", rank, -len(box.statements), box.key)


def _node(g: graphviz.Digraph, nid: str, box: Box) -> None:
    style = dict({"reporter": PUBLISHER_STYLE, "unattributed": UNATTRIBUTED_STYLE,
                  "intermediary": INTERMEDIARY_STYLE, "original": ORIGINAL_STYLE}[box.role])
    if box.state:
        style["color"], style["penwidth"] = STATE_COLOR, "2"
    tooltip = " | ".join(box.texts[:5]) + (" …" if len(box.statements) > 5 else "")
    g.node(nid, label=lines_label(_box_label(box)), tooltip=text_label(tooltip, 600), **style)


LEGEND_ROWS = {
    "reporter": '<TD BGCOLOR="#dbe9f6" COLOR="#3b6ea8" STYLE="rounded">publisher: reports that cite a source</TD>',
    "unattributed": '<TD BGCOLOR="#f5f8fc" COLOR="#3b6ea8" STYLE="dashed">reports that state it unattributed</TD>',
    "intermediary": '<TD BGCOLOR="#f4f4f4" COLOR="#777777">intermediary: passes another source on</TD>',
    "original": '<TD BGCOLOR="#fff2cc" COLOR="#b08900">original: where a report\'s chain ends</TD>',
    "state": f'<TD COLOR="{STATE_COLOR}" BORDER="2">state-affiliated</TD>',
}


def _legend(g: graphviz.Digraph, picture: ClaimPicture, node_id: dict[tuple, str]) -> None:
    """A key to the shapes and colours in the picture, right of it (fixed words, no article text)."""
    present = {b.role for b in picture.boxes.values()} | ({"state"} if any(b.state for b in picture.boxes.values())
                                                          else set())
    rows = "".join(f"<TR>{cell}</TR>" for role, cell in LEGEND_ROWS.items() if role in present)
    rows += '<TR><TD BORDER="0">edge: its cue words, n× = n citations; dashed = hedged</TD></TR>'
    g.node("legend", shape="plaintext", margin="0", fontsize="9",
           label=f'<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="3" CELLPADDING="3">'
                 f'<TR><TD BORDER="0"><B>Legend</B></TD></TR>{rows}</TABLE>>')
    # an invisible edge from the deepest box puts the key in a column of its own, right of the picture
    deepest = max(picture.boxes.values(), key=lambda b: (b.depth, -int(node_id[b.key][1:])))
    g.edge(node_id[deepest.key], "legend", style="invis")


__all__ = ["claim_graph", "collect_picture", "fold", "draw", "headline"]
