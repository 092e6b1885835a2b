"""Graphviz rendering shared by the claim graphs and the outlet network: labels, SVG, files.

Text from articles only ever enters a graph as an escaped, non-HTML label, and graph
file names come from ids checked to stay in their folder. SVG comes from the Graphviz
programs when they are on PATH, else from the Graphviz bundled in pygraphviz's wheels,
so that a pip-only install still renders.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import graphviz

log = logging.getLogger("attrib")
SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")


def text_label(text: str, limit: int = 90) -> graphviz.quoting.NoHtml:
    """A label from article text: shortened, backslashes escaped (no \\N tricks), never an HTML label.

    Graphviz decodes entities in plain labels, so "&" is escaped too: a name like "&lt;b&gt;"
    shows as written, not as "<b>".
    """
    return graphviz.nohtml(_escape(shorten(text, limit)))


def lines_label(lines: list[str]) -> graphviz.quoting.NoHtml:
    """A label of several lines (each escaped as in `text_label`), centred."""
    return graphviz.nohtml("\\n".join(_escape(line) for line in lines))


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("&", "&amp;")


def shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Words of `text` in lines of at most `width` characters; the last line ends with … when cut."""
    lines: list[str] = []
    line = ""
    for word in " ".join(str(text).split()).split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = shorten(lines[-1] + " …", width)
        if not lines[-1].endswith("…"):
            lines[-1] += " …"
    return [shorten(line, width) for line in lines]


def safe_filename(name: str) -> str:
    if not SAFE_ID.match(name) or name in (".", ".."):
        raise ValueError(f"unsafe claim id for a file name: {name!r}")
    return name


def renderer() -> str:
    """What draws SVG here: "dot" (the Graphviz programs), "pygraphviz" (its bundled Graphviz) or ""."""
    if shutil.which("dot"):
        return "dot"
    try:
        import pygraphviz  # noqa: F401  (optional at run time: only its bundled Graphviz is wanted)
        return "pygraphviz"
    except ImportError:
        return ""


def render_svg(dot_source: str, engine: str | tuple[str, ...] = "dot") -> bytes:
    """SVG from DOT with a Graphviz layout program and its options (e.g. ("neato", "-n2")): the
    program when installed, else pygraphviz's bundled Graphviz."""
    program, *options = (engine,) if isinstance(engine, str) else engine
    if shutil.which(program):
        return subprocess.run([program, *options, "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True,
                              check=True, timeout=300).stdout
    try:
        import pygraphviz  # optional at run time: its wheels bundle Graphviz
    except ImportError as exc:
        raise RuntimeError("no Graphviz: install Graphviz (apt-get install graphviz) or pip install pygraphviz") from exc
    _first_text_quietly()
    return pygraphviz.AGraph(string=dot_source).draw(format="svg", prog=program, args=" ".join(options))


@lru_cache(maxsize=1)
def _first_text_quietly() -> None:
    """Lay out a first label with stderr set aside. The Fontconfig inside pygraphviz's wheels is older
    than many systems' and, when it first loads, warns about the system's newer template files
    (conf.avail), whatever FONTCONFIG_FILE says; it loads once per process, so only this first
    layout's messages are filtered (anything but that warning is still logged)."""
    import pygraphviz
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            pygraphviz.AGraph(string='digraph { a [label="Aa" fontname="Helvetica"] }').draw(format="svg", prog="dot")
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        sink.seek(0)
        for line in sink.read().decode("utf-8", "replace").splitlines():
            if line.strip() and "Fontconfig" not in line:
                log.warning("Graphviz: %s", line)


def write_graph(g: graphviz.Digraph, folder: Path, name: str, engine: str | tuple[str, ...] = "dot") -> list[Path]:
    """folder/name.dot, and folder/name.svg when Graphviz is available."""
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / safe_filename(name)
    if base.resolve().parent != folder.resolve():
        raise ValueError(f"graph file would leave {folder}")
    dot_path = base.with_suffix(".dot")
    dot_path.write_text(g.source, encoding="utf-8")
    out = [dot_path]
    if renderer():
        svg_path = base.with_suffix(".svg")
        svg_path.write_bytes(render_svg(g.source, engine))
        out.append(svg_path)
    return out
