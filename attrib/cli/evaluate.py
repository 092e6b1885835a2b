"""`attrib eval`: score an output folder against gold annotations."""
from __future__ import annotations

import json
from pathlib import Path

import click
import polars as pl

from ..claims.score import claim_pairs
from ..evaluate import evaluate_chains, evaluate_spans, unresolved_pronouns
from .options import with_inputs_help
from .outputs import load_output


@click.command("eval", help=with_inputs_help("""Score an output folder against gold: chain edges and/or source and cue spans.

    OUT_DIR is the folder of an `attrib analyze` run.

    \b
    Example:
      attrib analyze fixtures/seeds --out out/seeds
      attrib eval out/seeds --gold fixtures/gold/seeds.gold.jsonl --misses 5
    """, lead="attrib analyze reads"))
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", "gold", type=click.Path(exists=True, dir_okay=False), help="JSONL gold of attribution paths.")
@click.option("--brat", "brat", type=click.Path(exists=True, file_okay=False),
              help="Folder with text/*.txt and attributions/*.ann (brat standoff, PolNeAR style).")
@click.option("--claims", "claims_gold", type=click.Path(exists=True, dir_okay=False),
              help="JSONL gold of claims (members by document and anchor): claim pair precision, recall, F1.")
@click.option("--misses", type=int, default=0, show_default=True, help="Print this many misses, and this many unresolved pronouns.")
def eval_command(out_dir: Path, gold: str | None, brat: str | None, claims_gold: str | None, misses: int) -> None:
    if not gold and not brat and not claims_gold:
        raise click.UsageError("give --gold FILE.jsonl, --brat SPLIT_DIR and/or --claims FILE.jsonl")
    analysis = load_output(out_dir)
    if claims_gold:
        score = claim_pairs(claims_gold, analysis.statements)
        click.echo(f"claims: pairs tp={score.tp} fp={score.fp} fn={score.fn} P={score.precision:.3f} "
                   f"R={score.recall:.3f} claim pair F1 {score.f1:.3f}")
        for miss in score.misses[:misses]:
            click.echo("MISS " + json.dumps(miss, ensure_ascii=False))
    results = []
    if gold:
        results.append(("chains", evaluate_chains(gold, analysis.statements)))
    if brat:
        results.append(("spans", evaluate_spans(brat, analysis.citations)))
    for name, ev in results:
        click.echo(f"{name}:")
        with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200, tbl_hide_dataframe_shape=True,
                       tbl_hide_column_data_types=True):
            table = ev.table()
            click.echo(table if name == "chains" else table.drop("chain_exact", "originals_exact"))
        for miss in ev.misses[:misses]:
            click.echo("MISS " + json.dumps(miss, ensure_ascii=False))
    if misses:
        # pronouns that stand for no one: misses whatever the gold says (their chains end in "he", "it")
        for item in unresolved_pronouns(analysis.statements, analysis.citations)[:misses]:
            click.echo("UNRESOLVED " + json.dumps(item, ensure_ascii=False))
