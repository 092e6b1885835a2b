#!/usr/bin/env python3
"""Hostile text: time the analyzer on documents built to make regex rules backtrack.

Prints the worst time per document and per 100 KB; the bar is one second per 100 KB.
Not a timed test: run it with `python bench/pathological.py`.
"""
from __future__ import annotations

import time

from attrib.pipeline import Analyzer
from attrib.records import Document

CASES = {
    "capitalised words": " ".join(["Capital"] * 20_000) + " said.",
    "capitalised words, no cue": " ".join(["Capital Word"] * 20_000),
    "commas": "Officials" + ", officials" * 20_000 + " said.",
    "quotes": '"' * 50_000 + " he said",
    "curly quotes": "“”" * 25_000 + " KCNA reportedly added.",
    "one-million-character sentence": ("according to sources familiar with the matter " * 22_000)[:1_000_000],
    "cue soup": "said told reported according to citing " * 5_000,
    "who chains": "Trump, who said " * 10_000,
    "titles": "Former Deputy Assistant Secretary General Vice President " * 5_000 + "Smith said.",
    "dashes and handles": "— @user (@user) " * 20_000,
    "mixed scripts": "Авторизуйтесь 新闻 خبر said " * 10_000,
}


def main() -> None:
    analyzer = Analyzer.create()
    worst = 0.0
    print(f"{'case':34s} {'KB':>8s} {'seconds':>8s} {'s/100KB':>8s} {'statements':>10s}")
    for name, text in CASES.items():
        t0 = time.perf_counter()
        result = analyzer.analyze_document(Document(doc_id=name, text=text))
        dt = time.perf_counter() - t0
        per100 = dt / (len(text) / 100_000)
        worst = max(worst, per100)
        print(f"{name:34s} {len(text) / 1000:8.0f} {dt:8.2f} {per100:8.2f} {len(result.statements):10d}"
              f"  {result.document['status']}")
    print(f"worst: {worst:.2f} s per 100 KB ({'within' if worst < 1.0 else 'OVER'} the 1 s bar)")


if __name__ == "__main__":
    main()
