"""A faithful local fake of the Discogs dump download site (data.discogs.com, 2026).

Built from ../shared/docs/download-site.md (§2.1 listing layout, §2.2 ListBucketResult, §2.3 error
bodies, §3 CHECKSUM format, §4 server behaviour, §7 fake specification). Standard library only.

The site serves a directory tree ``root/data/YYYY/<files>``. Files put there by :meth:`publish`
and :meth:`republish` carry an upload time and an ETag; files written into the tree directly are
served too (upload time = file mtime, ETag = MD5 of the bytes).

Routes (default, 2026 mode)::

    GET /  and  GET /?prefix=data%2F          root page: one "-" row per year folder
    GET /?prefix=data%2FYYYY%2F               year page: "../" row, then one row per file
    GET|HEAD /?download=data%2FYYYY%2F<name>  the file (the key may also be sent decoded)
    anything else (e.g. /data/2026/x.xml.gz)  200 + the root page (the trap)

With ``s3_mode`` the old anonymous S3 bucket is served instead: ``GET /?prefix=data/&marker=...``
(ListObjects v1, or v2 with ``list-type=2``) and ``GET /data/YYYY/<name>``.

Typical use::

    with FakeDumpSite(tmp_path, clock=clock) as site:
        site.publish("20260801", {"discogs_20260801_labels.xml.gz": data})
        urllib.request.urlopen(site.download_url("discogs_20260801_CHECKSUM.txt"))
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import os
import re
import socket
import struct
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import formatdate
from pathlib import Path
from typing import Self, cast
from urllib.parse import parse_qs, quote, unquote, urlsplit
from xml.sax.saxutils import escape as xml_escape

from .loopback import LoopbackHandler, LoopbackServer

__all__ = [
    "BUCKET",
    "RATE_LIMIT_BODY",
    "FakeClock",
    "FakeDumpSite",
    "Request",
    "checksum_name",
    "checksum_text",
    "human_size",
]

#: the bucket name the S3 ListBucketResult reports
BUCKET = "discogs-data-dumps"
S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/"
#: the body of a 429 answer, byte for byte (§2.3)
RATE_LIMIT_BODY = b'{"message":"You are making requests too quickly."}'
CHUNK = 16 * 1024
MIB = 1024 * 1024

_DATE = re.compile(r"\d{8}")
_NAME_DATE = re.compile(r"discogs_(\d{8})_")
_YEAR = re.compile(r"\d{4}")
_YEAR_PREFIX = re.compile(r"data/(\d{4})/")
_KEY = re.compile(r"data/(\d{4})/([^/\x00]+)")
_CHECKSUM_LINE = re.compile(r"([0-9a-fA-F]{64})(\s+\*?)(\S.*)")
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")

# --------------------------------------------------------------------------------------------
# page fragments (layout measured on the real pages, §2.1)

_TABLE_HEAD = f"{'Last Modified':<32}{'Size':<15}Name\n" + "-" * 95 + "\n"
_ROOT_HEAD = "<html><body><pre>Download Discogs Data</pre><h2>Discogs Data</h2>\n    <pre>"
_YEAR_HEAD = "<html><body><h2>Discogs Data</h2>\n    <pre>"
_TAIL = "</pre></body></html>\n"
_UP_ROW = " " * 47 + '<a href="?prefix=data%2F">../</a>\n'

_BLOCKED_PAGE = """<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html class="no-js" lang="en-US">
<head>
<title>Attention Required! | Cloudflare</title>
<meta charset="UTF-8" />
<meta name="robots" content="noindex, nofollow" />
</head>
<body>
  <div id="cf-wrapper">
    <div id="cf-error-details" class="cf-error-details-wrapper">
      <div class="cf-wrapper cf-header cf-error-overview">
        <h1 data-translate="block_headline">Sorry, you have been blocked</h1>
        <h2 class="cf-subheadline">You are unable to access data.discogs.com</h2>
      </div>
      <div class="cf-section cf-wrapper">
        <h2 data-translate="blocked_why_headline">Why have I been blocked?</h2>
        <p data-translate="blocked_why_detail">This website is using a security service to
        protect itself from online attacks.</p>
      </div>
      <div class="cf-error-footer cf-wrapper">
        <p>Cloudflare Ray ID: <strong class="font-semibold">8f1e2d3c4b5a6978</strong></p>
      </div>
    </div>
  </div>
