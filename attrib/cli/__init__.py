"""The command line: a thin layer over the Python API, one module per command.

Each command's module is imported only when that command runs (or `--help` lists them):
`attrib analyze` of one article does not load what `eval`, `claims`, `graph` or `rules` need.
"""
from __future__ import annotations

import atexit
import logging
import os
import sys
import threading
from importlib import import_module

import click

from .options import with_inputs_help

# command name -> "module:function", imported when the command is called
COMMANDS = {
    "analyze": "analyze:analyze_command",
    "eval": "evaluate:eval_command",
    "claims": "claims:claims_command",
    "graph": "graph:graph_command",
    "rules": "rules:rules_command",
}


class _LazyGroup(click.Group):
    """A group whose commands are imported by name when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, function = COMMANDS[cmd_name].split(":")
        return getattr(import_module(f"{__name__}.{module}"), function)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]},
             help=with_inputs_help("""attrib: find who said it first.

    Finds attributions in news articles, follows citation chains to their
    original sources, and groups statements into claims.

    \b
    Example:
      attrib analyze fixtures/ --out out/
    """))
@click.version_option(package_name="attrib")
def main() -> None:
    pass


def run() -> None:
    """The `attrib` command (and `python -m attrib`): `main`, then an exit that skips tearing the
    interpreter down.

    Freeing every object one by one at exit (the compiled rule patterns, tables, modules) takes about a
    tenth of a one-article run's CPU time and writes nothing. Once `main` has returned, the exit
    handlers have run and the streams are flushed, the process ends at once; with another thread or a
    worker process still alive it exits the usual way."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    processes = sys.modules.get("multiprocessing")  # imported only by commands that may start workers
    if threading.active_count() > 1 or (processes is not None and processes.active_children()):
        sys.exit(code)
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    os._exit(code)
