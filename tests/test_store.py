"""Tables kept as Parquet parts: a run with parts_dir gives the same tables as one in memory."""
from __future__ import annotations

import polars as pl

import attrib
from attrib.engine_local import collect_tables, iter_batches
from attrib.result import Analysis
from attrib.tables import EXTRACTED as SCHEMAS
from attrib.claims import group_claims
from attrib.sources import sources_table
from attrib.pipeline import unique_ids
from attrib.read import read_documents
from attrib.store import PartStore

from conftest import FIXTURES


def test_parts_dir_gives_the_in_memory_tables_and_is_removed(tmp_path):
    in_memory = attrib.analyze(FIXTURES, jobs=1)
    on_disk = attrib.analyze(FIXTURES, jobs=2, parts_dir=tmp_path)
    assert isinstance(on_disk.statements, pl.LazyFrame)
    assert list(tmp_path.glob(".attrib-parts-*/statements-*.parquet"))
    for name, frame in in_memory.tables().items():
        assert on_disk.scan(name).collect().equals(frame), name
    on_disk.close()
    assert not list(tmp_path.iterdir())


def test_claims_over_many_parts_equal_claims_in_memory(tmp_path):
    """Statements whose copies and fellow reports sit in other parts are still grouped together."""
    def docs():
        return unique_ids(read_documents([FIXTURES], None))

    in_memory = attrib.analyze(FIXTURES, jobs=1)
    store = PartStore.create(tmp_path, SCHEMAS)
    # a part per two documents (the seeds' five reports of one story land in three parts)
    collect_tables(iter_batches(docs(), jobs=1, batch_size=1), consolidate_every=2, store=store)
    assert store.count >= 5
    parted = Analysis(statements=store.scan("statements"), citations=store.scan("citations"),
                      documents=store.scan("documents"), store=store)
    group_claims(parted)
    parted.extra["sources"] = sources_table(parted.statements, parted.citations)
    for name, frame in in_memory.tables().items():
        assert parted.scan(name).collect().equals(frame), name
    assert in_memory.claims.filter(pl.col("n_documents") >= 4).height >= 1
    parted.close()
