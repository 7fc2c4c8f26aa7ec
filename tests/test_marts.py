"""The marts (sql/marts/) on a tiny hand-made month, and their keys on the real samples.

Every expected value below is worked out by hand from the fixture XML in this file (the
reasoning sits next to it), never read back from the views under test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import duckdb
import pytest
from conftest import REPO, SAMPLES

import etl
from etl import warehouse
from etl.parse import parse_file
from etl.schemas import ALL_TABLES

DATE = "20260101"
MARTS_DIR = REPO / "sql" / "marts"
SAMPLE_DIR = SAMPLES / "philipmat__discogs-xml2db"
SAMPLE_DATE = "20200806"
#: the quantity sign of format_summary ("2" TIMES "Vinyl"), as Discogs prints it
TIMES = "\N{MULTIPLICATION SIGN}"

# --------------------------------------------------------------------------------------------
# fixtures: one month in the 2020-era format (unlinked credits as <id>0</id>, empty leaves kept)


def _credit(aid: int, name: str, anv: str = "", join: str = "", role: str = "") -> str:
    name, anv, join, role = (escape(text) for text in (name, anv, join, role))
    return (
        f"<artist><id>{aid}</id><name>{name}</name><anv>{anv}</anv><join>{join}</join>"
        f"<role>{role}</role><tracks></tracks></artist>"
    )


def _track(position: str, title: str, duration: str = "", inner: str = "") -> str:
    return (
        f"<track><position>{position}</position><title>{title}</title>"
        f"<duration>{duration}</duration>{inner}</track>"
    )


def _release(
    rid: int,
    title: str,
    artists: str,
    labels: str,
    formats: str,
    master: str,
    tracks: str,
    extra: str = "",
    country: str = "",
    released: str = "",
) -> str:
    return (
        f'<release id="{rid}" status="Accepted"><artists>{artists}</artists>'
        f"<title>{title}</title><labels>{labels}</labels><extraartists>{extra}</extraartists>"
        f"<formats>{formats}</formats><genres><genre>Electronic</genre></genres>"
        f"<styles><style>House</style><style>Techno</style></styles>"
        + (f"<country>{country}</country>" if country else "")
        + (f"<released>{released}</released>" if released else "")
        + f"<data_quality>Correct</data_quality>{master}<tracklist>{tracks}</tracklist>"
        "<identifiers/><companies/></release>"
    )


RELEASES_XML = "\n".join(
    [
        "<releases>",
        # 1001: four main artists with "," "&" "Feat." joins, an anv and a " (2)" suffix; two
        # labels; two formats; main version of master 501; headings, an index track with
        # sub-tracks; an unlinked extra artist and track credits.
        _release(
            1001,
            "First Release",
            _credit(101, "Alpha", join=",")
            + _credit(102, "Beta (2)", join="&")
            + _credit(103, "Gamma", anv="G. Amma", join="Feat.")
            + _credit(104, "Delta"),
            '<label name="Grandchild Label" catno="GC-001" id="203"/>'
            '<label name="Root Label" catno="RL 9" id="201"/>',
            '<format name="Vinyl" qty="2" text="Gatefold"><descriptions>'
            "<description>LP</description><description>Album</description>"
            '</descriptions></format><format name="CD" qty="1" text="">'
            "<descriptions><description>Album</description></descriptions></format>",
            '<master_id is_main_release="true">501</master_id>',
            _track(
                "A1",
                "Intro",
                "1:00",
                "<artists>" + _credit(104, "Delta") + "</artists>",
            )
            + _track("A2", "Song", "4:00")
            + _track("", "Side B")
            + _track(
                "",
                "Suite",
                "",
                "<sub_tracks>"
                + _track(
                    "B1a",
                    "Part One",
                    "2:00",
                    "<extraartists>"
                    + _credit(0, "Unknown Violinist", role="Violin")
                    + "</extraartists>",
                )
                + _track("B1b", "Part Two", "3:00")
                + "</sub_tracks>",
            ),
            extra=_credit(105, "Producer Person", role="Producer, Mixed By")
            + _credit(0, "Session Player", role="Performer [Guitar, Vocals]"),
            country="UK",
            released="1999-03-00",
        ),
        # 1002 and 1003: two more versions of master 501, neither main
        _release(
            1002,
            "First Release (Remastered)",
            _credit(101, "Alpha"),
            '<label name="Root Label" catno="RL 10" id="201"/>',
            '<format name="CD" qty="1" text=""><descriptions><description>Album</description>'
            "<description>Remastered</description></descriptions></format>",
            '<master_id is_main_release="false">501</master_id>',
            _track("1", "Intro", "1:01"),
            country="US",
            released="2005",
        ),
        _release(
            1003,
            "First Release (Promo)",
            _credit(101, "Alpha"),
            '<label name="Missing Label" catno="none" id="250"/>',
            '<format name="Cassette" qty="1" text=""/>',
            '<master_id is_main_release="false">501</master_id>',
            "",
        ),
        # 1004: empty join between two artists, an unlinked last artist with a trailing join,
        # and a master id that is not in the masters dump
        _release(
            1004,
            "Dangling",
            _credit(103, "Gamma") + _credit(0, "Mystery Guest", join=","),
            '<label name="Root Label" catno="RL 11" id="201"/>',
            '<format name="File" qty="3" text="320 kbps"><descriptions>'
            "<description>MP3</description></descriptions></format>",
            '<master_id is_main_release="false">999</master_id>',
            _track("1", "Only", "3:30"),
        ),
        "</releases>",
    ]
)


def _artist(aid: int, name: str) -> str:
    return (
        f"<artist><id>{aid}</id><name>{name}</name><realname></realname><profile></profile>"
        "<data_quality>Needs Vote</data_quality></artist>"
    )


ARTISTS_XML = "\n".join(
    ["<artists>"]
    + [
        _artist(aid, name)
        for aid, name in (
            (101, "Alpha"),
            (102, "Beta (2)"),
            (103, "Gamma"),
            (104, "Delta"),
            (105, "Producer Person"),
        )
    ]
    + ["</artists>"]
)


def _label(lid: int, name: str, parent: tuple[int, str] | None = None) -> str:
    parent_xml = f'<parentLabel id="{parent[0]}">{parent[1]}</parentLabel>' if parent else ""
    return (
        f"<label><id>{lid}</id><name>{name}</name><data_quality>Correct</data_quality>"
        f"{parent_xml}</label>"
    )


LABELS_XML = "\n".join(
    [
        "<labels>",
        _label(201, "Root Label"),
        _label(202, "Child Label", (201, "Root Label")),
        _label(203, "Grandchild Label", (202, "Child Label")),
        _label(204, "Orphan Label", (299, "Gone Label")),
        _label(205, "Loop A", (206, "Loop B")),
        _label(206, "Loop B", (205, "Loop A")),
        "</labels>",
    ]
)


def _master(mid: int, main_release: int, title: str, year: int) -> str:
    return (
        f'<master id="{mid}"><main_release>{main_release}</main_release>'
        f"<artists>{_credit(101, 'Alpha')}</artists><genres><genre>Electronic</genre></genres>"
        f"<year>{year}</year><title>{title}</title><data_quality>Correct</data_quality></master>"
    )


MASTERS_XML = "\n".join(
    [
        "<masters>",
        _master(501, 1001, "First Master", 1999),
        _master(502, 9999, "Lost Master", 0),  # its main release is not in the dump
        "</masters>",
    ]
)


def _parse_and_build(dumps: dict[str, Path], data_dir: Path, date: str) -> Path:
    for path in dumps.values():
        assert parse_file(path, data_dir, dump_date=date, workers=1).quarantined == 0, path
    assert warehouse.build(data_dir, date).dump_date == date
    return data_dir


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the hand-made month parsed and the warehouse built."""
    data_dir = tmp_path_factory.mktemp("marts")
    dumps = {}
    for name, text in (
        ("releases", RELEASES_XML),
        ("artists", ARTISTS_XML),
        ("labels", LABELS_XML),
        ("masters", MASTERS_XML),
    ):
        dumps[name] = data_dir / f"{name}.xml"
        dumps[name].write_text(text + "\n", encoding="utf-8")
    return _parse_and_build(dumps, data_dir, DATE)


