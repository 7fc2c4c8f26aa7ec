"""Edge cases on small hand-made dumps (tests/data) and on XML generated here.

The fixtures are invented records written in the real formats of each era (see
docs/dump-format.md); every expected value below is read off the fixture text.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from conftest import (
    TABLES,
    TEST_DATA,
    actual_keys,
    expected_keys,
    expected_rows,
    project,
    read_quarantine,
    read_report,
    read_table,
    rows_by,
)

from etl.errors import EtlError
from etl.parse import ParseStats, parse_file
from etl.parse import stream as stream_module
from etl.schemas import TABLES_BY_DUMP

DATE = "20200101"
CREDIT = ("artist_id", "name", "anv", "join", "role", "tracks")
TRACK = (
    "track_idx",
    "parent_track_idx",
    "position",
    "title",
    "duration",
    "duration_seconds",
    "track_type",
)


def parse(path: Path, data_dir: Path, workers: int = 1, date: str | None = DATE) -> ParseStats:
    return parse_file(path, data_dir, dump_date=date, workers=workers)


def rows(data_dir: Path, table: str, date: str = DATE) -> list[dict[str, Any]]:
    return read_table(data_dir, date, table)


def of(data_dir: Path, table: str, parent_id: int, date: str = DATE) -> list[dict[str, Any]]:
    """One parent's rows of a child table, in idx (or track_idx, idx) order."""
    parent = TABLES_BY_DUMP[_kind_of(table)][table].names[0]
    mine = [r for r in rows(data_dir, table, date) if r[parent] == parent_id]
    return sorted(mine, key=lambda r: (r.get("track_idx", 0), r.get("idx", 0)))


def _kind_of(table: str) -> str:
    return next(kind for kind, tables in TABLES.items() if table in tables)


def pick(row: dict[str, Any], *columns: str) -> tuple[Any, ...]:
    return tuple(row[c] for c in columns)


def assert_matches_xml(path: Path, data_dir: Path, date: str = DATE) -> None:
    """Every table's keys and copied values equal what ElementTree finds in the same file."""
    _, expected = expected_keys(path)
    values = expected_rows(path)
    for table, keys in expected.items():
        got = rows(data_dir, table, date)
        assert actual_keys(got, table) == keys, table
        if values[table]:
            want = values[table]
            assert project(got, want, table) == project(want, want, table), table


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def release_xml(
    rid: int,
    body: str = "",
    attrs: str = 'status="Accepted"',
    title: str = "T",
) -> str:
    """A small 2020-style release; body is spliced in after <title>."""
    return (
        f'<release id="{rid}" {attrs}><artists><artist><id>1</id><name>A</name></artist>'
        f'</artists><title>{title}</title>{body}<formats><format name="CD" qty="1" '
        f'text=""/></formats><genres><genre>Rock</genre></genres>'
        f"<data_quality>Correct</data_quality><tracklist><track><position>1</position>"
        f"<title>Song</title><duration>3:00</duration></track></tracklist></release>"
    )


def releases_file(*records: str) -> str:
    return "<releases>\n" + "\n".join(records) + "\n</releases>\n"


# --------------------------------------------------------------------------------------------
# file shapes


def test_rootless_pre_2014_artists(tmp_path: Path) -> None:
    path = TEST_DATA / "rootless_artists.xml"
    stats = parse(path, tmp_path)
    assert (stats.dump_type, stats.records, stats.quarantined) == ("artist", 3, 0)
    assert_matches_xml(path, tmp_path)
    artists = rows_by(rows(tmp_path, "artists"), "artist_id")
    assert pick(artists[900001], "name", "realname", "profile", "data_quality") == (
        "The Rootless Quartet",
        None,
        "Formed in 2009 & still touring.",
        "Needs Vote",
    )
    assert pick(artists[900002], "realname", "profile") == ("Ann Q. Example", None)
    members = of(tmp_path, "artist_members", 900001)
    assert [pick(m, "idx", "member_id", "name") for m in members] == [
        (0, None, "Ann Example"),
        (1, None, "Bob Example"),
    ]
    images = of(tmp_path, "artist_images", 900001)
    assert [pick(i, "type", "uri", "uri150", "width", "height") for i in images] == [
        (
            "primary",
            "http://api.discogs.com/images/A-900001-1.jpeg",
            "http://api.discogs.com/images/A-150-900001-1.jpeg",
            120,
            100,
        ),
    ]
    assert of(tmp_path, "artist_images", 900002) == []
    assert [n["name"] for n in of(tmp_path, "artist_namevariations", 900001)] == [
        "Rootless 4",
        "Rootless Quartet, The",
    ]
    groups = of(tmp_path, "artist_groups", 900003)
    assert [pick(g, "group_id", "name") for g in groups] == [(None, "The Rootless Quartet")]


