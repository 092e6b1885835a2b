"""Opposite directions ("rose" / "fell") make two statements two claims (claims/direction.py)."""
from __future__ import annotations

import json
from pathlib import Path

import polars as pl

import attrib
from attrib.claims import grouping as grouping_module
from attrib.claims.direction import DOWN, NEITHER, UP, direction
from attrib.claims.featurising import featurise


def _features(texts: list[str]) -> grouping_module.Features:
    return grouping_module.Features(featurise([(t, "") for t in texts], frozenset()), [1] * len(texts), len(texts))


def test_a_statement_moves_one_way_or_neither():
    items = _features(["Nine of the Oslo exchange's 12 sector indices climbed, led by shipping.",
                       "Nine of the Oslo exchange's 12 sector indices slipped, led by shipping.",
                       "The Oslo exchange's 12 sector indices were split between rising and falling ones.",
                       "The Oslo exchange opened a new trading floor."]).items
    assert [it.direction for it in items] == [UP, DOWN, NEITHER, NEITHER]
    assert direction(frozenset()) == NEITHER


def test_opposite_directions_conflict():
    items = _features(["Of the Oslo exchange's 12 sector indices, nine gained ground, led by shipping.",
                       "Of the Oslo exchange's 12 sector indices, nine lost ground, led by shipping.",
                       "Of the Oslo exchange's 12 sector indices, nine advanced, led by shipping."]).items
    assert grouping_module.conflict(items[0], items[1]) == "direction"
    assert grouping_module.conflict(items[0], items[2]) is None


def test_one_side_losing_to_the_other_is_no_conflict():
    """Converse reports of one change ("X lost ground to Y" / "Y gained ground on X") stay comparable."""
    items = _features(["Councillor Ana Ortiz lost ground to Mayor Tom Berg in the Dover poll.",
                       "Mayor Tom Berg gained ground on Councillor Ana Ortiz in the Dover poll."]).items
    assert grouping_module.conflict(items[0], items[1]) is None


def test_daily_frames_of_opposite_days_are_two_claims(tmp_path: Path):
    reports = [("Wire", "Of the Oslo exchange's 12 sector indices, nine rose, led by shipping, banks and fish farms."),
               ("Wire", "Of the Oslo exchange's 12 sector indices, nine fell, led by shipping, banks and fish farms."),
               ("Paper", "Nine of the Oslo exchange's 12 sector indices climbed, led by shipping, banks and fish farms.")]
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "text": t, "publisher": p}) + "\n"
                             for i, (p, t) in enumerate(reports)), encoding="utf-8")
    st = attrib.analyze(table).statements

    def claim(needle: str) -> str:
        return st.filter(pl.col("text").str.contains(needle, literal=True))["claim_id"][0]

    assert claim("nine rose") == claim("climbed")
    assert claim("nine fell") != claim("nine rose")
    row = st.filter(pl.col("text").str.contains("nine fell", literal=True)).row(0, named=True)
    assert claim("nine rose") not in (row["also_claims"] or [])
