"""`attrib analyze`: the main analysis run."""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from concurrent.futures.process import BrokenProcessPool
from types import FrameType

import click

from .. import api
from ..outputs import OutputFolderError, check_folder, summary, write_outputs
from ..progress import Progress
from ..read import InputError, iter_input_files
from ..store import remove_all
from .options import format_option, jobs_option, metadata_option, out_option, quiet_option, with_inputs_help


def _graphs(value: str) -> str:
    if value != "all" and not value.isdigit():
        raise click.BadParameter("a number of claims or 'all'")
    return value


@click.command("analyze", help=with_inputs_help("""Analyze articles: statements, citations, claims, graphs and a report.

    Writes the tables (statements, citations, documents, claims, sources), graphs/
    (citation graphs of the top claims, and who cites whom), network/ (for Gephi),
    report.html (open it in a browser) and run.json into the --out folder.

    \b
    Example:
      attrib analyze fixtures/ --out out/
      attrib analyze corpus/polnear/dev/text --metadata corpus/polnear/metadata.tsv --out out/dev
    """))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@out_option
@format_option
@metadata_option
@jobs_option
@quiet_option
@click.option("--strict", is_flag=True, help="Exit non-zero when any document is skipped or has an error.")
@click.option("--text-column", default="", metavar="NAME", help="A table's text column, where not text/body/content.")
@click.option("--id-column", default="", metavar="NAME", help="A table's id column, where not id/doc_id.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run extraction here (local) or on a Dask cluster (needs attrib[dask]).")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")
@click.option("--graphs", default="20", show_default=True, callback=lambda c, p, v: _graphs(v),
              help="Draw citation graphs for this many top claims, 'all', or 0 for none.")
def analyze_command(paths, out_dir, fmt, metadata, jobs, quiet, strict, text_column, id_column, engine, scheduler,
                    graphs) -> None:
    logging.basicConfig(level=logging.WARNING, format="attrib: %(message)s", stream=sys.stderr)
    try:
        check_folder(out_dir)  # before any work: a folder of something else is refused, not cleaned
    except OutputFolderError as exc:
        raise click.UsageError(str(exc)) from None
    # every option as given, for run.json (options other commands add are recorded too)
    options = {k: list(v) if isinstance(v, tuple) else v for k, v in click.get_current_context().params.items()}
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with Progress.for_terminal(quiet) as progress:
            analysis = _analyze(paths, out_dir, metadata, jobs, engine, scheduler, progress, text_column, id_column)
            try:
                written = write_outputs(analysis, out_dir, fmt, None if graphs == "all" else int(graphs),
                                        options=options, progress=progress)
            except BaseException:
                analysis.close()
                raise
        try:
            if not quiet:
                click.echo(summary(analysis, written, out_dir))
            statuses = analysis.scan("documents").group_by("status").len().collect()
            counts = dict(zip(statuses["status"].to_list(), statuses["len"].to_list()))
        finally:
            analysis.close()
    finally:
        signal.signal(signal.SIGTERM, previous)
    bad = counts.get("error", 0) + counts.get("skipped", 0)
    if strict and bad:
        click.echo(f"attrib: --strict: {counts.get('skipped', 0)} document(s) skipped and {counts.get('error', 0)} "
                   f"in error of {sum(counts.values())} (see documents' status and error)", err=True)
        raise SystemExit(1)


def _analyze(paths, out_dir: str, metadata, jobs: int, engine: str, scheduler, progress: Progress,
             text_column: str = "", id_column: str = "") -> api.Analysis:
    if not any(True for _ in iter_input_files(paths)):
        raise click.ClickException(f"no files to read in {', '.join(paths)}: nothing analysed")
    try:
        # the tables stay on disk as Parquet parts in the output folder until written
        return api.analyze(list(paths), metadata=metadata, jobs=jobs, engine=engine, scheduler=scheduler,
                           parts_dir=out_dir, progress=progress, text_column=text_column, id_column=id_column)
    except InputError as exc:
        raise click.UsageError(str(exc)) from None
    except BrokenProcessPool as exc:
        raise click.ClickException(f"an extraction process died ({exc}); out of memory? try fewer --jobs") from None


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (kill, a scheduler's time limit): remove this run's Parquet parts, then exit at once.

    Not by raising SystemExit: Python drops an exception raised inside a finalizer or a
    garbage-collected generator, and the run would go on. A table being written is left as a
    `.NAME.*.tmp` file, never under its final name."""
    for worker in multiprocessing.active_children():  # else they would wait for work forever
        worker.terminate()
    remove_all()
    os._exit(128 + signum)
