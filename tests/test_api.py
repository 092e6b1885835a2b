"""The Python API and the tables it returns."""
from __future__ import annotations

import polars as pl

import attrib
from attrib.tables import CITATIONS, DOCUMENTS, STATEMENTS

from conftest import FIXTURES


def test_analyze_returns_frames_with_contract_columns():
    result = attrib.analyze(FIXTURES / "seeds", jobs=1)
    assert result.statements.schema == pl.Schema(STATEMENTS)
    assert result.citations.schema == pl.Schema(CITATIONS)
    assert result.documents.schema == pl.Schema(DOCUMENTS)
    assert result.documents.height == 5
    assert result.statements.filter(pl.col("chains").list.eval(pl.element().list.contains("RIA Novosti")).list.any()).height >= 4


def test_every_edge_points_at_its_words_in_the_original_text():
    folders = [FIXTURES / "seeds", FIXTURES / "families"]
    result = attrib.analyze(folders, jobs=1)
    docs = {p.stem: p.read_text(encoding="utf-8") for f in folders for p in f.glob("*.txt")}
    named = result.citations.filter(pl.col("source_start").is_not_null())
    assert named.height > 50
    for row in named.iter_rows(named=True):
        text = docs[row["doc_id"]]
        assert text[row["source_start"]:row["source_end"]] == row["cited_text"]
        if row["cue_start"] is not None:
            assert text[row["cue_start"]:row["cue_end"]] == row["cue"]
        assert row["rule_id"]


def test_statement_columns_are_consistent():
    st = attrib.analyze(FIXTURES / "seeds", jobs=1).statements
    for row in st.iter_rows(named=True):
        paths = row["chains"]
        assert row["depth"] == max((len(p) for p in paths), default=0)
        assert row["n_originals"] == len({p[-1] for p in paths})


def test_duplicate_ids_are_renamed_not_merged(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("Reuters reported rain.", encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text("AP reported snow.", encoding="utf-8")
    docs = attrib.analyze(tmp_path, jobs=1).documents
    assert docs["doc_id"].to_list() == ["same", "same~2"]
    assert docs["status"].to_list() == ["ok", "warning"]


def test_jobs_give_identical_tables():
    one = attrib.analyze(FIXTURES, jobs=1)
    two = attrib.analyze(FIXTURES, jobs=2)
    for name, frame in one.tables().items():
        assert frame.equals(two.tables()[name]), name


def test_worker_processes_give_the_batches_of_one_process(monkeypatch):
    """One batch runs in this process whatever --jobs says (workers would only cost their start);
    several go to the pool, and come back as the same tables in the same order."""
    from attrib import engine_local
    from attrib.read import read_documents

    docs = list(read_documents([FIXTURES / "seeds"]))
    pools = []
    real_pool = engine_local.ProcessPoolExecutor
    monkeypatch.setattr(engine_local, "ProcessPoolExecutor", lambda *a, **k: pools.append(1) or real_pool(*a, **k))
    one = [b.tables for b in engine_local.iter_batches(docs, jobs=1, batch_size=2)]
    single = [b.tables for b in engine_local.iter_batches(docs, jobs=2, batch_size=len(docs))]
    assert pools == []
    two = [b.tables for b in engine_local.iter_batches(docs, jobs=2, batch_size=2)]
    assert pools == [1] and len(two) == len(one) == 3
    for mine, theirs in zip(one, two, strict=True):
        for name, frame in mine.items():
            assert frame.equals(theirs[name]), name
    assert pl.concat([b["statements"] for b in one]).equals(single[0]["statements"])
