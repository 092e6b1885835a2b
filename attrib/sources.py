"""The sources table and the corpus-wide citing -> cited network (Gephi's nodes, edges and GEXF).

Both are tables: what they look like drawn is graph.py's business.
"""
from __future__ import annotations

import html
import re
from collections import Counter

import polars as pl

from .claims.rows import source_key
from .lexicon import list_pattern
from .records import ALSO_CUE
from .resolve import UNRESOLVED
from .gazetteer import Gazetteer, SourceEntry, load_gazetteer
from .tables import EDGES, NODES, SOURCES
from .rules.cache import compile_cached



# a group of state media: "Russian state media", "state-run television", "the official news agency"
_STATE_GROUP = compile_cached(
    r"(?i)\b(?:(?:state|government)(?:[- ](?:run|owned|controlled|affiliated))?|official)\s+"
    r"(?:(?:news|television|tv)\s+)?%s\b" % list_pattern("state_media_nouns"))


def state_affiliated(name: str, entry: SourceEntry | None) -> bool:
    """A cited source is state-affiliated when its gazetteer row says so, or, outside the gazetteer,
    when it names a group of state media ("Russian state media", "state-run TV"). The sources
    table, the network and the claim graphs all mark sources by this."""
    if entry is not None:
        return entry.state_affiliated
    return bool(_STATE_GROUP.search(name))


