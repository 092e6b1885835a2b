"""`attrib graph`: redraw one claim's citation graph from an output folder."""
from __future__ import annotations

from pathlib import Path

import click

from ..graph import claim_graph
from ..render import write_graph
from .options import with_inputs_help
from .outputs import load_output


@click.command("graph", help=with_inputs_help("""Draw the citation graph of one claim into DIR/graphs/<claim>.svg and .dot.

    OUT_DIR is the folder of an `attrib analyze` run; any claim of its claims
    table can be drawn, also one the run did not draw.

    \b
    Example:
      attrib analyze fixtures/ --out out/ --graphs 0
      attrib graph out/ --claim c000002
    """, lead="attrib analyze reads"))
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--claim", "claim_id", required=True, help="The claim id, as in claims.csv (e.g. c000002).")
def graph_command(out_dir: Path, claim_id: str) -> None:
    analysis = load_output(out_dir)
    claims = analysis.claims
    if claims is None or claim_id not in set(claims["claim_id"].to_list()):
        raise click.UsageError(f"no claim {claim_id!r} in {out_dir}")
    row = claims.filter(claims["claim_id"] == claim_id).row(0, named=True)
    try:
        written = write_graph(claim_graph(claim_id, analysis.statements, analysis.citations, row["text"], claim=row),
                              out_dir / "graphs", claim_id)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo("wrote " + ", ".join(str(p) for p in written))