def test_rootless_labels_gzipped(tmp_path: Path) -> None:
    """Rootless and gzip at once; nested <label>s must not become records."""
    path = write(
        tmp_path,
        "old_labels.xml.gz",
        gzip.compress((TEST_DATA / "rootless_labels.xml").read_bytes()),
    )
    data_dir = tmp_path / "data"
    stats = parse(path, data_dir)
    assert (stats.dump_type, stats.records, stats.quarantined) == ("label", 2, 0)
    assert_matches_xml(path, data_dir)
    labels = rows_by(rows(data_dir, "labels"), "label_id")
    assert labels.keys() == {930001, 930002}
    assert labels[930001]["contactinfo"] == "PO Box 1\nAnytown"
    assert pick(labels[930002], "parent_label_id", "parent_label_name") == (
        None,
        "Rootless Records",
    )
    subs = of(data_dir, "label_sublabels", 930001)
    assert [pick(s, "idx", "sublabel_id", "name") for s in subs] == [
        (0, None, "Rootless Dubs"),
        (1, None, "Rootless Digital"),
    ]


def test_compression_is_detected_by_content_not_name(tmp_path: Path) -> None:
    source = (TEST_DATA / "masters.xml").read_bytes()
    gz_named_xml = write(tmp_path, "masters_a.xml", gzip.compress(source))
    xml_named_gz = write(tmp_path, "masters_b.xml.gz", source)
    for path in (gz_named_xml, xml_named_gz):
        data_dir = tmp_path / path.stem
        stats = parse(path, data_dir)
        assert (stats.dump_type, stats.records, stats.quarantined) == ("master", 2, 0)
        assert sorted(r["master_id"] for r in rows(data_dir, "masters")) == [990001, 990002]


def test_dump_type_comes_from_the_xml_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "discogs_20210304_releases.xml"
    shutil.copy(TEST_DATA / "members_artists.xml", path)
    stats = parse_file(path, tmp_path / "data")
    assert stats.dump_type == "artist"
    assert stats.dump_date == "20210304"
    out = tmp_path / "data" / "parquet" / "20210304"
    assert (out / "artists").is_dir()
    assert not (out / "releases").exists()
    assert (out / "reports" / "artist.json").is_file()


def test_dump_date_conflict_between_name_and_argument_is_refused(tmp_path: Path) -> None:
    """The date comes from discogs_YYYYMMDD_ in the name or from the argument; when both are
    given they must agree, so a file is never published under the wrong month."""
    path = tmp_path / "discogs_20210304_artists.xml"
    shutil.copy(TEST_DATA / "members_artists.xml", path)
    assert parse_file(path, tmp_path / "same", dump_date="20210304").dump_date == "20210304"
    with pytest.raises(EtlError) as caught:
        parse_file(path, tmp_path / "data", dump_date="20220101")
    message = str(caught.value)
    assert "\n" not in message and path.name in message
    assert "20210304" in message and "20220101" in message
    assert not (tmp_path / "data" / "parquet" / "20220101").exists()
    assert not (tmp_path / "data" / "parquet" / "20210304").exists()


@pytest.mark.parametrize("body", ["<masters>\n</masters>\n", "<masters/>\n"])
def test_dump_without_records(tmp_path: Path, body: str) -> None:
    stats = parse(write(tmp_path, "empty_masters.xml", body), tmp_path / "data")
    assert (stats.dump_type, stats.records, stats.quarantined) == ("master", 0, 0)
    for table, schema in TABLES_BY_DUMP["master"].items():
        parsed = pq.read_table(tmp_path / "data" / "parquet" / DATE / table)
        assert parsed.num_rows == 0
        assert parsed.schema.names == schema.names


def test_two_dump_types_share_one_date(tmp_path: Path) -> None:
    parse(TEST_DATA / "release_2019_style.xml", tmp_path)
    parse(TEST_DATA / "masters.xml", tmp_path)
    assert len(rows(tmp_path, "releases")) == 2
    assert len(rows(tmp_path, "masters")) == 2
    assert read_report(tmp_path, DATE, "release")["records"] == 2
    assert read_report(tmp_path, DATE, "master")["records"] == 2


# --------------------------------------------------------------------------------------------
# control characters


def test_control_characters_are_stripped_and_counted(tmp_path: Path) -> None:
    record = (
        b'<release id="7" status="Accepted"><artists><artist><id>1</id><name>Bell\x07 Ringer'
        b"</name></artist></artists><title>Control\x01\x02 Title</title><labels>"
        b'<label name="Esc\x1bape" catno="C1" id="5"/></labels><formats><format name="CD" '
        b'qty="1" text=""/></formats><genres><genre>Rock</genre></genres>'
        b"<notes>keep\ttab\nand newline\x0b\x0c\x1f\x00</notes><data_quality>Correct"
        b"</data_quality><tracklist/></release>"
    )
    path = write(tmp_path, "ctl.xml", b"<releases>\n" + record + b"\n</releases>\n")
    stats = parse(path, tmp_path / "data")
    assert (stats.records, stats.quarantined) == (1, 0)
    assert read_report(tmp_path / "data", DATE, "release")["control_chars_removed"] == 8
    release = rows(tmp_path / "data", "releases")[0]
    assert release["title"] == "Control Title"
    assert release["notes"] == "keep\ttab\nand newline"
    assert rows(tmp_path / "data", "release_artists")[0]["name"] == "Bell Ringer"
    assert rows(tmp_path / "data", "release_labels")[0]["name"] == "Escape"


