"""Independent origins: shared owners and state-media groups collapse (through the claims table)."""
from __future__ import annotations

import json

import attrib


def _claim_of(tmp_path, reports: list[str]):
    """Analyze one-sentence articles from different publishers; the claim they all support."""
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps({"id": f"a{i}", "text": text, "publisher": f"Paper {i}"}) + "\n"
                             for i, text in enumerate(reports)), encoding="utf-8")
    result = attrib.analyze(table)
    claim_ids = set(result.statements["claim_id"])
    assert len(claim_ids) == 1, result.statements.select("text", "claim_id")
    return result.claims.row(0, named=True)


def test_shared_owner_is_one_origin(tmp_path):
    claim = _claim_of(tmp_path, [
        "RIA Novosti reported that the Crimean bridge near Kerch collapsed on Monday night.",
        "Sputnik reported that the Crimean bridge near Kerch collapsed on Monday night."])
    assert claim["n_originals"] == 2
    assert claim["n_independent_origins"] == 1  # both belong to Rossiya Segodnya


def test_state_media_group_absorbs_that_countrys_state_outlets_only(tmp_path):
    claim = _claim_of(tmp_path, [
        "Russian state media reported that the Crimean bridge near Kerch collapsed on Monday night.",
        "TASS reported that the Crimean bridge near Kerch collapsed on Monday night.",
        "Reuters reported that the Crimean bridge near Kerch collapsed on Monday night.",
        "Meduza reported that the Crimean bridge near Kerch collapsed on Monday night."])
    assert claim["n_originals"] == 4
    assert claim["n_independent_origins"] == 3  # TASS goes into "Russian state media"; Reuters, Meduza stay
    assert claim["n_statements"] == 4 and claim["n_documents"] == 4
    assert claim["publishers"] == ["Paper 0", "Paper 1", "Paper 2", "Paper 3"]