@pytest.fixture(scope="module")
def con(month: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with etl.connect(month) as connection:
        yield connection


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# --------------------------------------------------------------------------------------------
# keys


def mart_keys() -> dict[str, list[str]]:
    """Each mart's key, read from the `-- key: a, b` line its file must start with."""
    keys = {}
    for path in sorted(MARTS_DIR.glob("*.sql")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"-- key: (\w+(?:, \w+)*)", first)
        assert match, f"{path.name} must start with '-- key: <columns>'"
        keys[path.stem] = match.group(1).split(", ")
    return keys


def key_problems(con: duckdb.DuckDBPyConnection, mart: str, key: list[str]) -> tuple[int, int]:
    """(duplicated key values, rows with a NULL key column) of one mart."""
    cols = ", ".join(key)
    (dupes,) = con.execute(
        f"select count(*) from (select {cols} from {mart} group by all having count(*) > 1)"
    ).fetchone()
    (nulls,) = con.execute(
        f"select count(*) from {mart} where {' or '.join(f'{c} is null' for c in key)}"
    ).fetchone()
    return dupes, nulls


def test_the_marts_exist_with_their_keys() -> None:
    assert mart_keys() == {
        "artist_credits": ["release_id", "credit_type", "credit_track_idx", "idx"],
        "api_images": ["entity", "id", "idx"],
        "changes": ["entity", "id"],
        "data_quality": ["check_name"],
        "label_tree": ["label_id"],
        "master_versions": ["master_id", "release_id"],
        "release_community": ["release_id"],
        "release_dates": ["release_id"],
        "release_marketplace": ["release_id"],
        "release_summary": ["release_id"],
    }


@pytest.mark.parametrize("mart", sorted(mart_keys()))
def test_every_mart_key_is_unique_and_not_null(con: duckdb.DuckDBPyConnection, mart: str) -> None:
    (count,) = con.execute(f"select count(*) from {mart}").fetchone()
    # one snapshot only and no enrichment: these are empty here (tested in test_enrich/ingest)
    empty_here = {
        "changes",
        "api_images",
        "release_community",
        "release_dates",
        "release_marketplace",
    }
    assert count > 0 or mart in empty_here
    assert key_problems(con, mart, mart_keys()[mart]) == (0, 0)


# --------------------------------------------------------------------------------------------
# release_summary


def test_release_summary_first_release(con: duckdb.DuckDBPyConnection) -> None:
    (row,) = rows(con, "select * from release_summary where release_id = 1001")
    assert row == {
        "release_id": 1001,
        "title": "First Release",
        # Alpha "," -> ", "; Beta (2) loses its suffix, "&" -> " & "; Gamma shows its anv,
        # "Feat." -> " Feat. "; Delta is last
        "artist_display": "Alpha, Beta & G. Amma Feat. Delta",
        "artist_ids": [101, 102, 103, 104],
        "label_id": 203,
        "label_name": "Grandchild Label",
        "catno": "GC-001",
        "format_summary": f"2{TIMES}Vinyl, LP, Album, Gatefold + CD, Album",
        "country": "UK",
        "released": "1999-03-00",
        "year": 1999,
        "master_id": 501,
        "is_main_release": True,
        "genres": ["Electronic"],
        "styles": ["House", "Techno"],
        "data_quality": "Correct",
        # A1, A2, B1a, B1b; not the heading "Side B" nor the index track "Suite"
        "track_count": 4,
        "status": "Accepted",
        # never enriched from the API
        "have": None,
        "want": None,
        "rating_average": None,
        "rating_count": None,
        "lowest_price": None,
    }


def test_release_summary_joins_formats_and_counts(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        con,
        "select release_id, artist_display, artist_ids, label_id, catno, format_summary, "
        "country, year, master_id, track_count from release_summary order by release_id",
    )
    assert found[1:] == [
        {
            "release_id": 1002,
            "artist_display": "Alpha",
            "artist_ids": [101],
            "label_id": 201,
            "catno": "RL 10",
            "format_summary": "CD, Album, Remastered",
            "country": "US",
            "year": 2005,
            "master_id": 501,
            "track_count": 1,
        },
        {
            "release_id": 1003,
            "artist_display": "Alpha",
            "artist_ids": [101],
            "label_id": 250,
            "catno": "none",
            "format_summary": "Cassette",
            "country": None,
            "year": None,
            "master_id": 501,
            "track_count": 0,  # empty tracklist
        },
        {
            "release_id": 1004,
            # empty join between two artists reads as a comma; the trailing "," is dropped;
            # the unlinked artist keeps its slot in artist_ids
            "artist_display": "Gamma, Mystery Guest",
            "artist_ids": [103, None],
            "label_id": 201,
            "catno": "RL 11",
            "format_summary": f"3{TIMES}File, MP3, 320 kbps",
            "country": None,
            "year": None,
            "master_id": 999,
            "track_count": 1,
        },
    ]


# --------------------------------------------------------------------------------------------
# artist_credits


def test_artist_credits_cover_every_credit_of_a_release(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        con,
        # titles and positions are joined in the documented way, through the credit's keys
        "select c.credit_type, c.credit_track_idx, c.idx, c.track_idx, "
        "t.position as track_position, t.title as track_title, c.artist_id, c.artist_name, "
        "c.display_name, c.role, c.roles, r.title as release_title "
        "from artist_credits as c join releases as r on r.release_id = c.release_id "
        "left join release_tracks as t on t.release_id = c.release_id "
        "and t.track_idx = c.track_idx "
        "where c.release_id = 1001 order by c.credit_type, c.credit_track_idx, c.idx",
    )
    release_level = {"track_idx": None, "track_position": None, "track_title": None}
    main = {"role": None, "roles": [], "release_title": "First Release"}
    assert found == [
        {
            "credit_type": "extra",
            "credit_track_idx": -1,
            "idx": 0,
            **release_level,
            "artist_id": 105,
            "artist_name": "Producer Person",
            "display_name": "Producer Person",
            "role": "Producer, Mixed By",
            "roles": ["Producer", "Mixed By"],
            "release_title": "First Release",
        },
        {
            "credit_type": "extra",
            "credit_track_idx": -1,
            "idx": 1,
            **release_level,
            "artist_id": None,  # <id>0</id>: unlinked
            "artist_name": "Session Player",
            "display_name": "Session Player",
            "role": "Performer [Guitar, Vocals]",
            "roles": ["Performer [Guitar, Vocals]"],  # the comma in brackets does not split
            "release_title": "First Release",
        },
        {
            "credit_type": "main",
            "credit_track_idx": -1,
            "idx": 0,
            **release_level,
            "artist_id": 101,
            "artist_name": "Alpha",
            "display_name": "Alpha",
            **main,
        },
        {
            "credit_type": "main",
            "credit_track_idx": -1,
            "idx": 1,
            **release_level,
            "artist_id": 102,
            "artist_name": "Beta (2)",
            "display_name": "Beta",
            **main,
        },
        {
            "credit_type": "main",
            "credit_track_idx": -1,
            "idx": 2,
            **release_level,
            "artist_id": 103,
            "artist_name": "Gamma",
            "display_name": "G. Amma",
            **main,
        },
        {
            "credit_type": "main",
            "credit_track_idx": -1,
            "idx": 3,
            **release_level,
            "artist_id": 104,
            "artist_name": "Delta",
            "display_name": "Delta",
            **main,
        },
        {
            # track 0 is A1 "Intro"
            "credit_type": "track",
            "credit_track_idx": 0,
            "idx": 0,
            "track_idx": 0,
            "track_position": "A1",
            "track_title": "Intro",
            "artist_id": 104,
            "artist_name": "Delta",
            "display_name": "Delta",
            **main,
        },
        {
            # tracks in document order: 0 A1, 1 A2, 2 heading, 3 index "Suite", 4 B1a, 5 B1b
            "credit_type": "track_extra",
            "credit_track_idx": 4,
            "idx": 0,
            "track_idx": 4,
            "track_position": "B1a",
            "track_title": "Part One",
            "artist_id": None,
            "artist_name": "Unknown Violinist",
            "display_name": "Unknown Violinist",
            "role": "Violin",
            "roles": ["Violin"],
            "release_title": "First Release",
        },
    ]


def test_artist_credits_count_per_type(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        con, "select credit_type, count(*) as n from artist_credits group by all order by 1"
    )
    # main: 4 + 1 + 1 + 2; extra: 2 (release 1001); track: 1; track_extra: 1
    assert found == [
        {"credit_type": "extra", "n": 2},
        {"credit_type": "main", "n": 8},
        {"credit_type": "track", "n": 1},
        {"credit_type": "track_extra", "n": 1},
    ]


# --------------------------------------------------------------------------------------------
# label_tree


def test_label_tree(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        con,
        "select label_id, parent_label_id, ancestor_ids, ancestor_names, root_label_id, "
        "root_label_name, depth, has_cycle from label_tree order by label_id",
    )
    assert found == [
        {
            "label_id": 201,
            "parent_label_id": None,
            "ancestor_ids": [],
            "ancestor_names": [],
            "root_label_id": 201,
            "root_label_name": "Root Label",
            "depth": 0,
            "has_cycle": False,
        },
        {
            "label_id": 202,
            "parent_label_id": 201,
            "ancestor_ids": [201],
            "ancestor_names": ["Root Label"],
            "root_label_id": 201,
            "root_label_name": "Root Label",
            "depth": 1,
            "has_cycle": False,
        },
        {
            # three levels: 203 -> 202 -> 201
            "label_id": 203,
            "parent_label_id": 202,
            "ancestor_ids": [202, 201],
            "ancestor_names": ["Child Label", "Root Label"],
            "root_label_id": 201,
            "root_label_name": "Root Label",
            "depth": 2,
            "has_cycle": False,
        },
        {
            # parent 299 is not in the dump: the chain stops at the label itself
            "label_id": 204,
            "parent_label_id": 299,
            "ancestor_ids": [],
            "ancestor_names": [],
            "root_label_id": 204,
            "root_label_name": "Orphan Label",
            "depth": 0,
            "has_cycle": False,
        },
        {
            # 205 -> 206 -> 205 again: stop before repeating 205
            "label_id": 205,
            "parent_label_id": 206,
            "ancestor_ids": [206],
            "ancestor_names": ["Loop B"],
            "root_label_id": 206,
            "root_label_name": "Loop B",
            "depth": 1,
            "has_cycle": True,
        },
        {
            "label_id": 206,
            "parent_label_id": 205,
            "ancestor_ids": [205],
            "ancestor_names": ["Loop A"],
            "root_label_id": 205,
            "root_label_name": "Loop A",
            "depth": 1,
            "has_cycle": True,
        },
    ]


# --------------------------------------------------------------------------------------------
# master_versions


def test_master_versions(con: duckdb.DuckDBPyConnection) -> None:
    found = rows(
        con,
        "select master_id, master_title, master_year, release_id, release_title, country, "
        "released, is_main_release, version_count from master_versions "
        "order by master_id, release_id",
    )
    master = {"master_id": 501, "master_title": "First Master", "master_year": 1999}
    # 502 has no release in the dump and 1004 points at the missing master 999: neither shows
    assert found == [
        {
            **master,
            "release_id": 1001,
            "release_title": "First Release",
            "country": "UK",
            "released": "1999-03-00",
            "is_main_release": True,
            "version_count": 3,
        },
        {
            **master,
            "release_id": 1002,
            "release_title": "First Release (Remastered)",
            "country": "US",
            "released": "2005",
            "is_main_release": False,
            "version_count": 3,
        },
        {
            **master,
            "release_id": 1003,
            "release_title": "First Release (Promo)",
            "country": None,
            "released": None,
            "is_main_release": False,
            "version_count": 3,
        },
    ]


# --------------------------------------------------------------------------------------------
# data_quality


def test_data_quality_reports_every_check(con: duckdb.DuckDBPyConnection) -> None:
    found = {
        r["check_name"]: (r["problem_count"], r["example_ids"])
        for r in rows(con, "select * from data_quality")
    }
    problems = {name: value for name, value in found.items() if value != (0, [])}
    assert problems == {
        "releases_master_missing": (1, [999]),  # release 1004
        "release_labels_label_missing": (1, [250]),  # release 1003
        "masters_main_release_missing": (1, [9999]),  # master 502
        "labels_parent_label_missing": (1, [299]),  # label 204
        "label_parent_cycles": (2, [205, 206]),
    }
    # unlinked credits (NULL artist_id) are not dangling references
    for table in (
        "release_artists",
        "release_extraartists",
        "release_track_artists",
        "release_track_extraartists",
        "master_artists",
    ):
        assert found[f"{table}_artist_missing"] == (0, [])
    assert {f"{table}_duplicate_keys" for table in ALL_TABLES} <= set(found)
    assert len(found) == 9 + 1 + len(ALL_TABLES)


def test_data_quality_counts_duplicate_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Duplicates cannot come out of the parser, so feed the mart doctored copies of its inputs."""
    scratch = duckdb.connect()
    for table in ALL_TABLES:
        scratch.register(f"arrow_{table}", con.sql(f"select * from {table}").to_arrow_table())
        scratch.execute(f"create table {table} as select * from arrow_{table}")
    scratch.execute("insert into releases select * from releases where release_id in (1002, 1003)")
    scratch.execute("insert into release_labels select * from release_labels where idx = 0")
    for name in ("label_tree", "data_quality"):  # data_quality reads label_tree
        scratch.execute((MARTS_DIR / f"{name}.sql").read_text(encoding="utf-8"))
    found = {
        r[0]: (r[1], r[2])
        for r in scratch.execute(
            "select check_name, problem_count, example_ids from data_quality "
            "where check_name like '%duplicate_keys' and problem_count > 0"
        ).fetchall()
    }
    # the first label (idx 0) of each of the four releases is now there twice
    assert found == {
        "releases_duplicate_keys": (2, [1002, 1003]),
        "release_labels_duplicate_keys": (4, [1001, 1002, 1003, 1004]),
    }


# --------------------------------------------------------------------------------------------
# the real samples


@pytest.fixture(scope="module")
def sample_month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dumps = {
        kind: SAMPLE_DIR / f"discogs_{SAMPLE_DATE}_{kind}.xml.gz"
        for kind in ("releases", "artists", "labels", "masters")
    }
    absent = [p.name for p in dumps.values() if not p.is_file()]
    if absent:
        pytest.skip(f"samples not available: {', '.join(absent)}")
    return _parse_and_build(dumps, tmp_path_factory.mktemp("sample_marts"), SAMPLE_DATE)


def test_marts_on_the_real_samples(sample_month: Path) -> None:
    with etl.connect(sample_month) as sample:
        for mart, key in mart_keys().items():
            assert key_problems(sample, mart, key) == (0, 0), mart
        (releases, summaries, displayed) = sample.execute(
            "select (select count(*) from releases), count(*), count(artist_display) "
            "from release_summary"
        ).fetchone()
        (labels, trees) = sample.execute(
            "select (select count(*) from labels), count(*) from label_tree"
        ).fetchone()
        (duplicates,) = sample.execute(
            "select sum(problem_count) from data_quality where check_name like '%duplicate_keys'"
        ).fetchone()
    assert summaries == releases == 1000
    assert displayed == releases  # every release has at least one main artist
    assert trees == labels
    assert duplicates == 0