def edges_only(citations: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """The citation rows that are edges: without the rows that only add a cue word (`ALSO_CUE`)."""
    return citations.lazy().filter(pl.col("rule_id").fill_null("") != ALSO_CUE)


def sources_table(statements: pl.DataFrame | pl.LazyFrame, citations: pl.DataFrame | pl.LazyFrame,
                  gazetteer: Gazetteer | None = None) -> pl.DataFrame:
    """One row per cited source: who it is and how it is cited across the corpus."""
    gazetteer = gazetteer or load_gazetteer()
    publishers = (statements.lazy().select("doc_id", pl.col("publisher").fill_null(""))
                  .unique("doc_id", keep="first").collect(engine="streaming"))
    # an unresolved pronoun ("he" with no one it can stand for) is no source of its own
    cited = edges_only(citations).filter(pl.col("cited_kind").fill_null("") != UNRESOLVED)
    per_source = (cited.select("doc_id", "statement_id", "path", "hop", "cited", "cited_kind", "source_id")
                  .with_columns((pl.col("hop") == pl.col("hop").max().over("statement_id", "path")).alias("is_last"),
                                source_key().alias("key"))
                  .join(publishers.lazy(), on="doc_id", how="left", maintain_order="left")
                  .group_by("key", maintain_order=True)
                  .agg(pl.col("cited"), pl.col("cited_kind").first(), pl.len().alias("n_cited"),
                       pl.col("is_last").sum().alias("n_as_original"),
                       pl.col("publisher").fill_null("").n_unique().alias("n_publishers_citing"))
                  .collect())
    rows = []
    for key, cited_as, cited_kind, n_cited, n_original, n_publishers in per_source.iter_rows():
        entry = gazetteer.entries.get(key)
        # one source under several names ("Donald Trump", "Trump": identity.py): the name its key holds,
        # else the most cited one
        names = [name for name, _ in Counter(cited_as).most_common()]
        cited = next((name for name in names if key.endswith(":" + name.lower())), names[0])
        rows.append({"source_id": key, "name": entry.name if entry else cited, "names": names,
                     "kind": entry.kind if entry else cited_kind, "country": entry.country if entry else "",
                     "state_affiliated": state_affiliated(cited, entry), "owner": entry.owner if entry else "",
                     "n_cited": n_cited, "n_as_original": n_original, "n_as_intermediary": n_cited - n_original,
                     "n_publishers_citing": n_publishers})
    frame = pl.DataFrame(rows, schema=SOURCES, orient="row") if rows else pl.DataFrame(schema=SOURCES)
    return frame.sort(["n_cited", "source_id"], descending=[True, False])


def network(citations: pl.DataFrame | pl.LazyFrame, gazetteer: Gazetteer | None = None
            ) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Corpus-wide citing -> cited network, every edge kept (self-citations too): Gephi nodes
    (Id, Label, Kind, State, Cited, Citing, Publisher) and edges (Source, Target, Weight)."""
    gazetteer = gazetteer or load_gazetteer()
    pairs = (edges_only(citations).with_row_index("i").group_by("citing", "cited")
             .agg(pl.len().alias("Weight"), pl.col("cited_kind").sort_by("i").last(),
                  pl.col("source_id").sort_by("i").last(), (pl.col("hop") == 1).any().alias("from_publisher"),
                  pl.col("i").max())
             .collect(engine="streaming"))
    if pairs.height == 0:
        return pl.DataFrame(schema=NODES), pl.DataFrame(schema=EDGES)
    edges = (pairs.select(pl.col("citing").alias("Source"), pl.col("cited").alias("Target"), "Weight")
             .sort(["Weight", "Source", "Target"], descending=[True, False, False]))
    # a cited name's kind and identity: those of its last citation
    cited = (pairs.sort("i").group_by("cited").agg(pl.col("cited_kind").last(), pl.col("source_id").last(),
                                                   pl.col("Weight").sum().alias("Cited")))
    citing = pairs.group_by("citing").agg(pl.col("Weight").sum().alias("Citing"), pl.col("from_publisher").any())
    kind = dict(zip(cited["cited"], cited["cited_kind"]))
    source_id = dict(zip(cited["cited"], cited["source_id"]))
    n_cited = dict(zip(cited["cited"], cited["Cited"]))
    n_citing = dict(zip(citing["citing"], citing["Citing"]))
    publishers = set(citing.filter(pl.col("from_publisher"))["citing"])
    rows = []
    for name in sorted(set(edges["Source"]) | set(edges["Target"])):
        entry = gazetteer.entries.get(source_id.get(name) or "") or gazetteer.lookup(name)
        rows.append({"Id": name, "Label": name, "Kind": kind.get(name) or (entry.kind if entry else "publisher"),
                     "State": state_affiliated(name, entry),
                     "Cited": n_cited.get(name, 0), "Citing": n_citing.get(name, 0), "Publisher": name in publishers})
    return pl.DataFrame(rows, schema=NODES, orient="row"), edges


_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def gexf(nodes: pl.DataFrame, edges: pl.DataFrame) -> str:
    """The whole network as GEXF 1.3 for Gephi, with each node's kind, state affiliation and counts."""
    esc = lambda s: html.escape(_XML_INVALID.sub("", str(s)), quote=True)  # noqa: E731
    attributes = [(c, "string" if t == pl.String else "boolean" if t == pl.Boolean else "integer")
                  for c, t in nodes.schema.items() if c not in ("Id", "Label")]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
             '<graph defaultedgetype="directed" mode="static">',
             '<attributes class="node">'
             + "".join(f'<attribute id="{c.lower()}" title="{c.lower()}" type="{t}"/>' for c, t in attributes)
             + "</attributes>",
             "<nodes>"]
    for n in nodes.iter_rows(named=True):
        values = "".join(f'<attvalue for="{c.lower()}" value="{esc(_xml_value(n[c]))}"/>' for c, _ in attributes)
        lines.append(f'<node id="{esc(n["Id"])}" label="{esc(n["Label"])}"><attvalues>{values}</attvalues></node>')
    lines.append("</nodes><edges>")
    for i, e in enumerate(edges.iter_rows(named=True)):
        lines.append(f'<edge id="{i}" source="{esc(e["Source"])}" target="{esc(e["Target"])}" weight="{e["Weight"]}"/>')
    lines.append("</edges></graph></gexf>")
    return "\n".join(lines) + "\n"


def _xml_value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
