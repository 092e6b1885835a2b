"""DIR/report.html: one self-contained page to browse a run: overview plots, every claim, graphs inline.

Offline and self-contained: styles, script, plots and graphs are inline, nothing is
fetched, and a Content-Security-Policy lets only the page's own script run. Claims
travel as JSON inside the page and the script builds the table rows with textContent,
so article text is never parsed as HTML; elsewhere it is HTML-escaped, and the graphs
are Graphviz SVG, whose labels Graphviz escapes. Links point only at what the page
holds: a claim links to its graph only when that graph was drawn.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path

import polars as pl

from . import report_plots
from .result import Analysis, statement_counts
from .tables import CLAIMS, to_csv

_PROLOG = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)
MAX_CLAIMS = 50_000      # claims carried by the page; beyond, the page says "top N of M" (claims table has all)
COLUMNS = (  # (field, heading, type)
    ("claim_id", "claim", "text"), ("text", "statement", "text"), ("n_statements", "reports", "number"),
    ("n_documents", "documents", "number"), ("n_publishers", "publishers", "number"),
    ("n_independent_origins", "independent origins", "number"), ("n_originals", "originals", "number"),
    ("n_unattributed", "unattributed", "number"),
    ("flags", "flags", "text"), ("graph", "graph", "number"))
FLAGS = ("single-origin", "circular", "laundered")
ZOOM = "<button type='button' class='zoom'>full size</button>"


def _asset(name: str) -> str:
    return resources.files("attrib.assets").joinpath(name).read_text(encoding="utf-8")


def _svg(path: Path | None) -> str:
    if path is None or not path.is_file():
        return '<p class="muted">(graph not drawn: Graphviz not available)</p>'
    return _PROLOG.sub("", path.read_text(encoding="utf-8"))


def _json_for_script(value: object) -> str:
    """JSON that cannot end its <script> element or start a comment there."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def ordered_claims(claims: pl.DataFrame) -> pl.DataFrame:
    """The report's order: most reports first, flagged before unflagged, then by id."""
    return (claims.with_columns((pl.col("flags").fill_null("") != "").alias("_flagged"))
            .sort(["n_statements", "_flagged", "claim_id"], descending=[True, True, False]).drop("_flagged"))


def claims_data(claims: pl.DataFrame, graphs: dict[str, Path]) -> dict:
    shown = ordered_claims(claims).head(MAX_CLAIMS).with_columns(
        pl.col("publishers").list.len().fill_null(0).alias("n_publishers"),
        pl.col("claim_id").is_in(sorted(graphs)).cast(pl.Int64).alias("graph"),
        pl.col(pl.String).fill_null(""))
    names = [c for c, _, _ in COLUMNS] + ["originals", "publishers"]
    return {"columns": names, "rows": to_csv(shown.select(names).lazy()).collect().rows()}


def write_report(analysis: Analysis, out_dir: str | Path, graphs: dict[str, Path] | None = None,
                 network_svg: Path | None = None) -> Path:
    """DIR/report.html. `graphs` maps the claims whose graph was drawn to their SVG files."""
    out = Path(out_dir)
    graphs = graphs or {}
    e = html.escape
    claims = analysis.claims if analysis.claims is not None else pl.DataFrame(schema=CLAIMS)
    sources = analysis.extra.get("sources")
    docs = analysis.scan("documents").select("status").collect()
    counts = statement_counts(analysis)
    n_errors = docs.filter(pl.col("status") == "error").height
    n_skipped = docs.filter(pl.col("status") == "skipped").height
    n_st, n_att = counts["statements"], counts["attributed"]
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"
    title = f"attrib report: {docs.height:,} documents, {claims.height:,} claims"
    multi = claims.filter(pl.col("n_statements") > 1).height if claims.height else 0
    flagged = claims.filter(pl.col("flags").fill_null("") != "").height if claims.height else 0
    problems = f"{n_errors:,} with errors" + (f", {n_skipped:,} skipped" if n_skipped else "")
    cards = [(f"{docs.height:,}", f"documents ({problems})"), (f"{n_st:,}", "statements"),
             (f"{n_att / n_st:.0%}" if n_st else "–", f"attributed ({n_att:,})"), (f"{claims.height:,}", "claims"),
             (f"{multi:,}", "claims reported more than once"), (f"{flagged:,}", "flagged claims")]
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<meta http-equiv='Content-Security-Policy' content=\"{csp}\">"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
             f"<title>{e(title)}</title><style>{_asset('report.css')}</style></head><body>",
             "<h1>attrib report</h1>",
             "<nav><a href='#overview'>Overview</a><a href='#claims'>Claims</a><a href='#graphs'>Citation graphs</a>"
             "<a href='#network'>Who cites whom</a></nav>",
             "<section id='overview'><h2>Overview</h2><div class='cards'>",
             *(f"<div class='card'><b>{e(v)}</b>{e(k)}</div>" for v, k in cards), "</div><div class='plots'>",
             report_plots.reports_per_claim(claims), report_plots.top_sources(sources),
             report_plots.state_share(sources, n_st - n_att), report_plots.flags(claims), "</div></section>"]
    parts += _claims_section(claims, graphs)
    parts += _graphs_section(claims, graphs)
    parts.append(f"<section id='network'><h2>Who cites whom</h2><div class='graph'><h3>The outlet network{ZOOM}</h3>"
                 f"{_svg(network_svg)}</div></section>")
    parts.append(f"<script>{script}</script></body></html>")
    path = out / "report.html"
    tmp = path.with_name(".report.html.tmp")
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(path)
    return path


