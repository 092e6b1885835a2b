"""Why a claim holds its statements: members, the features they share, their similarity, and the
statements behind each flag, so that a researcher can check a merge in a minute."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from ..result import Analysis
from ..tables import paths_text
from .featurising import featurise
from .grouping import CONFLICT, THRESHOLD, Features, conflict
from .items import distinct_items

MAX_MATRIX = 12    # members shown in the similarity matrix
NEAR_MISSES = 5    # closest statements left out of the claim


@dataclass
class Explanation:
    claim: dict
    members: pl.DataFrame                 # statement_id, doc_id, publisher, chains, primary, text
    shared: list[tuple[str, int, float]]  # (feature, members with it, idf)
    matrix: list[list[float]]             # similarity between the first MAX_MATRIX members (-1: conflict)
    near: list[tuple[float, str, str, str]]  # (similarity, statement_id, why not, text) of close non-members
    evidence: list[tuple[str, str, str]]  # (flag, statement_id, text)


def explain(analysis: Analysis, claim_id: str) -> Explanation:
    st = analysis.scan("statements").select("statement_id", "doc_id", "publisher", "chains", "claim_id",
                                            "also_claims", "text").collect().with_row_index("row")
    claims = analysis.claims if analysis.claims is not None else pl.DataFrame()
    if claim_id not in set(st["claim_id"].to_list()):
        raise KeyError(claim_id)
    item_of_row, items, common = distinct_items(analysis)
    weight = items["weight"].to_list()
    feats = Features(featurise(list(zip(items["text"].to_list(), items["blanks"].to_list())), common), weight,
                     st.height, items["doc"].to_list(), items["cited"].to_list(), prune=False)
    st = st.with_columns(item_of_row.alias("item"),
                         (pl.col("claim_id") == claim_id).alias("primary"),
                         pl.col("also_claims").list.contains(claim_id).fill_null(False).alias("also"))
    members = st.filter(pl.col("primary") | pl.col("also"))
    member_items = list(dict.fromkeys(members["item"].to_list()))
    counts: dict[int, int] = {}
    for i in member_items:
        for k in feats.items[i].feats:
            counts[k] = counts.get(k, 0) + weight[i]
    shared = sorted(((feats.names[k], c, feats.idf[k]) for k, c in counts.items() if c >= 2),
                    key=lambda t: (-t[1] * t[2], t[0]))
    shown = members["item"].to_list()[:MAX_MATRIX]   # by member, as numbered in the listing
    matrix = [[1.0 if a == b else feats.similarity(min(a, b), max(a, b)) for b in shown] for a in shown]
    near = []
    member_set = set(member_items)
    candidates: dict[int, float] = {}
    for i in member_items:
        for k in feats.items[i].feats:
            if feats.df[k] > 64:
                continue
            for j in _postings(feats, k):
                if j not in member_set:
                    candidates[j] = max(candidates.get(j, 0.0), feats.similarity(min(i, j), max(i, j)))
    firsts = items["first"].to_list()
    for j, s in sorted(candidates.items(), key=lambda kv: -kv[1])[:NEAR_MISSES]:
        sims = [feats.similarity(min(i, j), max(i, j)) for i in member_items]
        average = sum(max(0.0, v) * weight[i] for v, i in zip(sims, member_items)) / sum(weight[i] for i in member_items)
        row = st.row(firsts[j], named=True)
        why = next((f"cannot be one claim: {conflict(feats.items[i], feats.items[j], feats.unnamed)}" for i in member_items
                    if conflict(feats.items[i], feats.items[j], feats.unnamed)), None) or (
            f"average with these members {average:.2f}, below {THRESHOLD}" if average < THRESHOLD else
            f"average with these members {average:.2f}, but {row['claim_id']} took it first (closer)")
        near.append((s, row["statement_id"], why, row["text"]))
    claim = claims.filter(pl.col("claim_id") == claim_id).row(0, named=True) if claims.height else {}
    evidence = []
    texts = dict(zip(st["statement_id"].to_list(), st["text"].to_list()))
    for part in (claim.get("evidence") or "").split(" | "):
        if ":" not in part:
            continue
        flag, rest = part.split(":", 1)
        role = ""
        for token in rest.replace(";", " ").split():
            if token in texts:
                evidence.append((flag.strip() + (f" ({role})" if role else ""), token, texts[token]))
            elif token.isalpha():
                role = token     # "unattributed", "traced"
    return Explanation(claim, members.select("statement_id", "doc_id", "publisher", "chains", "primary", "text"),
                       shared, matrix, near, evidence)


def _postings(feats: Features, key: int) -> list[int]:
    index = getattr(feats, "_index", None)
    if index is None:
        index = {}
        for i, it in enumerate(feats.items):
            for k in it.feats:
                index.setdefault(k, []).append(i)
        feats._index = index
    return index.get(key, [])


def format_explanation(e: Explanation, width: int = 110) -> str:
    def cut(text: str, n: int) -> str:
        text = " ".join(str(text).split())
        return text if len(text) <= n else text[:n - 1] + "…"

    c = e.claim
    lines = [f"claim {c.get('claim_id', '')}: {c.get('n_statements', e.members.height)} statements, "
             f"{c.get('n_documents', '?')} documents, {c.get('n_independent_origins', '?')} independent origins, "
             f"flags: {c.get('flags') or '-'}", f"  {cut(c.get('text', ''), width)}", "", "members (* = its claim_id; "
             "+ = also supports it):"]
    for i, r in enumerate(e.members.iter_rows(named=True)):
        tag = "*" if r["primary"] else "+"
        lines.append(f" {i + 1:>2}{tag} {r['statement_id']}  [{r['publisher'] or r['doc_id']}]"
                     f"  {('via ' + paths_text(r['chains'])) if r['chains'] else 'unattributed'}")
        lines.append(f"      {cut(r['text'], width)}")
    lines += ["", "shared features (members with it, idf): " + ", ".join(
        f"{name} ({n}, {idf:.1f})" for name, n, idf in e.shared[:25]) if e.shared else "shared features: none"]
    if len(e.matrix) > 1:
        lines += ["", f"similarity of the first members (threshold {THRESHOLD}; x = cannot be one claim):"]
        lines.append("      " + "".join(f"{j + 1:>6}" for j in range(len(e.matrix))))
        for i, row in enumerate(e.matrix):
            lines.append(f"  {i + 1:>3} " + "".join(f"{'x' if v == CONFLICT else f'{v:.2f}':>6}" for v in row))
    if e.near:
        lines += ["", "closest statements left out:"]
        for s, sid, why, text in e.near:
            lines.append(f"  best {s:4.2f} {sid} ({why})")
            lines.append(f"        {cut(text, width)}")
    if e.evidence:
        lines += ["", "flag evidence:"]
        for flag, sid, text in e.evidence:
            lines.append(f"  {flag}: {sid}  {cut(text, width - 20)}")
    return "\n".join(lines)
