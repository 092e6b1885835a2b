"""DIR/report.html: one self-contained page with the summary, the claims table and the graphs inline.

Every text from the articles is HTML-escaped; the graphs are Graphviz SVG, whose
labels Graphviz escapes itself.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import polars as pl

_PROLOG = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)

STYLE = """
body{font:14px/1.45 -apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1200px;color:#222}
h1{font-size:1.6em} h2{font-size:1.2em;margin-top:2em} table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top} th{background:#f3f3f3}
.flag{display:inline-block;background:#fde2e1;color:#8a1c17;border-radius:3px;padding:0 4px;margin-right:3px;font-size:12px}
.graph{overflow:auto;border:1px solid #eee;margin:1em 0;padding:.5em} .muted{color:#777}
"""


def _svg(path: Path) -> str:
    if not path.is_file():
        return '<p class="muted">(graph not drawn: Graphviz not available)</p>'
    return _PROLOG.sub("", path.read_text(encoding="utf-8"))


def write_report(analysis, out_dir: str | Path, graphs_shown: int = 20) -> Path:
    out = Path(out_dir)
    e = html.escape
    from .api import statement_counts
    docs = analysis.scan("documents").select("status").collect()
    counts = statement_counts(analysis)
    claims = analysis.claims if analysis.claims is not None else pl.DataFrame()
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>attrib report</title>"
             f"<style>{STYLE}</style></head><body><h1>attrib report</h1>",
             f"<p>{docs.height} documents ({docs.filter(pl.col('status') == 'error').height} with errors), "
             f"{counts['statements']} statements, {counts['attributed']} attributed, {claims.height} claims.</p>"]
    if claims.height:
        ordered = claims.with_columns((pl.col("flags") != "").alias("_flagged")).sort(
            ["n_statements", "_flagged", "claim_id"], descending=[True, True, False])
        parts.append("<h2>Claims</h2><table><tr><th>claim</th><th>statement</th><th>reports</th><th>documents</th>"
                     "<th>originals</th><th>independent origins</th><th>unattributed</th><th>flags</th></tr>")
        for r in ordered.head(500).iter_rows(named=True):
            flags = "".join(f"<span class='flag'>{e(f)}</span>" for f in (r["flags"] or "").split())
            parts.append(f"<tr><td><a href='#{e(r['claim_id'])}'>{e(r['claim_id'])}</a></td><td>{e(r['text'])}</td>"
                         f"<td>{r['n_statements']}</td><td>{r['n_documents']}</td><td>{e(r['originals'] or '')}</td>"
                         f"<td>{r['n_independent_origins']}</td><td>{r['n_unattributed']}</td><td>{flags}</td></tr>")
        parts.append("</table><h2>Citation graphs</h2>")
        for r in claims.head(graphs_shown).iter_rows(named=True):
            svg = out / "graphs" / f"{r['claim_id']}.svg"
            parts.append(f"<div class='graph' id='{e(r['claim_id'])}'><h3>{e(r['claim_id'])}: {e(r['text'])}</h3>"
                         f"{_svg(svg)}</div>")
    parts.append(f"<h2>Who cites whom</h2><div class='graph'>{_svg(out / 'graphs' / 'sources.svg')}</div>")
    parts.append("</body></html>")
    path = out / "report.html"
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(path)
    return path
