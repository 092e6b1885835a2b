"""The Dask engine on a LocalCluster started by the test gives the local engine's tables."""
from __future__ import annotations

import pytest

import attrib

from conftest import FIXTURES

distributed = pytest.importorskip("distributed")


def test_dask_engine_equals_local(tmp_path):
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            remote = attrib.analyze(FIXTURES, engine="dask", scheduler=client, parts_dir=tmp_path / "parts")
            parts = list((tmp_path / "parts").glob(".attrib-parts-*/statements-*.parquet"))
    local = attrib.analyze(FIXTURES, jobs=1)
    for name, frame in local.tables().items():
        assert frame.equals(remote.scan(name).collect()), name
    assert remote.height("statements") > 100
    assert len(parts) == 1  # the fixtures fit one partition; its part was written by a worker
    remote.close()
    assert not list((tmp_path / "parts").iterdir())