# --------------------------------------------------------------------------------------------
# releases of two eras


def test_release_2019_style_values(tmp_path: Path) -> None:
    path = TEST_DATA / "release_2019_style.xml"
    stats = parse(path, tmp_path)
    assert (stats.records, stats.quarantined, stats.unknown) == (2, 0, {})
    assert_matches_xml(path, tmp_path)
    releases = rows_by(rows(tmp_path, "releases"), "release_id")
    first = releases[940001]
    assert pick(first, "status", "title", "country", "released", "notes", "data_quality") == (
        "Accepted",
        "  Spaced Title ",
        "UK & Europe",
        "1999-03-00",
        "Line one\r\nLine two  ",
        "Needs Vote",
    )
    assert pick(first, "released_year", "released_month", "released_day") == (1999, 3, None)
    assert pick(first, "master_id", "is_main_release", "genres", "styles") == (
        970001,
        True,
        ["Electronic", "Folk, World, & Country"],
        ["Ambient"],
    )
    second = releases[940002]
    assert pick(second, "country", "notes", "master_id", "is_main_release", "styles") == (
        None,
        None,
        None,
        None,
        [],
    )
    assert [pick(r, *CREDIT) for r in of(tmp_path, "release_artists", 940001)] == [
        (950001, "Example Artist", None, "&", None, None),
        (None, "Unlinked Friend", "U. Friend", None, None, None),
    ]
    assert [pick(r, *CREDIT) for r in of(tmp_path, "release_extraartists", 940001)] == [
        (950002, "Producer Person", None, None, "Producer", "A1 to A2"),
        (None, "Unlinked Engineer", None, None, "Engineer", None),
    ]
    assert of(tmp_path, "release_extraartists", 940002) == []
    labels = of(tmp_path, "release_labels", 940001)
    assert [pick(r, "label_id", "name", "catno") for r in labels] == [
        (960001, "Example Label", "EX 001"),
        (None, "Label Without Id", "none"),
    ]
    formats = of(tmp_path, "release_formats", 940001)
    assert [pick(r, "idx", "name", "qty", "text", "descriptions") for r in formats] == [
        (0, "Vinyl", 2, "Gatefold", ["LP", "Album"]),
        (1, "CD", 1, None, []),
    ]
    images = of(tmp_path, "release_images", 940001)
    assert [pick(r, "type", "uri", "uri150", "width", "height") for r in images] == [
        ("primary", None, None, 600, 600),
        ("secondary", None, None, 310, 300),
    ]
    assert [pick(t, *TRACK) for t in of(tmp_path, "release_tracks", 940001)] == [
        (0, None, None, "Side A", None, None, "heading"),
        (1, None, "A1", "First Song", "4:45", 285, "track"),
        (2, None, "A2", "Long Piece", "148:00", 8880, "track"),
        (3, None, None, "Suite", "1:02:08", 3728, "index"),
        (4, 3, "B1a", "Movement I", "abc", None, "track"),
        (5, 3, "B1b", "Movement II", None, None, "track"),
        (6, None, "B2", "\tTabbed Title", "0:30", 30, "track"),
        (7, None, None, "Hidden Track", "3:00", 180, "track"),
    ]
    track_artists = of(tmp_path, "release_track_artists", 940001)
    assert [pick(r, "track_idx", "idx", *CREDIT) for r in track_artists] == [
        (1, 0, 950003, "Guest Singer", None, None, None, None),
        (5, 0, 950004, "Soloist", None, None, None, None),
    ]
    track_extra = of(tmp_path, "release_track_extraartists", 940001)
    assert [pick(r, "track_idx", "idx", *CREDIT) for r in track_extra] == [
        (2, 0, None, "Unlinked Remixer", None, None, "Remix", None),
        (2, 1, 950002, "Producer Person", "P. Person", None, "Mixed By", None),
    ]
    identifiers = of(tmp_path, "release_identifiers", 940001)
    assert [pick(r, "type", "description", "value") for r in identifiers] == [
        ("Matrix / Runout", "Side A", "EX-001-A"),
        ("Barcode", None, "0 12345 67890 1"),
    ]
    videos = of(tmp_path, "release_videos", 940001)
    assert [pick(r, "src", "duration", "embed", "title", "description") for r in videos] == [
        ("https://www.youtube.com/watch?v=abc123", 245, True, "Example Video", None),
    ]
    companies = of(tmp_path, "release_companies", 940001)
    assert [
        pick(r, "company_id", "name", "catno", "entity_type", "entity_type_name", "resource_url")
        for r in companies
    ] == [
        (
            960002,
            "Example Pressing Plant",
            None,
            17,
            "Pressed By",
            "https://api.discogs.com/labels/960002",
        ),
    ]
    assert of(tmp_path, "release_series", 940001) == []


