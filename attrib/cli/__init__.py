"""The command line: a thin layer over the Python API, one module per command."""
from __future__ import annotations

import click

from .analyze import analyze_command
from .claims import claims_command
from .evaluate import eval_command
from .graph import graph_command
from .options import with_inputs_help
from .rules import rules_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, help=with_inputs_help("""attrib: find who said it first.

    Finds attributions in news articles, follows citation chains to their
    original sources, and groups statements into claims.

    \b
    Example:
      attrib analyze fixtures/ --out out/
    """))
@click.version_option(package_name="attrib")
def main() -> None:
    pass


main.add_command(analyze_command)
main.add_command(eval_command)
main.add_command(claims_command)
main.add_command(graph_command)
main.add_command(rules_command)
