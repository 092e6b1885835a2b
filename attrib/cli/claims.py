"""`attrib claims`: print the claims table of an output folder, or explain one claim."""
from __future__ import annotations

from pathlib import Path

import click
import polars as pl

from .outputs import load_output


@click.command("claims")
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--top", type=int, default=20, show_default=True, help="How many claims to show.")
@click.option("--flag", type=click.Choice(["single-origin", "circular", "laundered"]), help="Only claims with this flag.")
@click.option("--explain", "explain_id", metavar="CLAIM_ID",
              help="Explain one claim: its statements, the features they share, their similarity, "
                   "the closest statements left out and the statements behind each flag.")
def claims_command(out_dir: Path, top: int, flag: str | None, explain_id: str | None) -> None:
    """Print the claims of an output folder, most reported first.

    \b
    Example:
      attrib analyze fixtures/ --out out/
      attrib claims out/ --top 10 --flag laundered
      attrib claims out/ --explain c000001
    """
    analysis = load_output(out_dir)
    claims = analysis.claims
    if claims is None:
        raise click.UsageError(f"{out_dir} has no claims table")
    if explain_id:
        from ..claims.explain import explain, format_explanation
        try:
            click.echo(format_explanation(explain(analysis, explain_id)))
        except KeyError:
            raise click.UsageError(f"{out_dir} has no claim {explain_id}") from None
        return
    if flag:
        claims = claims.filter(pl.col("flags").str.contains(flag))
    shown = claims.sort(["n_statements", "claim_id"], descending=[True, False]).head(top).select(
        "claim_id", "n_statements", "n_documents", "n_independent_origins", "flags", "originals", "text")
    with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=80, tbl_width_chars=200,
                   tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
        click.echo(shown)
