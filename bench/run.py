#!/usr/bin/env python3
"""Benchmark: attrib analyze on corpora of 1,000 / 10,000 / 100,000 articles built from PolNeAR.

Each corpus is a JSONL table of PolNeAR article texts (all splits' texts, no
annotations) repeated with distinct ids. The script runs `attrib analyze` on
each, samples the resident memory of the whole process tree (and takes the main
process's exact high-water mark from the kernel when it exits), reads the stage
timings that the run writes to run.json, prints a table and adds it as a new section at the top of
bench/RESULTS.md.

    python bench/run.py                       # 1k, 10k, 100k with --jobs = cores
    python bench/run.py --sizes 1000 --jobs 1
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = Path(os.environ.get("ATTRIB_POLNEAR", ROOT.parent / "shared" / "corpus" / "polnear"))  # a worktree sets it
CORPORA = ROOT / "bench" / "corpora"


def build_corpus(size: int) -> Path:
    """A JSONL corpus of `size` articles; PolNeAR texts cycled, ids distinct."""
    CORPORA.mkdir(parents=True, exist_ok=True)
    path = CORPORA / f"polnear-{size}.jsonl"
    if path.exists():
        return path
    texts = [(p.stem, p.read_text(encoding="utf-8")) for split in ("train", "dev", "test")
             for p in sorted((POLNEAR / split / "text").glob("*.txt"))]
    if not texts:
        sys.exit(f"no PolNeAR texts under {POLNEAR}")
    publisher = {}
    meta = POLNEAR / "metadata.tsv"
    if meta.exists():
        lines = meta.read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        for line in lines[1:]:
            row = dict(zip(header, line.split("\t")))
            publisher[row.get("filename", "")] = row.get("publisher", "")
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for i in range(size):
            stem, text = texts[i % len(texts)]
            fh.write(json.dumps({"id": f"{stem}-{i:06d}", "text": text, "publisher": publisher.get(stem, "")}) + "\n")
    tmp.rename(path)
    return path


def tree_memory_kb(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc): (RSS, PSS).

    RSS sums count the pages that forked workers share with their parent (the compiled rules)
    once per process; PSS splits each shared page between its processes, so it adds up.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            lines = Path(f"/proc/{p}/smaps_rollup").read_text().splitlines()
        except OSError:  # older kernels: RSS only, counted as PSS too
            try:
                lines = [line.replace("VmRSS:", "Rss:") for line in Path(f"/proc/{p}/status").read_text().splitlines()
                         if line.startswith("VmRSS:")]
                lines += [line.replace("Rss:", "Pss:") for line in lines]
            except OSError:
                lines = []
        for line in lines:
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
        stack.extend(children.get(p, []))
    return rss, pss


def run(size: int, jobs: int, code: Path | None = None) -> dict:
    """One `attrib analyze` of a corpus of `size` articles, with this checkout's code or that of `code`."""
    corpus = build_corpus(size)
    out = ROOT / "bench" / "out" / (f"baseline-{size}" if code else str(size))
    cmd = [sys.executable, "-m", "attrib", "analyze", str(corpus), "--out", str(out), "--jobs", str(jobs), "-q",
           "--format", "parquet"]
    env = {**os.environ, "PYTHONPATH": str(code)} if code else None
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=code or ROOT)  # `python -m` imports from its folder first
    peak = peak_pss = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_pss
        while not stop.is_set():
            rss, pss = tree_memory_kb(proc.pid)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            stop.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # wait4: the kernel's high-water mark of the run's largest single process, which sampling can miss
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = proc.returncode = os.waitstatus_to_exitcode(status)
    main_hwm = usage.ru_maxrss  # KB on Linux
    stop.set()
    sampler.join()
    if code != 0:
        sys.exit(f"attrib analyze failed on {corpus} (exit {code})")
    record = json.loads((out / "run.json").read_text())
    mb = corpus.stat().st_size / 1e6
    text_mb = record["bytes_of_text"] / 1e6
    sec = record["seconds"]
    extraction_cpu = sum(sec.get(k, 0.0) for k in ("read", "split", "match", "resolve_chains"))
    return {"articles": size, "jobs": jobs, "load_before": load_before, "load_after": os.getloadavg()[0],
            "wall_s": wall, "articles_per_s": size / wall, "input_mb": mb,
            "text_mb": text_mb, "extraction_mb_s_per_core": text_mb / extraction_cpu if extraction_cpu else 0.0,
            "peak_rss_mb": max(peak, main_hwm) / 1024, "peak_pss_mb": peak_pss / 1024,
            "main_hwm_mb": main_hwm / 1024, **{f"{k}_s": v for k, v in sec.items()}}


TARGETS = {"extraction_mb_s_per_core": 5.0, "wall_s_100k": 300.0, "peak_rss_mb": 2048.0, "ratio_100k_10k": 12.0,
           "extraction_mb_s_per_core_min": 3.0, "wall_s_10k": 30.0, "peak_rss_mb_100k": 1.8 * 1024}


