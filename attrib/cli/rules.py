"""`attrib rules check|explain|list`: for people who read, write and review the rules."""
from __future__ import annotations

import sys

import click

from ..rules.catalog import list_rules
from ..rules.check import check_rules
from ..rules.explain import explain, format_explanation
from ..rules.source import RuleFileError


@click.group("rules")
def rules_command() -> None:
    """Check, explain and list the attribution rules.

    \b
    Example:
      attrib rules explain "CNN cited KCNA as reporting that the talks failed."
      attrib rules check
      attrib rules list
    """


@rules_command.command("check")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--quiet", "-q", is_flag=True, help="Print problems only.")
@click.option("--notes", is_flag=True, help="Also print notes: undocumented macros, hand-written triggers and "
              "anchors that the loader would derive the same way (or differently).")
def check_command(file: str | None, quiet: bool, notes: bool) -> None:
    """Check a rules file (default: the package's rules.toml) and the documented macros.

    Unknown or misspelt keys, wrong types and values, hops without cues, unknown
    macros, lists and groups, patterns that do not compile, examples that do not
    match and negatives that do: each with its file, line and key. Exit 1 if any.

    \b
    Example:
      attrib rules check
      attrib rules check my-rules.toml --notes
    """

    report = check_rules(file)
    for problem in report.problems:
        click.echo(str(problem))
    if notes:
        for note in report.notes:
            click.echo(f"note: {note}")
    if not quiet:
        verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        click.echo(f"{report.path}: {report.rules} rules, {report.examples} examples and negatives run, "
                   f"{report.macros_documented} macros documented: {verdict}")
    if not report.ok:
        sys.exit(1)


@rules_command.command("explain")
@click.argument("text")
@click.option("--publisher", default="", help="Publisher of the text, as in the metadata (e.g. 'CNN').")
@click.option("--all", "show_all", is_flag=True, help="Also list the rules whose trigger words are absent.")
@click.option("--rules", "rules_file", type=click.Path(exists=True, dir_okay=False),
              help="A rules file to use instead of the package's (one you are writing).")
def explain_command(text: str, publisher: str, show_all: bool, rules_file: str | None) -> None:
    """Show what the rules make of a sentence, and why the others did not match.

    For each sentence of TEXT: the chains the whole pipeline yields, every rule
    that matched with its groups (kept, or lost to an overlapping frame), and for
    every other rule the first thing that failed: its trigger word, its anchor
    word, or the first part of its pattern that finds nothing.

    \b
    Example:
      attrib rules explain "CNN cited North Korean state media KCNA as reporting that they rode together."
      attrib rules explain --rules my-rules.toml "The talks collapsed, as per Reuters."
    """

    try:
        click.echo(format_explanation(explain(text, publisher=publisher, rules_path=rules_file), verbose=show_all))
    except RuleFileError as exc:
        raise click.ClickException(f"the rules do not load:\n{exc}") from None


@rules_command.command("list")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
def list_command(file: str | None) -> None:
    """List the rules: id, priority, examples and negatives, and what each finds.

    \b
    Example:
      attrib rules list
    """

    try:
        rules = list_rules(file)
    except RuleFileError as exc:
        raise click.ClickException(f"the rules do not load:\n{exc}") from None
    width = max((len(r.id) for r in rules), default=2)
    click.echo(f"{'id':<{width}}  prio  ex  neg  description")
    for r in rules:
        click.echo(f"{r.id:<{width}}  {r.priority:>4}  {r.examples:>2}  {r.negatives:>3}  {r.description}")
