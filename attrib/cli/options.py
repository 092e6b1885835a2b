"""Option decorators shared by the commands."""
from __future__ import annotations

import os

import click

from ..write import FORMATS


def out_option(f):
    return click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True,
                        help="Folder for the output tables.")(f)


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
    return click.option("--quiet", "-q", is_flag=True, help="Print no summary.")(f)