def test_release_2026_style_values(tmp_path: Path) -> None:
    """No status, no images, series, credits without <id>, master_id 0, empties omitted."""
    path = TEST_DATA / "releases_2026_style.xml"
    stats = parse(path, tmp_path)
    assert (stats.records, stats.quarantined, stats.unknown) == (2, 0, {})
    assert_matches_xml(path, tmp_path)
    releases = rows_by(rows(tmp_path, "releases"), "release_id")
    new = releases[980001]
    assert pick(new, "status", "master_id", "is_main_release", "country", "notes", "styles") == (
        None,
        None,
        False,
        None,
        None,
        [],
    )
    assert pick(new, "released", "released_year", "released_month", "released_day") == (
        "2025-11-07",
        2025,
        11,
        7,
    )
    old = releases[980002]
    assert pick(old, "status", "master_id", "is_main_release", "country", "released_year") == (
        "Accepted",
        970002,
        True,
        "Germany",
        2024,
    )
    assert rows(tmp_path, "release_images") == []
    schema = pq.read_table(tmp_path / "parquet" / DATE / "release_images").schema
    assert schema.names == TABLES_BY_DUMP["release"]["release_images"].names
    series = of(tmp_path, "release_series", 980001)
    assert [pick(s, "idx", "series_id", "name", "catno") for s in series] == [
        (0, 985001, "Example Series", None),
        (1, 985002, "Second Series", "Vol. 2"),
    ]
    assert [pick(r, *CREDIT) for r in of(tmp_path, "release_extraartists", 980001)] == [
        (None, "Credit Without Id", None, None, "Liner Notes", None),
        (950002, "Producer Person", None, None, "Producer", None),
    ]
    formats = of(tmp_path, "release_formats", 980001) + of(tmp_path, "release_formats", 980002)
    assert [pick(f, "name", "qty", "text", "descriptions") for f in formats] == [
        ("File", 1, None, ["FLAC"]),
        ("Vinyl", 1, "Clear", []),
    ]
    assert [pick(t, *TRACK) for t in of(tmp_path, "release_tracks", 980001)] == [
        (0, None, "1", "Opener", "5:01", 301, "track"),
        (1, None, "2", "Closer", None, None, "track"),
    ]
    track_artists = of(tmp_path, "release_track_artists", 980001)
    assert [pick(r, "track_idx", "idx", "artist_id", "name") for r in track_artists] == [
        (0, 0, None, "Unlinked Track Artist"),
    ]
    identifiers = of(tmp_path, "release_identifiers", 980001)
    assert [pick(r, "type", "description", "value") for r in identifiers] == [
        ("Barcode", None, "5012345678900"),
    ]
    videos = of(tmp_path, "release_videos", 980001)
    assert [pick(r, "src", "duration", "embed", "title", "description") for r in videos] == [
        ("https://www.youtube.com/watch?v=new1", 61, True, "Opener (Official)", None),
    ]
    companies = of(tmp_path, "release_companies", 980001)
    assert [pick(r, "company_id", "catno", "entity_type", "resource_url") for r in companies] == [
        (960003, None, 9, None),
    ]


RELEASED_CASES: list[tuple[str | None, tuple[int | None, int | None, int | None]]] = [
    ("1999", (1999, None, None)),
    ("1999-03-00", (1999, 3, None)),
    ("1999-00-00", (1999, None, None)),
    ("1997-03-24", (1997, 3, 24)),
    ("1999-13-01", (1999, None, None)),
    ("1999-00-15", (1999, None, None)),
    ("2001-02-30", (2001, 2, None)),
    ("1999-04-31", (1999, 4, None)),
    ("2000-02-29", (2000, 2, 29)),
    ("1999-02-29", (1999, 2, None)),
    ("Unknown", (None, None, None)),
    ("199X", (None, None, None)),
    ("", (None, None, None)),
    (None, (None, None, None)),
]


def test_released_is_parsed_leniently(tmp_path: Path) -> None:
    records = []
    for rid, (raw, _) in enumerate(RELEASED_CASES, start=1):
        body = "" if raw is None else f"<released>{raw}</released>"
        records.append(release_xml(rid, body))
    stats = parse(write(tmp_path, "dates.xml", releases_file(*records)), tmp_path / "data")
    assert (stats.records, stats.quarantined) == (len(RELEASED_CASES), 0)
    releases = rows_by(rows(tmp_path / "data", "releases"), "release_id")
    got = {
        raw: (
            releases[rid]["released"],
            pick(releases[rid], "released_year", "released_month", "released_day"),
        )
        for rid, (raw, _) in enumerate(RELEASED_CASES, start=1)
    }
    expected = {raw: (raw or None, parts) for raw, parts in RELEASED_CASES}
    assert got == expected


