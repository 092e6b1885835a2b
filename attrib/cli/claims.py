"""`attrib claims`: the claims of an output folder, as a table on a terminal, else CSV or JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import polars as pl

from ..claims.explain import explain, format_explanation
from ..tables import to_csv
from .options import with_inputs_help
from .outputs import load_output

COLUMNS = ("claim_id", "n_statements", "n_documents", "n_independent_origins", "n_originals", "n_unattributed",
           "flags", "originals", "publishers", "text", "evidence")
TABLE_COLUMNS = ("claim_id", "n_statements", "n_documents", "n_independent_origins", "flags", "originals", "text")


@click.command("claims", help=with_inputs_help("""Print the claims of an output folder, most reported first.

    OUT_DIR is the folder of an `attrib analyze` run. On a terminal the claims
    print as a table; piped or redirected, as CSV (--format chooses).

    \b
    Example:
      attrib analyze fixtures/ --out out/
      attrib claims out/ --top 10 --flag laundered
      attrib claims out/ --top 0 --format json > claims.json
      attrib claims out/ --explain c000001
    """, lead="attrib analyze reads"))
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many claims to print; 0 for all.")
@click.option("--flag", type=click.Choice(["single-origin", "circular", "laundered"]), help="Only claims with this flag.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]),
              help="Output format  [default: table on a terminal, else csv]")
@click.option("--explain", "explain_id", metavar="CLAIM_ID",
              help="Explain one claim: its statements, the features they share, their similarity, "
                   "the closest statements left out and the statements behind each flag.")
def claims_command(out_dir: Path, top: int, flag: str | None, fmt: str | None, explain_id: str | None) -> None:
    analysis = load_output(out_dir)
    claims = analysis.claims
    if claims is None:
        raise click.UsageError(f"{out_dir} has no claims table")
    if explain_id:
        try:
            click.echo(format_explanation(explain(analysis, explain_id)))
        except KeyError:
            raise click.UsageError(f"{out_dir} has no claim {explain_id}") from None
        return
    shown = select_claims(claims, top, flag)
    print_claims(shown, fmt or ("table" if sys.stdout.isatty() else "csv"))


def select_claims(claims: pl.DataFrame, top: int, flag: str | None) -> pl.DataFrame:
    """The claims to print: with `flag` if given, most reported first, the first `top` (0: all)."""
    if flag:
        claims = claims.filter(pl.col("flags").fill_null("").str.split(" ").list.contains(flag))
    claims = claims.sort(["n_statements", "claim_id"], descending=[True, False])
    return claims if top == 0 else claims.head(top)


def print_claims(claims: pl.DataFrame, fmt: str) -> None:
    columns = [c for c in (TABLE_COLUMNS if fmt == "table" else COLUMNS) if c in claims.columns]
    columns += [c for c in claims.columns if c not in COLUMNS and fmt != "table"]  # columns added later, kept
    shown = claims.select(columns)
    if fmt != "json":
        shown = to_csv(shown.lazy()).collect()
    if fmt == "csv":
        click.echo(shown.write_csv(), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(shown.to_dicts(), ensure_ascii=False, indent=1))
    else:
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=80, tbl_width_chars=200,
                       tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
            click.echo(shown)