def _claims_section(claims: pl.DataFrame, graphs: dict[str, Path]) -> list[str]:
    e = html.escape
    n = claims.height
    scope = (f"All {n:,} claims" if n <= MAX_CLAIMS else
             f"The top {MAX_CLAIMS:,} of {n:,} claims by reports (the claims table has them all)")
    heads = "".join(f"<th data-key='{key}' data-type='{kind}'><button type='button'>{e(head)}</button></th>"
                    for key, head, kind in COLUMNS)
    options = "".join(f"<option value='{f}'>{f}</option>" for f in FLAGS)
    return [
        "<section id='claims'><h2>Claims</h2>",
        f"<p>{scope}, most reported first. Search, filter by flag, click a heading to sort; a claim whose graph "
        f"was drawn links to it. The page's address keeps the view (e.g. <code>report.html?q=putin</code>).</p>",
        "<div class='controls'><input type='search' id='search' placeholder='Search statements, sources, publishers, "
        "ids' aria-label='Search claims'>"
        f"<label>flag <select id='flag'><option value=''>any</option>{options}</select></label>"
        "<label><input type='checkbox' id='graphed'> with a graph</label><span id='count' class='muted'></span></div>",
        f"<table id='claims-table'><thead><tr>{heads}</tr></thead><tbody></tbody></table>",
        "<div class='pager'><button type='button' id='prev'>‹ previous</button><span id='page'></span>"
        "<button type='button' id='next'>next ›</button></div>",
        "<noscript><p>The claims table needs JavaScript; claims.csv (or .parquet/.jsonl) holds the same rows."
        "</p></noscript>",
        f"<script type='application/json' id='claims-data'>{_json_for_script(claims_data(claims, graphs))}</script>",
        "</section>"]


def _graphs_section(claims: pl.DataFrame, graphs: dict[str, Path]) -> list[str]:
    e = html.escape
    drawn = ordered_claims(claims.filter(pl.col("claim_id").is_in(sorted(graphs)))) if claims.height else claims
    parts = ["<section id='graphs'><h2>Citation graphs</h2>"]
    if not graphs:
        parts.append("<p class='muted'>No claim graphs were drawn (<code>--graphs 0</code>).</p>")
    else:
        parts.append(f"<p>The {drawn.height:,} most reported claims (of {claims.height:,}); "
                     "<code>attrib graph DIR --claim ID</code> draws any other one, <code>--graphs N|all</code> "
                     "draws more in a run. Hover over a box for its statements.</p>")
    for r in drawn.iter_rows(named=True):
        cid = e(r["claim_id"])
        # the graph's title holds the claim's text up to about 300 characters; a longer one is given here whole
        whole = f"<p class='muted'>{e(r['text'])}</p>" if len(r["text"] or "") > 290 else ""
        parts.append(f"<div class='graph' id='g-{cid}'><h3>{cid}{ZOOM}<a class='back' href='#claims'>↑ claims</a>"
                     f"</h3>{whole}{_svg(graphs[r['claim_id']])}</div>")
    parts.append("</section>")
    return parts