def targets(rows: list[dict]) -> str:
    """The issue's targets against these runs, each with the measured figure and met / short."""
    out = ["## Against the targets", "", "| target | measured | |", "|---|---|---|"]
    largest = max(rows, key=lambda r: r["articles"])
    speed = largest["extraction_mb_s_per_core"]
    goal = TARGETS["extraction_mb_s_per_core"]
    verdict = "met" if speed >= goal else f"short {goal / speed:.1f}x"
    out.append(f"| extraction >= {goal:.0f} MB/s per core | {speed:.2f} MB/s ({largest['articles']:,} articles) "
               f"| {verdict} |")
    floor = TARGETS["extraction_mb_s_per_core_min"]
    out.append(f"| extraction >= {floor:.0f} MB/s per core (issue 14) | {speed:.2f} MB/s | "
               f"{'met' if speed >= floor else f'short {floor / speed:.1f}x'} |")
    by_size = {r["articles"]: r for r in rows}
    if 10000 in by_size:
        wall = by_size[10000]["wall_s"]
        out.append(f"| 10,000 articles within {TARGETS['wall_s_10k']:.0f} s (issue 14) | {wall:.1f} s | "
                   f"{'met' if wall <= TARGETS['wall_s_10k'] else 'short'} |")
    if 100000 in by_size:
        peak = by_size[100000]["peak_rss_mb"]
        out.append(f"| peak RSS <= 1.8 GB at 100,000 (issue 14) | {peak:.0f} MB | "
                   f"{'met' if peak <= TARGETS['peak_rss_mb_100k'] else 'short'} |")
    if 100000 in by_size:
        r = by_size[100000]
        out.append(f"| 100,000 articles within {TARGETS['wall_s_100k']:.0f} s | {r['wall_s']:.0f} s | "
                   f"{'met' if r['wall_s'] <= TARGETS['wall_s_100k'] else 'short'} |")
        out.append(f"| peak RSS < 2 GB at 100,000 | {r['peak_rss_mb']:.0f} MB (PSS {r['peak_pss_mb']:.0f} MB) | "
                   f"{'met' if r['peak_rss_mb'] < TARGETS['peak_rss_mb'] else 'short'} |")
        if 10000 in by_size:
            ratio = r["wall_s"] / by_size[10000]["wall_s"]
            out.append(f"| 100k run within 12x the 10k run | {ratio:.1f}x | "
                       f"{'met' if ratio <= TARGETS['ratio_100k_10k'] else 'short'} |")
    return "\n".join(out)


ROWS = ROOT / "bench" / "out" / "rows.json"
SEED = POLNEAR.parent.parent / "seeds"


def startup(code: Path | None) -> dict[str, float]:
    """hyperfine's mean wall seconds for `attrib analyze` of one seed article (with and without its
    graph), and for Python doing nothing, with this checkout's code or that of `code`."""
    seed = sorted(SEED.glob("*.txt"))[:1]
    if not seed or not shutil.which("hyperfine"):
        return {}
    out = ROOT / "bench" / "out" / "startup"
    path = f"PYTHONPATH={code} " if code else ""
    analyze = f"{path}{sys.executable} -m attrib analyze {seed[0]} --out {out} -q --jobs 1"
    commands = {"python_s": f"{sys.executable} -c pass", "one_article_s": analyze,
                "one_article_no_graphs_s": analyze + " --graphs 0"}
    report = out.parent / "startup-hyperfine.json"  # not inside --out: attrib refuses a folder with other files
    shutil.rmtree(out, ignore_errors=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["hyperfine", "--warmup", "2", "--runs", "10", "--export-json", str(report), "--style", "none",
                    *commands.values()], check=True, capture_output=True, cwd=code or ROOT)
    results = json.loads(report.read_text())["results"]
    cpu = {f"{k[:-2]}_cpu_s": r["user"] + r["system"] for k, r in zip(commands, results)}  # less sensitive to load
    return {**dict(zip(commands, (r["mean"] for r in results))), **cpu, "load": os.getloadavg()[0]}