DURATION_CASES: list[tuple[str | None, int | None]] = [
    ("4:45", 285),
    ("148:00", 8880),
    ("1:02:08", 3728),
    ("5:00:08", 18008),
    ("0:30", 30),
    ("", None),
    (None, None),
    ("abc", None),
    ("?:??", None),
]


def test_durations_and_track_types(tmp_path: Path) -> None:
    tracks = []
    for n, (raw, _) in enumerate(DURATION_CASES):
        duration = "" if raw is None else f"<duration>{raw}</duration>"
        tracks.append(f"<track><position>{n + 1}</position><title>T{n}</title>{duration}</track>")
    tracks += [
        # no position, no duration, empty <sub_tracks/>: a heading, not an index
        "<track><title>Heading With Empty Sub Tracks</title><sub_tracks/></track>",
        # position but an empty <sub_tracks/>: a plain track
        "<track><position>X</position><title>Track With Empty Sub Tracks</title><sub_tracks/>"
        "</track>",
        # an index track without duration or position
        "<track><position></position><title>Index</title><duration></duration><sub_tracks>"
        "<track><position>Y1</position><title>Sub</title><duration>1:00</duration></track>"
        "</sub_tracks></track>",
    ]
    record = (
        '<release id="1" status="Accepted"><title>Durations</title><formats/><genres/>'
        "<data_quality>Correct</data_quality><tracklist>"
        + "".join(tracks)
        + "</tracklist></release>"
    )
    stats = parse(write(tmp_path, "durations.xml", releases_file(record)), tmp_path / "data")
    assert (stats.records, stats.quarantined) == (1, 0)
    got = [pick(t, *TRACK) for t in of(tmp_path / "data", "release_tracks", 1)]
    n = len(DURATION_CASES)
    expected = [
        (i, None, str(i + 1), f"T{i}", raw or None, seconds, "track")
        for i, (raw, seconds) in enumerate(DURATION_CASES)
    ] + [
        (n, None, None, "Heading With Empty Sub Tracks", None, None, "heading"),
        (n + 1, None, "X", "Track With Empty Sub Tracks", None, None, "track"),
        (n + 2, None, None, "Index", None, None, "index"),
        (n + 3, n + 2, "Y1", "Sub", "1:00", 60, "track"),
    ]
    assert got == expected


def test_duration_with_four_parts_is_null(tmp_path: Path) -> None:
    """Durations are M:SS or H:MM:SS; "1:02:03:04" is not one and must not become a number."""
    record = release_xml(1).replace("<duration>3:00</duration>", "<duration>1:02:03:04</duration>")
    parse(write(tmp_path, "odd.xml", releases_file(record)), tmp_path / "data")
    track = of(tmp_path / "data", "release_tracks", 1)[0]
    assert pick(track, "duration", "duration_seconds") == ("1:02:03:04", None)


# --------------------------------------------------------------------------------------------
# artists, labels, masters


def test_members_in_three_shapes(tmp_path: Path) -> None:
    path = TEST_DATA / "members_artists.xml"
    stats = parse(path, tmp_path)
    assert (stats.records, stats.quarantined) == (4, 0)
    assert_matches_xml(path, tmp_path)
    members = {
        aid: [pick(m, "idx", "member_id", "name") for m in of(tmp_path, "artist_members", aid)]
        for aid in (910001, 910002, 910003, 910004)
    }
    assert members == {
        910001: [(0, None, "Solo Name"), (1, None, "Other Name")],
        910002: [(0, 11, "Pair One"), (1, 12, "Pair Two")],
        910003: [(0, 21, "Both One"), (1, 22, "Both Two")],
        910004: [(0, 31, "Attr One"), (1, 32, "Attr Two"), (2, 33, "Attr Three")],
    }
    aliases = of(tmp_path, "artist_aliases", 910004)
    assert [pick(a, "alias_id", "name") for a in aliases] == [
        (910002, "Pairs Band"),
        (None, "Alias Without Id"),
    ]
    groups = of(tmp_path, "artist_groups", 910003)
    assert [pick(g, "group_id", "name") for g in groups] == [(910004, "Attr Band")]


def test_member_id_without_a_name(tmp_path: Path) -> None:
    """An <id> with no <name> after it is still a member (NULL name), not dropped."""
    stats = parse(TEST_DATA / "orphan_member_artists.xml", tmp_path)
    assert (stats.records, stats.quarantined) == (1, 0)
    members = of(tmp_path, "artist_members", 910005)
    assert [pick(m, "idx", "member_id", "name") for m in members] == [
        (0, 41, "Has Id"),
        (1, 42, None),
    ]


