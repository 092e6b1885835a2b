"""Stage 8, write: every output of a run, into its folder, in one place.

A run writes its tables, claim graphs, the outlet network, report.html and run.json,
then removes what an earlier run left there that this one did not write (graphs of
claims no longer drawn, tables of another format), so a folder always holds one run.
A folder holding other files is refused before any work starts, never cleaned.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from . import read, render, report
from .graph import claim_graph
from .graph_network import ENGINE, network_graph
from .claims.rows import supports
from .progress import Progress
from .gazetteer import load_gazetteer
from .result import Analysis, statement_counts
from .sources import edges_only, gexf, network
from .version import __version__
from .write import FORMATS, file_mode, write_table

log = logging.getLogger("attrib")
TABLES = ("statements", "citations", "documents", "claims", "sources")
NETWORK_FILES = ("nodes.csv", "edges.csv", "sources.gexf")
TOP_FILES = {f"{t}.{f}" for t in TABLES for f in FORMATS} | {"report.html", "run.json"}


class OutputFolderError(ValueError):
    """An output folder that holds something else than an earlier run's outputs."""


def _is_ours(out: Path, rel: Path) -> bool:
    """Whether a file (relative to the output folder) is one attrib writes."""
    parts = rel.parts
    if len(parts) == 1:
        return parts[0] in TOP_FILES or (parts[0].startswith(".") and parts[0].endswith(".tmp"))
    if len(parts) == 2 and parts[0] == "graphs":
        return rel.suffix in (".svg", ".dot")
    return len(parts) == 2 and parts[0] == "network" and parts[1] in NETWORK_FILES


def _files(out: Path) -> list[Path]:
    """Files in the folder (relative), hidden ones (.gitkeep, parts folders) aside, except our temporary files."""
    found = []
    for top in sorted(out.iterdir()):
        if top.name.startswith(".") and not top.name.endswith(".tmp"):
            continue
        if top.is_dir() and top.name in ("graphs", "network"):
            found += [p.relative_to(out) for p in sorted(top.iterdir()) if not p.name.startswith(".")]
        else:
            found.append(top.relative_to(out))
    return found


