"""Distinct statements ("items") of a run, read a part at a time.

Statements with the same text and the same attribution spans (syndicated wire copy, repeated
boilerplate) are featurised and compared once, as one item with a weight, so memory and time
follow the number of distinct sentences, not of statements.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence

import polars as pl

from ..result import Analysis
from .boilerplate import blank_boilerplate, blank_own_name, boilerplate, line_rows, piece_rows
from .rows import with_statement_rows
from .vocabulary import stem

_LOWER = r"(?:^|[^\p{L}'’-])(\p{Ll}[\p{Ll}'’]+)"
_MID_CAP = r"(?:^|\s)\p{Ll}[\p{L}'’-]*[,;]?\s+(\p{Lu}\p{Ll}[\p{Ll}'’]+)"   # capitalised after a lowercase word


def word_counts(texts: pl.Series) -> pl.DataFrame:
    """(word, lower, capital): how often each word appears in lowercase, and capitalised mid-sentence."""
    def count(pattern: str, name: str) -> pl.DataFrame:
        words = texts.str.extract_all(pattern).explode().drop_nulls()
        words = words.str.replace(r"^[^\p{L}]+", "").str.replace(r"^\p{Ll}[\p{L}'’-]*[,;]?\s+", "").str.to_lowercase()
        return words.value_counts(name=name).rename({words.name: "word"})
    return pl.concat([count(_LOWER, "lower").with_columns(pl.lit(0, pl.UInt32).alias("capital")),
                      count(_MID_CAP, "capital").select("word", pl.lit(0, pl.UInt32).alias("lower"), "capital")],
                     how="diagonal").group_by("word").agg(pl.col("lower").sum(), pl.col("capital").sum())


def common_words(counts: list[pl.DataFrame]) -> frozenset[str]:
    """Stems of the words the corpus writes in lowercase more often than capitalised mid-sentence: a
    capitalised sentence opener or headline word with one of them is no name ("Licensing", "Beats")."""
    if not counts:
        return frozenset()
    total = pl.concat(counts).group_by("word").agg(pl.col("lower").sum(), pl.col("capital").sum())
    stems = total.with_columns(pl.Series("stem", [stem(w) for w in total["word"].to_list()], dtype=pl.String))
    by_stem = stems.group_by("stem").agg(pl.col("lower").sum(), pl.col("capital").sum())
    return frozenset(by_stem.filter(pl.col("lower") > pl.col("capital"))["stem"].to_list())


def blank_keys(statements: pl.DataFrame, citations: pl.DataFrame) -> pl.Series:
    """Per statement row, its sentence-relative source and cue spans as "s3-9 c10-14 ..." ("" if none)."""
    spans = with_statement_rows(citations.select("statement_id", "source_start", "source_end", "cue_start", "cue_end"),
                                statements, "start")
    spans = pl.concat([
        spans.select("row", pl.lit("s").alias("kind"), (pl.col("source_start") - pl.col("start")).alias("a"),
                     (pl.col("source_end") - pl.col("start")).alias("b")),
        spans.select("row", pl.lit("c").alias("kind"), (pl.col("cue_start") - pl.col("start")).alias("a"),
                     (pl.col("cue_end") - pl.col("start")).alias("b")),
    ]).drop_nulls().unique().sort("row", "a", "b", "kind")
    keys = spans.group_by("row").agg(
        pl.concat_str("kind", pl.col("a").cast(pl.String), pl.lit("-"), pl.col("b").cast(pl.String)).str.join(" ")
        .alias("blanks"))
    return pl.Series("blanks", [""] * statements.height, dtype=pl.String).scatter(keys["row"], keys["blanks"])


def cited_names(chains: pl.Series) -> pl.Series:
    """Per statement, every name its chains cite, tab-separated ("" if none): who stands behind it, after
    the chain stage resolved pronouns and descriptions ("he said" -> "Donald J. Trump")."""
    return (chains.list.eval(pl.element().list.join("\t")).list.join("\t").fill_null("")
            .alias("cited"))


def parse_blanks(key: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(every span, the source spans) of a blank key."""
    spans, sources = [], []
    for part in key.split():
        a, b = part[1:].split("-", 1)
        span = (int(a), int(b))
        spans.append(span)
        if part[0] == "s":
            sources.append(span)
    return spans, sources


def parts(analysis: Analysis) -> Iterator[dict[str, pl.DataFrame]]:
    return analysis.parts(statements=["statement_id", "doc_id", "publisher", "chains", "start", "text"],
                          citations=["statement_id", "source_start", "source_end", "cue_start", "cue_end"])


