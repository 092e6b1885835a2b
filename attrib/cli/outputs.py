"""Reading an existing output folder back, for the commands that work on one."""
from __future__ import annotations

from pathlib import Path

import click

from ..load import OutputMissing, load
from ..result import Analysis


def load_output(out_dir: Path) -> Analysis:
    try:
        return load(out_dir)
    except OutputMissing as exc:
        raise click.UsageError(str(exc)) from None
