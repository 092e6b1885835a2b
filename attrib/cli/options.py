"""Option decorators and help text shared by the commands."""
from __future__ import annotations

import inspect
import os

import click

from ..write import FORMATS

# Every kind of input `attrib analyze` reads; each command's help lists them (see test_help_lists_every_input_kind).
INPUT_KINDS = """\b
{lead}: files, or folders read recursively (skipping
hidden files, README* and *.gold.*); every file gets a documents row:
  text     .txt .md: one article per file, its id the file name; not
           UTF-8 (Windows-1252, say) is detected and decoded
  tables   .jsonl .json .csv .tsv .parquet, and .jsonl.gz .csv.gz .tsv.gz:
           one article per row (id, text; title, url, publisher, date,
           wire; --text-column, --id-column for other names)
  web      HTML pages by name or content (.html .htm .shtml .php, .html.gz,
           no extension): the main text; .warc .warc.gz: each HTML
           response of a crawl (url, date; other records skipped)
  other    PDF, Word, images and the like: a skipped row with the reason"""


def with_inputs_help(text: str, lead: str = "Inputs") -> str:
    """A command's help with the input kinds before its example."""
    text = inspect.cleandoc(text)
    kinds = INPUT_KINDS.format(lead=lead)
    head, marker, example = text.partition("\b\nExample")
    return f"{head.rstrip()}\n\n{kinds}\n\n{marker}{example}" if marker else f"{text}\n\n{kinds}"


def out_option(f):
    return click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True,
                        help="Folder for the outputs: new, empty, or an earlier run's (its outputs are replaced).")(f)


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
                        help="Table format.")(f)


def jobs_option(f):
    return click.option("--jobs", "-j", type=click.IntRange(min=1), default=os.cpu_count() or 1,
                        show_default="number of cores", help="Processes for extraction.")(f)


def metadata_option(f):
    return click.option("--metadata", type=click.Path(exists=True, dir_okay=False),
                        help="CSV/TSV with publisher, url, date, title (and wire) per doc_id or file name.")(f)


def quiet_option(f):
    return click.option("--quiet", "-q", is_flag=True, help="Print no progress bar and no summary.")(f)
