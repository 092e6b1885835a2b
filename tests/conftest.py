"""Shared fixtures: the repository, the shared material beside it, and one analysis of the seeds.

A test that reads ../shared (through `shared_path` or `run_scorer`) must be marked `corpus`: the
suite on a clean checkout (CI) runs every other test and skips none of them for missing material.
"""
from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path in ../shared, skipping the test when the shared material is not beside the checkout."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def pytest_collection_modifyitems(config, items) -> None:
    unmarked = [item.nodeid for item in items if getattr(item, "function", None) is not None
                and item.get_closest_marker("corpus") is None
                and any(f"{name}(" in inspect.getsource(item.function) for name in ("shared_path", "run_scorer"))]
    if unmarked:
        raise pytest.UsageError("tests that read ../shared must be marked corpus: " + ", ".join(unmarked))


def run_scorer(script: str, *args: str | Path) -> str:
    tool = shared_path("tools", script)
    done = subprocess.run([sys.executable, str(tool), *map(str, args)], capture_output=True, text=True, check=True)
    return done.stdout


def chain_strings(analyzer, text: str, publisher: str = "", wire: str = "") -> list[str]:
    """Each statement's paths as "A > B | C" for a document of `text`, as the chain tests compare them."""
    from attrib.records import Document
    doc = Document(doc_id="t", text=text, publisher=publisher, wire=wire)
    return [" | ".join(" > ".join(h.cited for h in p) for p in s.paths) for s in analyzer.statements(doc)]


@pytest.fixture(scope="session")
def analyzer():
    from attrib.pipeline import Analyzer
    return Analyzer.create()


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory) -> Path:
    """`attrib analyze fixtures/seeds` once, as a user would run it."""
    out = tmp_path_factory.mktemp("seeds_out")
    subprocess.run([sys.executable, "-m", "attrib", "analyze", str(FIXTURES / "seeds"), "--out", str(out), "-q",
                    "--jobs", "1"], check=True)
    return out
