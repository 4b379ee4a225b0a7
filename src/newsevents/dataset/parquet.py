"""Byte-stable Parquet writing.

The same rows must give the same bytes, so two builds of one corpus have equal checksums and a
release can be verified. Parquet stores no timestamp; what could vary is spelled out here instead
of left to library defaults: compression, format and page versions, dictionary and statistics
settings, row-group size. `created_by` names the pyarrow version, so bytes are stable for one
pyarrow version (the manifest records it). Rows are written in batches, so memory holds one
batch, not the corpus.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

ROWS_PER_GROUP = 1000

WRITER_OPTIONS = {
    "compression": "zstd",
    "compression_level": 3,
    "version": "2.6",
    "data_page_version": "1.0",
    "use_dictionary": True,
    "write_statistics": True,
    "write_page_index": False,
    "store_schema": True,
}


class SplitWriter:
    """Write rows of one config and split to a Parquet file, atomically (temp file + rename).

    A file is created only when at least one row arrives: `datasets` cannot load a split whose
    Parquet file has no rows (see the card), so an empty split has no file at all."""

    def __init__(self, path: Path, schema: pa.Schema, rows_per_group: int = ROWS_PER_GROUP):
        self.path = Path(path)
        self.schema = schema
        self.rows_per_group = rows_per_group
        self.rows = 0
        self.arrow_bytes = 0  # in-memory Arrow size, what the card's num_bytes means
        self._batch: list[dict] = []
        self._writer = None
        self._tmp: str | None = None

    def write(self, rows: Iterable[dict]) -> None:
        for row in rows:
            self._batch.append(row)
            if len(self._batch) >= self.rows_per_group:
                self._flush()

    def _flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._batch:
            return
        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            os.close(fd)
            self._writer = pq.ParquetWriter(self._tmp, self.schema, **WRITER_OPTIONS)
        table = pa.Table.from_pylist(self._batch, schema=self.schema)
        self._writer.write_table(table, row_group_size=self.rows_per_group)
        self.rows += len(self._batch)
        self.arrow_bytes += table.nbytes
        self._batch = []

    def close(self) -> bool:
        """Finish the file; returns whether one was written (False for an empty split)."""
        self._flush()
        if self._writer is None:
            return False
        self._writer.close()
        os.replace(self._tmp, self.path)
        return True

    def abort(self) -> None:
        if self._writer is not None:
            self._writer.close()
            Path(self._tmp).unlink(missing_ok=True)
