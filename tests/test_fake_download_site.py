"""The local fake of data.discogs.com, tested with plain urllib / http.client.

The listing pages are compared byte for byte with the real pages in
../shared/samples/download-site/ (skipped when that folder is absent) and parsed with the regexes
the real scrapers use (download-site.md §2.1).
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path

import pytest
from conftest import SAMPLES
from fakes.download_site import (
    RATE_LIMIT_BODY,
    FakeClock,
    FakeDumpSite,
    checksum_text,
    human_size,
)

SITE_SAMPLES = SAMPLES / "download-site"
S3 = "{http://s3.amazonaws.com/doc/2006-03-01/}"
KINDS = ("labels", "masters", "artists", "releases")  # the 2025-26 upload order

# the real scrapers' patterns (download-site.md §2.1)
YEAR_LINK = re.compile(r'href="\?prefix=data%2F(\d{4})%2F"')
FILE_LINK = re.compile(r'\?download=data%2F\d{4}%2F(discogs_(\d{8})_[^"]+)')  # discogsography
DSUB_ROW = re.compile(  # dsub-io/open-discogs-batch DefaultDumpSupplier.HTML_DUMP_ENTRY_PATTERN
    r"^[ \t]*\d{4}-\d{2}-\d{2}[ \t]+\d{2}:\d{2}:\d{2}"
    r"[ \t]+([\d.]+)[ \t]+(B|KB|MB|GB|TB)[ \t]+"
    r"<a[ \t]+href=[\"']((?:https?://data\.discogs\.com/)?"
    r"\?download=([^\"']+))[\"'][^>]*>([^<]+\.xml\.gz)</a>[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
DSUB_CHECKSUM = re.compile(
    r"<a[ \t]+href=[\"']((?:https?://data\.discogs\.com/)?\?download=([^\"']+))[\"'][^>]*>"
    r"(discogs_(\d{8})_CHECKSUM\.txt)</a>",
    re.IGNORECASE,
)
# a file row of the real page: date padded to 32, size padded to 15, link
SAMPLE_ROW = re.compile(
    r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}) +([\d.]+ [KMGT]?B) +"
    r'<a href="\?download=data%2F(\d{4})%2F([^"]+)">'
)


def month_files(date: str) -> dict[str, bytes]:
    """Four small valid .xml.gz files for one dump, in upload order."""
    return {
        f"discogs_{date}_{kind}.xml.gz": gzip.compress(
            f"<{kind}><!-- {date} -->{'x' * 40}</{kind}>".encode(), mtime=0
        )
        for kind in KINDS
    }


def fetch(
    url: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


def raw_get(site: FakeDumpSite, target: str, headers: dict[str, str] | None = None):
    """An http.client connection and its response (body unread) for a raw request target."""
    host, port = site.url.removeprefix("http://").rstrip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.request("GET", target, headers=headers or {})
    return conn, conn.getresponse()


def table(page: str) -> str:
    """The listing table of a page: from the header line up to </pre>."""
    start = page.index("Last Modified")
    return page[start : page.index("</pre>", start)]


def sample(relative: str) -> str:
    path = SITE_SAMPLES / relative
    if not path.is_file():
        pytest.skip(f"sample download-site/{relative} not available")
    return path.read_text("utf-8")


def sparse_copy_of_listing(page: str, root: Path) -> None:
    """Recreate the files a real year page lists: sparse files of the listed size and time."""
    for line in page.splitlines():
        match = SAMPLE_ROW.match(line)
        if not match:
            continue
        stamp, size_text, year, name = match.groups()
        value, unit = size_text.split()
        scale = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}[unit]
        size = round(float(value) * scale)
        assert human_size(size) == size_text
        folder = root / "data" / year
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        with path.open("wb") as fh:
            fh.truncate(size)  # sparse: no data blocks are written
        when = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp()
        os.utime(path, (when, when))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 8, 1, tzinfo=UTC))


@pytest.fixture
def site(tmp_path: Path, clock: FakeClock):
    with FakeDumpSite(tmp_path / "site", clock=clock) as fake:
        yield fake


@pytest.fixture
def august(site: FakeDumpSite) -> dict[str, bytes]:
    files = month_files("20260801")
    site.publish("20260801", files, uploaded=datetime(2026, 8, 1, 9, 3, 0, tzinfo=UTC))
    return files


# --------------------------------------------------------------------------------------------
# layout against the real pages


def test_root_page_is_byte_identical_to_the_real_one(tmp_path: Path) -> None:
    real = sample("hastefuI__discogsctl/rootPage.html")
    for year in YEAR_LINK.findall(real):
        (tmp_path / "data" / year).mkdir(parents=True)
    with FakeDumpSite(tmp_path) as site:
        status, headers, body = fetch(site.url)
        _, _, again = fetch(site.url + "?prefix=data%2F")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body.decode() == real
    assert again == body
    dsub = sample("dsub-io__open-discogs-batch/DiscogsDataIndex.html")
    assert table(body.decode()) == table(dsub)


@pytest.mark.parametrize(
    ("relative", "whole_page"),
    [
        ("hastefuI__discogsctl/yearPage-2026.html", True),
        ("dsub-io__open-discogs-batch/DiscogsData2026.html", False),
    ],
)
def test_year_page_is_byte_identical_to_the_real_one(
    tmp_path: Path, relative: str, whole_page: bool
) -> None:
    real = sample(relative)
    sparse_copy_of_listing(real, tmp_path)
    with FakeDumpSite(tmp_path) as site:
        status, _, body = fetch(site.year_url(2026))
    assert status == 200
    page = body.decode()
    if whole_page:
        assert page == real
    else:  # the dsub fixture had its page head trimmed by its author; the table is real
        assert table(page) == table(real)


def test_layout_columns_without_samples(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    page = fetch(site.year_url(2026))[2].decode()
    lines = table(page).splitlines()
    assert lines[0] == "Last Modified" + " " * 19 + "Size" + " " * 11 + "Name"
    assert lines[1] == "-" * 95
    assert lines[2] == " " * 47 + '<a href="?prefix=data%2F">../</a>'
    rows = lines[3:]
    assert len(rows) == 5
    for row in rows:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} {13}", row[:32])
        assert re.fullmatch(r"\d+(\.\d)? (B|KB|MB|GB|TB) *", row[32:47])
        assert row[47:].startswith('<a href="?download=data%2F2026%2Fdiscogs_20260801_')
    # sorted by key: the uppercase CHECKSUM first, then artists, labels, masters, releases
    names = [m.group(1) for m in FILE_LINK.finditer(page)]
    assert names == sorted(names)
    assert names[0] == "discogs_20260801_CHECKSUM.txt"
    # upload times in UTC, one second apart, CHECKSUM last
    assert rows[0].startswith("2026-08-01 09:03:04")
    assert rows[2].startswith("2026-08-01 09:03:00")  # labels, the first upload


def test_real_scraper_regexes_read_the_fake(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    site.publish("20250301", month_files("20250301"))
    root = fetch(site.url)[2].decode()
    assert YEAR_LINK.findall(root) == ["2025", "2026"]
    page = fetch(site.year_url(2026))[2].decode()
    assert [m.groups() for m in FILE_LINK.finditer(page)] == [
        (name, "20260801") for name in sorted([*august, "discogs_20260801_CHECKSUM.txt"])
    ]
    rows = {m.group(5): m for m in DSUB_ROW.finditer(page)}
    assert set(rows) == set(august)  # every .xml.gz row, line-anchored
    for name, match in rows.items():
        assert (match.group(1), match.group(2)) == (str(len(august[name])), "B")
        assert match.group(4) == f"data%2F2026%2F{name}"
    assert [m.group(3) for m in DSUB_CHECKSUM.finditer(page)] == ["discogs_20260801_CHECKSUM.txt"]


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (388, "388 B"),
        (1023, "1023 B"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (1024**2, "1.0 MB"),
        (90_078_427, "85.9 MB"),
        (11_252_161_836, "10.5 GB"),
        (3 * 1024**4, "3.0 TB"),
    ],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


def test_empty_and_unknown_years_show_only_the_parent_row(site: FakeDumpSite) -> None:
    (site.root / "data" / "2027").mkdir()
    for year in (2027, 1999):
        status, _, body = fetch(site.year_url(year))
        assert status == 200
        assert table(body.decode()).splitlines()[2:] == [
            " " * 47 + '<a href="?prefix=data%2F">../</a>'
        ]
    assert YEAR_LINK.findall(fetch(site.url)[2].decode()) == ["2027"]


def test_extra_rows_are_appended_raw(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    hostile = (
        "2026-08-01 09:00:00             1 B            "
        '<a href="?download=data%2F2026%2F..%2F..%2Fetc%2Fpasswd">passwd</a>'
    )
    site.extra_rows.append(hostile)
    page = fetch(site.year_url(2026))[2].decode()
    assert page.endswith(hostile + "\n</pre></body></html>\n")


# --------------------------------------------------------------------------------------------
# CHECKSUM


def test_checksum_is_byte_exact_in_upload_order(
    site: FakeDumpSite, august: dict[str, bytes]
) -> None:
    status, _, body = fetch(site.download_url("discogs_20260801_CHECKSUM.txt"))
    assert status == 200
    expected = "".join(
        f"{hashlib.sha256(data).hexdigest()} {name}\n" for name, data in august.items()
    )
    assert body == expected.encode()
    assert len(body) == 388  # the real size for four entities
    assert [line.split(" ")[1] for line in body.decode().splitlines()] == [
        f"discogs_20260801_{kind}.xml.gz" for kind in KINDS
    ]
    real = SITE_SAMPLES / "checksum" / "discogs_20260801_CHECKSUM.txt"
    if real.is_file():  # same shape as the real file: line lengths and names
        real_lines = real.read_text("utf-8").splitlines(keepends=True)
        assert sorted(map(len, real_lines)) == sorted(map(len, body.decode().splitlines(True)))


def test_checksum_passes_sha256sum_check(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum not installed")
    folder = site.root / "data" / "2026"
    result = subprocess.run(
        ["sha256sum", "-c", "discogs_20260801_CHECKSUM.txt"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == 4


def test_partial_and_hand_written_checksums(site: FakeDumpSite) -> None:
    files = month_files("20260901")
    names = list(files)
    site.publish("20260901", files, checksum_names=names[2:])
    body = fetch(site.download_url("discogs_20260901_CHECKSUM.txt"))[2]
    assert body == checksum_text(files, names[2:])
    assert len(body.splitlines()) == 2
    # an empty CHECKSUM file (20131001) written verbatim, no data files
    site.publish("20131001", {"discogs_20131001_CHECKSUM.txt": b""})
    status, headers, body = fetch(site.download_url("discogs_20131001_CHECKSUM.txt"))
    assert (status, headers["Content-Length"], body) == (200, "0", b"")
    assert headers["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'  # MD5 of nothing
    # publishing file by file, the CHECKSUM last, covers every file of the month
    for name, data in month_files("20261001").items():
        site.publish("20261001", {name: data}, checksum=False)
    assert "discogs_20261001_CHECKSUM.txt" not in fetch(site.year_url(2026))[2].decode()
    site.publish("20261001", {})
    body = fetch(site.download_url("discogs_20261001_CHECKSUM.txt"))[2]
    assert body == checksum_text(month_files("20261001"))


def test_republish_rewrites_file_checksum_etag_and_time(
    site: FakeDumpSite, clock: FakeClock, august: dict[str, bytes]
) -> None:
    name = "discogs_20260801_artists.xml.gz"
    before = fetch(site.download_url(name))[1]["ETag"]
    old_checksum = fetch(site.download_url("discogs_20260801_CHECKSUM.txt"))[2].decode()
    clock.advance(31 * 3600 + 3 * 60 + 41)  # 2026-08-02 07:03:41
    new = gzip.compress(b"<artists>re-uploaded</artists>", mtime=0)
    site.republish(name, new)
    status, headers, body = fetch(site.download_url(name))
    assert (status, body) == (200, new)
    assert headers["ETag"] != before
    checksum = fetch(site.download_url("discogs_20260801_CHECKSUM.txt"))[2].decode()
    old_lines, new_lines = old_checksum.splitlines(), checksum.splitlines()
    assert [line.split(" ")[1] for line in new_lines] == [line.split(" ")[1] for line in old_lines]
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert changed == [(changed[0][0], f"{hashlib.sha256(new).hexdigest()} {name}")]
    page = fetch(site.year_url(2026))[2].decode()
    assert f"2026-08-02 07:03:41             {len(new)} B" in page
    assert "2026-08-02 07:03:43             388 B          " in page


# --------------------------------------------------------------------------------------------
# downloads


def test_download_headers_body_and_key_forms(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    name = "discogs_20260801_labels.xml.gz"
    status, headers, body = fetch(site.download_url(name))
    assert status == 200 and body == august[name]
    assert headers["Content-Disposition"].startswith("attachment")
    assert headers["Content-Type"] in ("application/octet-stream", "binary/octet-stream")
    assert headers["Content-Length"] == str(len(body))
    assert headers["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'
    assert "Accept-Ranges" not in headers
    assert fetch(f"{site.url}?download=data/2026/{name}")[2] == body  # decoded key works too


def test_multipart_etag_for_big_files(site: FakeDumpSite) -> None:
    site.etag_part_size = 64
    data = os.urandom(200)
    site.publish("20260801", {"discogs_20260801_releases.xml.gz": data}, checksum=False)
    etag = fetch(site.download_url("discogs_20260801_releases.xml.gz"))[1]["ETag"]
    parts = b"".join(hashlib.md5(data[i : i + 64]).digest() for i in range(0, 200, 64))
    assert etag == f'"{hashlib.md5(parts).hexdigest()}-4"'


def test_head_has_no_content_length_unless_asked(
    site: FakeDumpSite, august: dict[str, bytes]
) -> None:
    url = site.download_url("discogs_20260801_labels.xml.gz")
    status, headers, body = fetch(url, "HEAD")
    assert (status, body) == (200, b"")
    assert "Content-Length" not in headers and headers["ETag"]
    site.head_content_length = True
    assert fetch(url, "HEAD")[1]["Content-Length"] == str(len(august[url.rsplit("%2F")[-1]]))


def test_missing_key_is_404_or_s3_403(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    url = site.download_url("discogs_20260901_labels.xml.gz")
    status, headers, body = fetch(url)
    assert status == 404 and headers["Content-Type"].startswith("text/plain")
    assert fetch(f"{site.url}?download=data%2F2026%2F..%2F..%2Fetc%2Fpasswd")[0] == 404
    site.missing_status = 403
    status, headers, body = fetch(url)
    assert status == 403 and headers["Content-Type"] == "application/xml"
    assert ET.fromstring(body).findtext("Code") == "AccessDenied"


def test_range_is_ignored_by_default_and_honoured_on_request(
    site: FakeDumpSite, august: dict[str, bytes]
) -> None:
    name = "discogs_20260801_releases.xml.gz"
    data, url = august[name], site.download_url(name)
    status, headers, body = fetch(url, headers={"Range": "bytes=10-"})
    assert (status, body) == (200, data)
    assert "Content-Range" not in headers
    site.honour_range = True
    status, headers, body = fetch(url, headers={"Range": "bytes=10-"})
    assert (status, body) == (206, data[10:])
    assert headers["Content-Range"] == f"bytes 10-{len(data) - 1}/{len(data)}"
    assert headers["Content-Length"] == str(len(data) - 10)
    etag = headers["ETag"]
    assert fetch(url, headers={"Range": "bytes=10-", "If-Range": etag})[0] == 206
    assert fetch(url, headers={"Range": "bytes=10-", "If-Range": '"stale"'})[:3:2] == (200, data)
    assert fetch(url, headers={"Range": f"bytes={len(data)}-"})[0] == 416


def test_path_urls_are_the_trap(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    status, headers, body = fetch(site.url + "data/2026/discogs_20260801_releases.xml.gz")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body == fetch(site.url)[2]
    assert body[:2] != b"\x1f\x8b"


def test_cut_after_closes_mid_body_every_time(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    name = "discogs_20260801_releases.xml.gz"
    data = august[name]
    site.cut_after[name] = 20
    target = site.download_url(name).removeprefix(site.url.rstrip("/"))
    for _ in range(2):
        conn, response = raw_get(site, target)
        assert response.status == 200
        assert response.getheader("Content-Length") == str(len(data))
        with pytest.raises(http.client.IncompleteRead) as caught:
            response.read()
        assert caught.value.partial == data[:20]
        conn.close()
    assert [r.bytes_sent for r in site.requests[-2:]] == [20, 20]
    site.cut_reset = True
    conn, response = raw_get(site, target)
    with pytest.raises((http.client.IncompleteRead, ConnectionResetError)):
        response.read()
    conn.close()
    del site.cut_after[name]
    assert fetch(site.download_url(name))[2] == data


def test_stall_sends_n_bytes_then_goes_silent(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    name = "discogs_20260801_labels.xml.gz"
    site.stall_after[name] = 5
    site.stall_seconds = 0.3
    target = site.download_url(name).removeprefix(site.url.rstrip("/"))
    conn, response = raw_get(site, target)
    started = time.monotonic()
    assert response.read(5) == august[name][:5]
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    assert time.monotonic() - started >= 0.25
    conn.close()


def test_corrupt_html_instead_and_5xx(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    name = "discogs_20260801_masters.xml.gz"
    data, url = august[name], site.download_url(name)
    site.corrupt.add(name)
    body = fetch(url)[2]
    assert len(body) == len(data)
    assert [i for i in range(len(data)) if body[i] != data[i]] == [len(data) // 2]
    site.corrupt.clear()
    site.html_instead.add(name)
    status, headers, body = fetch(url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert body.startswith(b"<html>")
    site.html_instead.clear()
    site.fail_5xx[name] = 2
    assert [fetch(url)[0] for _ in range(3)] == [503, 503, 200]
    site.fail_5xx["*"] = 1
    assert [fetch(site.url)[0], fetch(site.url)[0]] == [503, 200]


# --------------------------------------------------------------------------------------------
# host behaviour


def test_rate_limit_lock_out_restarts_inside_the_window(
    site: FakeDumpSite, clock: FakeClock, august: dict[str, bytes]
) -> None:
    site.rate_limit = (3, 360.0)
    site.retry_after = 100
    url = site.download_url("discogs_20260801_CHECKSUM.txt")
    assert fetch(site.url)[0] == 200
    assert fetch(url, "HEAD")[0] == 200  # HEAD counts
    assert fetch(url)[0] == 200
    status, headers, body = fetch(url)
    assert status == 429
    assert headers["Content-Type"] == "application/json"
    assert headers["retry-after"] == "100"
    assert body == RATE_LIMIT_BODY
    assert json.loads(body) == {"message": "You are making requests too quickly."}
    clock.advance(90)
    assert fetch(url, "HEAD")[0] == 429  # inside the window: refused, and the lock restarts
    clock.advance(90)  # 180 s after the first 429, but only 90 s after the last request
    assert fetch(site.url)[0] == 429
    clock.advance(100)
    assert site.locked_until is not None and clock() >= site.locked_until
    assert fetch(url)[0] == 200
    assert [r.status for r in site.requests] == [200, 200, 200, 429, 429, 429, 200]


def test_sliding_window_forgets_old_requests(site: FakeDumpSite, clock: FakeClock) -> None:
    site.rate_limit = (2, 60.0)
    assert [fetch(site.url)[0] for _ in range(2)] == [200, 200]
    clock.advance(61)
    assert [fetch(site.url)[0] for _ in range(2)] == [200, 200]
    assert fetch(site.url)[0] == 429
    site.reset_rate_limit()
    assert fetch(site.url)[0] == 200


def test_concurrent_requests_trip_the_limiter(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    name = "discogs_20260801_releases.xml.gz"
    site.max_concurrent = 1
    site.stall_after[name] = 1
    site.stall_seconds = 0.5
    target = site.download_url(name).removeprefix(site.url.rstrip("/"))
    conn, response = raw_get(site, target)  # in flight (stalled)
    assert response.read(1)
    assert fetch(site.url)[0] == 429
    conn.close()


def test_blocked_and_challenge_pages(site: FakeDumpSite, august: dict[str, bytes]) -> None:
    site.blocked = True
    for url in (site.url, site.year_url(2026), site.download_url("discogs_20260801_CHECKSUM.txt")):
        status, headers, body = fetch(url)
        assert status == 403 and headers["Content-Type"].startswith("text/html")
        assert b"Attention Required! | Cloudflare" in body
    site.blocked = False
    site.challenge = True
    for url in (site.url, site.year_url(2026), site.url + "data/2026/x"):
        status, _, body = fetch(url)
        assert status == 200 and b"Checking your browser before accessing" in body
        assert b"<a " not in body and not YEAR_LINK.search(body.decode())
        assert not FILE_LINK.search(body.decode())


def test_request_log(site: FakeDumpSite, clock: FakeClock, august: dict[str, bytes]) -> None:
    name = "discogs_20260801_labels.xml.gz"
    fetch(site.download_url(name), headers={"User-Agent": "discogs-etl/0.1 (+test)"})
    fetch(site.url + "nope", "HEAD")
    first, second = site.requests
    assert first.method == "GET"
    assert first.path == f"/?download=data%2F2026%2F{name}"
    assert first.headers["user-agent"] == "discogs-etl/0.1 (+test)"
    assert (first.status, first.bytes_sent, first.time) == (200, len(august[name]), clock())
    assert (second.method, second.path, second.status, second.bytes_sent) == (
        "HEAD",
        "/nope",
        200,
        0,
    )


def test_shutdown_is_clean_even_with_a_stalled_download(tmp_path: Path) -> None:
    site = FakeDumpSite(tmp_path)
    with site:
        site.publish("20260801", month_files("20260801"))
        name = "discogs_20260801_releases.xml.gz"
        site.stall_after[name] = 3
        site.stall_seconds = 60
        target = site.download_url(name).removeprefix(site.url.rstrip("/"))
        conn, response = raw_get(site, target)
        response.read(3)
        started = time.monotonic()
    assert time.monotonic() - started < 3
    conn.close()
    assert not any(t.name == "fake-dump-site" for t in threading.enumerate())
    host, port = site.url.removeprefix("http://").rstrip("/").split(":")
    with pytest.raises(OSError), socket.create_connection((host, int(port)), timeout=1):
        pass


# --------------------------------------------------------------------------------------------
# the old S3 bucket API


def list_bucket(site: FakeDumpSite, query: str) -> tuple[ET.Element, bytes]:
    status, headers, body = fetch(f"{site.url}?{query}")
    assert status == 200 and headers["Content-Type"] == "application/xml"
    return ET.fromstring(body), body


def test_s3_listing_paginates_over_1000_keys(site: FakeDumpSite) -> None:
    for year in range(2008, 2027):
        for month in range(1, 13):
            date = f"{year}{month:02d}01"
            site.publish(date, {f"discogs_{date}_{kind}.xml.gz": b"x" for kind in KINDS})
    everything = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*.*"))
    assert len(everything) == 19 * 12 * 5 == 1140
    site.s3_mode = True
    seen: list[str] = []
    marker = ""
    pages = 0
    while True:
        tree, raw = list_bucket(site, f"prefix=data/&marker={marker}")
        pages += 1
        assert tree.tag == f"{S3}ListBucketResult"
        assert tree.findtext(f"{S3}Name") == "discogs-data-dumps"
        assert tree.findtext(f"{S3}Prefix") == "data/"
        assert tree.findtext(f"{S3}MaxKeys") == "1000"
        assert tree.find(f"{S3}NextMarker") is None  # v1 without delimiter omits it
        contents = tree.findall(f"{S3}Contents")
        assert len(contents) <= 1000
        seen += [c.findtext(f"{S3}Key") for c in contents]
        if tree.findtext(f"{S3}IsTruncated") == "false":
            break
        assert tree.findtext(f"{S3}IsTruncated") == "true"
        marker = seen[-1]
    assert pages == 2
    assert seen == everything
    first = tree.find(f"{S3}Contents")
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", first.findtext(f"{S3}LastModified")
    )
    assert first.findtext(f"{S3}StorageClass") == "STANDARD"
    assert re.fullmatch(r'"[0-9a-f]{32}"', first.findtext(f"{S3}ETag"))
    assert b"<ETag>&quot;" in raw  # escaped on the wire, as S3 sends it
    # v2 continuation tokens walk the same keys
    tree, _ = list_bucket(site, "list-type=2&prefix=data/")
    token = tree.findtext(f"{S3}NextContinuationToken")
    assert tree.findtext(f"{S3}KeyCount") == "1000" and token
    tree, _ = list_bucket(site, f"list-type=2&prefix=data/&continuation-token={token}")
    assert tree.findtext(f"{S3}KeyCount") == "140"


def test_s3_delimiter_common_prefixes_and_objects(
    site: FakeDumpSite, august: dict[str, bytes]
) -> None:
    site.publish("20080309", month_files("20080309"))
    site.s3_mode = True
    tree, _ = list_bucket(site, "delimiter=/&prefix=data/")
    prefixes = [p.findtext(f"{S3}Prefix") for p in tree.findall(f"{S3}CommonPrefixes")]
    assert prefixes == ["data/2008/", "data/2026/"]
    assert tree.findall(f"{S3}Contents") == []
    tree, _ = list_bucket(site, "delimiter=/&prefix=data/&max-keys=1")
    assert tree.findtext(f"{S3}IsTruncated") == "true"
    assert tree.findtext(f"{S3}NextMarker") == "data/2008/"
    tree, _ = list_bucket(site, "delimiter=/&prefix=data/&marker=data/2008/")
    assert [p.findtext(f"{S3}Prefix") for p in tree.findall(f"{S3}CommonPrefixes")] == [
        "data/2026/"
    ]
    tree, _ = list_bucket(site, "delimiter=/&prefix=data/2026/")
    assert [c.findtext(f"{S3}Key") for c in tree.findall(f"{S3}Contents")] == sorted(
        f"data/2026/{n}" for n in [*august, "discogs_20260801_CHECKSUM.txt"]
    )
    name = "discogs_20260801_labels.xml.gz"
    status, headers, body = fetch(f"{site.url}data/2026/{name}")
    assert (status, body) == (200, august[name])
    assert headers["Content-Length"] == str(len(body))
    status, _, body = fetch(f"{site.url}data/2026/discogs_20260901_labels.xml.gz")
    assert status == 403 and ET.fromstring(body).findtext("Code") == "AccessDenied"
    site.s3_access_denied = True
    status, _, body = fetch(f"{site.url}?delimiter=/&prefix=data/")
    assert status == 403 and b"<Code>AccessDenied</Code>" in body
