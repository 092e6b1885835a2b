"""The report's overview plots as small inline SVG bar charts (no plotting library, no image files).

Every text placed in a chart is escaped; sizes are fixed so the page lays out before it renders.
"""
from __future__ import annotations

import html

import polars as pl

WIDTH = 420
BAR_HEIGHT = 18
GAP = 5
LABEL_WIDTH = 150
BLUE, GREY, RED, YELLOW = "#3b6ea8", "#b8c4d0", "#c0392b", "#d9a400"
REPORT_BUCKETS = ((1, 1, "1"), (2, 2, "2"), (3, 3, "3"), (4, 4, "4"), (5, 9, "5–9"), (10, 19, "10–19"),
                  (20, 49, "20–49"), (50, None, "50+"))


def bars(title: str, rows: list[tuple[str, list[tuple[int, str]], str]], note: str = "") -> str:
    """A horizontal bar chart: rows of (label, [(value, colour), ...] stacked, label colour)."""
    e = html.escape
    top = 26
    height = top + len(rows) * (BAR_HEIGHT + GAP) + (22 if note else 6)
    biggest = max((sum(v for v, _ in segments) for _, segments, _ in rows), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - 60) / biggest
    out = [f'<svg class="plot" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{e(title)}">',
           f'<text x="0" y="16" font-weight="bold" font-size="13">{e(title)}</text>']
    for i, (label, segments, colour) in enumerate(rows):
        y = top + i * (BAR_HEIGHT + GAP)
        out.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end" font-size="11" fill="{colour}">'
                   f'{e(_clip(label, 24))}<title>{e(label)}</title></text>')
        x = float(LABEL_WIDTH)
        for value, fill in segments:
            w = max(value * scale, 1.0 if value else 0.0)
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR_HEIGHT}" fill="{fill}"/>')
            x += w
        total = sum(v for v, _ in segments)
        out.append(f'<text x="{x + 4:.1f}" y="{y + 13}" font-size="11">{total:,}</text>')
    if note:
        out.append(f'<text x="0" y="{height - 6}" font-size="11" fill="#666">{e(note)}</text>')
    out.append("</svg>")
    return "".join(out)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reports_per_claim(claims: pl.DataFrame) -> str:
    counts = claims["n_statements"] if claims.height else pl.Series([], dtype=pl.Int64)
    rows = []
    for low, high, label in REPORT_BUCKETS:
        n = int(((counts >= low) & (counts <= high)).sum()) if high else int((counts >= low).sum())
        rows.append((f"{label} report{'s' if label != '1' else ''}", [(n, BLUE)], "#222"))
    return bars("Claims by number of reports", rows, "a claim reported once is a single statement")


def top_sources(sources: pl.DataFrame | None, top: int = 12) -> str:
    rows = []
    if sources is not None:
        for r in sources.head(top).iter_rows(named=True):
            label = r["name"] + (" (state)" if r["state_affiliated"] else "")
            rows.append((label, [(r["n_as_original"], YELLOW), (r["n_as_intermediary"], GREY)],
                         RED if r["state_affiliated"] else "#222"))
    n = sources.height if sources is not None else 0
    return bars(f"Most-cited sources (top {len(rows)} of {n:,})", rows,
                "yellow: cited as original · grey: as intermediary · red: state-affiliated")


def state_share(sources: pl.DataFrame | None, unattributed: int) -> str:
    """Chains by where they end: a state-affiliated source, another named source, or no source at all
    (a statement without attribution: the publisher's own)."""
    state = other = 0
    if sources is not None and sources.height:
        state = int(sources.filter(pl.col("state_affiliated"))["n_as_original"].sum())
        other = int(sources.filter(~pl.col("state_affiliated"))["n_as_original"].sum())
    total = state + other
    share = f"{state / total:.0%}" if total else "none"
    rows = [("state-affiliated", [(state, RED)], RED), ("other named sources", [(other, YELLOW)], "#222"),
            ("no source given", [(unattributed, GREY)], "#222")]
    return bars("Where chains end", rows, f"state-affiliated: {share} of the originals named")


def flags(claims: pl.DataFrame) -> str:
    rows = []
    for flag in ("single-origin", "circular", "laundered"):
        n = int(claims["flags"].fill_null("").str.contains(flag).sum()) if claims.height else 0
        rows.append((flag, [(n, RED if n else GREY)], "#222"))
    flagged = int((claims["flags"].fill_null("") != "").sum()) if claims.height else 0
    return bars("Flagged claims", rows, f"{flagged:,} of {claims.height:,} claims carry a flag")
