"""`attrib analyze`: the main analysis run."""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from types import FrameType

import click
import polars as pl

from .. import api
from ..read import InputError
from ..store import remove_all
from .options import format_option, jobs_option, metadata_option, out_option, quiet_option


def _graphs(value: str) -> str:
    if value != "all" and not value.isdigit():
        raise click.BadParameter("a number of claims or 'all'")
    return value


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@out_option
@format_option
@metadata_option
@jobs_option
@quiet_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any document has an error.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run extraction here (local) or on a Dask cluster (needs attrib[dask]).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("--graphs", default="20", show_default=True, callback=lambda c, p, v: _graphs(v),
              help="Draw citation graphs for this many top claims, 'all', or 0 for none.")
def analyze_command(paths, out_dir, fmt, metadata, jobs, quiet, strict, engine, scheduler, graphs) -> None:
    """Analyze articles and write statements, citations and documents tables.

    PATHS are text files (.txt, .md), folders (read recursively) or tables
    (.jsonl, .csv, .tsv, .parquet) with one article per row.

    \b
    Example:
      attrib analyze fixtures/ --out out/
      attrib analyze corpus/polnear/dev/text --metadata corpus/polnear/metadata.tsv --out out/dev
    """
    logging.basicConfig(level=logging.WARNING, format="attrib: %(message)s", stream=sys.stderr)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        _run(paths, out_dir, fmt, metadata, jobs, quiet, strict, engine, scheduler, graphs)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(paths, out_dir: str, fmt: str, metadata, jobs: int, quiet: bool, strict: bool, engine: str, scheduler,
         graphs: str) -> None:
    try:
        # the tables stay on disk as Parquet parts in the output folder until written
        analysis = api.analyze(list(paths), metadata=metadata, jobs=jobs, engine=engine, scheduler=scheduler,
                               parts_dir=out_dir)
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    except BrokenProcessPool as exc:
        raise click.ClickException(f"an extraction process died ({exc}); out of memory? try fewer --jobs") from None
    try:
        _write(analysis, paths, out_dir, fmt, jobs, quiet, strict, graphs)
    finally:
        analysis.close()


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (kill, a scheduler's time limit): remove this run's Parquet parts, then exit at once.

    Not by raising SystemExit: Python drops an exception raised inside a finalizer or a
    garbage-collected generator, and the run would go on. A table being written is left as a
    `.NAME.*.tmp` file, never under its final name."""
    for worker in multiprocessing.active_children():  # else they would wait for work forever
        worker.terminate()
    remove_all()
    os._exit(128 + signum)


def _write(analysis: api.Analysis, paths, out_dir: str, fmt: str, jobs: int, quiet: bool, strict: bool,
           graphs: str) -> None:
    t0 = time.perf_counter()
    written = api.write_analysis(analysis, out_dir, fmt)
    analysis.seconds["write"] = time.perf_counter() - t0
    if graphs != "0":
        from ..graph import write_claim_outputs
        t0 = time.perf_counter()
        write_claim_outputs(analysis, out_dir, None if graphs == "all" else int(graphs))
        analysis.seconds["graphs"] = time.perf_counter() - t0
    api.write_run_record(analysis, out_dir, paths=list(paths), jobs=jobs, fmt=fmt)
    if not quiet:
        click.echo(api.summary(analysis))
        click.echo(f"wrote {', '.join(str(p) for p in written)}")
    errors = analysis.scan("documents").filter(pl.col("status") == "error").select(pl.len()).collect().item()
    if strict and errors:
        raise SystemExit(1)
