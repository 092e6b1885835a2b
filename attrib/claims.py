"""Stage 6, group claims: statements that assert the same fact, across articles and within one.

What a statement says is compared, not how it is attributed: the words that name
its sources and cues (from the citations' offsets) and attribution vocabulary are
removed first, so "According to RIA Novosti, ..." and "..., according to Sputnik"
do not meet for that reason alone. Each statement becomes a set of features
(names, numbers, content stems with news synonyms folded), compared by the
IDF-weighted overlap coefficient (a short report of a fact meets a longer one
that adds detail). Only statements that share one of their rarest features are
compared (blocking with capped posting lists), so the work grows near-linearly.
Pairs are grouped by average linkage, so a sentence that touches two facts cannot
chain them together; claim ids rank claims by size.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import polars as pl
import regex

from .lexicon import load_lexicon
from .resolve import load_gazetteer

THRESHOLD = 0.50          # weighted overlap at or above which two statements assert the same fact
ALSO_THRESHOLD = 0.45     # a statement also supports another claim at this average overlap with its reports
BLOCK_KEYS = 12            # rarest features of a statement used as blocking keys
MAX_POSTING = 64           # a blocking key shared by more distinct statements than this is too common to block on
MIN_FEATURES = 3          # statements with fewer content features stay claims of their own
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*|\d[\d,.]*")
_POSSESSIVE = regex.compile(r"['’]s?$")
_CAP_SEQ = regex.compile(r"(?<![\p{L}])\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*)*")
STOPWORDS = frozenset("""
a an the and or but of to in on at for with by from as is are was were be been being has have had will would
can could should may might must do does did not no this that these those it its he she they them his her their
him we our you your i my me who whom whose which what when where why how than then there here also just only
very more most all some any such into over after before about against between through during under up down out
off again further once both each few other same so too s t now while since until upon amid among per via within
without yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday said says say
want wants wanted know knew known think thought see saw seen mean means meant get got make made take took
go goes went gone come came thing things lot way like yeah yes well really actually basically kind sort
something anything everything nothing someone anyone everyone people time times good great much many
even still already never always often sometimes maybe perhaps quite rather completely very
""".split())


@dataclass(frozen=True)
class ClaimVocabulary:
    attribution: frozenset[str]
    synonyms: dict[str, str]
    places: regex.Pattern | None
    place_names: dict[str, str]
    stop_caps: frozenset[str]
    titles: frozenset[str]


@lru_cache(maxsize=1)
def vocabulary() -> ClaimVocabulary:
    lists = load_lexicon().lists
    # The cue words of each statement are blanked by their offsets; here only the vocabulary of
    # reporting itself, which says nothing about the fact ("greeted", "thanked" stay content).
    attribution = {w.lower() for entry in lists["hedges"] for w in entry.split()}
    attribution |= {"said", "says", "say", "told", "tells", "reported", "reporting", "saying", "added", "adds",
                    "stated", "wrote", "writes", "noted", "notes", "claimed", "announced", "confirmed", "cited","according", "citing", "quoted", "quoting", "report", "reports", "media", "agency",
                    "agencies", "news", "state-run", "official", "outlet", "newspaper", "source", "sources",
                    "reportedly", "allegedly", "recall", "noting", "worth"}
    synonyms: dict[str, str] = {}
    text = resources.files("attrib.data").joinpath("synonyms.csv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            words = [w.strip().lower() for w in line.split(",") if w.strip()]
            for w in words[:-1]:
                synonyms.setdefault(stem(w), words[0])
    gazetteer = load_gazetteer()
    place_names = {}
    for country in gazetteer.countries.values():
        for word in (country.name, *country.adjectives, *country.aliases):
            if len(word) > 2:
                place_names[word] = country.name.lower()
    places = regex.compile(r"(?<![\p{L}])\L<places>(?![\p{L}])", places=sorted(place_names, key=len, reverse=True))
    return ClaimVocabulary(frozenset(attribution), synonyms, places, place_names, frozenset(lists["stop_caps"]),
                           frozenset(lists["titles"]))


def stem(word: str) -> str:
    """A light English stemmer: enough to meet 'greeted'/'greets'/'greeting' and 'talks'/'talked'."""
    w = word.lower().strip("'’")
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("edly", ""), ("ed", ""), ("es", ""),
                         ("ly", ""), ("s", "")):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)] + repl
    return w


def statement_features(text: str, blanks: list[tuple[int, int]], vocab: ClaimVocabulary) -> set[str]:
    """Names, numbers and content stems of one statement, its source and cue words blanked out."""
    chars = list(text)
    for a, b in blanks:
        for i in range(max(0, a), min(len(chars), b)):
            chars[i] = " "
    text = "".join(chars)
    features: set[str] = set()  # each weighs its IDF: names, numbers and content words alike
    if vocab.places is not None:
        def place(m: regex.Match) -> str:
            features.add("@" + vocab.place_names[m.group()])
            return " "
        text = vocab.places.sub(place, text)
    for m in _CAP_SEQ.finditer(text):
        words = [_POSSESSIVE.sub("", w) for w in m.group().split()
                 if w.lower() not in STOPWORDS and w.lower() not in vocab.attribution and w not in vocab.stop_caps]
        if not words:
            continue
        # a name counts by its last word ("President Putin" and "Vladimir Putin" meet); its other
        # words count as content ("Strategic Partnership Agreement" meets "partnership treaty"), and so
        # does a last word that is news vocabulary (title-case headlines: "Putin Arrives in ...")
        last = stem(words[-1])
        features.add(vocab.synonyms[last] if last in vocab.synonyms else "@" + words[-1].lower())
        for w in words[:-1]:
            s = stem(w)
            if len(s) > 3 and w not in vocab.titles:
                features.add(vocab.synonyms.get(s, s))
    for m in _WORD.finditer(text):
        word = m.group()
        low = word.lower()
        if word[0].isdigit():
            features.add("#" + word.strip(".,"))
            continue
        if low in STOPWORDS or low in vocab.attribution or len(low) < 3 or word[0].isupper():
            continue
        s = stem(low)
        features.add(vocab.synonyms.get(s, s))
    return features


def _blank_keys(statements: pl.DataFrame, citations: pl.DataFrame) -> pl.Series:
    """Per statement row, its sentence-relative source and cue spans as "a-b a-b ..." ("" if none)."""
    from .origins import with_statement_rows
    spans = with_statement_rows(citations.select("statement_id", "source_start", "source_end", "cue_start", "cue_end"),
                                statements, "start")
    spans = pl.concat([
        spans.select("row", (pl.col("source_start") - pl.col("start")).alias("a"),
                     (pl.col("source_end") - pl.col("start")).alias("b")),
        spans.select("row", (pl.col("cue_start") - pl.col("start")).alias("a"),
                     (pl.col("cue_end") - pl.col("start")).alias("b")),
    ]).drop_nulls().unique().sort("row", "a", "b")
    keys = spans.group_by("row").agg(
        pl.concat_str(pl.col("a").cast(pl.String), pl.lit("-"), pl.col("b").cast(pl.String)).str.join(" ")
        .alias("blanks"))
    return pl.Series("blanks", [""] * statements.height, dtype=pl.String).scatter(keys["row"], keys["blanks"])


def _items(analysis) -> tuple[pl.Series, pl.DataFrame]:
    """Distinct (text, blanks) items: the item of each statement row, and per item its first row,
    weight (number of statements), text and blanks, numbered in order of first appearance.

    Read a part at a time; rows are keyed by 64-bit hashes and checked against their item's
    text, so memory follows the number of distinct items, not of statements.
    """
    keys: list[pl.DataFrame] = []
    schema = {"t": pl.UInt64, "b": pl.UInt64, "first": pl.UInt32, "text": pl.String, "blanks": pl.String}
    chunks = [pl.DataFrame(schema=schema)]   # the items, in order of first appearance, a chunk per part
    collided = False
    offset = 0
    for part in _parts(analysis):
        st = part["statements"]
        blanks = _blank_keys(st, part["citations"])
        keyed = pl.DataFrame({"t": st["text"].hash(seed=7), "b": blanks.hash(seed=11), "text": st["text"],
                              "blanks": blanks}).with_row_index("first", offset=offset)
        offset += st.height
        # items seen in earlier parts that recur here (a scan of their keys, no copy of their texts)
        known = pl.concat(chunks, rechunk=False).join(keyed.select("t", "b").unique(), on=["t", "b"], how="semi")
        new = (keyed.unique(["t", "b"], keep="first", maintain_order=True)
               .join(known.select("t", "b"), on=["t", "b"], how="anti", maintain_order="left").select(list(schema)))
        chunks.append(new)
        item = keyed.join(pl.concat([known, new]), on=["t", "b"], how="left", maintain_order="left")
        collided = collided or not ((item["text"] == item["text_right"]) & (item["blanks"] == item["blanks_right"])).all()
        keys.append(keyed.select("t", "b"))
    if collided:  # a 64-bit hash collision: group on the texts themselves (reads the parts again)
        rows = [pl.DataFrame({"text": part["statements"]["text"],
                              "blanks": _blank_keys(part["statements"], part["citations"])})
                for part in _parts(analysis)]
        return _exact_items(pl.concat(rows))
    items = pl.concat(chunks)
    numbered = items.with_row_index("item").select("t", "b", pl.col("item").cast(pl.Int64))
    item_of_row = pl.concat(keys).join(numbered, on=["t", "b"], how="left", maintain_order="left")["item"]
    weight = item_of_row.value_counts().sort("item")["count"]
    return item_of_row, items.select(pl.col("first").cast(pl.Int64), weight.alias("weight"), "text", "blanks")


def _parts(analysis) -> Iterator[dict[str, pl.DataFrame]]:
    return analysis.parts(statements=["statement_id", "chains", "start", "text"],
                          citations=["statement_id", "source_start", "source_end", "cue_start", "cue_end"])


def _exact_items(rows: pl.DataFrame) -> tuple[pl.Series, pl.DataFrame]:
    exact = (rows.with_row_index("row").group_by("text", "blanks", maintain_order=True)
             .agg(pl.col("row").first().alias("first"), pl.len().alias("weight"), pl.col("row")))
    item_of_row = exact.with_row_index("item").select("item", "row").explode("row").sort("row")["item"].cast(pl.Int64)
    return item_of_row, exact.select(pl.col("first").cast(pl.Int64), "weight", "text", "blanks")


def _parse_blanks(key: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split("-", 1) for part in key.split())] if key else []


def group_claims(analysis) -> None:
    """Fill statements.claim_id and build the claims table on `analysis` (see the module docstring).

    Statements with the same text and the same attribution spans (syndicated wire copy,
    repeated boilerplate) are featurised and compared once, as one item with a weight; the
    Python objects kept per item are a frozenset of interned feature ids, so memory follows
    the number of distinct sentences, not of statements.
    """
    n = analysis.height("statements")
    if n == 0:
        analysis.claims = claims_table(analysis)
        return
    vocab = vocabulary()
    item_of_row, items = _items(analysis)
    feature_ids: dict[str, int] = {}
    feats: list[frozenset[int]] = []
    for text, blanks in items.select("text", "blanks").iter_rows():
        # a question asserts nothing: it stays a claim of its own
        if text.rstrip(" \"”’)").endswith("?"):
            feats.append(frozenset())
            continue
        found = statement_features(text, _parse_blanks(blanks), vocab)
        # ids in sorted order: the numbering, and so every sum below, must not follow string hashing
        feats.append(frozenset(feature_ids.setdefault(k, len(feature_ids)) for k in sorted(found)))
    weight = items["weight"].to_list()   # statements behind each item
    names = {v: k for k, v in feature_ids.items()}
    df = [0] * len(feature_ids)
    for f, w in zip(feats, weight):
        for k in f:
            df[k] += w
    idf = [math.log((n + 1) / (v + 0.5)) for v in df]
    mass = [math.fsum(idf[k] for k in f) or 1.0 for f in feats]
    comparable = [len(f) >= MIN_FEATURES for f in feats]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(feats):
        if not comparable[i]:
            continue
        for key in sorted(f, key=lambda k: (df[k], names[k]))[:BLOCK_KEYS]:
            if df[key] > weight[i]:
                postings[key].append(i)
    pair_sim: dict[tuple[int, int], float] = {}
    for key in sorted(postings, key=names.__getitem__):
        members = postings[key]
        if len(members) > MAX_POSTING:
            continue
        for a_pos, a in enumerate(members):
            fa = feats[a]
            for b in members[a_pos + 1:]:
                if (a, b) not in pair_sim:
                    pair_sim[(a, b)] = similarity(fa, feats[b], idf, mass[a], mass[b])
    m = len(feats)
    cluster_of = _average_link(m, pair_sim, [w if c else 1 for w, c in zip(weight, comparable)])
    # Claim numbers: groups of two or more statements by size (ties: the group whose first statement
    # comes first in the input), then every other statement in input order. An item too short to
    # compare is no claim shared by its copies: each copy stays alone.
    item_groups: dict[int, list[int]] = defaultdict(list)          # cluster -> items
    for i in range(m):
        item_groups[cluster_of[i]].append(i)
    per_row = (pl.DataFrame({"cluster": pl.Series(cluster_of, dtype=pl.Int64).gather(item_of_row),
                             "comparable": pl.Series(comparable, dtype=pl.Boolean).gather(item_of_row)})
               .with_row_index("row")
               .with_columns(pl.when(pl.col("comparable")).then(pl.col("cluster"))
                             .otherwise(-1 - pl.col("row").cast(pl.Int64)).alias("group")))
    shared = (per_row.group_by("group").agg(pl.len().alias("size"), pl.col("row").min().alias("first"))
              .filter(pl.col("size") > 1).sort(["size", "first"], descending=[True, False])
              .with_row_index("rank", offset=1).select("group", pl.col("rank").cast(pl.Int64)))
    rank = (per_row.join(shared, on="group", how="left", maintain_order="left")
            .select(pl.coalesce("rank", shared.height + pl.col("rank").is_null().cum_sum().cast(pl.Int64)))
            .to_series())
    width = max(6, len(str(rank.max())))
    claim_id = ("c" + rank.cast(pl.String).str.zfill(width)).alias("claim_id")
    item_claim = claim_id.gather(items["first"]).to_list()

    def sim(a: int, b: int) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in pair_sim:
            pair_sim[key] = similarity(feats[key[0]], feats[key[1]], idf, mass[key[0]], mass[key[1]])
        return pair_sim[key]

    also_items = _also_supports(m, dict(pair_sim), cluster_of, item_groups, item_claim, sim, weight)
    also = pl.Series("also_claims", also_items, dtype=pl.String).gather(item_of_row)
    analysis.set_statement_columns(pl.DataFrame([claim_id, also]))
    analysis.claims = claims_table(analysis)


def _also_supports(n: int, pair_sim: dict[tuple[int, int], float], cluster_of: list[int],
                   groups: dict[int, list[int]], claim_of: list[str], sim, weight: list[int]) -> list[str]:
    """Other claims a statement asserts too: a sentence may report two facts
    ("Putin arrived in Pyongyang, where Kim welcomed him at the airport"). It keeps one
    claim_id and lists the others here; those claims count it among their reports."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for (a, b), value in pair_sim.items():
        if value >= THRESHOLD:
            neighbours[a].add(cluster_of[b])
            neighbours[b].add(cluster_of[a])
    out = [""] * n
    for i in range(n):
        extra = []
        for c in sorted(neighbours.get(i, ())):
            if c == cluster_of[i]:
                continue
            members = groups[c]  # items, each standing for `weight` identical statements
            avg = sum(weight[j] * sim(i, j) for j in members) / sum(weight[j] for j in members)
            if avg >= ALSO_THRESHOLD:
                extra.append(claim_of[members[0]])
        out[i] = " ".join(sorted(extra))
    return out


