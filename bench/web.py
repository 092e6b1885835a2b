#!/usr/bin/env python3
"""Benchmark: real news web pages in (../shared/corpus/web, issue 16).

Runs attrib on the 181 saved pages (`html/*.html.gz`, as crawlers store them) and prints:
documents rows and their status; bag-of-words recall of the analysed text (the statements'
text) against each page's true body in `ground-truth.json`; pages without statements and
whether their row says why; edges where a page cites its own publisher; sources that are
pronouns or page labels; publisher names that differ between documents and statements;
and the wall time of `--jobs 1` against `--jobs 2`.

    python bench/web.py                    # the .html.gz folder
    python bench/web.py --warc             # the same pages through one WARC.gz
    python bench/web.py --speed            # also time --jobs 1 against --jobs 2
"""
from __future__ import annotations

import argparse
import collections
import gzip
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import attrib  # noqa: E402

WEB = Path(os.environ.get("ATTRIB_WEB", ROOT.parent / "shared" / "corpus" / "web"))
WORD = regex.compile(r"\w+")
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "i", "you", "this", "that", "who", "which"}
LABELS = {"q", "a", "column", "summary", "disclaimer", "image", "advertisement", "related",
          "opinion", "analysis", "editorial", "update", "updated", "moreover", "caption", "credit"}


def bag(text: str) -> collections.Counter:
    return collections.Counter(w.lower() for w in WORD.findall(text))


def recall(truth: str, got: str) -> float:
    t, g = bag(truth), bag(got)
    total = sum(t.values())
    return sum(min(n, g[w]) for w, n in t.items()) / total if total else 1.0


def build_warc(html_dir: Path, truth: dict, path: Path) -> None:
    """One WARC.gz of every page, each a 200 response at its true URL."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for page in sorted(html_dir.glob("*.html.gz")):
            key = page.name.split(".")[0]
            html = gzip.decompress(page.read_bytes())
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(truth[key]["url"], "response", payload=io.BytesIO(html),
                                                          http_headers=headers))


def key_of(doc: dict, truth: dict, by_url: dict) -> str | None:
    if doc.get("url") and doc["url"] in by_url:
        return by_url[doc["url"]]
    stem = Path(doc["path"].split("#")[0]).name.split(".")[0]
    return stem if stem in truth else None


def report(analysis, truth: dict) -> dict:
    import polars as pl

    docs = analysis.documents
    stmts = analysis.statements
    cites = analysis.citations
    by_url = {v["url"]: k for k, v in truth.items()}
    text_of = {d: "\n".join(t) for d, t in stmts.group_by("doc_id").agg(pl.col("text")).iter_rows()}
    recalls, zero_no_reason, langs = [], [], collections.Counter()
    for row in docs.iter_rows(named=True):
        key = key_of(row, truth, by_url)
        langs[row.get("language") or "?"] += 1
        if key is None:
            continue
        recalls.append((recall(truth[key]["articleBody"], text_of.get(row["doc_id"], "")), row["doc_id"], key))
        if not text_of.get(row["doc_id"]) and not row["error"]:
            zero_no_reason.append(row["doc_id"])
    pub = dict(docs.select("doc_id", "publisher").iter_rows())
    self_cites = cites.filter(pl.col("cited") == pl.col("doc_id").replace_strict(pub, default=""))
    cited = cites["cited"].str.to_lowercase().str.strip_chars()
    as_pronoun = cited.is_in(list(PRONOUNS)) & ~cites["cited"].str.contains(r"^[A-Z]{2,}$")
    # a pronoun that stands for no one is kept as `unresolved`: no source, no original, not in sources.csv
    unresolved = cites.filter(as_pronoun & (pl.col("cited_kind") == "unresolved"))
    pronoun = cites.filter(as_pronoun & (pl.col("cited_kind") != "unresolved"))
    label = cites.filter(cited.is_in(list(LABELS)))
    stmt_pub = stmts.select("doc_id", "publisher").unique()
    differ = stmt_pub.join(docs.select("doc_id", pl.col("publisher").alias("doc_publisher")), on="doc_id") \
        .filter(pl.col("publisher") != pl.col("doc_publisher"))
    macro = sum(r for r, _, _ in recalls) / len(recalls) if recalls else 0.0
    out = {
        "documents": docs.height,
        "status": dict(collections.Counter(docs["status"].to_list())),
        "languages": dict(langs.most_common()),
        "pages_scored": len(recalls),
        "recall": round(macro, 4),
        "pages_below_0.8": sum(1 for r, _, _ in recalls if r < 0.8),
        "pages_without_statements_or_reason": len(zero_no_reason),
        "statements": stmts.height,
        "citations": cites.height,
        "self_citations": self_cites.height,
        "pronoun_sources": pronoun.height,
        "unresolved_pronouns": unresolved.height,
        "label_sources": label.height,
        "publisher_differs": differ.height,
    }
    worst = sorted(recalls)[:8]
    return out | {"worst": [(round(r, 3), d[:40]) for r, d, _ in worst],
                  "pronoun_examples": collections.Counter(pronoun["cited"].to_list()).most_common(6),
                  "label_examples": collections.Counter(label["cited"].to_list()).most_common(6),
                  "top_sources": collections.Counter(cites["cited"].to_list()).most_common(12)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--html", type=Path, default=WEB / "html")
    ap.add_argument("--warc", action="store_true", help="build one WARC.gz of the pages and read that")
    ap.add_argument("--speed", action="store_true", help="time --jobs 1 against --jobs 2")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    truth = json.loads((WEB / "ground-truth.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        source = args.html
        if args.warc:
            source = Path(tmp) / "pages.warc.gz"
            build_warc(args.html, truth, source)
        result = attrib.analyze(source, jobs=args.jobs, claims=False)
        print(json.dumps(report(result, truth), indent=1, ensure_ascii=False))
        if args.speed:
            walls = {}
            for jobs in (1, 2):
                t0 = time.perf_counter()
                attrib.analyze(source, jobs=jobs, claims=False)
                walls[jobs] = time.perf_counter() - t0
            print(f"wall --jobs 1 {walls[1]:.1f}s, --jobs 2 {walls[2]:.1f}s: speed-up {walls[1] / walls[2]:.2f}x")


if __name__ == "__main__":
    main()