def test_nested_sublabels_are_not_records(tmp_path: Path) -> None:
    path = TEST_DATA / "nested_labels.xml"
    stats = parse(path, tmp_path)
    assert (stats.dump_type, stats.records, stats.quarantined) == ("label", 4, 0)
    assert_matches_xml(path, tmp_path)
    labels = rows_by(rows(tmp_path, "labels"), "label_id")
    assert labels.keys() == {920001, 920002, 920003, 212}
    assert labels[920001]["profile"] == "Line one\nline two with a <label> in text"
    assert pick(labels[920001], "parent_label_id", "parent_label_name") == (None, None)
    assert pick(labels[920002], "parent_label_id", "parent_label_name") == (920001, "Parent One")
    # label 212 "DO NOT USE" has no <name>; <parentLabel id="920001"/> has no text
    assert pick(labels[212], "name", "parent_label_id", "parent_label_name", "data_quality") == (
        None,
        920001,
        None,
        "Needs Major Changes",
    )
    subs = {
        lid: [pick(s, "idx", "sublabel_id", "name") for s in of(tmp_path, "label_sublabels", lid)]
        for lid in labels
    }
    assert subs == {
        920001: [(0, 920002, "Child Two"), (1, 920003, "Child Three")],
        920002: [],
        920003: [(0, None, "Old Style Grandchild"), (1, None, None)],
        212: [],
    }
    urls = of(tmp_path, "label_urls", 920001)
    assert [pick(u, "idx", "url") for u in urls] == [
        (0, "http://example.org/one"),
        (1, " http://example.org/spaced "),
    ]
    assert of(tmp_path, "label_urls", 920002) == []


def test_masters_values(tmp_path: Path) -> None:
    path = TEST_DATA / "masters.xml"
    stats = parse(path, tmp_path)
    assert (stats.records, stats.quarantined) == (2, 0)
    assert_matches_xml(path, tmp_path)
    masters = rows_by(rows(tmp_path, "masters"), "master_id")
    columns = ("main_release_id", "title", "year", "notes", "data_quality", "genres", "styles")
    assert pick(masters[990001], *columns) == (
        940001,
        "Example Master",
        None,
        "Master notes.",
        "Correct",
        ["Electronic"],
        ["Ambient"],
    )
    assert pick(masters[990002], *columns) == (
        940002,
        "Second Master",
        1987,
        None,
        "Correct",
        ["Rock"],
        [],
    )
    assert [pick(a, *CREDIT) for a in of(tmp_path, "master_artists", 990001)] == [
        (950001, "Example Artist", None, ",", None, None),
        (None, "Unlinked Friend", None, None, None, None),
    ]
    videos = of(tmp_path, "master_videos", 990001)
    assert [pick(v, "src", "duration", "embed", "title", "description") for v in videos] == [
        ("https://www.youtube.com/watch?v=zero", 0, False, "Zero Length", "  "),
    ]
    assert len(of(tmp_path, "master_images", 990001)) == 1
    assert of(tmp_path, "master_images", 990002) == []


# --------------------------------------------------------------------------------------------
# serialisation variants and record_hash

_START_TAG = re.compile(rb'<([A-Za-z_]\w*)((?:\s+\w+="[^"]*")+)\s*(/?)>')


def reverse_attributes(xml: bytes) -> bytes:
    def swap(match: re.Match[bytes]) -> bytes:
        attrs = re.findall(rb'\w+="[^"]*"', match.group(2))
        return (
            b"<"
            + match.group(1)
            + b"".join(b" " + a for a in reversed(attrs))
            + (match.group(3) + b">")
        )

    return _START_TAG.sub(swap, xml)


def self_close_empties(xml: bytes) -> bytes:
    return re.sub(rb"<(\w+)></\1>", rb"<\1/>", xml)


def spaced_self_close_empties(xml: bytes) -> bytes:
    return re.sub(rb"<(\w+)></\1>", rb"<\1 />", xml)


#: optional scalars and containers that 2025+ dumps omit when empty (list items such as
#: <url>, <name> or sublabel <label> are rows, so they are never dropped)
_OMITTABLE = (
    b"anv|join|role|tracks|position|duration|country|released|notes|profile|realname|"
    b"contactinfo|catno|description|extraartists|identifiers|companies|images|urls|sublabels|"
    b"sub_tracks|series|videos|styles|artists"
)
_EMPTY = re.compile(rb"<(" + _OMITTABLE + rb")></\1>|<(?:" + _OMITTABLE + rb") ?/>")


def drop_empties(xml: bytes) -> bytes:
    while True:
        shorter = _EMPTY.sub(b"", xml)
        if shorter == xml:
            return xml
        xml = shorter


VARIANTS = {
    "attributes_reversed": reverse_attributes,
    "empty_self_closed": self_close_empties,
    "empty_self_closed_with_space": spaced_self_close_empties,
    "empty_omitted": drop_empties,
    "all_at_once": lambda xml: drop_empties(reverse_attributes(xml)),
}