MIN_SHARED = 3            # features two statements must share to be compared


def similarity(a: frozenset[int], b: frozenset[int], idf: list[float], mass_a: float, mass_b: float) -> float:
    """IDF-weighted overlap of two feature sets, relative to the smaller one.

    A short report ("Putin arrived in North Korea on Tuesday") is the same claim as a long
    one that adds detail ("... has arrived in North Korea for a two-day official visit
    aimed at bolstering ties"), so the shared weight is measured against the smaller set.
    """
    shared_keys = a & b
    if len(shared_keys) < MIN_SHARED:
        return 0.0
    return math.fsum(idf[k] for k in shared_keys) / min(mass_a, mass_b)  # exact: no order dependence


def _average_link(n: int, pair_sim: dict[tuple[int, int], float], weight: list[int]) -> list[int]:
    """Average-linkage clustering over the compared pairs (pairs never compared count as 0).

    Unlike single linkage, a statement that touches two facts ("arrived ... on his first
    visit in 24 years") cannot chain two claims together. An item stands for `weight`
    identical statements (similarity 1 among themselves), so averages are weighted.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    cluster = list(range(n))
    for (a, b), sim in sorted(pair_sim.items(), key=lambda kv: (-kv[1], kv[0])):
        if sim < THRESHOLD:
            break
        ca, cb = cluster[a], cluster[b]
        if ca == cb:
            continue
        ma, mb = members[ca], members[cb]
        total = 0.0
        for x in ma:
            for y in mb:
                total += weight[x] * weight[y] * pair_sim.get((x, y) if x < y else (y, x), 0.0)
        if total / (sum(weight[x] for x in ma) * sum(weight[y] for y in mb)) < THRESHOLD:
            continue
        keep, drop = (ca, cb) if ca < cb else (cb, ca)
        for i in members[drop]:
            cluster[i] = keep
        members[keep] = members[keep] + members.pop(drop)
    return cluster


def claims_table(analysis) -> pl.DataFrame:
    from .origins import claim_rows
    return claim_rows(analysis)
