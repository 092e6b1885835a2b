"""A publisher's boilerplate: what it prints under many different stories is no claim they share.

Newsrooms end their copy with a sign-off ("-- Prague Newsroom, 42-2-2423-0003"), open series with
the same line ("The following proposed securities offerings were filed ..."), and write daily
reports on one frame ("... of Toronto's 14 sub-indices -- <the day's list>"). Recurring under
different stories, such text says nothing the stories share; compared as features, it merges them.
Found by document frequency per publisher, not by a list of strings:

- a whole line printed by one publisher between BOILER_DOCS different pairs of neighbours or more,
  as many as it has documents or nearly (BOILER_CONTEXTS): not the copies of one story (syndicated
  or repeated copy keeps its neighbours) but a line set under different stories, or the header of
  a table repeated down one document. It is not compared (each copy stays alone).
- a piece of a sentence, split off by a dash ("... general freight. - Air Cargo Newsroom Tel ..."),
  found in BOILER_DOCS different sentences of as many documents of one publisher: blanked before
  the sentence is featurised, so that what is left, the story's own words, is compared.
"""
from __future__ import annotations

import polars as pl
import regex

from ..rules.cache import compile_cached

BOILER_DOCS = 5          # documents of one publisher a piece must recur in, contexts a line must recur in ...
BOILER_CONTEXTS = 0.8    # ... a line with other neighbours in this share of its documents at least

_DASH = compile_cached(r"\s+[-–—]{1,2}\s+|\s*--\s*")
_NOT_ALNUM = compile_cached(r"[^\p{L}\d]+")


def _key(piece: str) -> str:
    """A piece as compared: letters and digits only ("Tel+44 171 542-7706" = "Tel +44-171-542-7706")."""
    return _NOT_ALNUM.sub("", piece).lower()


def line_rows(publisher: pl.Series, doc: pl.Series, text: pl.Series) -> pl.DataFrame:
    """(p, d, t, ctx) per statement row of one part: publisher, document, text and neighbours' hashes
    (a part's rows are its documents' statements, each document's in order)."""
    frame = pl.DataFrame({"p": publisher, "d": doc, "t": _line_keys(text)})
    return frame.with_columns(
        pl.struct(pl.col("t").shift(1).over("d"), pl.col("t").shift(-1).over("d").alias("n")).hash(seed=3).alias("ctx"))


def _line_keys(text: pl.Series) -> pl.Series:
    """Hashes of lines as compared: letters and digits only, lowercase (a table header's spacing varies)."""
    return text.str.replace_all(r"[^\p{L}\d]+", "").str.to_lowercase().hash(seed=7)


def _pieces(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each piece a dash separates; one piece when there is no dash."""
    out, start = [], 0
    for m in _DASH.finditer(text):
        out.append((start, m.start(), _key(text[start:m.start()])))
        start = m.end()
    out.append((start, len(text), _key(text[start:])))
    return out


def piece_rows(publisher: pl.Series, doc: pl.Series, text: pl.Series) -> pl.DataFrame:
    """(p, d, t, piece) for each piece of a statement that a dash splits into pieces."""
    out: dict[str, list] = {"p": [], "d": [], "t": [], "piece": []}
    hashes = text.hash(seed=7).to_list()
    seen: dict[str, list[str]] = {}   # repeated sentences (wire copies) split once
    for p, d, t, s in zip(publisher.to_list(), doc.to_list(), hashes, text.to_list()):
        if not s or ("-" not in s and "—" not in s and "–" not in s):
            continue
        keys = seen.get(s)
        if keys is None:
            pieces = _pieces(s)
            keys = seen[s] = [piece for _, _, piece in pieces if piece] if len(pieces) > 1 else []
        for piece in keys:
            out["p"].append(p)
            out["d"].append(d)
            out["t"].append(t)
            out["piece"].append(piece)
    return pl.DataFrame(out, schema={"p": pl.String, "d": pl.UInt64, "t": pl.UInt64, "piece": pl.String})


def boilerplate(lines: list[pl.DataFrame], pieces: list[pl.DataFrame]) -> tuple[pl.Series, list[str]]:
    """(hashes of boilerplate lines, boilerplate pieces) from the rows of every part."""
    counted = (pl.concat(lines).group_by("p", "t")
               .agg(pl.col("d").n_unique().alias("docs"), pl.col("ctx").n_unique().alias("contexts")))
    lines_out = counted.filter((pl.col("contexts") >= BOILER_DOCS)
                               & (pl.col("contexts") >= BOILER_CONTEXTS * pl.col("docs")))["t"].unique()
    counted = (pl.concat(pieces).group_by("p", "piece")
               .agg(pl.col("d").n_unique().alias("docs"), pl.col("t").n_unique().alias("sentences")))
    pieces_out = counted.filter((pl.col("docs") >= BOILER_DOCS) & (pl.col("sentences") >= BOILER_DOCS))["piece"]
    return lines_out, sorted(set(pieces_out.to_list()))


def blank_boilerplate(text: pl.Series, lines: pl.Series, pieces: list[str]) -> pl.Series:
    """The items' texts with boilerplate blanked (spaces: offsets kept): a whole line, or its pieces."""
    whole = _line_keys(text).is_in(lines.implode())
    found = text.str.contains("[-—–]")   # a dash that may split off a piece
    touched = (whole | (found & bool(pieces))).arg_true().to_list()
    if not touched:
        return text
    out = text.to_list()
    wanted = set(pieces)
    for i in touched:
        s = out[i]
        if whole[i]:
            out[i] = " " * len(s)
            continue
        for a, b, piece in _pieces(s):
            if piece in wanted:
                s = s[:a] + " " * (b - a) + s[b:]
        out[i] = s
    return pl.Series(text.name, out, dtype=pl.String)


def blank_own_name(text: pl.Series, publisher: pl.Series) -> pl.Series:
    """The items' texts with their publisher's own name blanked (spaces: offsets kept). A newsroom that
    names itself ("Wikinews attended.", "Wikinews spoke to the organisers", "The Courier could not reach
    the mayor") tells of its own reporting, a different event in every story, not a fact two stories
    share; its name anchors nothing."""
    own = publisher.fill_null("")
    touched = (text.str.contains(own, literal=True) & (own.str.len_chars() > 1)).fill_null(False).arg_true().to_list()
    if not touched:
        return text
    out = text.to_list()
    names = own.to_list()
    for i in touched:
        out[i] = regex.sub(rf"(?<![\w-]){regex.escape(names[i])}(?:['’]s)?(?![\w-])",
                           lambda m: " " * len(m.group()), out[i])
    return pl.Series(text.name, out, dtype=pl.String)
