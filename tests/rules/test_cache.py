"""Compiled patterns kept across runs: the same pattern back, and no harm when the folder is damaged or read-only."""
from __future__ import annotations

import os

import regex

from attrib.rules import cache

SOURCE = r"(?i)(?<![\w])(?P<cue>\L<verbs>)\s+(?P<rest>\w+)"
TEXT = "Officials SAID yesterday that they warned everyone."


def spans(pattern: regex.Pattern) -> list:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(TEXT)]


def test_a_cached_pattern_matches_as_the_compiled_one(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path))
    fresh = cache.compile_cached(SOURCE, regex.V0, verbs=["said", "warned"])
    assert len(list(tmp_path.glob("*.re"))) == 1
    again = cache.compile_cached(SOURCE, regex.V0, verbs=["said", "warned"])
    assert again is not fresh and spans(again) == spans(fresh) == spans(regex.compile(SOURCE, verbs=["said", "warned"]))
    assert spans(again) == [((10, 24), {"cue": "SAID", "rest": "yesterday"}), ((35, 50), {"cue": "warned", "rest": "everyone"})]


def test_another_list_is_another_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path))
    cache.compile_cached(SOURCE, regex.V0, verbs=["said"])
    only_warned = cache.compile_cached(SOURCE, regex.V0, verbs=["warned"])
    assert len(list(tmp_path.glob("*.re"))) == 2
    assert [m.group("cue") for m in only_warned.finditer(TEXT)] == ["warned"]


def test_a_damaged_file_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(tmp_path))
    cache.compile_cached(SOURCE, regex.V0, verbs=["said"])
    [path] = tmp_path.glob("*.re")
    path.write_bytes(path.read_bytes()[:-10] + b"0123456789")
    assert [m.group("cue") for m in cache.compile_cached(SOURCE, regex.V0, verbs=["said"]).finditer(TEXT)] == ["SAID"]


def test_a_read_only_folder_only_means_compiling(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o500)
    monkeypatch.setenv("ATTRIB_CACHE_DIR", str(folder / "attrib"))
    try:
        pattern = cache.compile_cached(SOURCE, regex.V0, verbs=["warned"])
        assert [m.group("cue") for m in pattern.finditer(TEXT)] == ["warned"]
    finally:
        os.chmod(folder, 0o700)
