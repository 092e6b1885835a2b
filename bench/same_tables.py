#!/usr/bin/env python3
"""Do two checkouts give the same statements and citations? For refactors that must not change outputs.

Runs `attrib analyze` with each checkout's code on PolNeAR train+dev, Wikinews and the
seeds, and compares the statements, citations, claims and sources tables (CSV) row by row
(a changed row is printed with both versions) and, with --graphs N, the claim graphs and
the network files too. Exit 1 on any difference.

    python bench/same_tables.py /tmp/base            # that checkout against this one
    python bench/same_tables.py /tmp/base /work/wt/x --corpora seeds,wikinews --graphs 20
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("ATTRIB_SHARED", ROOT.parent / "shared"))
CORPORA = {
    "polnear-train": ["corpus/polnear/train/text", "--metadata", "corpus/polnear/metadata.tsv"],
    "polnear-dev": ["corpus/polnear/dev/text", "--metadata", "corpus/polnear/metadata.tsv"],
    "wikinews": ["corpus/wikinews/wikinews.jsonl"],
    "seeds": ["seeds"],
}
TABLES = ("statements", "citations", "claims", "sources")


def run(root: Path, corpus: str, out: Path, graphs: str = "0") -> float:
    args = [a if a.startswith("--") else str(SHARED / a) for a in CORPORA[corpus]]
    env = {**os.environ, "PYTHONPATH": str(root)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "attrib", "analyze", *args, "--out", str(out), "--graphs", graphs, "-q",
                    "--jobs", "1"], env=env, check=True, cwd=root)
    return time.perf_counter() - started


def rows(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return sorted(tuple(r) for r in csv.reader(fh))


def compare_files(base: Path, new: Path, corpus: str) -> int:
    """The graphs and network files of two runs, file by file."""
    names = {p.relative_to(base) for d in ("graphs", "network") for p in (base / d).rglob("*") if p.is_file()}
    names |= {p.relative_to(new) for d in ("graphs", "network") for p in (new / d).rglob("*") if p.is_file()}
    changed = sorted(str(n) for n in names
                     if not ((base / n).is_file() and (new / n).is_file() and (base / n).read_bytes() == (new / n).read_bytes()))
    print(f"{corpus} graphs and network: {len(names)} files, {'identical' if not changed else 'DIFFERENT: ' + ', '.join(changed[:20])}")
    return 1 if changed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=ROOT)
    parser.add_argument("--corpora", default=",".join(CORPORA))
    parser.add_argument("--out", type=Path, default=Path("/tmp/attrib-same-tables"))
    parser.add_argument("--graphs", default="0", help="claim graphs to draw and compare (default 0: none)")
    args = parser.parse_args()
    differences = 0
    for corpus in args.corpora.split(","):
        outs = {}
        for label, root in (("base", args.base), ("new", args.new)):
            outs[label] = args.out / label / corpus
            seconds = run(root.resolve(), corpus, outs[label], args.graphs)
            print(f"{corpus}: {label} ran in {seconds:.1f} s")
        for table in TABLES:
            if not (outs["base"] / f"{table}.csv").is_file():  # an older checkout without it
                continue
            a, b = (rows(outs[label] / f"{table}.csv") for label in ("base", "new"))
            only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
            same = not only_a and not only_b and len(a) == len(b)
            print(f"{corpus} {table}: {len(a)} / {len(b)} rows, {'identical' if same else 'DIFFERENT'}")
            for row in only_a[:20]:
                print("  - " + " | ".join(row)[:300])
            for row in only_b[:20]:
                print("  + " + " | ".join(row)[:300])
            differences += 0 if same else 1
        if args.graphs != "0":
            differences += compare_files(outs["base"], outs["new"], corpus)
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
