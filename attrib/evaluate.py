"""Score an output folder against gold: chain edges (JSONL gold) and source/cue spans (brat standoff).

The measures are the ones of the acceptance scorers: an edge is publisher -> hop 1,
hop 1 -> hop 2, ...; a predicted name matches an accepted name when, after
normalising case, quotes and punctuation, it contains it as whole words and is at
most eight words long. Spans match when they overlap (one-to-one, greedy), or,
for "exact", when they are equal after trimming spaces and quotes.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

PUBLISHER = "\x00publisher"


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    statements: int = 0
    exact: int = 0
    originals: int = 0

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


@dataclass
class Evaluation:
    tallies: dict[str, Tally] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    def table(self) -> pl.DataFrame:
        rows = [{"measure": k, "precision": round(t.precision, 4), "recall": round(t.recall, 4), "f1": round(t.f1, 4),
                 "tp": t.tp, "fp": t.fp, "fn": t.fn,
                 "chain_exact": round(t.exact / t.statements, 4) if t.statements else None,
                 "originals_exact": round(t.originals / t.statements, 4) if t.statements else None}
                for k, t in self.tallies.items()]
        return pl.DataFrame(rows)


def _norm(s: str) -> str:
    s = s.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[^\w@' ]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).strip().lower()


def name_match(pred: str, accepted: list[str]) -> bool:
    if pred == PUBLISHER or PUBLISHER in accepted:
        return pred == PUBLISHER and PUBLISHER in accepted
    p = _norm(pred)
    if not p or len(p.split()) > 8:
        return False
    return any(f" {_norm(a)} " in f" {p} " for a in accepted if _norm(a))


def _edges(paths, gold: bool):
    out = []
    for path in paths:
        prev = [PUBLISHER] if gold else PUBLISHER
        for hop in path:
            out.append((prev, hop))
            prev = hop
    return out


def _paths(cell: list | None) -> list[list[str]]:
    """A statement's chains (tables.py: a list of paths, each a list of names)."""
    return [list(p) for p in cell or [] if p]


def evaluate_chains(gold_path: str | Path, statements: pl.DataFrame) -> Evaluation:
    """Edge precision/recall/F1, exact chains and originals against a JSONL gold file."""
    gold = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list] = defaultdict(list)
    for i, row in enumerate(statements.select("doc_id", "text", "chains").iter_rows()):
        by_doc[row[0]].append((i, _key(row[1]), _paths(row[2])))
    gold_docs = {g["doc"] for g in gold} - {g["doc"] for g in gold if g.get("partial")}
    used: set[int] = set()
    ev = Evaluation(tallies={k: Tally() for k in ("regular", "hard", "all")})
    for g in gold:
        anchor = _key(g["anchor"])
        hits = [(i, ch) for i, t, ch in by_doc.get(g["doc"], []) if anchor in t]
        used.update(i for i, _ in hits)
        if g.get("skip"):
            continue
        pred_paths = [p for _, ch in hits for p in ch]
        free = list(_edges(pred_paths, gold=False))
        gold_edges = _edges(g["paths"], gold=True)
        tp = 0
        for ge in gold_edges:
            for pe in free:
                if name_match(pe[0], ge[0]) and name_match(pe[1], ge[1]):
                    free.remove(pe)
                    tp += 1
                    break
        fn, fp = len(gold_edges) - tp, len(free)
        gold_orig = [p[-1] for p in g["paths"]]
        pred_orig = [p[-1] for p in pred_paths]
        orig_ok = len({tuple(o) for o in gold_orig}) == len(set(pred_orig)) and all(
            any(name_match(po, go) for po in pred_orig) for go in gold_orig)
        for k in ("all", "hard" if g.get("hard") else "regular"):
            t = ev.tallies[k]
            t.tp += tp
            t.fn += fn
            t.fp += fp
            t.statements += 1
            t.exact += fn == 0 and fp == 0
            t.originals += orig_ok
        if fn or fp:
            ev.misses.append({"doc": g["doc"], "anchor": g["anchor"], "gold": g["paths"], "pred": pred_paths,
                              "found": bool(hits)})
    for doc in sorted(gold_docs):
        for i, t, ch in by_doc.get(doc, []):
            if i not in used and ch:
                n = len(_edges(ch, gold=False))
                ev.tallies["all"].fp += n
                ev.tallies["regular"].fp += n
                ev.misses.append({"doc": doc, "stray": t[:120], "pred": ch})
    return ev


