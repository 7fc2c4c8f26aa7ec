"""`ingest` end to end against the local fake of data.discogs.com (download-site.md §4, §6, §7).

Every fault must end in a clear message, leave no unverified file under its final name and no
half-built snapshot, and the next run must recover without fetching what was already verified.
Synthetic months are generated once per session; each test publishes copies of their bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest
from click.testing import CliRunner, Result
from conftest import REPO
from fakes.download_site import FakeDumpSite, checksum_name, checksum_text

import etl
from etl.cli import main
from etl.errors import Blocked, DownloadError, RateLimited
from etl.ingest import IngestStats, ingest
from etl.synth import write_month

DATE1, DATE2 = "20260101", "20260201"
RELEASES = 200  # releases in the small synthetic months
UPLOAD_ORDER = ("labels", "masters", "artists", "releases")  # the 2025-26 upload order
DOWNLOAD_ORDER = ("labels", "artists", "masters", "releases")  # smallest first (§6)
USER_AGENT = f"discogs-etl/{etl.__version__} +{etl.PROJECT_URL}"

# what month 2 changes relative to month 1 (ids of the synthetic month)
CHANGED_RELEASES, REMOVED_RELEASE, ADDED_RELEASE = (5, 17), 42, 5000
CHANGED_ARTISTS, REMOVED_ARTIST, ADDED_ARTIST = (3, 8), 11, 7000
BIG = 12_000  # releases in the month parsed while it is killed
RETRIES = 2  # DISCOGS_RETRIES for every test: 3 attempts per request


def name(date: str, entity: str) -> str:
    return f"discogs_{date}_{entity}.xml.gz"


# --------------------------------------------------------------------------------------------
# synthetic months (generated once per session)


def _read_month(out: Path, date: str, releases: int) -> dict[str, bytes]:
    paths = {p.name: p for p in write_month(out, date, releases=releases)}
    return {name(date, e): paths[name(date, e)].read_bytes() for e in UPLOAD_ORDER}


@pytest.fixture(scope="session")
def month1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The four dumps of 20260101 (file name -> gzip bytes), in upload order."""
    return _read_month(tmp_path_factory.mktemp("month1"), DATE1, RELEASES)


def _edit_lines(data: bytes, edit: Callable[[list[str]], list[str]]) -> bytes:
    lines = gzip.decompress(data).decode("utf-8").split("\n")
    return gzip.compress("\n".join(edit(lines)).encode("utf-8"), mtime=0)


def _record_id(line: str, tag: str) -> int | None:
    if tag == "release":
        found = re.match(r'<release id="(\d+)"', line)
    else:
        found = re.match(r"<artist><id>(\d+)</id>", line)
    return int(found.group(1)) if found else None


def _edit_month(month: dict[str, bytes], date: str) -> dict[str, bytes]:
    """Month 1 under `date`, with 2 titles changed, 1 record removed and 1 added in releases
    and in artists (labels and masters byte-identical)."""

    def releases(lines: list[str]) -> list[str]:
        out, template = [], None
        for line in lines:
            rid = _record_id(line, "release")
            if rid == REMOVED_RELEASE:
                continue
            if rid in CHANGED_RELEASES:
                line, n = re.subn(
                    r"<title>[^<]*</title>", f"<title>Changed {rid}</title>", line, count=1
                )
                assert n == 1, line[:200]
            if rid == 1:
                template = line
            out.append(line)
        assert template is not None
        added = template.replace('<release id="1"', f'<release id="{ADDED_RELEASE}"', 1)
        added = added.replace('is_main_release="true"', 'is_main_release="false"')
        out.insert(out.index("</releases>"), added)
        return out

    def artists(lines: list[str]) -> list[str]:
        out, template = [], None
        for line in lines:
            aid = _record_id(line, "artist")
            if aid == REMOVED_ARTIST:
                continue
            if aid in CHANGED_ARTISTS:
                line, n = re.subn(r"^(<artist><id>\d+</id><name>)[^<]*", rf"\1Renamed {aid}", line)
                assert n == 1, line[:200]
            if aid == 2:
                template = line
            out.append(line)
        assert template is not None
        out.insert(
            out.index("</artists>"), template.replace("<id>2</id>", f"<id>{ADDED_ARTIST}</id>", 1)
        )
        return out

    out = {}
    for entity in UPLOAD_ORDER:
        data = month[name(DATE1, entity)]
        if entity == "releases":
            data = _edit_lines(data, releases)
        elif entity == "artists":
            data = _edit_lines(data, artists)
        out[name(date, entity)] = data
    return out


