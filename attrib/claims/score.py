"""Claim pair scores against hand-annotated gold (the same pairs as ../shared/tools/score_claims.py).

Two members of one gold claim should share a claim_id (recall); members of different gold claims
should not (precision). A member whose anchor no statement of its document contains is a singleton.
"""
from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class PairScore:
    tp: int
    fp: int
    fn: int
    misses: tuple[dict, ...] = ()   # split pairs (one gold claim, two claim_ids) and merged ones (two, one)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _key(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


def claim_pairs(gold_path: str | Path, statements: pl.DataFrame) -> PairScore:
    """Pair counts of a statements table (doc_id, text, claim_id) against a claims gold file (JSONL)."""
    gold = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list[tuple[str, str]]] = {}
    for doc, text, claim in statements.select("doc_id", "text", "claim_id").iter_rows():
        by_doc.setdefault(doc, []).append((_key(text), claim))
    members = []
    for g in gold:
        for m in g["members"]:
            anchor = _key(m["anchor"])
            hit = next((c for t, c in by_doc.get(m["doc"], []) if anchor in t), None)
            members.append((g["claim"], hit or f"\x00missing:{m['doc']}:{m['anchor']}", m))
    tp = fp = fn = 0
    misses = []
    for (ga, pa, ma), (gb, pb, mb) in itertools.combinations(members, 2):
        tp += ga == gb and pa == pb
        fn += ga == gb and pa != pb
        fp += pa == pb and ga != gb
        if (ga == gb) != (pa == pb):
            misses.append({"kind": "split" if ga == gb else "merged", "gold": [ga, gb],
                           "claim_id": [p if not p.startswith("\x00") else None for p in (pa, pb)],
                           "docs": [ma["doc"], mb["doc"]], "anchors": [ma["anchor"], mb["anchor"]]})
    return PairScore(tp, fp, fn, tuple(misses))