def _all_rows(data_dir: Path) -> dict[str, list[str]]:
    return {t: sorted(map(repr, rows(data_dir, t))) for t in TABLES["release"]}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_serialisation_does_not_change_rows_or_hash(tmp_path: Path, variant: str) -> None:
    canonical = (TEST_DATA / "release_2019_style.xml").read_bytes()
    changed = VARIANTS[variant](canonical)
    assert changed != canonical
    parse(TEST_DATA / "release_2019_style.xml", tmp_path / "a")
    stats = parse(write(tmp_path, "variant.xml", changed), tmp_path / "b")
    assert (stats.records, stats.quarantined) == (2, 0)
    assert _all_rows(tmp_path / "a") == _all_rows(tmp_path / "b")


def _hashes(data_dir: Path, table: str, key: str) -> dict[int, int]:
    return {r[key]: r["record_hash"] for r in rows(data_dir, table)}


def test_record_hash_is_deterministic_and_per_record(tmp_path: Path) -> None:
    path = TEST_DATA / "release_2019_style.xml"
    parse(path, tmp_path / "a", workers=1)
    parse(path, tmp_path / "b", workers=2)
    first = _hashes(tmp_path / "a", "releases", "release_id")
    assert first == _hashes(tmp_path / "b", "releases", "release_id")
    assert all(isinstance(h, int) for h in first.values())
    assert first[940001] != first[940002]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"<title>  Spaced Title </title>", b"<title>  Spaced Title</title>"),
        (b"<title>Movement II</title>", b"<title>Movement 2</title>"),
        (b"<role>Engineer</role>", b"<role>Engineer [Assistant]</role>"),
        (b'width="310"', b'width="311"'),
        (b"<style>Ambient</style>", b"<style>Ambient</style><style>Drone</style>"),
    ],
    ids=["release title", "sub-track title", "credit role", "image width", "extra style"],
)
def test_record_hash_changes_with_content(tmp_path: Path, old: bytes, new: bytes) -> None:
    canonical = (TEST_DATA / "release_2019_style.xml").read_bytes()
    assert canonical.count(old) == 1
    parse(TEST_DATA / "release_2019_style.xml", tmp_path / "a")
    parse(write(tmp_path, "changed.xml", canonical.replace(old, new)), tmp_path / "b")
    before = _hashes(tmp_path / "a", "releases", "release_id")
    after = _hashes(tmp_path / "b", "releases", "release_id")
    assert after[940001] != before[940001]
    assert after[940002] == before[940002]


@pytest.mark.parametrize(
    ("fixture", "table", "key"),
    [
        ("members_artists.xml", "artists", "artist_id"),
        ("nested_labels.xml", "labels", "label_id"),
        ("masters.xml", "masters", "master_id"),
    ],
)
def test_record_hash_on_every_top_level_table(
    tmp_path: Path,
    fixture: str,
    table: str,
    key: str,
) -> None:
    parse(TEST_DATA / fixture, tmp_path / "a")
    hashes = _hashes(tmp_path / "a", table, key)
    assert all(isinstance(h, int) for h in hashes.values())
    assert len(set(hashes.values())) == len(hashes)
    variant = drop_empties(reverse_attributes((TEST_DATA / fixture).read_bytes()))
    parse(write(tmp_path, fixture, variant), tmp_path / "b")
    assert _hashes(tmp_path / "b", table, key) == hashes


# --------------------------------------------------------------------------------------------
# size and chunking


def test_one_big_record(tmp_path: Path) -> None:
    n = 6_001
    tracks = "".join(
        f"<track><position>{i + 1}</position><title>Box set track number {i + 1}</title>"
        f"<duration>{i % 60}:{i % 59:02d}</duration></track>"
        for i in range(n)
    )
    record = (
        '<release id="533631" status="Accepted"><title>Huge Box</title><formats/><genres/>'
        f"<data_quality>Correct</data_quality><tracklist>{tracks}</tracklist></release>"
    )
    content = releases_file(release_xml(1), record, release_xml(2))
    assert len(content.encode()) > 300_000
    stats = parse(write(tmp_path, "big.xml", content), tmp_path / "data", workers=2)
    assert (stats.records, stats.quarantined) == (3, 0)
    assert stats.rows["release_tracks"] == n + 2
    tracks_out = of(tmp_path / "data", "release_tracks", 533631)
    assert [t["track_idx"] for t in tracks_out] == list(range(n))
    last = tracks_out[-1]
    assert pick(last, "position", "title", "duration", "duration_seconds") == (
        "6001",
        "Box set track number 6001",
        "0:41",
        41,
    )


