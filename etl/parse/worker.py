"""A parse worker: chunks of whole records in, Parquet parts and a quarantine file out.

Runs in its own process. Each chunk is parsed in one C-level call; a chunk that is not
well-formed is retried without invalid control characters, then record by record, so one bad
record is quarantined and its neighbours still load.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from lxml import etree

from etl.parquet import PartWriter
from etl.parse import artists, labels, masters, releases
from etl.parse.common import Drift, RecordError, unknown_attributes
from etl.parse.stream import split_records
from etl.schemas import TABLES_BY_DUMP

MAPPERS: dict[str, ModuleType] = {m.TAG: m for m in (releases, artists, labels, masters)}

_ORPHAN_CHECK_SECONDS = 1.0

#: Bytes of XML whose rows are held in memory before they are flushed as a row group.
FLUSH_XML_BYTES = 24 << 20

# XML 1.0 forbids these; old dumps contain a few (e.g. 0x07). Tab, LF and CR are allowed.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 13))


def xml_parser() -> etree.XMLParser:
    """A parser that never resolves entities, loads DTDs or touches the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


@dataclass
class WorkerResult:
    """What one worker did, sent back to the coordinating process."""

    records: int = 0
    quarantined: int = 0
    control_chars_removed: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    unknown: dict[str, dict[str, Any]] = field(default_factory=dict)
    peak_rss_bytes: int = 0


class ChunkParser:
    """Turns chunks into rows for one dump type; usable in-process, too (tests, benchmarks)."""

    def __init__(self, dump_type: str, writer: PartWriter, quarantine: TextIO) -> None:
        self.mapper = MAPPERS[dump_type]
        self.tag = dump_type
        self.tables = list(TABLES_BY_DUMP[dump_type])
        self.writer = writer
        self.quarantine = quarantine
        self.drift = Drift()
        self.result = WorkerResult()
        self._parser = xml_parser()
        self._unknown_attrs = unknown_attributes(self.mapper.ATTRIBUTES)
        self._pending_bytes = 0

    def feed(self, chunk: bytes) -> None:
        root = self._parse(chunk)
        if root is not None:
            self._records(root, chunk)
        else:
            cleaned = chunk.translate(None, _CONTROL)
            if len(cleaned) != len(chunk):
                self.result.control_chars_removed += len(chunk) - len(cleaned)
                root = self._parse(cleaned)
            if root is not None:
                self._records(root, cleaned)
            else:
                for raw in split_records(cleaned, self.tag):
                    self._one_record(raw)
        self._pending_bytes += len(chunk)
        if self._pending_bytes >= FLUSH_XML_BYTES:
            self.writer.flush()
            self._pending_bytes = 0

    def _parse(self, chunk: bytes) -> etree._Element | None:
        try:
            return etree.fromstring(b"<chunk>" + chunk + b"</chunk>", self._parser)
        except etree.XMLSyntaxError:
            return None

    def _one_record(self, raw: bytes) -> None:
        try:
            root = etree.fromstring(b"<chunk>" + raw + b"</chunk>", self._parser)
        except etree.XMLSyntaxError as exc:
            self._quarantine(None, f"malformed XML: {exc}", raw.decode("utf-8", "replace"))
            return
        self._records(root, raw)

    def _records(self, root: etree._Element, xml: bytes) -> None:
        """Map every record under root (parsed from xml) to rows."""
        attributes_before = self.drift.attributes
        extract = self.mapper.extract
        add = self.writer.add
        tables = self.tables
        for rec in root:
            if rec.tag != self.tag:
                if isinstance(rec.tag, str):
                    self._quarantine(None, f"<{rec.tag}> is not a <{self.tag}> record", _xml(rec))
                continue
            try:
                rows = extract(rec, self.drift)
            except RecordError as exc:
                self._quarantine(rec.get("id") or rec.findtext("id"), str(exc), _xml(rec))
                continue
            for table, table_rows in zip(tables, rows, strict=True):
                if table_rows:
                    add(table, table_rows)
            self.result.records += 1
        # Every attribute is written name="value"; if the mappers read fewer than the chunk
        # holds, some are unknown (or text holds '="'), so look for them exactly.
        if self.drift.attributes - attributes_before != xml.count(b'="'):
            for attr in self._unknown_attrs(root):
                owner = attr.getparent()
                self.drift.note(f"{owner.tag}@{attr.attrname}", f'{attr.attrname}="{attr}"')

    def _quarantine(self, record_id: str | None, reason: str, xml: str) -> None:
        self.result.quarantined += 1
        line = {"id": record_id, "reason": reason, "xml": xml}
        self.quarantine.write(json.dumps(line, ensure_ascii=False) + "\n")

    def close(self) -> WorkerResult:
        self.result.rows = self.writer.close()
        self.result.unknown = self.drift.seen
        return self.result


def peak_rss_bytes() -> int:
    """This process's peak resident memory: VmHWM on Linux (ru_maxrss of a forked child
    starts at its parent's peak, which would count the parent twice)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _xml(el: etree._Element) -> str:
    return etree.tostring(el, encoding="unicode", with_tail=False)


def _exit_when_orphaned(coordinator: int) -> None:
    """Watchdog thread: end this worker when the coordinator is gone (say, after SIGKILL).

    A thread, not a timeout on the queue, because a worker may be blocked half-way through
    reading a chunk the coordinator never finished sending.
    """
    while True:
        time.sleep(_ORPHAN_CHECK_SECONDS)
        try:
            os.kill(coordinator, 0)
        except ProcessLookupError:
            os._exit(1)  # the build directory is swept by the next run


def worker_main(
    part: int,
    dump_type: str,
    build_dir: Path,
    inbox: Queue[bytes | None],
    outbox: Queue[tuple[str, Any]],
    coordinator: int,
) -> None:
    """Process entry point: parse chunks from inbox until None, then report to outbox."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator handles Ctrl-C
    threading.Thread(target=_exit_when_orphaned, args=(coordinator,), daemon=True).start()
    try:
        quarantine_path = build_dir / "quarantine" / f"{dump_type}.{part}.jsonl"
        quarantine_path.parent.mkdir(parents=True, exist_ok=True)
        with quarantine_path.open("w", encoding="utf-8") as quarantine:
            writer = PartWriter(build_dir, TABLES_BY_DUMP[dump_type], str(part))
            parser = ChunkParser(dump_type, writer, quarantine)
            while (chunk := inbox.get()) is not None:
                parser.feed(chunk)
            result = parser.close()
        result.peak_rss_bytes = peak_rss_bytes()
        outbox.put(("ok", result))
    except BaseException:
        outbox.put(("error", traceback.format_exc()))
        raise
