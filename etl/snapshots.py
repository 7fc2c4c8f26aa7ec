"""Snapshots on disk: <data-dir>/parquet/<YYYYMMDD>/, complete when all four dumps are parsed."""

from __future__ import annotations

from pathlib import Path

from etl.config import parquet_dir
from etl.schemas import TABLES_BY_DUMP


def snapshot_problems(snapshot_dir: Path) -> list[str]:
    """Why a snapshot directory is not complete (empty when it is)."""
    problems = []
    for dump_type, tables in TABLES_BY_DUMP.items():
        if not (snapshot_dir / "reports" / f"{dump_type}.json").is_file():
            problems.append(f"the {dump_type}s dump was never parsed")
            continue
        missing = [t for t in tables if not any((snapshot_dir / t).glob("*.parquet"))]
        if missing:
            problems.append(f"table {', '.join(missing)} is missing")
    return problems


def snapshot_dates(data_dir: Path) -> list[str]:
    """Dump dates of every snapshot directory, complete or not, oldest first."""
    return sorted(p.name for p in (data_dir / "parquet").glob("[0-9]" * 8) if p.is_dir())


def complete_snapshots(data_dir: Path) -> list[str]:
    """Dump dates of the complete snapshots, oldest first."""
    return [
        date
        for date in snapshot_dates(data_dir)
        if not snapshot_problems(parquet_dir(data_dir, date))
    ]


def previous_snapshot(data_dir: Path, dump_date: str) -> str | None:
    """The newest complete snapshot older than dump_date, if any."""
    older = [d for d in complete_snapshots(data_dir) if d < dump_date]
    return older[-1] if older else None