def _label_record(i: int) -> str:
    return (
        f"<label><id>{i}</id><name>Label {i}</name><profile>Profile of label {i}\n"
        f"second line &amp; more text to make the record a realistic size, "
        f"{'padding ' * 30}</profile><data_quality>Correct</data_quality>"
        f"<urls><url>http://example.org/{i}</url></urls><sublabels>"
        f'<label id="{i + 1_000_000}">Sub A of {i}</label>'
        f'<label id="{i + 2_000_000}">Sub B of {i}</label></sublabels></label>'
    )


def test_many_records_split_into_chunks(tmp_path: Path) -> None:
    """~14 MB of labels (nested <label>s, multi-line text) across several chunks, 2 workers.

    Two bad records sit in the middle of the stream: they are quarantined, nothing else is lost.
    """
    n = 30_000
    malformed, unconvertible = 10_000, 20_000
    records = [_label_record(i) for i in range(1, n + 1)]
    records[malformed - 1] = records[malformed - 1].replace(
        f"<name>Label {malformed}</name>", f"<name>Label {malformed} & Co</name>"
    )
    records[unconvertible - 1] = records[unconvertible - 1].replace(
        f"<id>{unconvertible}</id>", f"<id>{unconvertible}x</id>"
    )
    content = "<labels>\n" + "\n".join(records) + "\n</labels>\n"
    assert len(content) > 12_000_000
    chunk_bytes = getattr(stream_module, "CHUNK_BYTES", 0)
    assert len(content) > 2 * chunk_bytes, "the file must span several chunks"
    path = write(tmp_path, "many_labels.xml.gz", gzip.compress(content.encode(), compresslevel=1))
    stats = parse(path, tmp_path / "data", workers=2)
    good = n - 2
    assert (stats.records, stats.quarantined) == (good, 2)
    assert stats.rows == {
        "labels": good,
        "label_urls": good,
        "label_sublabels": 2 * good,
        "label_images": 0,
    }
    labels = rows(tmp_path / "data", "labels")
    expected_ids = [i for i in range(1, n + 1) if i not in (malformed, unconvertible)]
    assert sorted(r["label_id"] for r in labels) == expected_ids
    wrong = [
        r["label_id"]
        for r in labels
        if r["name"] != f"Label {r['label_id']}"
        or not r["profile"].startswith(f"Profile of label {r['label_id']}\nsecond line & ")
    ]
    assert wrong == []
    subs = rows(tmp_path / "data", "label_sublabels")
    wrong = [
        s
        for s in subs
        if s["sublabel_id"] != s["label_id"] + (s["idx"] + 1) * 1_000_000
        or s["name"] != f"Sub {'AB'[s['idx']]} of {s['label_id']}"
    ]
    assert wrong == []
    quarantined = read_quarantine(tmp_path / "data", DATE, "label")
    assert sorted(q["id"] or "" for q in quarantined) in (
        ["", f"{unconvertible}x"],
        [str(malformed), f"{unconvertible}x"],
    )
    assert all(q["xml"].count("<label>") == 1 for q in quarantined), "one record per entry"


# --------------------------------------------------------------------------------------------
# schema drift


def test_unknown_elements_are_reported(tmp_path: Path) -> None:
    records = [
        release_xml(1, "<newelement>surprise</newelement>"),
        release_xml(2, "<newelement>again</newelement>"),
    ]
    path = write(tmp_path, "drift.xml", releases_file(*records))
    stats = parse(path, tmp_path / "data")
    assert (stats.records, stats.quarantined) == (2, 0)
    keys = [k for k in stats.unknown if "newelement" in k]
    assert len(keys) == 1, stats.unknown
    assert stats.unknown[keys[0]]["count"] == 2
    assert "surprise" in stats.unknown[keys[0]]["example"]
    assert read_report(tmp_path / "data", DATE, "release")["unknown"] == stats.unknown
    releases = rows_by(rows(tmp_path / "data", "releases"), "release_id")
    assert releases.keys() == {1, 2}
    assert releases[1]["title"] == "T"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('<release id="1" status="Accepted">', '<release id="1" status="Accepted" newattr="x">'),
        ('<format name="CD"', '<format newattr="x" name="CD"'),
        ("<track><position>1", '<track newattr="x"><position>1'),
    ],
    ids=["on the record", "on a format", "on a track"],
)
def test_unknown_attributes_are_reported(tmp_path: Path, old: str, new: str) -> None:
    record = release_xml(1)
    assert record.count(old) == 1
    path = write(tmp_path, "drift.xml", releases_file(record.replace(old, new), release_xml(2)))
    stats = parse(path, tmp_path / "data")
    assert (stats.records, stats.quarantined) == (2, 0)
    keys = [k for k in stats.unknown if "newattr" in k]
    assert len(keys) == 1, stats.unknown
    assert stats.unknown[keys[0]]["count"] == 1
    assert isinstance(stats.unknown[keys[0]]["example"], str)
    assert read_report(tmp_path / "data", DATE, "release")["unknown"] == stats.unknown
    assert len(rows(tmp_path / "data", "releases")) == 2