def side_by_side(rows: list[dict], base: list[dict], start: dict, base_start: dict) -> str:
    """This checkout against the baseline code, measured in the same run of the machine."""
    out = ["## Against the baseline code, same run of the machine", "",
           "| articles | wall_s base | wall_s now | MB/s per core base | MB/s per core now | match_s base | "
           "match_s now | peak_rss_mb base | peak_rss_mb now | load base | load now |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for b, r in zip(base, rows):
        out.append(f"| {r['articles']} | {b['wall_s']:.1f} | {r['wall_s']:.1f} | {b['extraction_mb_s_per_core']:.2f} | "
                   f"{r['extraction_mb_s_per_core']:.2f} | {b.get('match_s', 0):.1f} | {r.get('match_s', 0):.1f} | "
                   f"{b['peak_rss_mb']:.0f} | {r['peak_rss_mb']:.0f} | {b['load_before']:.1f}-{b['load_after']:.1f} | "
                   f"{r['load_before']:.1f}-{r['load_after']:.1f} |")
    if start and base_start:
        out += ["", "Start-up (hyperfine, mean of 10 runs after 2 warm-ups, wall seconds; `attrib analyze` of one "
                "seed article with --jobs 1; the compiled-pattern cache warm):", "",
                "| | base | now |", "|---|---|---|"]
        for key, label in (("python_s", "python -c pass"), ("one_article_s", "one article"),
                           ("one_article_no_graphs_s", "one article, --graphs 0"),
                           ("python_cpu_s", "python -c pass, CPU (user + system)"),
                           ("one_article_cpu_s", "one article, CPU"),
                           ("one_article_no_graphs_cpu_s", "one article, --graphs 0, CPU")):
            if key in start:
                out.append(f"| {label} | {base_start.get(key, 0):.3f} | {start.get(key, 0):.3f} |")
        out.append(f"| load average (1 min) after | {base_start.get('load', 0):.1f} | {start.get('load', 0):.1f} |")
        out.append(f"| one article beyond Python's start | {base_start['one_article_s'] - base_start['python_s']:.3f} | "
                   f"{start['one_article_s'] - start['python_s']:.3f} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--baseline", type=Path, help="another checkout's code (a folder with attrib/): run it too, "
                        "size by size before this one, and compare side by side")
    parser.add_argument("--report-only", action="store_true",
                        help=f"add bench/RESULTS.md's section again from the last runs ({ROWS.relative_to(ROOT)}) without running")
    args = parser.parse_args()
    if args.report_only:
        record = json.loads(ROWS.read_text())
        rows, command, when = record["rows"], record["command"], record["date"]
        base, start, base_start = record.get("baseline", []), record.get("startup", {}), record.get("base_startup", {})
    else:
        rows, base = [], []
        base_start = startup(args.baseline) if args.baseline else {}
        start = startup(None)
        for size in args.sizes.split(","):
            if args.baseline:
                base.append(run(int(size), args.jobs, args.baseline))
            rows.append(run(int(size), args.jobs))
        command = f"python bench/run.py --sizes {args.sizes} --jobs {args.jobs}" + (
            " --baseline BASE" if args.baseline else "")
        when = time.strftime("%Y-%m-%d")
        ROWS.parent.mkdir(parents=True, exist_ok=True)
        ROWS.write_text(json.dumps({"command": command, "date": when, "rows": rows, "baseline": base,
                                    "startup": start, "base_startup": base_start}, indent=1))
    cols = ["articles", "jobs", "wall_s", "articles_per_s", "text_mb", "extraction_mb_s_per_core", "peak_rss_mb",
            "peak_pss_mb", "main_hwm_mb", "read_s", "split_s", "match_s", "resolve_chains_s", "claims_s", "write_s"]
    header = "| " + " | ".join(cols) + " |"
    lines = [header, "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(f"{r.get(c, 0):.2f}" if isinstance(r.get(c, 0), float) else str(r.get(c, ""))
                                       for c in cols) + " |")
    if len(rows) >= 2 and rows[-2]["articles"] * 10 == rows[-1]["articles"]:
        lines.append(f"\nscaling: the {rows[-1]['articles']:,} run took {rows[-1]['wall_s'] / rows[-2]['wall_s']:.1f}x "
                     f"the {rows[-2]['articles']:,} run (linear would be 10x)")
    lines.append("\n" + targets(rows))
    if base:
        lines.append("\n" + side_by_side(rows, base, start, base_start))
    elif start:
        lines.append(f"\nstart-up: one article {start['one_article_s']:.3f} s wall, Python alone {start['python_s']:.3f} s")
    table = "\n".join(lines)
    print(table)
    cpu = platform.processor() or platform.machine()
    section = (
        f"## {when}: `{command}`\n\n"
        f"On {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, load average "
        f"{rows[0].get('load_before', 0):.1f}-{rows[-1].get('load_after', 0):.1f} (1 min). "
        "Stage columns are seconds summed over worker processes: read, split, match and resolve_chains are "
        "CPU (process) time; claims and write are wall-clock time in the main process. "
        "`extraction_mb_s_per_core` is text MB over the CPU seconds of read + split + match + resolve/chains. "
        "Peak RSS and PSS are sampled every 0.25 s over the whole process tree (PSS shares the pages that "
        "forked workers share with their parent); `main_hwm_mb` is the kernel's exact high-water mark of the "
        "largest single process of the run (the main one: it peaks alone, in the claims stage), and "
        "`peak_rss_mb` the larger of the two. The corpora repeat PolNeAR's 1,008 texts with distinct ids, "
        "so from 10,000 articles on most statements have identical copies: extraction analyzes every copy, "
        "claim grouping compares distinct statements once. Where the time and memory go: README, Scale.\n\n"
        + table + "\n")
    keep_history(ROOT / "bench" / "RESULTS.md", section)


def keep_history(results: Path, section: str) -> None:
    """Put the new section first under the title; earlier sections (other runs, other benchmarks) stay."""
    title = "# Benchmark results\n\n"
    old = results.read_text(encoding="utf-8") if results.exists() else title
    rest = old[len(title):] if old.startswith(title) else old
    results.write_text(title + section + "\n" + rest, encoding="utf-8")


if __name__ == "__main__":
    main()
