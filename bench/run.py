#!/usr/bin/env python3
"""Benchmark: attrib analyze on corpora of 1,000 / 10,000 / 100,000 articles built from PolNeAR.

Each corpus is a JSONL table of PolNeAR article texts (all splits' texts, no
annotations) repeated with distinct ids. The script runs `attrib analyze` on
each, samples the resident memory of the whole process tree, reads the stage
timings that the run writes to run.json, prints a table and writes
bench/RESULTS.md.

    python bench/run.py                       # 1k, 10k, 100k with --jobs = cores
    python bench/run.py --sizes 1000 --jobs 1
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "corpus" / "polnear"
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
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
        stack.extend(children.get(p, []))
    return rss, pss


def run(size: int, jobs: int) -> dict:
    corpus = build_corpus(size)
    out = ROOT / "bench" / "out" / str(size)
    cmd = [sys.executable, "-m", "attrib", "analyze", str(corpus), "--out", str(out), "--jobs", str(jobs), "-q",
           "--format", "parquet"]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd)
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
    code = proc.wait()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if code != 0:
        sys.exit(f"attrib analyze failed on {corpus} (exit {code})")
    record = json.loads((out / "run.json").read_text())
    mb = corpus.stat().st_size / 1e6
    text_mb = record["bytes_of_text"] / 1e6
    sec = record["seconds"]
    extraction_cpu = sum(sec.get(k, 0.0) for k in ("read", "split", "match", "resolve_chains"))
    return {"articles": size, "jobs": jobs, "wall_s": wall, "articles_per_s": size / wall, "input_mb": mb,
            "text_mb": text_mb, "extraction_mb_s_per_core": text_mb / extraction_cpu if extraction_cpu else 0.0,
            "peak_rss_mb": peak / 1024, "peak_pss_mb": peak_pss / 1024, **{f"{k}_s": v for k, v in sec.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    rows = [run(int(s), args.jobs) for s in args.sizes.split(",")]
    cols = ["articles", "jobs", "wall_s", "articles_per_s", "text_mb", "extraction_mb_s_per_core", "peak_rss_mb", "peak_pss_mb",
            "read_s", "split_s", "match_s", "resolve_chains_s", "claims_s", "write_s"]
    header = "| " + " | ".join(cols) + " |"
    lines = [header, "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(f"{r.get(c, 0):.2f}" if isinstance(r.get(c, 0), float) else str(r.get(c, ""))
                                       for c in cols) + " |")
    if len(rows) >= 2 and rows[-2]["articles"] * 10 == rows[-1]["articles"]:
        lines.append(f"\nscaling: the {rows[-1]['articles']:,} run took {rows[-1]['wall_s'] / rows[-2]['wall_s']:.1f}x "
                     f"the {rows[-2]['articles']:,} run (linear would be 10x)")
    table = "\n".join(lines)
    print(table)
    cpu = platform.processor() or platform.machine()
    (ROOT / "bench" / "RESULTS.md").write_text(
        "# Benchmark results\n\n"
        f"`python bench/run.py --sizes {args.sizes} --jobs {args.jobs}` on {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}.\n\n"
        "Stage columns are CPU seconds summed over worker processes (read is in the main process); "
        "`extraction_mb_s_per_core` is text MB over the CPU seconds of read + split + match + resolve/chains. "
        "Peak RSS is sampled over the whole process tree.\n\n" + table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
