"""A one-line progress display on stderr, for runs that take more than a few seconds.

Shown only on a terminal (a log file or a pipe gets nothing), only once the run has taken
three seconds (a quick run prints no bar at all; ATTRIB_PROGRESS_DELAY sets another delay),
and never with --quiet. A background
thread redraws the line twice a second, so a long stage without counts (grouping claims)
still shows its elapsed time.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import polars as pl

BAR = 24
DELAY = 3.0   # seconds before the display appears (ATTRIB_PROGRESS_DELAY overrides)


class Progress:
    """Stages with an optional total; `advance` counts items done. Silent unless `enabled`."""

    def __init__(self, enabled: bool, stream: TextIO | None = None, delay: float | None = None) -> None:
        self.enabled = enabled
        self.stream = stream or sys.stderr
        self.delay = delay if delay is not None else _delay_from_environment()
        self.started = time.monotonic()
        self.name, self.unit, self.total, self.done = "", "", None, 0
        self.stage_started = self.started
        self._shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if enabled:
            self._thread = threading.Thread(target=self._tick, name="attrib-progress", daemon=True)
            self._thread.start()

    @classmethod
    def for_terminal(cls, quiet: bool, stream: TextIO | None = None) -> "Progress":
        stream = stream or sys.stderr
        return cls(enabled=not quiet and stream.isatty() and os.environ.get("TERM") != "dumb", stream=stream)

    def stage(self, name: str, total: int | None = None, unit: str = "") -> None:
        with self._lock:
            self.name, self.total, self.unit, self.done = name, total, unit, 0
            self.stage_started = time.monotonic()
        self._draw()

    def advance(self, n: int = 1) -> None:
        with self._lock:
            self.done += n
        self._draw()

    def line(self) -> str:
        """The text of the display now, e.g. "extracting ▕██████░░░░▏ 120/480 documents · 0:07"."""
        elapsed = int(time.monotonic() - self.started)
        clock = f"{elapsed // 60}:{elapsed % 60:02d}"
        if self.total:
            filled = min(BAR, round(BAR * self.done / self.total))
            bar = "█" * filled + "░" * (BAR - filled)
            return f"{self.name} ▕{bar}▏ {min(self.done, self.total):,}/{self.total:,} {self.unit} · {clock}"
        count = f" {self.done:,} {self.unit}" if self.done else ""
        return f"{self.name}…{count} · {clock}"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled or (not force and time.monotonic() - self.started < self.delay):
            return
        with self._lock:
            width = _terminal_width(self.stream)
            self.stream.write("\r\x1b[K" + self.line()[: width - 1])
            self.stream.flush()
            self._shown = True

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            self._draw()

    def close(self) -> None:
        """Stop redrawing and clear the line, so that the summary starts on a clean line."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _delay_from_environment() -> float:
    try:
        return float(os.environ.get("ATTRIB_PROGRESS_DELAY", DELAY))
    except ValueError:
        return DELAY


def _terminal_width(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 100   # 0 on a terminal that never said
    except (OSError, ValueError, AttributeError):
        return 100


def estimate_documents(files: Iterable[Path]) -> int | None:
    """How many documents these input files hold, when that is cheap to know: a text or HTML file is
    one, a JSONL/CSV/TSV table about one per line, a Parquet table its row count. None when any
    file is compressed or a web crawl (only reading it would tell)."""
    total = 0
    for file in files:
        name = file.name.lower()
        if name.endswith((".gz", ".warc")):
            return None
        if name.endswith(".parquet"):
            try:
                total += pl.scan_parquet(file).select(pl.len()).collect().item()
            except Exception:  # unreadable: it will be one error document
                total += 1
        elif name.endswith((".jsonl", ".ndjson", ".csv", ".tsv")):
            total += _lines(file) - (0 if name.endswith((".jsonl", ".ndjson")) else 1)
        else:
            total += 1
    return total


def _lines(file: Path) -> int:
    count, last = 0, b"\n"
    try:
        with open(file, "rb") as handle:
            while chunk := handle.read(1 << 22):
                count += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return count + (last != b"\n")
