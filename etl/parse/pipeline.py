"""The parse stage: one dump file -> the Parquet tables of its type, published atomically.

The coordinating process reads and decompresses the file once, cuts it into chunks of whole
records and hands them to worker processes over a bounded queue; each worker writes its own
Parquet part per table into a build directory, which is moved into place only when the whole
file parsed. Memory stays bounded: a few chunks in flight plus each worker's row buffers.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import queue
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from etl.config import dump_date_for, parquet_dir, resolve_workers
from etl.errors import EtlError
from etl.parquet import ensure_readable, publish
from etl.parse.common import Drift
from etl.parse.stream import DumpStream
from etl.parse.worker import WorkerResult, peak_rss_bytes, worker_main
from etl.progress import NullProgress, Progress
from etl.schemas import TABLES_BY_DUMP

_POLL_SECONDS = 0.5


@dataclass
class ParseStats:
    """What one parse run did; also written as the run report."""

    dump_type: str
    dump_date: str
    source: str
    output_dir: Path
    report_path: Path
    records: int = 0
    quarantined: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    unknown: dict[str, dict[str, Any]] = field(default_factory=dict)
    control_chars_removed: int = 0
    source_bytes: int = 0
    xml_bytes: int = 0
    seconds: float = 0.0
    workers: int = 1
    peak_rss_bytes: int = 0

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0

    @property
    def xml_mb_per_second(self) -> float:
        return self.xml_bytes / 1e6 / self.seconds if self.seconds else 0.0

    def report(self) -> dict[str, Any]:
        data = asdict(self)
        data["output_dir"] = str(self.output_dir)
        data["report_path"] = str(self.report_path)
        data["records_per_second"] = round(self.records_per_second, 1)
        data["xml_mb_per_second"] = round(self.xml_mb_per_second, 2)
        return data


class WorkerFailed(RuntimeError):
    """A worker process died or raised: a bug, reported with the worker's traceback."""


def parse_file(
    path: Path | str,
    data_dir: Path | str,
    dump_date: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> ParseStats:
    """Parse one dump file into <data_dir>/parquet/<dump_date>/<table>/ and return its stats.

    Raises InputFileError when the file is not a readable dump and SettingsError for a missing
    dump date; in both cases, and on any crash, nothing is published.
    """
    path, data_dir = Path(path), Path(data_dir)
    workers = resolve_workers(workers)
    date = dump_date_for(path, dump_date)
    started = time.perf_counter()
    if not path.is_file():
        raise EtlError(f"{path}: no such file; check the path")
    with DumpStream(path, progress or NullProgress()) as stream:
        final_dir = parquet_dir(data_dir, date)
        build_dir = _new_build_dir(final_dir.parent, date, stream.dump_type)
        try:
            results = _run_workers(stream, build_dir, workers)
            stats = _finish(stream, build_dir, final_dir, date, workers, results, started)
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
    return stats


def _new_build_dir(parquet_root: Path, date: str, dump_type: str) -> Path:
    """A fresh hidden build directory beside the snapshots; stale ones of dead runs go."""
    try:
        parquet_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EtlError(
            f"{parquet_root}: cannot create it ({exc.strerror}); choose a writable --data-dir"
        ) from None
    for stale in parquet_root.glob(".build-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    build_dir = parquet_root / f".build-{date}-{dump_type}-{os.getpid()}"
    shutil.rmtree(build_dir, ignore_errors=True)
    build_dir.mkdir()
    return build_dir


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _run_workers(stream: DumpStream, build_dir: Path, workers: int) -> list[WorkerResult]:
    ctx = mp.get_context("forkserver")
    inbox: mp.Queue[bytes | None] = ctx.Queue(maxsize=workers * 2)
    outbox: mp.Queue[tuple[str, Any]] = ctx.Queue()
    procs = [
        ctx.Process(
            target=worker_main,
            args=(part, stream.dump_type, build_dir, inbox, outbox, os.getpid()),
            name=f"discogs-etl-parse-{part}",
            daemon=True,
        )
        for part in range(workers)
    ]
    for proc in procs:
        proc.start()
    try:
        for chunk in stream.chunks():
            _put(inbox, chunk, procs, outbox)
        for _ in procs:
            _put(inbox, None, procs, outbox)
        results = [_get(outbox, procs) for _ in procs]
        for proc in procs:
            proc.join()
        return results
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
                proc.join()
        inbox.cancel_join_thread()
        inbox.close()
        outbox.close()


def _put(
    inbox: mp.Queue[bytes | None],
    item: bytes | None,
    procs: list[mp.Process],
    outbox: mp.Queue[tuple[str, Any]],
) -> None:
    while True:
        try:
            inbox.put(item, timeout=_POLL_SECONDS)
            return
        except queue.Full:
            _check_alive(procs, outbox)


def _get(outbox: mp.Queue[tuple[str, Any]], procs: list[mp.Process]) -> WorkerResult:
    while True:
        try:
            status, payload = outbox.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            _check_alive(procs, outbox)
            continue
        if status == "error":
            raise WorkerFailed(f"a parse worker failed:\n{payload}")
        return payload


def _check_alive(procs: list[mp.Process], outbox: mp.Queue[tuple[str, Any]]) -> None:
    for proc in procs:
        if proc.exitcode not in (None, 0):
            try:
                _status, payload = outbox.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                payload = "(no traceback: killed or out of memory?)"
            raise WorkerFailed(f"{proc.name} exited with code {proc.exitcode}:\n{payload}")


def _finish(
    stream: DumpStream,
    build_dir: Path,
    final_dir: Path,
    date: str,
    workers: int,
    results: list[WorkerResult],
    started: float,
) -> ParseStats:
    dump_type = stream.dump_type
    tables = TABLES_BY_DUMP[dump_type]
    ensure_readable(build_dir, tables)
    quarantine = Path("quarantine") / f"{dump_type}.jsonl"
    _concat_quarantine(build_dir, dump_type, build_dir / quarantine)
    report = Path("reports") / f"{dump_type}.json"
    stats = ParseStats(
        dump_type=dump_type,
        dump_date=date,
        source=str(stream.path),
        output_dir=final_dir,
        report_path=final_dir / report,
        workers=workers,
        source_bytes=stream.path.stat().st_size,
        xml_bytes=stream.xml_bytes,
    )
    drift = Drift()
    for result in results:
        stats.records += result.records
        stats.quarantined += result.quarantined
        stats.control_chars_removed += result.control_chars_removed
        stats.peak_rss_bytes += result.peak_rss_bytes
        drift.merge(result.unknown)
    stats.rows = {table: sum(r.rows.get(table, 0) for r in results) for table in tables}
    stats.unknown = drift.seen
    stats.peak_rss_bytes += peak_rss_bytes()
    stats.seconds = round(time.perf_counter() - started, 3)
    (build_dir / report).parent.mkdir(parents=True, exist_ok=True)
    (build_dir / report).write_text(json.dumps(stats.report(), indent=2, ensure_ascii=False))
    publish(build_dir, final_dir, [*tables, str(quarantine), str(report)])
    return stats


def _concat_quarantine(build_dir: Path, dump_type: str, target: Path) -> None:
    parts = sorted((build_dir / "quarantine").glob(f"{dump_type}.*.jsonl"))
    with target.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out)
            part.unlink()
