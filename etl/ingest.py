"""The monthly refresh: find the newest complete month, download it politely, parse it, build the
warehouse on it, report what changed, prune old months.

Each step publishes atomically and the warehouse is switched last, so a failure anywhere (or a
SIGKILL) leaves the previous month answering queries; a rerun resumes from what was verified.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import httpx

from etl import warehouse
from etl.config import parquet_dir
from etl.diff import DiffStats, diff
from etl.download import DownloadSettings, FetchStats, SiteState, fetch_month, verify_local
from etl.download.fetch import STATE_FILE, dumps_dir
from etl.download.listing import ENTITIES, entity_name
from etl.errors import EtlError, SettingsError
from etl.parse import ParseStats, parse_file
from etl.progress import NullProgress, Progress
from etl.snapshots import complete_snapshots, snapshot_problems

MANIFEST = "ingest.json"
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_DUMP = re.compile(r"^discogs_(\d{8})_(artists|labels|masters|releases)\.xml\.gz$")

ProgressFactory = Callable[[str, int], Progress]


@dataclass
class IngestStats:
    """What one ingest run did."""

    dump_date: str
    up_to_date: bool = False
    fetch: FetchStats | None = None
    parsed: list[ParseStats] = field(default_factory=list)
    build: warehouse.BuildStats | None = None
    diff: DiffStats | None = None
    pruned: list[str] = field(default_factory=list)


def ingest(
    data_dir: Path | str,
    *,
    month: str | None = None,
    source_url: str | None = None,
    keep: int = 2,
    from_dir: Path | str | None = None,
    workers: int | None = None,
    progress: ProgressFactory | None = None,
    transport: httpx.BaseTransport | None = None,
) -> IngestStats:
    """Bring <data_dir> to the newest complete month (or `month`, YYYY-MM); see module doc."""
    data_dir = Path(data_dir)
    if month is not None and not _MONTH.match(month):
        raise SettingsError(f"month {month!r} is not YYYY-MM; pass e.g. --month 2026-01")
    if keep < 1:
        raise SettingsError(f"--keep must be at least 1, got {keep}")
    progress = progress or (lambda _desc, _total: NullProgress())
    fetched = None
    if from_dir is not None:
        dump_date, paths = _local_dumps(Path(from_dir), month)
        hashes = verify_local(Path(from_dir), dump_date)
    else:
        fetched = fetch_month(
            data_dir,
            DownloadSettings.resolve(source_url),
            month,
            progress=progress("download", 0),
            transport=transport,
        )
        dump_date, paths, hashes = fetched.dump_date, fetched.paths, fetched.checksums
    stats = IngestStats(dump_date, fetch=fetched)
    snapshot = parquet_dir(data_dir, dump_date)
    manifest = _read_manifest(snapshot)
    if (
        _live_date(data_dir) == dump_date
        and not snapshot_problems(snapshot)
        and all(
            manifest.get(entity_name(dump_date, e)) == hashes[entity_name(dump_date, e)]
            for e in ENTITIES
        )
    ):
        stats.up_to_date = True
        return stats
    for entity in ENTITIES:
        name = entity_name(dump_date, entity)
        if (
            manifest.get(name) == hashes[name]
            and (snapshot / "reports" / f"{entity[:-1]}.json").is_file()
        ):
            continue  # parsed by an earlier, interrupted run
        path = paths[entity]
        bar = progress(path.name, path.stat().st_size)
        try:
            stats.parsed.append(parse_file(path, data_dir, dump_date, workers, bar))
        finally:
            bar.close()
        manifest[name] = hashes[name]
        _write_manifest(snapshot, manifest)
    stats.build = warehouse.build(data_dir, dump_date)
    if stats.build.previous_dump_date:
        stats.diff = diff(data_dir, stats.build.previous_dump_date, dump_date)
    stats.pruned = _prune(data_dir, keep, dump_date)
    if stats.build.previous_dump_date in stats.pruned:
        # the changes view read the pruned month: rebuild it on what is left
        stats.build = warehouse.build(data_dir, dump_date)
    return stats


def _local_dumps(directory: Path, month: str | None) -> tuple[str, dict[str, Path]]:
    """The newest date (in month, if given) with all four dump files in directory."""
    if not directory.is_dir():
        raise SettingsError(f"--from-dir {directory} is not a directory")
    by_date: dict[str, dict[str, Path]] = {}
    for path in directory.iterdir():
        found = _DUMP.match(path.name)
        if found:
            by_date.setdefault(found.group(1), {})[found.group(2)] = path
    prefix = month.replace("-", "") if month else ""
    for dump_date in sorted(by_date, reverse=True):
        if dump_date.startswith(prefix) and len(by_date[dump_date]) == len(ENTITIES):
            return dump_date, by_date[dump_date]
    raise EtlError(
        f"{directory} holds no complete month{f' {month}' if month else ''}: it needs "
        "discogs_YYYYMMDD_{artists,labels,masters,releases}.xml.gz of one date"
    )


def _live_date(data_dir: Path) -> str | None:
    """The dump date the current warehouse was built on, if there is one."""
    path = warehouse.warehouse_path(data_dir)
    if not path.is_file():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute(f"select dump_date from {warehouse.BUILD_INFO_TABLE}").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def _read_manifest(snapshot: Path) -> dict[str, str]:
    path = snapshot / "reports" / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _write_manifest(snapshot: Path, manifest: dict[str, str]) -> None:
    path = snapshot / "reports" / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temp, path)


def _prune(data_dir: Path, keep: int, live: str) -> list[str]:
    """Remove complete snapshots (and their downloaded dumps) older than the newest `keep`."""
    dates = complete_snapshots(data_dir)
    doomed = [d for d in dates[:-keep] if d != live] if len(dates) > keep else []
    state = SiteState.load(dumps_dir(data_dir) / STATE_FILE)
    for dump_date in doomed:
        shutil.rmtree(parquet_dir(data_dir, dump_date))
        shutil.rmtree(dumps_dir(data_dir) / dump_date, ignore_errors=True)
        state.verified = {n: e for n, e in state.verified.items() if f"_{dump_date}_" not in n}
        state.checksums.pop(dump_date, None)
    if doomed and state.path.is_file():
        state.save()
    return doomed
