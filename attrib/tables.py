"""The table contract: every table attrib writes, its columns and their types, declared once.

Every stage that builds a table, the writer, the reader (`attrib.load`) and the tests take
the columns from here. In memory, in Parquet and in JSONL a table carries structure as
structure: a statement's `chains` is a list of paths, each a list of the names cited hop by
hop, outermost first; `originals`, `also_claims` and a claim's `publishers` and `originals`
are lists. CSV, for spreadsheets, writes those as the text attrib has always written
(`A > B | C`: hops joined by " > ", paths by " | "; `also_claims` by spaces), and
`from_csv` turns that text back into structure, so nothing downstream parses strings.
"""
from __future__ import annotations

import polars as pl

PATHS = pl.List(pl.List(pl.String))
NAMES = pl.List(pl.String)

STATEMENTS = {
    "doc_id": pl.String, "statement_id": pl.String, "sentence_index": pl.Int64, "text": pl.String,
    "chains": PATHS, "originals": NAMES, "n_originals": pl.Int64, "depth": pl.Int64, "hedged": pl.Boolean,
    "claim_id": pl.String, "publisher": pl.String, "start": pl.Int64, "end": pl.Int64, "paragraph": pl.Int64,
    "also_claims": NAMES,
}
CITATIONS = {
    "doc_id": pl.String, "statement_id": pl.String, "path": pl.Int64, "hop": pl.Int64, "citing": pl.String,
    "cited": pl.String, "cited_kind": pl.String, "cited_text": pl.String, "source_start": pl.Int64,
    "source_end": pl.Int64, "cue": pl.String, "cue_start": pl.Int64, "cue_end": pl.Int64, "rule_id": pl.String,
    "hedge": pl.String, "source_id": pl.String,
}
DOCUMENTS = {
    "doc_id": pl.String, "path": pl.String, "publisher": pl.String, "url": pl.String, "date": pl.String,
    "language": pl.String, "n_sentences": pl.Int64,
    "n_statements": pl.Int64, "n_attributed": pl.Int64, "status": pl.String, "error": pl.String,
}
CLAIMS = {
    "claim_id": pl.String, "text": pl.String, "n_statements": pl.Int64, "n_documents": pl.Int64,
    "publishers": NAMES, "originals": NAMES, "n_originals": pl.Int64, "n_independent_origins": pl.Int64,
    "n_unattributed": pl.Int64, "max_depth": pl.Int64, "flags": pl.String, "evidence": pl.String,
}
SOURCES = {
    "source_id": pl.String, "name": pl.String, "names": NAMES, "kind": pl.String, "country": pl.String,
    "state_affiliated": pl.Boolean, "owner": pl.String, "n_cited": pl.Int64, "n_as_original": pl.Int64,
    "n_as_intermediary": pl.Int64, "n_publishers_citing": pl.Int64,
}
# the network for Gephi (network/nodes.csv, network/edges.csv): Gephi's own column names
NODES = {"Id": pl.String, "Label": pl.String, "Kind": pl.String, "State": pl.Boolean, "Cited": pl.Int64,
         "Citing": pl.Int64, "Publisher": pl.Boolean}
EDGES = {"Source": pl.String, "Target": pl.String, "Weight": pl.Int64}

# what the extraction writes, a part at a time
EXTRACTED = {"statements": STATEMENTS, "citations": CITATIONS, "documents": DOCUMENTS}
# every table of an output folder, in the order a run writes them
TABLES = {**EXTRACTED, "claims": CLAIMS, "sources": SOURCES}

# CSV text of the structured columns: (separator between items, separator inside an item)
_TEXT = {"chains": (" | ", " > "), "originals": (" | ", None), "also_claims": (" ", None),
         "publishers": (" | ", None), "names": (" | ", None)}


def frame(rows: list[dict], schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """A table from row dicts (none: an empty table with the columns)."""
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def paths_text(paths: list[list[str]]) -> str:
    """A statement's chains as CSV writes them: 'A > B | C'."""
    return " | ".join(" > ".join(path) for path in paths)


def to_csv(table: pl.LazyFrame) -> pl.LazyFrame:
    """The structured columns as text, for CSV."""
    schema = table.collect_schema()
    out = []
    for name, (outer, inner) in _TEXT.items():
        if name not in schema or not isinstance(schema[name], pl.List):
            continue
        col = pl.col(name)
        if inner is not None:
            col = col.list.eval(pl.element().list.join(inner))
        out.append(col.list.join(outer).fill_null("").alias(name))
    return table.with_columns(out) if out else table


def from_csv(table: pl.DataFrame) -> pl.DataFrame:
    """CSV text of the structured columns back into lists (an empty cell is an empty list)."""
    out = []
    for name, (outer, inner) in _TEXT.items():
        if name not in table.columns or table.schema[name] != pl.String:
            continue
        parts = pl.col(name).fill_null("").str.split(outer).list.eval(pl.element().filter(pl.element() != ""))
        if inner is not None:
            parts = parts.list.eval(pl.element().str.split(inner))
        out.append(parts.alias(name))
    return table.with_columns(out) if out else table


def attributed() -> pl.Expr:
    """A statement with at least one path."""
    return pl.col("chains").list.len().fill_null(0) > 0