def check_folder(out_dir: str | os.PathLike) -> None:
    """Refuse an output folder that holds files attrib did not write (unless an earlier run's run.json
    says the folder is attrib's: then other files in it are left alone)."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"--out {out} is a file, not a folder")
    if not out.is_dir() or _earlier_run(out) is not None:
        return
    foreign = [str(p) for p in _files(out) if not _is_ours(out, p)]
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise OutputFolderError(f"{out} holds files that are not attrib outputs ({shown}); give --out a new or "
                                "empty folder, or the folder of an earlier attrib run")


def _earlier_run(out: Path) -> dict | None:
    try:
        record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and "attrib_version" in record else None


def write_outputs(analysis: Analysis, out_dir: str | os.PathLike, fmt: str = "csv", graphs: int | None = 20,
                  report_page: bool = True, options: dict | None = None, progress: Progress | None = None
                  ) -> list[Path]:
    """Write every output of `analysis` into `out_dir` and return the files written.

    `graphs`: claim graphs for this many top claims (None: all, 0: none). The outlet network
    (graphs/sources.svg, network/*) and report.html come with any claims table."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    out = Path(out_dir)
    check_folder(out)
    out.mkdir(parents=True, exist_ok=True)
    progress = progress or Progress(enabled=False)
    written: list[Path] = []
    tables = analysis.tables()
    progress.stage("writing tables", len(tables), "tables")
    t0 = time.perf_counter()
    for name, frame in tables.items():
        written.append(write_table(frame, out, name, fmt))
        progress.advance()
    analysis.seconds["write"] = time.perf_counter() - t0
    if analysis.claims is not None:
        t0 = time.perf_counter()
        written += _graph_outputs(analysis, out, graphs, report_page, progress)
        analysis.seconds["graphs"] = time.perf_counter() - t0
    written.append(write_run_record(analysis, out, options, written))
    remove_stale(out, written)
    return written


def _graph_outputs(analysis: Analysis, out: Path, graphs: int | None, report_page: bool,
                   progress: Progress) -> list[Path]:
    claims = analysis.claims
    chosen = claims if graphs is None else claims.head(max(graphs, 0))
    progress.stage("drawing graphs", chosen.height + 1, "graphs")
    written: list[Path] = []
    drawn: dict[str, Path] = {}
    if not render.renderer():
        log.warning("Graphviz not found: writing .dot files only (apt-get install graphviz, or pip install pygraphviz)")
    if chosen.height:
        gazetteer = load_gazetteer()
        # only the statements of the drawn claims, and their citations, are read
        statements = analysis.scan("statements").filter(supports(chosen["claim_id"].to_list())).collect()
        citations = (analysis.scan("citations")
                     .filter(pl.col("statement_id").is_in(statements["statement_id"].implode())).collect())
        for row in chosen.iter_rows(named=True):
            files = render.write_graph(claim_graph(row["claim_id"], statements, citations, row["text"], gazetteer, row),
                                out / "graphs", row["claim_id"])
            written += files
            drawn[row["claim_id"]] = files[0].with_suffix(".svg")
            progress.advance()
    nodes, edges = network(analysis.citations)
    written.append(write_table(nodes, out / "network", "nodes", "csv"))
    written.append(write_table(edges, out / "network", "edges", "csv"))
    (out / "network" / "sources.gexf").write_text(gexf(nodes, edges), encoding="utf-8")
    written.append(out / "network" / "sources.gexf")
    network_svg = None
    if edges.height:
        files = render.write_graph(network_graph(nodes, edges), out / "graphs", "sources", ENGINE)
        written += files
        network_svg = files[0].with_suffix(".svg")
    progress.advance()
    if report_page:
        progress.stage("writing report.html")
        written.append(report.write_report(analysis, out, drawn, network_svg))
    return written


def remove_stale(out: Path, written: Iterable[Path]) -> list[Path]:
    """Remove the files an earlier run wrote that this run did not (only files attrib writes)."""
    keep = {Path(p).resolve() for p in written}
    removed = []
    for rel in _files(out):
        path = out / rel
        if _is_ours(out, rel) and path.is_file() and path.resolve() not in keep:
            path.unlink()
            removed.append(path)
    return removed


def input_digest(paths: Iterable[str | os.PathLike]) -> dict:
    """The input files, their bytes, and a SHA-256 over their names (relative to the path given) and
    contents: two runs with the same digest read the same inputs."""
    digest, files, size = hashlib.sha256(), 0, 0
    for raw in paths:
        base = Path(raw)
        for file in read.iter_input_files([base]):
            name = file.relative_to(base).as_posix() if base.is_dir() else file.name
            content = hashlib.sha256()
            try:
                with open(file, "rb") as handle:
                    while chunk := handle.read(1 << 20):
                        content.update(chunk)
                        size += len(chunk)
            except OSError:
                pass  # an unreadable file is an error document; its name still counts
            digest.update(f"{name}\t{content.hexdigest()}\n".encode("utf-8"))
            files += 1
    return {"files": files, "bytes": size, "sha256": digest.hexdigest()}


def write_run_record(analysis: Analysis, out_dir: str | os.PathLike, options: dict | None = None,
                     written: Iterable[Path] = ()) -> Path:
    """DIR/run.json: what was run, on what, and how long each stage took (timings differ between runs;
    the tables do not)."""
    out = Path(out_dir)
    counts = statement_counts(analysis)
    record = {"attrib_version": __version__, "options": {**analysis.options, **(options or {})},
              "inputs": {"paths": analysis.inputs, **input_digest(analysis.inputs)},
              "documents": analysis.height("documents"), "statements": counts["statements"],
              "citations": analysis.height("citations"), "bytes_of_text": counts["bytes_of_text"],
              "claims": analysis.claims.height if analysis.claims is not None else None,
              "outputs": sorted({Path(p).relative_to(out).as_posix() for p in written} | {"run.json"}),
              "seconds": {k: round(v, 4) for k, v in analysis.seconds.items()},
              "cpu_seconds": _cpu_seconds()}
    path = out / "run.json"
    path.write_text(json.dumps(record, indent=1, default=str) + "\n", encoding="utf-8")
    os.chmod(path, file_mode())
    return path


def _cpu_seconds() -> dict[str, float]:
    """CPU time of this process and of its finished child processes (extraction workers, and Graphviz
    when it drew graphs), on Unix; for the benchmark."""
    try:
        import resource
    except ImportError:  # not on Windows
        return {}
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"main": round(own.ru_utime + own.ru_stime, 2), "workers": round(children.ru_utime + children.ru_stime, 2)}


def write_analysis(analysis: Analysis, out_dir: str | os.PathLike, fmt: str = "csv", graphs: int | None = 20,
                   report: bool = True) -> list[Path]:
    """Write the tables of `analysis` into `out_dir`, and when it has claims, graphs of the top `graphs`
    claims (None: all, 0: none), the outlet network, report.html and run.json; returns the files.

    >>> attrib.write_analysis(result, "out/", fmt="parquet", graphs=50)   # doctest: +SKIP
    """
    return write_outputs(analysis, out_dir, fmt, graphs, report, options={"fmt": fmt, "graphs": graphs,
                                                                          "report": report})


def summary(analysis: Analysis, written: list[Path] | None = None, out_dir: str | os.PathLike | None = None,
            top: int = 10) -> str:
    """What the run found, and every output it wrote (grouped: tables, report, graphs, network)."""
    docs = analysis.scan("documents").select("status").collect()
    counts = statement_counts(analysis)
    n_err = docs.filter(pl.col("status") == "error").height
    n_skipped = docs.filter(pl.col("status") == "skipped").height
    n_st, n_att = counts["statements"], counts["attributed"]
    share = n_att / n_st if n_st else 0.0
    lines = [f"documents: {docs.height:,} ({n_err:,} with errors" + (f", {n_skipped:,} skipped)" if n_skipped else ")"),
             f"statements: {n_st:,}, attributed: {n_att:,} ({share:.0%})"]
    claims = analysis.claims
    if claims is not None:
        multi = claims.filter(pl.col("n_statements") > 1).height
        flagged = claims.filter(pl.col("flags").fill_null("") != "").height
        lines.append(f"claims: {claims.height:,} ({multi:,} reported more than once, {flagged:,} flagged)")
    cited = (edges_only(analysis.scan("citations")).group_by("cited", maintain_order=True).len()
             .sort("len", descending=True, maintain_order=True).head(top).collect())
    if cited.height:
        lines.append("top cited sources: " + ", ".join(f"{name} ({n:,})" for name, n in cited.iter_rows()))
    if written and out_dir is not None:
        lines += _written(Path(out_dir), written)
    return "\n".join(lines)


def _written(out: Path, written: list[Path]) -> list[str]:
    rel = [Path(p).relative_to(out) for p in written]
    top = [p.name for p in rel if len(p.parts) == 1]
    claim_graphs = sorted({p.stem for p in rel if p.parts[0] == "graphs" and p.stem != "sources"})
    kinds = sorted({p.suffix for p in rel if p.parts[0] == "graphs"})
    lines = [f"wrote {out}/"]
    if "report.html" in top:
        lines.append(f"  {'report.html':<14} open in a browser: overview, every claim (search, sort), graphs")
    tables = [name for name in top if name not in ("report.html", "run.json")]
    lines.append(f"  {'tables':<14} " + ", ".join(tables))
    if any(p.parts[0] == "graphs" for p in rel):
        what = f"{len(claim_graphs)} claim graph{'s' if len(claim_graphs) != 1 else ''}"
        if claim_graphs:
            what += f" ({claim_graphs[0]}" + (f" … {claim_graphs[-1]})" if len(claim_graphs) > 1 else ")")
        if any(p.stem == "sources" for p in rel if p.parts[0] == "graphs"):
            what += " and sources (who cites whom)"
        lines.append(f"  {'graphs/':<14} {what}, as {' and '.join(k.lstrip('.') for k in kinds)}")
    if any(p.parts[0] == "network" for p in rel):
        lines.append(f"  {'network/':<14} nodes.csv, edges.csv, sources.gexf: the whole network, for Gephi")
    lines.append(f"  {'run.json':<14} options, input digest, counts, seconds per stage")
    return lines