def distinct_items(analysis: Analysis) -> tuple[pl.Series, pl.DataFrame, frozenset[str]]:
    """(the item of each statement row; per item its first row, weight, text and blanks, numbered in
    order of first appearance; the lowercase words of the corpus).

    Rows are keyed by 64-bit hashes and checked against their item's text, so memory follows the
    number of distinct items, not of statements.
    """
    keys: list[pl.DataFrame] = []
    schema = {"t": pl.UInt64, "b": pl.UInt64, "first": pl.UInt32, "text": pl.String, "blanks": pl.String,
              "cited": pl.String, "publisher": pl.String}
    chunks = [pl.DataFrame(schema=schema)]   # the items, in order of first appearance, a chunk per part
    counts: list[pl.DataFrame] = []
    collided = False
    offset = 0
    lines, pieces = [], []   # what boilerplate.py counts, per part
    for part in parts(analysis):
        st = part["statements"]
        doc_hash = st["doc_id"].hash(seed=5)
        lines.append(line_rows(st["publisher"], doc_hash, st["text"]))
        pieces.append(piece_rows(st["publisher"], doc_hash, st["text"]))
        blanks = blank_keys(st, part["citations"])
        keyed = pl.DataFrame({"t": st["text"].hash(seed=7), "b": blanks.hash(seed=11), "text": st["text"],
                              "blanks": blanks, "cited": cited_names(st["chains"]), "publisher": st["publisher"]}
                             ).with_row_index("first", offset=offset)
        offset += st.height
        # items seen in earlier parts that recur here (a scan of their keys, no copy of their texts)
        known = pl.concat(chunks, rechunk=False).join(keyed.select("t", "b").unique(), on=["t", "b"], how="semi")
        new = (keyed.unique(["t", "b"], keep="first", maintain_order=True)
               .join(known.select("t", "b"), on=["t", "b"], how="anti", maintain_order="left").select(list(schema)))
        chunks.append(new)
        counts.append(word_counts(new["text"]))
        if len(counts) > 8:
            counts = [pl.concat(counts).group_by("word").agg(pl.col("lower").sum(), pl.col("capital").sum())]
        item = keyed.join(pl.concat([known, new]), on=["t", "b"], how="left", maintain_order="left")
        collided = collided or not ((item["text"] == item["text_right"]) & (item["blanks"] == item["blanks_right"])).all()
        keys.append(keyed.select("t", "b", doc_hash.alias("d")))
    if collided:  # a 64-bit hash collision: group on the texts themselves (reads the parts again)
        rows = [pl.DataFrame({"text": part["statements"]["text"], "d": part["statements"]["doc_id"].hash(seed=5),
                              "blanks": blank_keys(part["statements"], part["citations"]),
                              "cited": cited_names(part["statements"]["chains"]),
                              "publisher": part["statements"]["publisher"]})
                for part in parts(analysis)]
        item_of_row, items = _exact_items(pl.concat(rows))
        return item_of_row, _without_boilerplate(items, lines, pieces), common_words(counts)
    items = pl.concat(chunks)
    numbered = items.with_row_index("item").select("t", "b", pl.col("item").cast(pl.Int64))
    rows = pl.concat(keys).join(numbered, on=["t", "b"], how="left", maintain_order="left")
    item_of_row = rows["item"]
    per_item = rows.group_by("item").agg(pl.len().alias("weight"), pl.col("d").first().alias("doc"),
                                         (pl.col("d").n_unique() == 1).alias("one_doc")).sort("item")
    # the document of an item found in one document only, else null: statements of one document
    # share its topic words, so they must be closer to be one claim
    doc = per_item.select(pl.when(pl.col("one_doc")).then(pl.col("doc")).alias("doc"))["doc"]
    items = items.select(pl.col("first").cast(pl.Int64), per_item["weight"].alias("weight"), doc,
                         "text", "blanks", "cited", "publisher")
    return item_of_row, _without_boilerplate(items, lines, pieces), common_words(counts)


def _without_boilerplate(items: pl.DataFrame, lines: list[pl.DataFrame], pieces: list[pl.DataFrame]) -> pl.DataFrame:
    """The items with the publishers' boilerplate, and each publisher's own name, blanked in the text
    they are featurised from (an item's publisher: that of its first statement)."""
    boiler_lines, boiler_pieces = boilerplate(lines, pieces)
    text = blank_own_name(blank_boilerplate(items["text"], boiler_lines, boiler_pieces), items["publisher"])
    return items.with_columns(text).drop("publisher")


def _exact_items(rows: pl.DataFrame) -> tuple[pl.Series, pl.DataFrame]:
    exact = (rows.with_row_index("row").group_by("text", "blanks", maintain_order=True)
             .agg(pl.col("row").first().alias("first"), pl.len().alias("weight"), pl.col("row"),
                  pl.col("cited").first(), pl.col("publisher").first(),
                  pl.when(pl.col("d").n_unique() == 1).then(pl.col("d").first()).alias("doc")))
    item_of_row = exact.with_row_index("item").select("item", "row").explode("row").sort("row")["item"].cast(pl.Int64)
    return item_of_row, exact.select(pl.col("first").cast(pl.Int64), "weight", "doc", "text", "blanks", "cited",
                                     "publisher")


def feature_counts(sets: list[frozenset[int]], weight: Sequence[int], doc: Sequence[int | None] | None,
            n_ids: int) -> tuple[list[int], list[int]]:
    """(statements with each feature, weighted; documents with it): one document's items are
    consecutive (numbered by first row)."""
    df, in_docs = [0] * n_ids, [0] * n_ids
    current, seen = None, set()
    for i, (feats, w) in enumerate(zip(sets, weight)):
        for k in feats:
            df[k] += w
        d = doc[i] if doc is not None else None
        if d is None:
            for k in feats:
                in_docs[k] += w
            continue
        if d != current:
            current, seen = d, set()
        for k in feats - seen:
            in_docs[k] += 1
        seen |= feats
    return df, in_docs
