"""Read a dump file once, decompressing on the fly, and cut it into chunks of whole records.

The dump type comes from the XML: the root element (`<releases>` ...) or, for rootless pre-2014
files, the first record element. Chunks hold only complete records (no root tags), so a worker can
wrap one in a synthetic root and parse it on its own. No decompressed XML is written to disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from isal import igzip, isal_zlib

from etl.errors import InputFileError
from etl.progress import CountingReader, NullProgress, Progress

GZIP_MAGIC = b"\x1f\x8b"
DUMP_TYPES = ("release", "artist", "label", "master")
CHUNK_BYTES = 4 << 20
_HEAD_BYTES = 64 << 10

_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.-]*)")
_PROLOGUE = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?[^>]*\?>|<!--.*?-->)*", re.DOTALL)
_GZIP_ERRORS = (EOFError, OSError, isal_zlib.error)
_LABEL_TAGS = re.compile(rb"<(/?)label\b[^>]*?(/?)>")  # \b: not <labels>


def record_ends(chunk: bytes, tag: str) -> list[int]:
    """Offsets just past each complete top-level record in chunk, which starts between records.

    Releases, artists and masters never nest their record element, so every `</release>` ends
    a record. Labels nest `<sublabels><label>`, so label tags are followed with a depth count:
    whatever the layout (one record per line, indented, or all on one line).
    """
    if tag != "label":
        end = b"</" + tag.encode() + b">"
        return [m.end() for m in re.finditer(re.escape(end), chunk)]
    cuts = []
    depth = 0
    for m in _LABEL_TAGS.finditer(chunk):
        if m.group(1):  # </label>
            depth -= 1
            if depth == 0:
                cuts.append(m.end())
        elif not m.group(2):  # <label ...>, not <label .../>
            depth += 1
    return cuts


def split_records(chunk: bytes, tag: str) -> list[bytes]:
    """Cut a chunk into single records (the slow path, for chunks that fail to parse)."""
    cuts = record_ends(chunk, tag)
    pieces = [chunk[a:b] for a, b in zip([0, *cuts], [*cuts, len(chunk)], strict=True)]
    return [piece for piece in pieces if piece.strip()]


class DumpStream:
    """The decompressed XML of one dump file, served as chunks of whole records."""

    def __init__(
        self, path: Path, progress: Progress | None = None, chunk_bytes: int = CHUNK_BYTES
    ) -> None:
        self.path = path
        self.chunk_bytes = chunk_bytes
        self.xml_bytes = 0
        self._raw = path.open("rb")
        self._counter = CountingReader(self._raw, progress or NullProgress())
        self._empty_root = False
        try:
            magic = self._raw.peek(2)[:2]  # type: ignore[attr-defined]
            self.compressed = magic == GZIP_MAGIC
            self._reader: BinaryIO = (
                igzip.GzipFile(fileobj=self._counter, mode="rb")  # type: ignore[assignment]
                if self.compressed
                else self._counter
            )
            self._head = self._read(_HEAD_BYTES)
            self.dump_type, self.rooted, body_start = self._sniff(self._head)
        except BaseException:
            self.close()
            raise
        self._head = self._head[body_start:]
        self._end_tag = b"</" + self.dump_type.encode() + b">"

    def _fail(self, problem: str, action: str) -> InputFileError:
        return InputFileError(self.path, problem, action)

    def _read(self, size: int) -> bytes:
        try:
            data = self._reader.read(size)
        except _GZIP_ERRORS as exc:
            if isinstance(exc, EOFError):
                raise self._fail(
                    "the gzip stream ends early, so the file is truncated",
                    "download it again (an interrupted download leaves such files)",
                ) from None
            raise self._fail(f"corrupt gzip data ({exc})", "download the file again") from None
        self.xml_bytes += len(data)
        return data

    def _sniff(self, head: bytes) -> tuple[str, bool, int]:
        """(dump type, has a root element, offset of the first record's bytes)."""
        if not head:
            raise self._fail("the file is empty", "download it again")
        pos = _PROLOGUE.match(head).end()  # type: ignore[union-attr]
        if head.startswith(b"<!DOCTYPE", pos):
            raise self._fail(
                "it has a DOCTYPE, which Discogs dumps never have (entities are not expanded)",
                "check that this is a dump from data.discogs.com",
            )
        first = _FIRST_TAG.match(head, pos)
        if first is None:
            kind = "gzip data that is not XML" if self.compressed else "neither gzip nor XML"
            raise self._fail(f"this is {kind}", "pass a discogs_YYYYMMDD_<type>.xml.gz dump")
        name = first.group(1).decode("ascii", "replace")
        if name.endswith("s") and name[:-1] in DUMP_TYPES:
            close = head.find(b">", first.end())
            if close < 0:
                raise self._fail("the root element is cut off", "download the file again")
            if head[close - 1 : close] == b"/":  # <releases/>: an empty dump
                self._empty_root = True
                return name[:-1], True, len(head)
            return name[:-1], True, close + 1
        if name in DUMP_TYPES:
            return name, False, first.start()
        raise self._fail(
            f"the root element <{name}> is not a Discogs dump "
            "(expected <releases>, <artists>, <labels> or <masters>)",
            "pass a discogs_YYYYMMDD_<type>.xml.gz dump",
        )

    def chunks(self) -> Iterator[bytes]:
        """Chunks of about chunk_bytes each, every one a run of whole records."""
        buf = self._head
        self._head = b""
        while True:
            data = self._read(self.chunk_bytes)
            if not data:
                break
            buf = buf + data if buf else data
            if len(buf) < self.chunk_bytes:
                continue
            cut = self._last_end(buf)
            if cut > 0:
                yield buf[:cut]
                buf = buf[cut:]
        tail = self._strip_root_close(buf)
        if tail.strip():
            yield tail

    def _last_end(self, buf: bytes) -> int:
        """The offset just past the last complete record in buf, or 0 when there is none."""
        if self.dump_type == "label":
            cuts = record_ends(buf, "label")
            return cuts[-1] if cuts else 0
        found = buf.rfind(self._end_tag)
        return found + len(self._end_tag) if found >= 0 else 0

    def _strip_root_close(self, buf: bytes) -> bytes:
        body = buf.rstrip()
        if self.rooted:
            close = b"</" + self.dump_type.encode() + b"s>"
            if self._empty_root and not body:
                return b""
            if not body.endswith(close):
                raise self._fail(
                    f"the XML ends before its closing {close.decode()} tag, "
                    "so the file is truncated",
                    "download it again",
                )
            body = body[: -len(close)]
        elif body and not body.endswith(b"</" + self.dump_type.encode() + b">"):
            raise self._fail(
                "the XML ends in the middle of a record, so the file is truncated",
                "download it again",
            )
        return body

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> DumpStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
