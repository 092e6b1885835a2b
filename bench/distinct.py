#!/usr/bin/env python3
"""Benchmark on distinct news text: `attrib analyze` on the first 10,000 items of
../shared/corpus/distinct/news41279.jsonl.gz and on all of it, each under /usr/bin/time -v.

The repeated-PolNeAR benchmark (bench/run.py) repeats ~1,000 articles; this set grows with distinct
sentences, which is what claim grouping pays for. Prints, per run: wall time, peak RSS of the largest
process (time -v), statements, the claims stage (wall, from run.json), and the growth from the first
10,000 items to all; then the ten largest claims of the full run, to check by eye that no sign-off,
currency line or market template is among them.

    python bench/distinct.py                    # both sizes, --jobs 2
    python bench/distinct.py --sizes 10000 --jobs 1
"""
from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(os.environ.get("ATTRIB_DISTINCT",   # a worktree sets it
                             ROOT.parent / "shared" / "corpus" / "distinct" / "news41279.jsonl.gz"))
OUT = ROOT / "bench" / "out" / "distinct"


def prefix(size: int | None) -> Path:
    """The first `size` items as a JSONL file (all of them: the gzip file itself)."""
    if size is None:
        return SOURCE
    path = ROOT / "bench" / "corpora" / f"distinct-{size}.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(SOURCE, "rt", encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= size:
                    break
                dst.write(line)
    return path


def run(size: int | None, jobs: int) -> dict:
    out = OUT / f"{size or 'all'}"
    cmd = ["/usr/bin/time", "-v", sys.executable, "-m", "attrib", "analyze", str(prefix(size)), "--out", str(out),
           "--jobs", str(jobs), "--graphs", "0", "-q"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(done.stderr[-2000:])
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr).group(1)
    seconds = sum(float(p) * 60 ** i for i, p in enumerate(reversed(wall.split(":"))))
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"items": record["documents"], "statements": record["statements"], "wall_s": round(seconds, 1),
            "peak_rss_mb": round(peak_kb / 1024), "claims_s": round(record["seconds"].get("claims", 0.0), 1),
            "extraction_s": round(record["seconds"].get("extraction_wall", 0.0), 1), "out": out}


def largest_claims(out: Path, n: int = 10) -> list[tuple[int, str]]:
    csv.field_size_limit(1 << 30)
    with (out / "claims.csv").open(encoding="utf-8", newline="") as fh:
        rows = [(int(r["n_statements"]), r["text"]) for r in csv.DictReader(fh)]
    return sorted(rows, key=lambda r: -r[0])[:n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,all", help="item counts, 'all' for the whole set")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} not present")
    rows = [run(None if s == "all" else int(s), args.jobs) for s in args.sizes.split(",")]
    print("| items | statements | wall_s | peak_rss_mb | extraction_s | claims_s |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['items']} | {r['statements']} | {r['wall_s']} | {r['peak_rss_mb']} | {r['extraction_s']} "
              f"| {r['claims_s']} |")
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        scale = last["items"] / first["items"]
        print(f"\ngrowth {first['items']} -> {last['items']} items ({scale:.2f}x): wall {last['wall_s'] / first['wall_s']:.2f}x, "
              f"claims stage {last['claims_s'] / max(first['claims_s'], 0.01):.2f}x (linear: {scale:.2f}x)")
    print("\nten largest claims of the last run:")
    for size, text in largest_claims(rows[-1]["out"]):
        print(f"  {size:5d}  {text[:110]}")


if __name__ == "__main__":
    main()
