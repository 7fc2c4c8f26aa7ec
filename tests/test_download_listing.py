"""Reading the site's listings and CHECKSUM files: real pages, old formats, hostile names."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from etl.download.client import DownloadSettings, _retry_after
from etl.download.listing import (
    dump_file,
    group_months,
    parse_checksum,
    parse_list_bucket,
    parse_root_page,
    parse_year_page,
)
from etl.errors import DownloadError, SettingsError

SITE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "download-site"


def _sample(relative: str) -> str:
    path = SITE / relative
    if not path.is_file():
        pytest.skip(f"sample {relative} not available")
    return path.read_text(encoding="utf-8")


def test_real_root_page_lists_its_years() -> None:
    assert parse_root_page(_sample("hastefuI__discogsctl/rootPage.html")) == [
        "2008",
        "2025",
        "2026",
    ]


def test_real_year_page_groups_into_months() -> None:
    files = parse_year_page(_sample("hastefuI__discogsctl/yearPage-2026.html"))
    months = group_months(files)
    # the page lists 20260901 (artists, releases, CHECKSUM) and 20261001 (all five)
    assert [m.dump_date for m in months] == ["20261001", "20260901"]
    assert months[0].complete and not months[1].complete
    assert months[0].files["releases"].key == "data/2026/discogs_20261001_releases.xml.gz"
    assert months[0].files["CHECKSUM"].modified == "2026-10-01 19:36:11"


def test_real_checksum_file() -> None:
    sums = parse_checksum(_sample("checksum/discogs_20260801_CHECKSUM.txt"), "20260801")
    assert list(sums) == [  # upload order, as published
        "discogs_20260801_labels.xml.gz",
        "discogs_20260801_masters.xml.gz",
        "discogs_20260801_releases.xml.gz",
        "discogs_20260801_artists.xml.gz",
    ]
    assert sums["discogs_20260801_labels.xml.gz"] == (
        "f0884a52b025d3a1e001543c32097ca8c9f3021162752c36e176978ab87ae453"
    )


def test_real_list_bucket_result_of_2022() -> None:
    files, truncated, last = parse_list_bucket(
        _sample("dsub-io__go-open-discogs-batch/discogs-data-dumps_ListBucketResult_2022-11.xml")
    )
    assert not truncated and last == "data/2022/discogs_20221101_releases.xml.gz"
    months = {m.dump_date: m for m in group_months(files)}
    assert months["20221101"].complete
    assert "20220701" not in months  # no dump that month
    assert sorted(months["20210701"].files) == ["releases"]  # releases only, no CHECKSUM
    assert not months["20131001"].complete  # an empty CHECKSUM and nothing else


@pytest.mark.parametrize(
    "key",
    [
        "data/2026/../../etc/passwd",
        "../../etc/passwd",
        "data/2026/discogs_20261301_releases.xml.gz",  # month 13
        "data/2026/discogs_20260230_releases.xml.gz",  # 30 February
        "data/2025/discogs_20260101_labels.xml.gz",  # wrong year folder
        "data/2026/discogs_20260101_releases.xml.gz.exe",
        "data/2026/discogs_20260101_releases.txt",
        "data/2026/discogs_20260101_CHECKSUM.xml.gz",
        "https://evil.example/data/2026/discogs_20260101_releases.xml.gz",
        "data/2026/sub/discogs_20260101_releases.xml.gz",
    ],
)
def test_hostile_or_foreign_keys_are_not_dump_files(key: str) -> None:
    assert dump_file(key) is None


def test_year_page_ignores_hostile_rows() -> None:
    row = "2026-01-01 00:00:00             1 B            "
    page = "\n".join(
        [
            row + '<a href="?download=..%2F..%2Fetc%2Fpasswd">p</a>',
            row + '<a href="https://evil.example/x.xml.gz">x</a>',
            row + '<a href="?download=data%2F2026%2Fdiscogs_20260101_labels.xml.gz">x</a>',
        ]
    )
    assert [f.key for f in parse_year_page(page)] == ["data/2026/discogs_20260101_labels.xml.gz"]


@pytest.mark.parametrize(
    "line",
    [
        "ab" * 32 + " discogs_20260101_labels.xml.gz",  # one space (2019-05 on)
        "ab" * 32 + "  discogs_20260101_labels.xml.gz",  # two spaces (sha256sum style)
        "AB" * 32 + " *discogs_20260101_labels.xml.gz",  # binary marker, upper-case hex
        "ab" * 32 + " data/2026/discogs_20260101_labels.xml.gz",  # a path prefix
    ],
)
def test_checksum_line_variants(line: str) -> None:
    assert parse_checksum(line + "\n", "20260101") == {"discogs_20260101_labels.xml.gz": "ab" * 32}


@pytest.mark.parametrize(
    "text",
    [
        "<html><body>Checking your browser</body></html>",
        "ab" * 32 + " discogs_20260101_labels.xml.gz extra\n",
        "abc discogs_20260101_labels.xml.gz\n",
        "ab" * 32 + " discogs_20251201_labels.xml.gz\n",  # another month's file
        "ab" * 32 + " ../../etc/passwd\n",
    ],
)
def test_checksum_refuses_what_it_cannot_read(text: str) -> None:
    with pytest.raises(DownloadError):
        parse_checksum(text, "20260101")


def test_empty_checksum_names_nothing() -> None:
    assert parse_checksum("", "20131001") == {}


def test_retry_after_seconds_date_and_default() -> None:
    now = datetime(2026, 8, 1, 12, tzinfo=UTC).timestamp()
    assert _retry_after("3574", now) == 3574
    assert _retry_after(format_datetime(datetime(2026, 8, 1, 12, 30, tzinfo=UTC)), now) == 1800
    assert _retry_after(None, now) == 3600
    assert _retry_after("soon", now) == 3600


def test_download_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCOGS_DUMPS_URL", "http://127.0.0.1:9/")
    monkeypatch.setenv("DISCOGS_REQUEST_INTERVAL", "0.5")
    settings = DownloadSettings.resolve()
    assert (settings.source_url, settings.interval) == ("http://127.0.0.1:9/", 0.5)
    assert DownloadSettings.resolve("https://example.org/").source_url == "https://example.org/"
    monkeypatch.setenv("DISCOGS_REQUEST_INTERVAL", "fast")
    with pytest.raises(SettingsError, match="DISCOGS_REQUEST_INTERVAL"):
        DownloadSettings.resolve()
    with pytest.raises(SettingsError, match="not http"):
        DownloadSettings.resolve("ftp://example.org/")