def unresolved_pronouns(statements: pl.DataFrame, citations: pl.DataFrame) -> list[dict]:
    """Every pronoun the chains left unresolved ("he" with no one it can stand for), with its sentence:
    misses of their own, whatever the gold says."""
    if "cited_kind" not in citations.columns or citations.height == 0:
        return []
    found = (citations.filter(pl.col("cited_kind") == "unresolved")
             .select("doc_id", "statement_id", "cited", "path", "hop")
             .join(statements.select("statement_id", "text"), on="statement_id", how="left", maintain_order="left"))
    return [{"doc": doc, "unresolved": words, "statement": statement_id, "path": path, "hop": hop,
             "text": (text or "")[:200]}
            for doc, statement_id, words, path, hop, text in found.select(
                "doc_id", "statement_id", "cited", "path", "hop", "text").iter_rows()]


def _brat_spans(ann: str, label: str) -> set[tuple[int, int]]:
    spans = set()
    for line in ann.splitlines():
        parts = line.split("\t")
        if not line.startswith("T") or len(parts) < 2:
            continue
        kind, _, offsets = parts[1].partition(" ")
        if kind == label:
            nums = [int(x) for piece in offsets.split(";") for x in piece.split()]
            spans.add((min(nums), max(nums)))
    return spans


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in "\"'\u201c\u201d\u2018\u2019,"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "\"'\u201c\u201d\u2018\u2019,."):
        b -= 1
    return a, b


def evaluate_spans(split_dir: str | Path, citations: pl.DataFrame) -> Evaluation:
    """Source and cue span overlap/exact P/R/F1 against brat standoff (text/*.txt, attributions/*.ann)."""
    split = Path(split_dir)
    pred: dict[str, dict[str, set]] = {"Source": defaultdict(set), "Cue": defaultdict(set)}
    for doc, s, e, cs, ce in citations.select("doc_id", "source_start", "source_end", "cue_start",
                                              "cue_end").iter_rows():
        if s is not None and e is not None and e > s:
            pred["Source"][doc].add((s, e))
        if cs is not None and ce is not None and ce > cs:
            pred["Cue"][doc].add((cs, ce))
    ev = Evaluation(tallies={f"{label} {mode}": Tally() for label in ("Source", "Cue")
                             for mode in ("overlap", "exact")})
    for txt in sorted((split / "text").glob("*.txt")):
        anns = sorted((split / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        ann = anns[0].read_text(encoding="utf-8")
        for label in ("Source", "Cue"):
            gold = _brat_spans(ann, label)
            for mode in ("overlap", "exact"):
                free = sorted(pred[label].get(txt.stem, set()))
                n_pred = len(free)
                tp = 0
                for g in sorted(gold):
                    for p in free:
                        ok = _trim(text, *p) == _trim(text, *g) if mode == "exact" else p[0] < g[1] and g[0] < p[1]
                        if ok:
                            free.remove(p)
                            tp += 1
                            break
                    else:
                        if label == "Source" and mode == "overlap":
                            ev.misses.append({"doc": txt.stem, "missed": text[g[0]:g[1]],
                                              "context": text[max(0, g[0] - 60):g[1] + 60].replace("\n", " ")})
                t = ev.tallies[f"{label} {mode}"]
                t.tp += tp
                t.fp += n_pred - tp
                t.fn += len(gold) - tp
    return ev
