"""The README's pictures, from an output folder: `python docs/pictures.py out/ docs/` (run by `make demo`).

docs/claim-graph.png is the first claim's graph, docs/report.png the top of report.html, both as
headless Chromium renders them. Without Chromium on PATH (apt-get install chromium) it says so and
makes nothing.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def screenshot(browser: str, url: str, png: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                        "--disable-background-networking", f"--user-data-dir={profile}", f"--screenshot={png}",
                        f"--window-size={width},{height}", url], capture_output=True, timeout=120, check=True)


def main(out: Path, docs: Path) -> int:
    browser = next((p for p in map(shutil.which, CHROMIUM) if p), None)
    if browser is None:
        print("docs/pictures.py: no Chromium on PATH, README pictures not made", file=sys.stderr)
        return 0
    docs.mkdir(parents=True, exist_ok=True)
    svg = out / "graphs" / "c000001.svg"
    size = re.search(r'width="(\d+)pt" height="(\d+)pt"', svg.read_text(encoding="utf-8"))
    width, height = (round(int(v) * 4 / 3) + 16 for v in size.groups())   # pt -> CSS px
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "graph.html"
        page.write_text(f"<html><body style='margin:8px;background:#fff'><img src='{svg.resolve().as_uri()}'>"
                        "</body></html>", encoding="utf-8")
        screenshot(browser, page.as_uri(), docs / "claim-graph.png", width, height)
    screenshot(browser, (out / "report.html").resolve().as_uri(), docs / "report.png", 1280, 1500)
    print(f"wrote {docs / 'claim-graph.png'}, {docs / 'report.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "out"), Path(sys.argv[2] if len(sys.argv) > 2 else "docs")))