@pytest.fixture(scope="session")
def month2(month1: dict[str, bytes]) -> dict[str, bytes]:
    """20260201 = month 1 with the changes above."""
    return _edit_month(month1, DATE2)


@pytest.fixture(scope="session")
def big_month2(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A 20260201 whose releases dump takes a few seconds to parse."""
    return _read_month(tmp_path_factory.mktemp("big"), DATE2, BIG)


# --------------------------------------------------------------------------------------------
# the site, the environment, helpers


@pytest.fixture(autouse=True)
def quick_client(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing sleeps; settings come from here, not from the developer's shell."""
    monkeypatch.setenv("DISCOGS_REQUEST_INTERVAL", "0")
    monkeypatch.setenv("DISCOGS_RETRY_DELAY", "0")
    monkeypatch.setenv("DISCOGS_RETRIES", str(RETRIES))
    for var in ("DISCOGS_DUMPS_URL", "DISCOGS_MAX_REQUESTS", "DISCOGS_TIMEOUT", "DISCOGS_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[FakeDumpSite]:
    with FakeDumpSite(tmp_path / "site") as fake:
        yield fake


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def run(data_dir: Path, site: FakeDumpSite, **kwargs: Any) -> IngestStats:
    return ingest(data_dir, source_url=site.url, workers=1, **kwargs)


def cli(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def cli_ingest(data_dir: Path, site: FakeDumpSite, *args: str) -> Result:
    return cli(
        "ingest", "--data-dir", str(data_dir), "--source-url", site.url, "--workers", "1", "-q",
        *args,
    )  # fmt: skip


def assert_one_error_line(result: Result, *needles: str) -> str:
    assert result.exit_code == 1, result.output
    out = [line for line in result.output.splitlines() if line.strip()]
    assert len(out) == 1 and out[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in out[0], out[0]
    return out[0]


def downloads(site: FakeDumpSite, since: int = 0) -> list[str]:
    """File names asked for with ?download (or an S3 object path), in order."""
    found = []
    for request in site.requests[since:]:
        parts = urlsplit(request.path)
        query = parse_qs(parts.query)
        if "download" in query:
            found.append(query["download"][0].rsplit("/", 1)[-1])
        elif parts.path != "/":
            found.append(unquote(parts.path).rsplit("/", 1)[-1])
    return found


def data_requests(site: FakeDumpSite, file_name: str, since: int = 0) -> list[Any]:
    return [r for r in site.requests[since:] if file_name in unquote(r.path)]


def build_info(data_dir: Path) -> tuple[str, str | None]:
    with etl.connect(data_dir) as con:
        row = con.execute("select dump_date, previous_dump_date from etl_build_info").fetchone()
    assert row is not None
    return row[0], row[1]


def count(data_dir: Path, table: str) -> int:
    with etl.connect(data_dir) as con:
        row = con.execute(f"select count(*) from {table}").fetchone()
    assert row is not None
    return int(row[0])


def leftovers(data_dir: Path) -> list[Path]:
    """Half-finished things that must never outlive a run."""
    return [
        p
        for p in data_dir.rglob("*")
        if p.name.endswith((".part", ".tmp", ".building")) or p.name.startswith(".build-")
    ]


def assert_nothing_built(data_dir: Path, date: str) -> None:
    """No snapshot of date and no warehouse (a fresh data dir whose run failed)."""
    assert not (data_dir / "parquet" / date).exists()
    assert not (data_dir / "warehouse.duckdb").exists()


def assert_complete(data_dir: Path, date: str, files: dict[str, bytes]) -> None:
    """The warehouse answers on date; the kept dumps are exactly the published bytes."""
    assert build_info(data_dir)[0] == date
    for file_name, data in files.items():
        assert (data_dir / "dumps" / date / file_name).read_bytes() == data, file_name
    assert [p for p in leftovers(data_dir) if not p.name.startswith(".build-")] == []
    assert not list((data_dir / "parquet").glob(".build-*"))


def state(data_dir: Path) -> dict[str, Any]:
    return json.loads((data_dir / "dumps" / "state.json").read_text("utf-8"))


class CountingTransport(httpx.BaseTransport):
    """A real HTTP transport that records how many responses are open at once."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.lock = threading.Lock()
        self.open = 0
        self.peak = 0
        self.total = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.open += 1
            self.total += 1
            self.peak = max(self.peak, self.open)
        try:
            response = self.inner.handle_request(request)
        except BaseException:
            self._done()
            raise
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_Tracked(response.stream, self._done),
            extensions=response.extensions,
        )

    def _done(self) -> None:
        with self.lock:
            self.open -= 1

    def close(self) -> None:
        self.inner.close()


class _Tracked(httpx.SyncByteStream):
    def __init__(self, inner: Any, done: Callable[[], None]) -> None:
        self.inner, self.done, self.closed = inner, done, False

    def __iter__(self) -> Iterator[bytes]:
        yield from self.inner

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.inner.close()
            self.done()


# --------------------------------------------------------------------------------------------
# 1. the happy path


def test_first_run_builds_the_warehouse_and_second_run_is_up_to_date(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    transport = CountingTransport()
    stats = run(data_dir, site, transport=transport)

    assert stats.dump_date == DATE1 and not stats.up_to_date
    assert stats.fetch is not None
    assert stats.fetch.downloaded == [name(DATE1, e) for e in DOWNLOAD_ORDER]
    assert stats.fetch.downloaded_bytes == sum(len(b) for b in month1.values())
    assert stats.fetch.requests == len(site.requests) == transport.total
    assert sorted(p.dump_type for p in stats.parsed) == ["artist", "label", "master", "release"]
    assert stats.build is not None and stats.build.dump_date == DATE1
    assert stats.diff is None  # nothing to compare with yet
    assert_complete(data_dir, DATE1, month1)
    assert build_info(data_dir) == (DATE1, None)
    assert count(data_dir, "releases") == RELEASES
    assert count(data_dir, "changes") == 0

    # every request polite: identified, no transparent compression, one at a time
    assert transport.peak == 1
    for request in site.requests:
        assert request.headers.get("user-agent") == USER_AGENT, request.path
        assert request.headers.get("accept-encoding") == "identity", request.path
        assert request.status == 200, request.path
    assert sorted(downloads(site)) == sorted([*month1, checksum_name(DATE1)])

    before = len(site.requests)
    result = cli_ingest(data_dir, site)
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output and DATE1 in result.output
    again = site.requests[before:]
    # only the listings (root and the one year page): the CHECKSUM read before is reused
    # while its listing time is unchanged, and no dump is downloaded again
    assert len(again) == 2
    assert downloads(site, before) == []
    assert build_info(data_dir) == (DATE1, None)


def test_up_to_date_in_process_parses_nothing(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    run(data_dir, site)
    snapshot = data_dir / "parquet" / DATE1
    mtimes = {p: p.stat().st_mtime_ns for p in snapshot.rglob("*")}
    stats = run(data_dir, site)
    assert stats.up_to_date and stats.dump_date == DATE1
    assert stats.fetch is not None and stats.fetch.downloaded == []
    assert stats.fetch.downloaded_bytes == 0
    assert stats.parsed == [] and stats.build is None
    assert {p: p.stat().st_mtime_ns for p in snapshot.rglob("*")} == mtimes


# --------------------------------------------------------------------------------------------
# 2. 429 and the remembered lock-out


def test_rate_limit_is_remembered_and_the_next_run_makes_no_request(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    site.rate_limit = (4, 3600)  # listing, year page, CHECKSUM, labels; then 429
    started = time.time()
    with pytest.raises(RateLimited) as caught:
        run(data_dir, site)
    assert site.requests[-1].status == 429
    not_before = state(data_dir)["not_before"]
    assert started + site.retry_after <= not_before <= time.time() + site.retry_after + 300
    shown = datetime.fromtimestamp(not_before, UTC).strftime("%Y-%m-%d %H:%M")
    assert "429" in str(caught.value) and shown in str(caught.value)
    assert_nothing_built(data_dir, DATE1)
    assert (data_dir / "dumps" / DATE1 / name(DATE1, "labels")).read_bytes() == month1[
        name(DATE1, "labels")
    ]
    assert not (data_dir / "dumps" / DATE1 / name(DATE1, "artists")).exists()
    assert leftovers(data_dir) == []

    # during the lock-out: not a single request, and the site's window is not re-armed
    asked, locked = len(site.requests), site.locked_until
    with pytest.raises(RateLimited, match="deferred"):
        run(data_dir, site)
    assert_one_error_line(cli_ingest(data_dir, site), "deferred", shown)
    assert len(site.requests) == asked
    assert site.locked_until == locked

    # the hour has passed
    body = state(data_dir)
    body["not_before"] = time.time() - 1
    (data_dir / "dumps" / "state.json").write_text(json.dumps(body), "utf-8")
    site.reset_rate_limit()
    site.rate_limit = None
    stats = run(data_dir, site)
    assert stats.dump_date == DATE1
    assert stats.fetch is not None
    assert stats.fetch.downloaded == [name(DATE1, e) for e in ("artists", "masters", "releases")]
    assert name(DATE1, "labels") not in downloads(site, asked)
    assert_complete(data_dir, DATE1, month1)


# --------------------------------------------------------------------------------------------
# 3. 403 from Cloudflare


def test_blocked_network_explains_and_recovers(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    site.blocked = True
    with pytest.raises(Blocked) as caught:
        run(data_dir, site)
    message = str(caught.value)
    for needle in ("403", "Cloudflare", "network", "--from-dir"):
        assert needle in message, message
    assert len(site.requests) == 1  # a 403 is not retried
    assert_nothing_built(data_dir, DATE1)
    assert not list(data_dir.rglob("*.xml.gz"))
    assert_one_error_line(cli_ingest(data_dir, site), "403", "--from-dir")

    site.blocked = False
    stats = run(data_dir, site)
    assert stats.dump_date == DATE1
    assert_complete(data_dir, DATE1, month1)


# --------------------------------------------------------------------------------------------
# 4. an HTML page where gzip was expected


def test_html_instead_of_gzip_keeps_nothing_and_recovers(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    releases = name(DATE1, "releases")
    site.html_instead = {releases}
    with pytest.raises(DownloadError) as caught:
        run(data_dir, site)
    message = str(caught.value)
    assert releases in message and "HTML" in message, message
    assert [p.name for p in data_dir.rglob(f"{releases}*")] == []
    assert_nothing_built(data_dir, DATE1)

    site.html_instead.clear()
    asked = len(site.requests)
    stats = run(data_dir, site)
    assert stats.fetch is not None and stats.fetch.downloaded == [releases]
    # the CHECKSUM's listing time is unchanged, so the one read before is reused
    assert downloads(site, asked) == [releases]
    assert_complete(data_dir, DATE1, month1)


# --------------------------------------------------------------------------------------------
# 5. a stream cut in the middle


CUT = 1_400_000  # bytes sent before the connection drops


def range_start(header: str | None) -> int:
    """N of a `Range: bytes=N-` header (fails on anything else)."""
    found = re.fullmatch(r"bytes=(\d+)-", header or "")
    assert found is not None, header
    return int(found[1])


@pytest.fixture(scope="session")
def medium_month1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A 20260101 whose releases dump is over 1.5 MB: room for a cut with something kept."""
    month = _read_month(tmp_path_factory.mktemp("medium"), DATE1, 2000)
    assert len(month[name(DATE1, "releases")]) > CUT + 100_000
    return month


def test_persistent_cut_fails_after_bounded_retries_then_restarts_from_zero(
    site: FakeDumpSite, data_dir: Path, medium_month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, medium_month1)
    releases = name(DATE1, "releases")
    size = len(medium_month1[releases])
    site.cut_after[releases] = CUT
    with pytest.raises(DownloadError) as caught:
        run(data_dir, site)
    message = str(caught.value)
    assert releases in message and f"{RETRIES + 1} times" in message, message
    attempts = data_requests(site, releases)
    assert len(attempts) == RETRIES + 1  # bounded
    assert [r.bytes_sent for r in attempts] == [CUT] * (RETRIES + 1)
    # Range is ignored by default: each retry asked to resume, got 200 and the whole file again
    ranges = [r.headers.get("range") for r in attempts]
    assert ranges[0] is None
    assert all(0 < range_start(r) <= CUT for r in ranges[1:]), ranges
    assert [r.status for r in attempts] == [200] * (RETRIES + 1)
    assert not (data_dir / "dumps" / DATE1 / releases).exists()
    part = data_dir / "dumps" / DATE1 / f"{releases}.part"
    assert not part.exists() or part.stat().st_size <= CUT
    assert_nothing_built(data_dir, DATE1)

    site.cut_after.clear()
    asked = len(site.requests)
    stats = run(data_dir, site)
    assert stats.fetch is not None and stats.fetch.downloaded == [releases]
    retry = data_requests(site, releases, asked)
    assert [(r.status, r.bytes_sent) for r in retry] == [(200, size)]
    assert retry[0].headers.get("range") is not None  # it asked to resume, and started over
    assert_complete(data_dir, DATE1, medium_month1)


def test_cut_stream_resumes_with_range_when_the_server_honours_it(
    site: FakeDumpSite, data_dir: Path, medium_month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, medium_month1)
    site.honour_range = True
    releases = name(DATE1, "releases")
    size = len(medium_month1[releases])
    site.cut_after[releases] = CUT
    stats = run(data_dir, site)
    assert stats.dump_date == DATE1
    first, *rest = data_requests(site, releases)
    assert (first.headers.get("range"), first.status, first.bytes_sent) == (None, 200, CUT)
    assert rest, "no retry after the cut"
    kept = 0
    for attempt in rest:
        offset = range_start(attempt.headers.get("range"))
        assert kept < offset <= CUT + kept, (kept, offset)  # resumed, not started over
        assert attempt.status == 206
        kept = offset
    assert rest[-1].bytes_sent == size - kept  # the last one finished the file
    assert_complete(data_dir, DATE1, medium_month1)


# --------------------------------------------------------------------------------------------
# 6. a download that does not match the CHECKSUM


def test_checksum_mismatch_deletes_the_download_and_recovers(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    artists = name(DATE1, "artists")
    site.corrupt = {artists}
    with pytest.raises(DownloadError) as caught:
        run(data_dir, site)
    message = str(caught.value)
    assert artists in message and "SHA-256" in message, message
    assert hashlib.sha256(month1[artists]).hexdigest() in message
    assert [p.name for p in data_dir.rglob(f"{artists}*")] == []
    assert_nothing_built(data_dir, DATE1)

    site.corrupt.clear()
    stats = run(data_dir, site)
    assert stats.fetch is not None
    assert stats.fetch.downloaded == [name(DATE1, e) for e in ("artists", "masters", "releases")]
    assert_complete(data_dir, DATE1, month1)


# --------------------------------------------------------------------------------------------
# 7. a month whose CHECKSUM is not there yet


def test_month_without_checksum_is_not_taken_until_it_is_published(
    site: FakeDumpSite,
    data_dir: Path,
    month1: dict[str, bytes],
    month2: dict[str, bytes],
) -> None:
    site.publish(DATE1, month1)
    site.publish(DATE2, month2, checksum=False)
    stats = run(data_dir, site)
    assert stats.dump_date == DATE1
    assert not [d for d in downloads(site) if DATE2 in d]
    assert_complete(data_dir, DATE1, month1)

    asked = len(site.requests)
    with pytest.raises(DownloadError) as caught:
        run(data_dir, site, month="2026-02")
    message = str(caught.value)
    assert "no complete month 2026-02" in message and "CHECKSUM" in message, message
    assert downloads(site, asked) == []
    assert not (data_dir / "parquet" / DATE2).exists()
    assert build_info(data_dir) == (DATE1, None)

    site.publish(DATE2, {})  # the CHECKSUM, written last
    stats = run(data_dir, site)
    assert stats.dump_date == DATE2
    assert stats.diff is not None
    assert (stats.diff.from_date, stats.diff.to_date) == (DATE1, DATE2)
    assert_complete(data_dir, DATE2, month2)
    assert build_info(data_dir) == (DATE2, DATE1)
    result = cli("diff", "--data-dir", str(data_dir))
    assert result.exit_code == 0, result.output
    assert f"changes {DATE1} -> {DATE2}" in result.output


# --------------------------------------------------------------------------------------------
# 8. a file republished within the month


def test_republished_file_is_fetched_parsed_and_built_again(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    run(data_dir, site)
    artists = name(DATE1, "artists")

    def rename(lines: list[str]) -> list[str]:
        return [
            re.sub(r"^(<artist><id>1</id><name>)[^<]*", r"\1Republished Name", line)
            for line in lines
        ]

    fixed = _edit_lines(month1[artists], rename)
    assert fixed != month1[artists]
    site.republish(artists, fixed)
    asked = len(site.requests)
    stats = run(data_dir, site)
    assert not stats.up_to_date
    assert stats.fetch is not None and stats.fetch.downloaded == [artists]
    assert [d for d in downloads(site, asked) if d.endswith(".xml.gz")] == [artists]
    assert [p.dump_type for p in stats.parsed] == ["artist"]
    assert stats.build is not None and stats.build.dump_date == DATE1
    assert_complete(data_dir, DATE1, {**month1, artists: fixed})
    with etl.connect(data_dir) as con:
        row = con.execute("select name from artists where artist_id = 1").fetchone()
    assert row == ("Republished Name",)


# --------------------------------------------------------------------------------------------
# 9. a hostile listing


def _row(href: str, text: str) -> str:
    return f'{"2026-01-01 10:00:00":<32}{"1.0 KB":<15}<a href="{href}">{text}</a>'


def test_hostile_listing_rows_are_ignored(
    site: FakeDumpSite, data_dir: Path, tmp_path: Path, month1: dict[str, bytes]
) -> None:
    site.publish(DATE1, month1)
    rows = [
        _row("?download=..%2F..%2Fetc%2Fpasswd", "passwd"),
        _row("?download=data%2F2026%2F..%2F..%2F..%2Fetc%2Fpasswd", "passwd"),
        _row("https://evil.example/discogs_20260101_releases.xml.gz", "evil"),
        _row("https://evil.example/?download=data%2F2026%2Fdiscogs_20260401_labels.xml.gz", "x"),
        _row("?download=data%2F2026%2F..%2Fdiscogs_20260501_labels.xml.gz", "dotdot"),
    ]
    # complete-looking months that would be newer than DATE1 if they were believed
    for key_date, folder in (("20261301", "2026"), ("20260231", "2026"), ("20260301", "2025")):
        for kind in ("CHECKSUM", *UPLOAD_ORDER):
            file_name = checksum_name(key_date) if kind == "CHECKSUM" else name(key_date, kind)
            rows.append(_row(f"?download=data%2F{folder}%2F{file_name}", file_name))
    rows.append(_row("?download=data%2F2025%2Fdiscogs_20260101_labels.xml.gz", "wrong year"))
    site.extra_rows = rows
    page = site.year_page("2026").decode()
    assert "etc%2Fpasswd" in page and "evil.example" in page and "20261301" in page

    def outside() -> dict[Path, int]:
        return {
            p: p.stat().st_mtime_ns
            for p in tmp_path.rglob("*")
            if p != data_dir and data_dir not in p.parents
        }

    before = outside()

    stats = run(data_dir, site)
    assert stats.dump_date == DATE1
    assert_complete(data_dir, DATE1, month1)
    for request in site.requests:
        target = unquote(request.path)
        assert "passwd" not in target and "evil" not in target and ".." not in target, target
        assert not re.search(r"20261301|20260231|20260301|20260401|20260501|data/2025", target)
    assert sorted(downloads(site)) == sorted([*month1, checksum_name(DATE1)])
    assert outside() == before
    resolved = data_dir.resolve()
    for path in data_dir.rglob("*"):
        assert resolved in path.resolve().parents
    assert sorted(p.name for p in (data_dir / "dumps").iterdir()) == [DATE1, "state.json"]


# --------------------------------------------------------------------------------------------
# 10. the old S3 listing, more than 1,000 keys


def test_s3_listing_is_read_across_pages(
    site: FakeDumpSite, data_dir: Path, month1: dict[str, bytes]
) -> None:
    # an old complete month on the first page: a reader that stops there would take it
    old = "20181101"
    site.publish(old, {n.replace(DATE1, old): b for n, b in month1.items()})
    # 1,100 incomplete old months (one labels file each) fill the first page
    day = datetime(2019, 1, 1, tzinfo=UTC).timestamp()
    for i in range(1100):
        date = datetime.fromtimestamp(day + i * 86400, UTC).strftime("%Y%m%d")
        folder = site.root / "data" / date[:4]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name(date, "labels")).write_bytes(b"\x1f\x8b old")
    site.publish(DATE1, month1)
    site.s3_mode = True
    first_page = site.list_bucket({"prefix": "data/"}).decode()
    assert "<IsTruncated>true</IsTruncated>" in first_page and DATE1 not in first_page
    assert old in first_page

    stats = run(data_dir, site)
    assert stats.dump_date == DATE1
    assert_complete(data_dir, DATE1, month1)
    listings = [r.path for r in site.requests if urlsplit(r.path).path == "/"]
    assert len(listings) >= 2
    assert any("marker=" in path for path in listings), listings
    assert sorted(downloads(site)) == sorted([*month1, checksum_name(DATE1)])


# --------------------------------------------------------------------------------------------
# 11. SIGKILL while parsing


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state_line = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state_line != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the parse workers")
def test_sigkill_while_parsing_keeps_the_old_month_and_the_rerun_completes(
    site: FakeDumpSite,
    data_dir: Path,
    month1: dict[str, bytes],
    big_month2: dict[str, bytes],
) -> None:
    site.publish(DATE1, month1)
    run(data_dir, site)
    site.publish(DATE2, big_month2)

    env = {**os.environ, "DISCOGS_REQUEST_INTERVAL": "0", "DISCOGS_RETRY_DELAY": "0"}
    command = [sys.executable, "-m", "etl", "ingest", "--data-dir", str(data_dir)]
    command += ["--source-url", site.url, "--workers", "1", "-q"]
    proc = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    parquet = data_dir / "parquet"
    family: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while not list(parquet.glob(f".build-{DATE2}-release-*")):
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the releases parse never started"
            time.sleep(0.02)
        family = _descendants(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
    # orphaned workers notice and go by themselves
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in family) and time.monotonic() < deadline:
        time.sleep(0.05)
    stray = [pid for pid in family if _alive(pid)]
    for pid in stray:
        os.kill(pid, signal.SIGKILL)
    assert stray == [], "parse workers outlived their killed coordinator"

    assert not (parquet / DATE2 / "releases").exists(), "the parse finished before the kill"
    assert list(parquet.glob(f".build-{DATE2}-release-*")), "a SIGKILL cannot clean up"
    assert build_info(data_dir) == (DATE1, None)
    assert count(data_dir, "releases") == RELEASES

    asked = len(site.requests)
    stats = run(data_dir, site)
    assert stats.dump_date == DATE2
    assert stats.fetch is not None and stats.fetch.downloaded == []
    assert [d for d in downloads(site, asked) if d.endswith(".xml.gz")] == []
    assert [p.dump_type for p in stats.parsed] == ["release"]  # the others survived the kill
    assert build_info(data_dir) == (DATE2, DATE1)
    assert count(data_dir, "releases") == BIG
    assert not list(parquet.glob(".build-*"))
    assert_complete(data_dir, DATE2, big_month2)


# --------------------------------------------------------------------------------------------
# 12. two months and the diff


def _diff_table(output: str) -> dict[str, tuple[int, ...]]:
    table = {}
    for line in output.splitlines():
        cells = line.split()
        if len(cells) == 5 and cells[0] in ("releases", "artists", "labels", "masters"):
            table[cells[0]] = tuple(int(c.replace(",", "")) for c in cells[1:])
    return table


def test_second_month_reports_exactly_the_changes_made(
    site: FakeDumpSite,
    data_dir: Path,
    month1: dict[str, bytes],
    month2: dict[str, bytes],
) -> None:
    site.publish(DATE1, month1)
    run(data_dir, site)
    site.publish(DATE2, month2)
    stats = run(data_dir, site)
    assert stats.dump_date == DATE2
    assert stats.build is not None and stats.build.previous_dump_date == DATE1
    assert stats.diff is not None and (stats.diff.from_date, stats.diff.to_date) == (DATE1, DATE2)

    n_artists = RELEASES // 2
    expected = {  # added, removed, changed, unchanged
        "releases": (1, 1, 2, RELEASES - 3),
        "artists": (1, 1, 2, n_artists - 3),
        "labels": (0, 0, 0, RELEASES // 8),
        "masters": (0, 0, 0, RELEASES // 7),
    }
    got = {
        entity: (c.added, c.removed, c.changed, c.unchanged)
        for entity, c in stats.diff.entities.items()
    }
    assert got == expected
    releases, artists = stats.diff.entities["releases"], stats.diff.entities["artists"]
    assert releases.examples == {
        "added": [ADDED_RELEASE],
        "removed": [REMOVED_RELEASE],
        "changed": list(CHANGED_RELEASES),
    }
    assert artists.examples == {
        "added": [ADDED_ARTIST],
        "removed": [REMOVED_ARTIST],
        "changed": list(CHANGED_ARTISTS),
    }

    for args in ([], ["--from", DATE1, "--to", DATE2]):
        result = cli("diff", "--data-dir", str(data_dir), *args)
        assert result.exit_code == 0, result.output
        assert f"changes {DATE1} -> {DATE2}" in result.output
        assert _diff_table(result.output) == expected

    with etl.connect(data_dir) as con:
        rows = con.execute(
            "select entity, id, change, from_dump_date, to_dump_date from changes"
        ).fetchall()
        titles = dict(
            con.execute(
                "select release_id, title from releases where release_id in (?, ?)",
                list(CHANGED_RELEASES),
            ).fetchall()
        )
    want = {("release", i, "changed") for i in CHANGED_RELEASES}
    want |= {("release", REMOVED_RELEASE, "removed"), ("release", ADDED_RELEASE, "added")}
    want |= {("artist", i, "changed") for i in CHANGED_ARTISTS}
    want |= {("artist", REMOVED_ARTIST, "removed"), ("artist", ADDED_ARTIST, "added")}
    assert len(rows) == len(want)
    assert {(e, i, c) for e, i, c, _, _ in rows} == want
    assert {(f, t) for *_, f, t in rows} == {(DATE1, DATE2)}
    assert titles == {i: f"Changed {i}" for i in CHANGED_RELEASES}
    # --keep 2 (the default) keeps both months
    assert (data_dir / "parquet" / DATE1).is_dir() and (data_dir / "dumps" / DATE1).is_dir()


# --------------------------------------------------------------------------------------------
# 13. --keep and --from-dir


def test_keep_one_prunes_the_older_month_after_the_new_one_is_built(
    site: FakeDumpSite,
    data_dir: Path,
    month1: dict[str, bytes],
    month2: dict[str, bytes],
) -> None:
    site.publish(DATE1, month1)
    result = cli_ingest(data_dir, site, "--keep", "1")
    assert result.exit_code == 0, result.output
    assert "pruned" not in result.output
    site.publish(DATE2, month2)
    result = cli_ingest(data_dir, site, "--keep", "1")
    assert result.exit_code == 0, result.output
    assert f"pruned {DATE1} (--keep 1)" in result.output

    assert not (data_dir / "parquet" / DATE1).exists()
    assert not (data_dir / "dumps" / DATE1).exists()
    assert not [n for n in state(data_dir)["verified"] if DATE1 in n]
    assert sorted(state(data_dir)["verified"]) == sorted(month2)
    assert_complete(data_dir, DATE2, month2)
    assert count(data_dir, "releases") == RELEASES  # 200 - 1 removed + 1 added


def test_keep_one_leaves_a_warehouse_whose_changes_view_still_answers(
    site: FakeDumpSite,
    data_dir: Path,
    month1: dict[str, bytes],
    month2: dict[str, bytes],
) -> None:
    site.publish(DATE1, month1)
    run(data_dir, site, keep=1)
    site.publish(DATE2, month2)
    stats = run(data_dir, site, keep=1)
    assert stats.pruned == [DATE1]
    assert stats.diff is not None and stats.diff.entities["releases"].changed == 2
    # the warehouse was built against the month that was then pruned; it must still work
    result = cli("sql", "--data-dir", str(data_dir), "select count(*) as n from changes")
    assert result.exit_code == 0, result.output


def _local_month(directory: Path, files: dict[str, bytes], date: str) -> Path:
    directory.mkdir(parents=True)
    for file_name, data in files.items():
        (directory / file_name).write_bytes(data)
    (directory / checksum_name(date)).write_bytes(checksum_text(files))
    return directory


def test_from_dir_ingests_verified_local_files(
    data_dir: Path, tmp_path: Path, month1: dict[str, bytes]
) -> None:
    local = _local_month(tmp_path / "local", month1, DATE1)
    stats = ingest(data_dir, from_dir=local, workers=1)
    assert stats.dump_date == DATE1 and stats.fetch is None
    assert len(stats.parsed) == 4
    assert build_info(data_dir) == (DATE1, None)
    assert count(data_dir, "releases") == RELEASES
    assert not (data_dir / "dumps").exists()  # nothing was downloaded
    assert leftovers(data_dir) == []


def test_from_dir_refuses_a_tampered_file(
    data_dir: Path, tmp_path: Path, month1: dict[str, bytes]
) -> None:
    local = _local_month(tmp_path / "local", month1, DATE1)
    labels = local / name(DATE1, "labels")
    data = bytearray(labels.read_bytes())
    data[len(data) // 2] ^= 0xFF
    labels.write_bytes(bytes(data))

    with pytest.raises(DownloadError) as caught:
        ingest(data_dir, from_dir=local, workers=1)
    assert labels.name in str(caught.value) and "does not match" in str(caught.value)
    assert_one_error_line(
        cli("ingest", "--data-dir", str(data_dir), "--from-dir", str(local), "--workers", "1"),
        labels.name,
        "SHA-256",
    )
    assert_nothing_built(data_dir, DATE1)
