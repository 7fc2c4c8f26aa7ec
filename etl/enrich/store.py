"""Where API responses go: a journal first (one fsync'd line per response, so a killed run loses
only the requests in flight), then Parquet tables under <data-dir>/enrich/, written in batches.

Compaction is idempotent: a journal is renamed to journal-<batch>.jsonl before its rows are
written as part-<batch>.parquet in every table, and deleted after; a crash in between is
finished by the next run with the same part names, so nothing is stored twice.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from etl.enrich.extract import extract_rows
from etl.parquet import COMPRESSION, ensure_readable, rows_to_table

_ts = pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    "responses": pa.schema(
        [
            ("entity", pa.string()),
            ("id", pa.int64()),
            ("endpoint", pa.string()),
            ("page", pa.int32()),
            ("pages", pa.int32()),  # list endpoints: how many pages the list has
            ("status", pa.int32()),
            ("fetched_at", _ts),
            ("raw_json", pa.string()),
        ]
    ),
    "releases": pa.schema(
        [
            ("release_id", pa.int64()),
            ("fetched_at", _ts),
            ("status", pa.int32()),
            ("have", pa.int64()),
            ("want", pa.int64()),
            ("rating_average", pa.float64()),
            ("rating_count", pa.int64()),
            ("lowest_price", pa.float64()),
            ("num_for_sale", pa.int64()),
            ("blocked_from_sale", pa.bool_()),
            ("date_added", pa.string()),
            ("date_changed", pa.string()),
            ("estimated_weight", pa.int64()),
            ("thumb", pa.string()),
        ]
    ),
    "community": pa.schema(
        [
            ("release_id", pa.int64()),
            ("fetched_at", _ts),
            ("have", pa.int64()),
            ("want", pa.int64()),
            ("source", pa.string()),
            ("source_id", pa.int64()),
        ]
    ),
    "images": pa.schema(
        [
            ("entity", pa.string()),
            ("id", pa.int64()),
            ("idx", pa.int32()),
            ("fetched_at", _ts),
            ("type", pa.string()),
            ("uri", pa.string()),
            ("uri150", pa.string()),
            ("width", pa.int32()),
            ("height", pa.int32()),
        ]
    ),
    "entities": pa.schema(
        [
            ("entity", pa.string()),
            ("id", pa.int64()),
            ("fetched_at", _ts),
            ("status", pa.int32()),
            ("name", pa.string()),
            ("main_release_id", pa.int64()),
            ("most_recent_release_id", pa.int64()),
            ("lowest_price", pa.float64()),
            ("num_for_sale", pa.int64()),
        ]
    ),
}

BATCH = 100  # responses per Parquet batch


def enrich_dir(data_dir: Path) -> Path:
    return data_dir / "enrich"


class Store:
    """Append responses; they reach Parquet every BATCH responses and on close."""

    def __init__(self, data_dir: Path) -> None:
        self.root = enrich_dir(data_dir)
        self.root.mkdir(parents=True, exist_ok=True)
        self.journal_path = self.root / "journal.jsonl"
        self.rows_stored = 0
        self._pending = 0
        self.recover()
        self._journal: TextIO = self.journal_path.open("a", encoding="utf-8")

    def add(
        self, entity: str, entity_id: int, endpoint: str, page: int, status: int, raw: str
    ) -> None:
        line = {
            "entity": entity,
            "id": entity_id,
            "endpoint": endpoint,
            "page": page,
            "status": status,
            "fetched_at": datetime.now(UTC).isoformat(),
            "raw": raw,
        }
        self._journal.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._journal.flush()
        os.fsync(self._journal.fileno())
        self._pending += 1
        if self._pending >= BATCH:
            self.commit()

    def commit(self) -> None:
        """Move the journal's responses into Parquet."""
        self._journal.close()
        self._compact(self.journal_path)
        self._journal = self.journal_path.open("a", encoding="utf-8")
        self._pending = 0

    def close(self) -> None:
        self.commit()
        self._journal.close()

    def recover(self) -> None:
        """Finish what a killed run left: renamed journals first, then the live one."""
        for leftover in sorted(self.root.glob("journal-*.jsonl")):
            self._write_batch(leftover)
        if self.journal_path.is_file():
            self._compact(self.journal_path)
        ensure_store(self.root.parent)

    def _compact(self, journal: Path) -> None:
        if not journal.is_file() or journal.stat().st_size == 0:
            journal.unlink(missing_ok=True)
            return
        batch = journal.with_name(
            f"journal-{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}.jsonl"
        )
        os.replace(journal, batch)
        self._write_batch(batch)

    def _write_batch(self, batch: Path) -> None:
        name = batch.stem.removeprefix("journal-")
        lines = []
        with batch.open(encoding="utf-8") as journal:
            for text in journal:
                if not text.endswith("\n"):
                    break  # a line cut by a kill: that request was in flight
                lines.append(json.loads(text))
        tables = extract_rows(lines)
        for table, schema in SCHEMAS.items():
            rows = tables.get(table, [])
            if not rows:
                continue
            target = self.root / table / f"part-{name}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(target.name + ".tmp")
            pq.write_table(rows_to_table(rows, schema), temp, compression=COMPRESSION)
            os.replace(temp, target)
        self.rows_stored += len(tables.get("responses", []))
        batch.unlink()


def ensure_store(data_dir: Path) -> Path:
    """Make every enrich table readable (an empty typed part where none exists yet)."""
    root = enrich_dir(data_dir)
    ensure_readable(root, SCHEMAS)
    return root


def table_glob(data_dir: Path, table: str) -> str:
    """The Parquet files of one enrich table, for DuckDB's read_parquet."""
    return str(enrich_dir(data_dir) / table / "*.parquet")