</body>
</html>
"""

_CHALLENGE_PAGE = """<!DOCTYPE html>
<html lang="en-US">
<head>
<title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta name="robots" content="noindex,nofollow" />
</head>
<body>
  <div class="main-wrapper" role="main">
    <div class="main-content">
      <h1 class="zone-name-title h1">data.discogs.com</h1>
      <h2 class="h2" id="challenge-running">Checking your browser before accessing
      data.discogs.com.</h2>
      <noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>
      <p>This process is automatic. Your browser will redirect to your requested content
      shortly.</p>
    </div>
  </div>
</body>
</html>
"""

_UNAVAILABLE_PAGE = (
    "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n"
    "<body>\r\n<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n"
    "<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"
)


# --------------------------------------------------------------------------------------------
# helpers


def human_size(size: int) -> str:
    """The listing's size column: ``388 B`` below 1 KiB, else one decimal in 1024-based units."""
    if size < 1024:
        return f"{size} B"
    for unit, scale in (("KB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        if size < scale * 1024:
            return f"{size / scale:.1f} {unit}"
    return f"{size / 1024**4:.1f} TB"


def checksum_name(dump_date: str) -> str:
    """``discogs_<date>_CHECKSUM.txt``."""
    return f"discogs_{dump_date}_CHECKSUM.txt"


def checksum_text(files: Mapping[str, bytes], names: Iterable[str] | None = None) -> bytes:
    """A CHECKSUM file in the real 2019-05+ format: ``<sha256 hex><one space><name>\\n`` per file.

    Lines follow ``names`` (default: the order of ``files``, i.e. upload order).
    """
    order = list(files) if names is None else list(names)
    return b"".join(
        f"{hashlib.sha256(files[name]).hexdigest()} {name}\n".encode() for name in order
    )


def s3_etag(data: bytes, part_size: int) -> str:
    """The S3 ETag (with quotes): MD5 for a single part, ``md5(part md5s)-N`` for multipart."""
    if len(data) <= part_size:
        return f'"{hashlib.md5(data).hexdigest()}"'
    digests = [
        hashlib.md5(data[i : i + part_size]).digest() for i in range(0, len(data), part_size)
    ]
    return f'"{hashlib.md5(b"".join(digests)).hexdigest()}-{len(digests)}"'


def _utc(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


def _timestamp(when: datetime) -> float:
    """A datetime as POSIX seconds; a naive datetime is taken as UTC."""
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).timestamp()


class FakeClock:
    """A settable clock for the site's rate limiter and upload times: ``clock.advance(60)``."""

    def __init__(self, start: float | datetime = 1_785_542_400.0) -> None:  # 2026-08-01 00:00Z
        self.now = _timestamp(start) if isinstance(start, datetime) else float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


@dataclass
class Request:
    """One request as the fake saw it (filled in while it is answered)."""

    method: str
    path: str  # raw request target: path plus query, exactly as sent
    headers: dict[str, str]  # header names lowercased
    time: float  # the injected clock at arrival
    status: int = 0  # 0 until the status line is decided
    bytes_sent: int = 0  # body bytes written (a cut stream counts only what was sent)


@dataclass
class _Meta:
    mtime: float
    etag: str
    size: int


# --------------------------------------------------------------------------------------------
# the site


class FakeDumpSite(LoopbackServer):
    """A faithful fake of data.discogs.com (2026) serving a directory tree root/data/YYYY/<files>.

    Fault knobs are plain attributes, read on every request, so a test may change them between
    requests. See the module docstring for the routes.
    """

    thread_name = "fake-dump-site"
    url_suffix = "/"

    def __init__(self, root: Path, *, clock: Callable[[], float] = time.time) -> None:
        super().__init__()
        self.root = Path(root)
        self.clock = clock
        self.requests: list[Request] = []

        # fault knobs
        self.rate_limit: tuple[int, float] | None = None  # (max requests, per seconds)
        self.retry_after: int = 3574  # seconds; the lock-out length and the header value
        self.max_concurrent: int | None = None  # more requests in flight than this -> 429
        self.blocked: bool = False  # Cloudflare 403 page on every route
        self.challenge: bool = False  # 200 "Checking your browser" page on every listing
        self.honour_range: bool = False  # default: Range ignored (200 + whole body)
        self.head_content_length: bool = False  # HEAD ?download carries Content-Length
        self.missing_status: int = 404  # ?download of an unknown key: 404 text or 403 S3 XML
        self.html_instead: set[str] = set()  # names served as 200 text/html (the root page)
        self.corrupt: set[str] = set()  # names served with the middle byte flipped
        self.cut_after: dict[str, int] = {}  # name -> close the connection after N body bytes
        self.cut_reset: bool = False  # cut with a TCP reset (RST) instead of a clean FIN
        self.stall_after: dict[str, int] = {}  # name -> send N bytes, then go silent
        self.stall_seconds: float = 30.0  # how long a stall lasts before the socket closes
        self.fail_5xx: dict[str, int] = {}  # name (or "*": any request) -> 503 this many times
        self.extra_rows: list[str] = []  # raw <pre> rows appended to every year page
        self.s3_mode: bool = False  # serve the old anonymous S3 bucket API instead
        self.s3_access_denied: bool = False  # s3_mode: 403 AccessDenied to everything (2026)
        self.etag_part_size: int = 8 * MIB  # files above this get a multipart "<hex>-N" ETag

        self._meta: dict[str, _Meta] = {}
        self._upload_order: dict[str, list[str]] = {}
        self._window: deque[float] = deque()
        self._locked_until: float | None = None
        self._in_flight = 0

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> Self:
        (self.root / "data").mkdir(parents=True, exist_ok=True)
        return super().start()

    # ---------------------------------------------------------------- URLs

    @staticmethod
    def key_for(name: str) -> str:
        """The S3 key of a dump file: ``data/<year of the date in its name>/<name>``."""
        match = _NAME_DATE.match(name)
        if not match:
            raise ValueError(f"no discogs_YYYYMMDD_ date in {name!r}")
        return f"data/{match.group(1)[:4]}/{name}"

    def download_url(self, name: str) -> str:
        """``<url>?download=data%2FYYYY%2F<name>`` (the key URL-encoded, as every tool sends it)."""
        return f"{self.url}?download={quote(self.key_for(name), safe='')}"

    def year_url(self, year: int | str) -> str:
        return f"{self.url}?prefix=data%2F{year}%2F"

    # ---------------------------------------------------------------- publishing

    def publish(
        self,
        dump_date: str,
        files: Mapping[str, bytes],
        *,
        checksum: bool = True,
        uploaded: datetime | Mapping[str, datetime] | None = None,
        checksum_names: list[str] | None = None,
    ) -> None:
        """Upload files of one dump into ``root/data/YYYY/`` in the given (upload) order.

        ``uploaded``: the first file's upload time (each next file one second later, the
        CHECKSUM last), or a mapping name -> time; default: the clock. With ``checksum`` a
        ``discogs_<date>_CHECKSUM.txt`` is (re)written in the real one-space format, listing
        ``checksum_names`` (default: every data file published for this date so far, in upload
        order). Passing the CHECKSUM name inside ``files`` writes those exact bytes instead
        (an empty, two-space or early CHECKSUM).
        """
        if not _DATE.fullmatch(dump_date):
            raise ValueError(f"dump date must be YYYYMMDD, got {dump_date!r}")
        year = dump_date[:4]
        cs_name = checksum_name(dump_date)
        base = self.clock() if uploaded is None or isinstance(uploaded, Mapping) else None
        if isinstance(uploaded, datetime):
            base = _timestamp(uploaded)

        def when(name: str, index: int) -> float:
            if isinstance(uploaded, Mapping):
                if name in uploaded:
                    return _timestamp(uploaded[name])
                return cast(float, base) + index
            return cast(float, base) + index

        order = self._upload_order.setdefault(dump_date, [])
        for index, (name, data) in enumerate(files.items()):
            self._write(year, name, data, when(name, index))
            if name != cs_name:
                if name in order:
                    order.remove(name)
                order.append(name)
        if checksum and cs_name not in files:
            names = order if checksum_names is None else checksum_names
            contents = {name: self._read(year, name, files) for name in names}
            self._write(year, cs_name, checksum_text(contents, names), when(cs_name, len(files)))

    def republish(self, name: str, data: bytes, *, uploaded: datetime | None = None) -> None:
        """Replace one file (new bytes, ETag and time) and rewrite that month's CHECKSUM."""
        key = self.key_for(name)
        year = key.split("/")[1]
        stamp = self.clock() if uploaded is None else _timestamp(uploaded)
        self._write(year, name, data, stamp)
        dump_date = _NAME_DATE.match(name).group(1)  # type: ignore[union-attr]
        order = self._upload_order.setdefault(dump_date, [])
        cs_name = checksum_name(dump_date)
        if name == cs_name:
            return
        if name in order:
            order.remove(name)
        order.append(name)
        cs_path = self.root / "data" / year / cs_name
        if not cs_path.is_file():
            return
        digest = hashlib.sha256(data).hexdigest()
        lines = []
        for line in cs_path.read_text("utf-8").splitlines(keepends=True):
            match = _CHECKSUM_LINE.fullmatch(line.rstrip("\r\n"))
            if match and match.group(3).rsplit("/", 1)[-1] == name:
                line = digest + line[64:]
            lines.append(line)
        self._write(year, cs_name, "".join(lines).encode(), stamp + 2)

    def remove(self, name: str) -> None:
        """Delete one published file (a key that vanished)."""
        key = self.key_for(name)
        (self.root / key).unlink()
        self._meta.pop(key, None)

    def _write(self, year: str, name: str, data: bytes, stamp: float) -> None:
        if "/" in name or "\\" in name or name in ("", ".", "..") or "\x00" in name:
            raise ValueError(f"not a plain file name: {name!r}")
        folder = self.root / "data" / year
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        tmp = folder / f".{name}.tmp"
        tmp.write_bytes(data)
        os.utime(tmp, (stamp, stamp))
        os.replace(tmp, path)  # atomic: a download in flight keeps reading the old bytes
        self._meta[f"data/{year}/{name}"] = _Meta(
            stamp, s3_etag(data, self.etag_part_size), len(data)
        )

    def _read(self, year: str, name: str, files: Mapping[str, bytes]) -> bytes:
        if name in files:
            return files[name]
        path = self.root / "data" / year / name
        if not path.is_file():
            raise ValueError(f"checksum_names lists {name!r}, which is not published")
        return path.read_bytes()

    # ---------------------------------------------------------------- rate limiter

    @property
    def locked_until(self) -> float | None:
        """Clock time the current 429 lock-out ends, or None."""
        return self._locked_until

    def reset_rate_limit(self) -> None:
        """Forget the request window and any lock-out."""
        with self._lock:
            self._window.clear()
            self._locked_until = None

    def _admit(self, now: float) -> bool:
        """Count one request; False means answer 429 (and the lock-out has been (re)armed)."""
        with self._lock:
            if self._locked_until is not None:
                if now < self._locked_until:
                    self._locked_until = now + self.retry_after  # asking again re-arms it
                    return False
                self._locked_until = None
                self._window.clear()
            if self.max_concurrent is not None and self._in_flight > self.max_concurrent:
                self._locked_until = now + self.retry_after
                return False
            if self.rate_limit is None:
                return True
            limit, per = self.rate_limit
            self._window.append(now)
            while self._window and self._window[0] <= now - per:
                self._window.popleft()
            if len(self._window) > limit:
                self._locked_until = now + self.retry_after
                self._window.clear()
                return False
            return True

    def _take_5xx(self, name: str) -> bool:
        with self._lock:
            left = self.fail_5xx.get(name, 0)
            if left > 0:
                self.fail_5xx[name] = left - 1
                return True
            return False

    # ---------------------------------------------------------------- tree

    def _file(self, key: str) -> tuple[Path, _Meta] | None:
        """The file and its metadata for an S3 key, or None."""
        if ".." in key.split("/") or key.startswith("/") or "\x00" in key:
            return None
        path = self.root / key
        try:
            if not path.is_file() or path.name.startswith("."):
                return None
            stat = path.stat()
        except OSError:
            return None
        meta = self._meta.get(key)
        if meta is None or meta.size != stat.st_size:
            meta = _Meta(stat.st_mtime, "", stat.st_size)  # ETag computed on demand
        return path, meta

    def _etag(self, path: Path, meta: _Meta) -> str:
        if not meta.etag:
            meta.etag = s3_etag(path.read_bytes(), self.etag_part_size)
        return meta.etag

    def _years(self) -> list[str]:
        data = self.root / "data"
        if not data.is_dir():
            return []
        return sorted(p.name for p in data.iterdir() if p.is_dir() and _YEAR.fullmatch(p.name))

    def _year_files(self, year: str) -> list[tuple[str, Path, _Meta]]:
        folder = self.root / "data" / year
        if not folder.is_dir():
            return []
        found = []
        for name in sorted(p.name for p in folder.iterdir()):
            entry = self._file(f"data/{year}/{name}")
            if entry is not None:
                found.append((name, *entry))
        return found

    def _all_keys(self) -> list[str]:
        keys = []
        for path in self.root.rglob("*"):
            rel = path.relative_to(self.root).as_posix()
            if path.is_file() and not any(part.startswith(".") for part in rel.split("/")):
                keys.append(rel)
        return sorted(keys, key=lambda k: k.encode())

    # ---------------------------------------------------------------- pages

    def root_page(self) -> bytes:
        rows = "".join(
            f'{"":<32}{"-":<15}<a href="?prefix=data%2F{year}%2F">{year}/</a>\n'
            for year in self._years()
        )
        return (_ROOT_HEAD + _TABLE_HEAD + rows + _TAIL).encode()

    def year_page(self, year: str) -> bytes:
        rows = [_UP_ROW]
        for name, _path, meta in self._year_files(year) if _YEAR.fullmatch(year) else []:
            stamp = _utc(meta.mtime).strftime("%Y-%m-%d %H:%M:%S")
            href = "?download=" + quote(f"data/{year}/{name}", safe="")
            rows.append(
                f"{stamp:<32}{human_size(meta.size):<15}"
                f'<a href="{html.escape(href)}">{html.escape(name, quote=False)}</a>\n'
            )
        rows += [row if row.endswith("\n") else row + "\n" for row in self.extra_rows]
        return (_YEAR_HEAD + _TABLE_HEAD + "".join(rows) + _TAIL).encode()

    def list_bucket(self, query: Mapping[str, str]) -> bytes:
        """An S3 ListObjects (v1, or v2 with list-type=2) answer for the query parameters."""
        v2 = query.get("list-type") == "2"
        prefix = query.get("prefix", "")
        delimiter = query.get("delimiter", "")
        try:
            max_keys = max(0, min(int(query.get("max-keys", "1000")), 1000))
        except ValueError:
            max_keys = 1000
        if v2:
            token = query.get("continuation-token")
            after = _decode_token(token) if token else query.get("start-after", "")
        else:
            after = query.get("marker", "")

        entries: list[tuple[str, str]] = []  # ("key" | "prefix", value) in key order
        seen: set[str] = set()
        for key in self._all_keys():
            if not key.startswith(prefix) or key.encode() <= after.encode():
                continue
            if delimiter:
                cut = key.find(delimiter, len(prefix))
                if cut >= 0:
                    common = key[: cut + len(delimiter)]
                    if common not in seen and common != after:
                        seen.add(common)
                        entries.append(("prefix", common))
                    continue
            entries.append(("key", key))
        page, truncated = entries[:max_keys], len(entries) > max_keys

        def tag(name: str, value: str) -> str:
            return f"<{name}>{xml_escape(value)}</{name}>" if value else f"<{name}/>"

        out = [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<ListBucketResult xmlns="{S3_NAMESPACE}">',
            tag("Name", BUCKET),
            tag("Prefix", prefix),
        ]
        if v2:
            if query.get("continuation-token"):
                out.append(tag("ContinuationToken", query["continuation-token"]))
            if truncated and page:
                out.append(tag("NextContinuationToken", _encode_token(page[-1][1])))
            out.append(tag("KeyCount", str(len(page))))
        else:
            out.append(tag("Marker", after))
            if truncated and delimiter and page:
                out.append(tag("NextMarker", page[-1][1]))  # S3 v1 sends it only with delimiter
        out.append(tag("MaxKeys", str(max_keys)))
        if delimiter:
            out.append(tag("Delimiter", delimiter))
        out.append(tag("IsTruncated", "true" if truncated else "false"))
        if v2 and query.get("start-after"):
            out.append(tag("StartAfter", query["start-after"]))
        for kind, value in page:
            if kind != "key":
                continue
            entry = self._file(value)
            if entry is None:
                continue
            path, meta = entry
            etag = xml_escape(self._etag(path, meta), {'"': "&quot;"})
            stamp = _utc(meta.mtime).strftime("%Y-%m-%dT%H:%M:%S.000Z")
            out.append(
                f"<Contents>{tag('Key', value)}<LastModified>{stamp}</LastModified>"
                f"<ETag>{etag}</ETag><Size>{meta.size}</Size>"
                "<StorageClass>STANDARD</StorageClass></Contents>"
            )
        out += [
            f"<CommonPrefixes>{tag('Prefix', value)}</CommonPrefixes>"
            for kind, value in page
            if kind == "prefix"
        ]
        out.append("</ListBucketResult>")
        return "".join(out).encode()


def _encode_token(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


def _decode_token(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except (ValueError, UnicodeDecodeError):
        return ""


def _access_denied() -> bytes:
    request_id = os.urandom(8).hex().upper()
    host_id = base64.b64encode(os.urandom(48)).decode()
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<Error><Code>AccessDenied</Code><Message>Access Denied</Message>"
        f"<RequestId>{request_id}</RequestId><HostId>{host_id}</HostId></Error>"
    ).encode()


# --------------------------------------------------------------------------------------------
# HTTP plumbing


class _Handler(LoopbackHandler):
    @property
    def site(self) -> FakeDumpSite:
        return cast(FakeDumpSite, self.owner)

    def version_string(self) -> str:  # the Server header the real hosts send
        return "AmazonS3" if self.site.s3_mode else "cloudflare"

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    # ---------------------------------------------------------------- dispatch

    def _handle(self) -> None:
        site = self.site
        self.record = Request(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            time=site.clock(),
        )
        site.requests.append(self.record)
        with site._lock:
            site._in_flight += 1
        try:
            self._route()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True
        finally:
            with site._lock:
                site._in_flight -= 1

    def _route(self) -> None:
        site = self.site
        if site.blocked:
            self._send(
                403,
                [("Content-Type", "text/html; charset=UTF-8"), ("CF-RAY", "8f1e2d3c4b5a6978-FRA")],
                _BLOCKED_PAGE.encode(),
            )
            return
        if not site._admit(self.record.time):
            self._send(
                429,
                [("Content-Type", "application/json"), ("retry-after", str(site.retry_after))],
                RATE_LIMIT_BODY,
            )
            return
        if site._take_5xx("*"):
            self._unavailable()
            return
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        if site.s3_mode:
            self._route_s3(parts.path, query)
            return
        if parts.path != "/":
            self._listing(site.root_page())  # the trap: a path URL gives the index, 200
        elif "download" in query:
            self._download(query["download"])
        elif "prefix" in query:
            match = _YEAR_PREFIX.fullmatch(query["prefix"])
            self._listing(site.year_page(match.group(1)) if match else site.root_page())
        else:
            self._listing(site.root_page())

    def _route_s3(self, path: str, query: dict[str, str]) -> None:
        site = self.site
        xml = [("Content-Type", "application/xml")]
        if site.s3_access_denied:
            self._send(403, xml, _access_denied())
        elif path == "/":
            self._send(200, xml, site.list_bucket(query))
        else:
            key = unquote(path[1:])
            entry = site._file(key)
            if entry is None:
                self._send(403, xml, _access_denied())
                return
            file_path, meta = entry
            headers = [
                ("Last-Modified", formatdate(meta.mtime, usegmt=True)),
                ("ETag", site._etag(file_path, meta)),
                ("Accept-Ranges", "bytes"),
                ("Content-Type", "binary/octet-stream"),
            ]
            self._serve_file(key.rsplit("/", 1)[-1], file_path, meta, headers, ranges=True)

    # ---------------------------------------------------------------- answers

    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        """A complete answer with Content-Length (no body for HEAD)."""
        self.record.status = status
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.record.bytes_sent += len(body)
            self.wfile.write(body)

    def _unavailable(self) -> None:
        self._send(503, [("Content-Type", "text/html")], _UNAVAILABLE_PAGE.encode())

    def _listing(self, page: bytes) -> None:
        if self.site.challenge:
            page = _CHALLENGE_PAGE.encode()
        self._send(200, [("Content-Type", "text/html; charset=utf-8")], page)

    def _missing(self) -> None:
        status = self.site.missing_status
        if status == 403:
            self._send(403, [("Content-Type", "application/xml")], _access_denied())
        else:
            self._send(status, [("Content-Type", "text/plain; charset=utf-8")], b"Not Found\n")

    def _download(self, key: str) -> None:
        site = self.site
        match = _KEY.fullmatch(key)
        entry = site._file(key) if match else None
        if entry is None:
            self._missing()
            return
        name = match.group(2)  # type: ignore[union-attr]
        if site._take_5xx(name):
            self._unavailable()
            return
        if name in site.html_instead:
            self._send(200, [("Content-Type", "text/html; charset=utf-8")], site.root_page())
            return
        path, meta = entry
        headers = [
            ("Content-Type", "application/octet-stream"),
            ("Content-Disposition", "attachment"),
            ("ETag", site._etag(path, meta)),
            ("Last-Modified", formatdate(meta.mtime, usegmt=True)),
        ]
        if site.honour_range:
            headers.append(("Accept-Ranges", "bytes"))
        self._serve_file(name, path, meta, headers, ranges=site.honour_range)

    def _serve_file(
        self,
        name: str,
        path: Path,
        meta: _Meta,
        headers: list[tuple[str, str]],
        *,
        ranges: bool,
    ) -> None:
        site = self.site
        size = meta.size
        start, length, status = 0, size, 200
        if ranges:
            wanted = self._range(size, dict(headers).get("ETag", ""), meta)
            if wanted == "unsatisfiable":
                self._send(416, [("Content-Range", f"bytes */{size}")], b"")
                return
            if wanted is not None:
                start, end = wanted
                length, status = end - start + 1, 206
                headers = [*headers, ("Content-Range", f"bytes {start}-{end}/{size}")]

        self.record.status = status
        self.send_response(status)
        for header, value in headers:
            self.send_header(header, value)
        if self.command != "HEAD" or site.head_content_length or site.s3_mode:
            self.send_header("Content-Length", str(length))
        self.end_headers()
        if self.command == "HEAD":
            return

        stop = length
        cut = site.cut_after.get(name)
        stall = site.stall_after.get(name)
        if cut is not None:
            stop = min(stop, max(cut, 0))
        elif stall is not None:
            stop = min(stop, max(stall, 0))
        flip = size // 2 if name in site.corrupt and size else None
        sent = 0
        with path.open("rb") as fh:
            fh.seek(start)
            while sent < stop:
                chunk = fh.read(min(CHUNK, stop - sent))
                if not chunk:
                    break  # the file shrank under us: the announced length is now a lie
                offset = start + sent
                if flip is not None and offset <= flip < offset + len(chunk):
                    mutable = bytearray(chunk)
                    mutable[flip - offset] ^= 0xFF
                    chunk = bytes(mutable)
                self.record.bytes_sent += len(chunk)
                self.wfile.write(chunk)
                sent += len(chunk)
        if sent < length:
            if cut is None and stall is not None:
                site._stop.wait(site.stall_seconds)
            self._abort(reset=cut is not None and site.cut_reset)

    def _range(self, size: int, etag: str, meta: _Meta) -> tuple[int, int] | str | None:
        """(first, last) byte of a satisfiable single Range, "unsatisfiable", or None (ignore)."""
        header = self.headers.get("Range")
        if not header:
            return None
        if_range = self.headers.get("If-Range")
        if if_range and if_range not in (etag, formatdate(meta.mtime, usegmt=True)):
            return None
        match = _RANGE.fullmatch(header.strip())
        if not match or match.group(1) == match.group(2) == "":
            return None
        first, last = match.groups()
        if first == "":
            suffix = int(last)
            if suffix == 0:
                return "unsatisfiable"
            return max(size - suffix, 0), size - 1
        begin = int(first)
        end = size - 1 if last == "" else min(int(last), size - 1)
        if begin >= size:
            return "unsatisfiable"
        if end < begin:
            return None
        return begin, end

    def _abort(self, *, reset: bool) -> None:
        """Drop the connection mid-body: a FIN (clean close) or an RST (reset)."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.wfile.flush()
            if reset:
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.rfile.close()
                self.connection.close()
            else:
                self.connection.shutdown(socket.SHUT_WR)


FakeDumpSite.handler = _Handler
