"""Tables kept on disk between stages: Parquet parts of a few thousand documents each.

A large run writes each chunk of extracted rows as one part per table instead of
holding the corpus's tables in memory. Later stages read the parts one at a time
(claim features, rows with their claim ids) or scan them lazily with polars for
the few columns they need, so memory follows a part and those columns, not the
corpus. Part i of every table covers the same documents, so a statement's
citations are always in the part of the same number.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import polars as pl

TABLES = ("statements", "citations", "documents")


class PartStore:
    """A folder of `<table>-<n>.parquet` parts, created by the run and removed by `remove()`."""

    def __init__(self, folder: str | Path, schemas: dict[str, dict[str, pl.DataType]]) -> None:
        self.folder = Path(folder)
        self.schemas = schemas
        self.count = 0

    @classmethod
    def create(cls, parent: str | Path, schemas: dict[str, dict[str, pl.DataType]]) -> "PartStore":
        """A new, empty store in a fresh folder under `parent` (never one that holds anything else)."""
        parent = Path(parent).resolve()  # absolute: LazyFrames over the parts outlive a chdir
        parent.mkdir(parents=True, exist_ok=True)
        store = cls(tempfile.mkdtemp(prefix=".attrib-parts-", dir=parent), schemas)
        _LIVE.add(store)
        return store

    def path(self, name: str, index: int) -> Path:
        return self.folder / f"{name}-{index:06d}.parquet"

    def append(self, tables: dict[str, pl.DataFrame]) -> None:
        """Add one part: a frame per table, all for the same documents."""
        self.write_part(self.count, tables)
        self.count += 1

    def write_part(self, index: int, tables: dict[str, pl.DataFrame]) -> None:
        """Write part `index` of every table (a Dask worker writes its partition's part this way)."""
        for name in TABLES:
            _write(tables[name], self.path(name, index))

    def read(self, name: str, index: int, columns: list[str] | None = None) -> pl.DataFrame:
        return pl.read_parquet(self.path(name, index), columns=columns)

    def rewrite(self, name: str, index: int, frame: pl.DataFrame) -> None:
        tmp = self.path(name, index).with_suffix(".tmp")
        _write(frame, tmp)
        tmp.replace(self.path(name, index))

    def scan(self, name: str) -> pl.LazyFrame:
        """The whole table, lazily, in input order."""
        if not self.count:
            return pl.LazyFrame(schema=self.schemas[name])
        return pl.scan_parquet([self.path(name, i) for i in range(self.count)], schema=self.schemas[name])

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        _LIVE.discard(self)


def _write(frame: pl.DataFrame, path: Path) -> None:
    # lz4: parts are read back once or twice; speed matters more than size here
    frame.write_parquet(path, compression="lz4", statistics=False)


# Stores this process created and has not removed yet, removed at the latest when the interpreter
# exits, or by the CLI's SIGTERM handler (the parts are temporary files, like tempfile's, not data
# passed between stages).
_LIVE: set[PartStore] = set()


@atexit.register
def remove_all() -> None:
    for store in list(_LIVE):
        store.remove()
