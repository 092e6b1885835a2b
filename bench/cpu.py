#!/usr/bin/env python3
"""CPU seconds per stage of extraction in one process, on the first N PolNeAR texts of the benchmark corpus.

Less sensitive to other processes on the machine than wall time (process_time), so
it suits comparing two versions while working; `bench/run.py` is the full benchmark.

    python bench/cpu.py --articles 1000
    python bench/cpu.py --articles 300 --profile     # pyinstrument's call tree of the run
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import build_corpus  # noqa: E402

from attrib.pipeline import Analyzer  # noqa: E402
from attrib.records import Document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print pyinstrument's profile of the run")
    args = parser.parse_args()
    corpus = build_corpus(1000 if args.articles <= 1000 else args.articles)
    docs = []
    with corpus.open(encoding="utf-8") as fh:
        for line, _ in zip(fh, range(args.articles)):
            row = json.loads(line)
            docs.append(Document(doc_id=row["id"], text=row["text"], publisher=row["publisher"]))
    t0 = time.process_time()
    analyzer = Analyzer.create()
    analyzer.rules.compile_all()  # every pattern now, as before they compiled lazily: startup stays comparable
    startup = time.process_time() - t0
    profiler = None
    if args.profile:
        from pyinstrument import Profiler
        profiler = Profiler()
        profiler.start()
    seconds: dict[str, float] = {}
    t0 = time.process_time()
    for doc in docs:
        for stage, s in analyzer.analyze_document(doc).seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + s
    total = time.process_time() - t0
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    stages = " ".join(f"{k}={v:.2f}" for k, v in seconds.items())
    print(f"{len(docs)} articles, {mb:.2f} MB: startup {startup:.2f} s CPU, extraction {total:.2f} s CPU "
          f"({mb / total:.2f} MB per CPU second); {stages}")


if __name__ == "__main__":
    main()
