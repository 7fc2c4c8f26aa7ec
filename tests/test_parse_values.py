"""Spot checks of parsed values against the real samples.

Every expected value below was read by hand from the sample XML (the record is named in each
test), not copied from the parser's output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import NO_NAME_DATE, date_for, read_table, rows_by, sample_path

from etl.parse import parse_file

TableFn = Callable[[str, str], list[dict[str, Any]]]

TGMZ_RELEASES = "tgmz__de.tgmz.discogs/discogs_releases.xml.gz"
TGMZ_ARTISTS = "tgmz__de.tgmz.discogs/discogs_artists.xml.gz"
TGMZ_MASTERS = "tgmz__de.tgmz.discogs/discogs_masters.xml.gz"
EL_RELEASES = "elpassion__discogs_data/releases_sample.xml.gz"
EL_ARTISTS = "elpassion__discogs_data/artists_sample.xml.gz"
EL_LABELS = "elpassion__discogs_data/labels_sample.xml.gz"
EL_MASTERS = "elpassion__discogs_data/masters_sample.xml.gz"
PM17_ARTISTS = "philipmat__discogs-xml2db/discogs_20170401_artists.xml.gz"
PM17_LABELS = "philipmat__discogs-xml2db/discogs_20170401_labels.xml.gz"
PM20_RELEASES = "philipmat__discogs-xml2db/discogs_20200806_releases.xml.gz"
PM20_MASTERS = "philipmat__discogs-xml2db/discogs_20200806_masters.xml.gz"
PM_PROBLEMS = "philipmat__discogs-xml2db/artist_problems.xml"
AQ_RELEASES = "alexquintino__discogs-parser/releases_sample.xml"
AQ_ARTISTS = "alexquintino__discogs-parser/artists_sample.xml"

CREDIT = ("artist_id", "name", "anv", "join", "role", "tracks")


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> TableFn:
    """table(sample, name) -> rows; each sample is parsed once per module."""
    parsed: dict[str, tuple[Path, str]] = {}

    def read(sample: str, name: str) -> list[dict[str, Any]]:
        if sample not in parsed:
            path = sample_path(sample)
            data_dir = tmp_path_factory.mktemp("values")
            date = date_for(path) or NO_NAME_DATE
            parse_file(path, data_dir, dump_date=None if date_for(path) else NO_NAME_DATE)
            parsed[sample] = (data_dir, date)
        data_dir, date = parsed[sample]
        return read_table(data_dir, date, name)

    return read


def children(rows: list[dict[str, Any]], parent: str, parent_id: int) -> list[dict[str, Any]]:
    """The rows of one parent, in idx order."""
    mine = [r for r in rows if r[parent] == parent_id]
    return sorted(mine, key=lambda r: r["idx"])


def pick(row: dict[str, Any], *columns: str) -> tuple[Any, ...]:
    return tuple(row[c] for c in columns)


# --------------------------------------------------------------------------------------------
# text fidelity


def test_carriage_return_entity_is_kept(table: TableFn) -> None:
    # <artist><id>11037</id><name>Soul Boy</name>
    # <realname>M. Marsico, L. Macchiaizzano&#13;if  M. Marsico &amp; L. M</realname>
    # <profile></profile><data_quality>Needs Vote</data_quality></artist>
    artist = rows_by(table(PM_PROBLEMS, "artists"), "artist_id")[11037]
    assert artist["name"] == "Soul Boy"
    assert artist["realname"] == "M. Marsico, L. Macchiaizzano\rif  M. Marsico & L. M"
    assert artist["profile"] is None
    assert artist["data_quality"] == "Needs Vote"


def test_cr_entity_before_a_raw_line_break(table: TableFn) -> None:
    # tgmz artist 32: "...from New York.&#13;<CR><LF>Co-founded..." (file saved with CRLF, which
    # XML line-end normalisation turns into LF) -> "\r\n"
    artist = rows_by(table(TGMZ_ARTISTS, "artists"), "artist_id")[32]
    assert artist["profile"] == (
        "Producer, songwriter and multi-instrumentalist from New York.\r\n"
        "Co-founded the [l=Naked Music NYC] production company and "
        "[l=Naked Music Recordings] label with [a=David Boonshoft]."
    )
    assert artist["realname"] is None


def test_label_contactinfo_and_pre_2019_parent(table: TableFn) -> None:
    # 2017 label 5: <contactinfo>Svek office &#13;\nStephan Grieder &#13;\n...</contactinfo>
    # <parentLabel>Goldhead Music</parentLabel> (no id, before data_quality)
    # <sublabels><label>Birdy</label></sublabels>
    label = rows_by(table(PM17_LABELS, "labels"), "label_id")[5]
    assert label["name"] == "Svek"
    assert label["contactinfo"] == (
        "Svek office \r\nStephan Grieder \r\nFax: +46 (8) 50621292 \r\n   \r\n"
        "Address: Stephan Grieder, Lodgatan 2, 114 30 Stockholm, Sweden\n"
    )
    assert label["profile"] is None
    assert label["data_quality"] == "Correct"
    assert label["parent_label_id"] is None
    assert label["parent_label_name"] == "Goldhead Music"
    subs = children(table(PM17_LABELS, "label_sublabels"), "label_id", 5)
    assert [pick(s, "idx", "sublabel_id", "name") for s in subs] == [(0, None, "Birdy")]


def test_label_parent_and_sublabel_ids(table: TableFn) -> None:
    # 2020 label 5: <parentLabel id="4711">Goldhead Music</parentLabel>
    # <sublabels><label id="2437">Birdy</label></sublabels>
    label = rows_by(table(EL_LABELS, "labels"), "label_id")[5]
    assert (label["parent_label_id"], label["parent_label_name"]) == (4711, "Goldhead Music")
    subs = children(table(EL_LABELS, "label_sublabels"), "label_id", 5)
    assert [pick(s, "sublabel_id", "name") for s in subs] == [(2437, "Birdy")]
    # label 3: <sublabels><label id="297127">Seasons Classics</label>
    #          <label id="66542">Seasons Limited</label></sublabels>
    subs = children(table(EL_LABELS, "label_sublabels"), "label_id", 3)
    assert [pick(s, "idx", "sublabel_id", "name") for s in subs] == [
        (0, 297127, "Seasons Classics"),
        (1, 66542, "Seasons Limited"),
    ]
    # label 53: <urls><url></url></urls> -> one url row, NULL
    urls = children(table(EL_LABELS, "label_urls"), "label_id", 53)
    assert [pick(u, "idx", "url") for u in urls] == [(0, None)]
    # nested <label> elements are not records
    assert len(table(EL_LABELS, "labels")) == 50


def test_leading_and_trailing_spaces_are_kept(table: TableFn) -> None:
    releases = rows_by(table(PM20_RELEASES, "releases"), "release_id")
    assert releases[11058839]["title"] == " Entrance To Mayhem "
    assert releases[7698082]["title"] == "Porgy & Bess  "
    # tgmz 10850325: <notes>ADRM ... process <CR><LF></notes>
    notes = rows_by(table(TGMZ_RELEASES, "releases"), "release_id")[10850325]["notes"]
    assert notes == ('ADRM (on back insert) - Decca\'s  "Analog-to-Digital ReMastering" process \n')


def test_tab_character_reference_in_attribute(table: TableFn) -> None:
    # release 42: value="IR-188 A MCR - RCE&#9;"; the third identifier has no description
    ids = children(table(EL_RELEASES, "release_identifiers"), "release_id", 42)
    assert [pick(i, "type", "description", "value") for i in ids] == [
        ("Matrix / Runout", "Etched in Run-out side A", "IR-188 A MCR - RCE\t"),
        ("Matrix / Runout", "Etched in Run-out side B", "IR-188 B"),
        ("Rights Society", None, "ASCAP"),
    ]


def test_unicode_text(table: TableFn) -> None:
    # raw UTF-8 (tgmz): release 2323 9th extra artist <id>293293</id><name>Páll Borg</name>
    extra = children(table(TGMZ_RELEASES, "release_extraartists"), "release_id", 2323)
    assert pick(extra[8], "artist_id", "name", "role") == (
        293293,
        "P\u00e1ll Borg",
        "Producer, Arranged By, Mixed By",
    )
    # artist 231513 Gusgus, 3rd member <name id="62739">Daníel Ágúst</name>
    members = children(table(TGMZ_ARTISTS, "artist_members"), "artist_id", 231513)
    assert pick(members[2], "member_id", "name") == (62739, "Dan\u00edel \u00c1g\u00fast")
    # character references (lxml re-serialised 2020 masters): master 775351
    # <anv>&#1581;&#1605;&#1610;&#1583; &#1575;&#1604;&#1586;&#1575;&#1607;&#1610;&#1585;</anv>
    master = rows_by(table(PM20_MASTERS, "masters"), "master_id")[775351]
    title_refs = [
        1575,
        1604,
        1593,
        1575,
        1585,
        32,
        1575,
        1580,
        1583,
        1610,
        32,
        47,
        32,
        1607,
        1575,
        1610,
        1604,
        1610,
        32,
        1583,
        1575,
        1583,
        1575,
    ]
    assert master["title"] == "".join(map(chr, title_refs))
    anv_refs = [1581, 1605, 1610, 1583, 32, 1575, 1604, 1586, 1575, 1607, 1610, 1585]
    artists = children(table(PM20_MASTERS, "master_artists"), "master_id", 775351)
    assert [pick(a, *CREDIT) for a in artists] == [
        (1469794, "Hamid Zahir", "".join(map(chr, anv_refs)), None, None, None),
    ]
    # release 7 video title "Moonchildren \u200e\u2013 Ran Away" (LRM + en dash, raw UTF-8)
    videos = children(table(EL_RELEASES, "release_videos"), "release_id", 7)
    assert videos[0]["title"] == "Moonchildren \u200e\u2013 Ran Away"


# --------------------------------------------------------------------------------------------
# releases


def test_release_7_every_table(table: TableFn) -> None:
    """elpassion release 7 (raw 2020 serialisation), all of its rows."""
    release = rows_by(table(EL_RELEASES, "releases"), "release_id")[7]
    assert pick(release, "status", "title", "country", "released", "data_quality") == (
        "Accepted",
        "Moonchildren EP",
        "US",
        "2000-02-00",
        "Needs Vote",
    )
    assert pick(release, "released_year", "released_month", "released_day") == (2000, 2, None)
    assert (release["master_id"], release["is_main_release"]) == (267770, True)
    assert (release["genres"], release["styles"]) == (["Electronic"], ["Deep House"])
    assert release["notes"] == (
        "Written, produced and mixed for Mind Massage Music (BMI).\n\n"
        "\u2117\u00a9 2000 Deep4Life Recordings\n\n"
        "First press on clear vinyl with orange labels housed in a silver grey die cut sleeve. "
        "Second press was on black vinyl with black labels: [r2398328]."
    )

    def of(name: str) -> list[dict[str, Any]]:
        return children(table(EL_RELEASES, name), "release_id", 7)

    assert [pick(r, *CREDIT) for r in of("release_artists")] == [
        (28, "Moonchildren", None, None, None, None),
    ]
    assert [pick(r, *CREDIT) for r in of("release_extraartists")] == [
        (None, "Koibito & Boku", None, None, "Other [Spirits Lifted By]", None),
        (921599, "Kory And The Gang", None, None, "Vocals", None),
        (57, "Chris Gray", None, None, "Written-By, Producer, Mixed By", None),
    ]
    assert [pick(r, "label_id", "name", "catno") for r in of("release_labels")] == [
        (9, "Deep4Life", "D4L12002"),
    ]
    assert of("release_series") == []
    assert [pick(r, "name", "qty", "text", "descriptions") for r in of("release_formats")] == [
        ("Vinyl", 1, "Clear", ['12"', "EP"]),
    ]
    assert [pick(r, "type", "uri", "uri150", "width", "height") for r in of("release_images")] == [
        ("primary", None, None, 600, 600),
        ("secondary", None, None, 600, 600),
        ("secondary", None, None, 438, 440),
    ]
    tracks = sorted(
        (r for r in table(EL_RELEASES, "release_tracks") if r["release_id"] == 7),
        key=lambda r: r["track_idx"],
    )
    assert [
        pick(
            t,
            "track_idx",
            "parent_track_idx",
            "position",
            "title",
            "duration",
            "duration_seconds",
            "track_type",
        )
        for t in tracks
    ] == [
        (0, None, "A", "Ran Away", "6:45", 405, "track"),
        (1, None, "AA1", "Silent Crying", "6:28", 388, "track"),
        (2, None, "AA2", "No Other", "5:18", 318, "track"),
    ]
    assert [pick(r, "type", "description", "value") for r in of("release_identifiers")] == [
        ("Rights Society", None, "BMI"),
    ]
    videos = of("release_videos")
    assert [pick(v, "src", "duration", "embed") for v in videos] == [
        ("https://www.youtube.com/watch?v=PmBVw-dhg-o", 393, True),
        ("https://www.youtube.com/watch?v=sjGRIvhoEtc", 389, True),
        ("https://www.youtube.com/watch?v=yCth5WCJZuU", 323, True),
    ]
    assert videos[1]["title"] == "Moonchildren  - Silent Crying"
    assert videos[1]["description"] == (
        "Label: Deep4Life \u200e\u2013 D4L12002\nFormat: Vinyl, EP, 12 \nCountry: US\n"
        "Released: Feb 2000\nGenre: Electronic\nStyle: Deep House"
    )
    companies = [
        pick(c, "company_id", "name", "catno", "entity_type", "entity_type_name", "resource_url")
        for c in of("release_companies")
    ]
    assert companies == [
        (
            520880,
            "Mind Massage Music",
            None,
            37,
            "Produced For",
            "https://api.discogs.com/labels/520880",
        ),
        (
            662061,
            "Deep4Life Recordings",
            None,
            13,
            "Phonographic Copyright (p)",
            "https://api.discogs.com/labels/662061",
        ),
        (
            662061,
            "Deep4Life Recordings",
            None,
            14,
            "Copyright (c)",
            "https://api.discogs.com/labels/662061",
        ),
    ]


def test_release_2015_shapes(table: TableFn) -> None:
    # 2015 release 1: <label catno="SK032" name="Svek" /> (no id), <master_id>5427</master_id>
    # (no is_main_release), image URIs still filled, <anv /> empties, text="" on the format
    release = rows_by(table(AQ_RELEASES, "releases"), "release_id")[1]
    assert (release["master_id"], release["is_main_release"]) == (5427, None)
    assert release["data_quality"] == "Complete and Correct"
    assert release["notes"] == "The song titles are the names of Stockholm's districts.\n"
    labels = children(table(AQ_RELEASES, "release_labels"), "release_id", 1)
    assert [pick(r, "label_id", "name", "catno") for r in labels] == [(None, "Svek", "SK032")]
    images = children(table(AQ_RELEASES, "release_images"), "release_id", 1)
    assert len(images) == 4
    assert pick(images[0], "type", "uri", "uri150", "width", "height") == (
        "primary",
        "http://api.discogs.com/images/R-1-1193812031.jpeg",
        "http://api.discogs.com/images/R-150-1-1193812031.jpeg",
        600,
        600,
    )
    artists = children(table(AQ_RELEASES, "release_artists"), "release_id", 1)
    assert [pick(a, *CREDIT) for a in artists] == [(1, "Persuader, The", None, None, None, None)]
    extra = children(table(AQ_RELEASES, "release_extraartists"), "release_id", 1)
    assert [pick(a, *CREDIT) for a in extra] == [
        (239, "Jesper Dahlb\u00e4ck", None, None, "Music By [All Tracks By]", None),
    ]
    formats = children(table(AQ_RELEASES, "release_formats"), "release_id", 1)
    assert [pick(f, "name", "qty", "text", "descriptions") for f in formats] == [
        ("Vinyl", 2, None, ['12"', "33 \u2153 RPM"]),
    ]


def test_sub_tracks_link_to_their_index_track(table: TableFn) -> None:
    tracks = table(TGMZ_RELEASES, "release_tracks")
    # 1349372: A "Diamonds And Pearls (Edit)" 4:20, then an index track without position
    # ("X-Cerpts From The Songs:", 5:04) holding sub-tracks B1..B7 without duration
    mine = sorted((t for t in tracks if t["release_id"] == 1349372), key=lambda t: t["track_idx"])
    got = [
        pick(
            t,
            "track_idx",
            "parent_track_idx",
            "position",
            "title",
            "duration",
            "duration_seconds",
            "track_type",
        )
        for t in mine
    ]
    assert got == [
        (0, None, "A", "Diamonds And Pearls (Edit)", "4:20", 260, "track"),
        (1, None, None, "X-Cerpts From The Songs:", "5:04", 304, "index"),
        (2, 1, "B1", "Thunder", None, None, "track"),
        (3, 1, "B2", "Daddy Pop", None, None, "track"),
        (4, 1, "B3", "Strollin'", None, None, "track"),
        (5, 1, "B4", "Jughead", None, None, "track"),
        (6, 1, "B5", "Money Don't Matter 2 Night", None, None, "track"),
        (7, 1, "B6", "Push", None, None, "track"),
        (8, 1, "B7", "Live 4 Love", None, None, "track"),
    ]
    # 10526741: one index track (duration 5:00:08) with 300 sub-tracks 1.1 .. 1.300
    mine = sorted((t for t in tracks if t["release_id"] == 10526741), key=lambda t: t["track_idx"])
    assert len(mine) == 301
    assert pick(mine[0], "parent_track_idx", "position", "duration_seconds", "track_type") == (
        None,
        None,
        5 * 3600 + 8,
        "index",
    )
    assert {t["parent_track_idx"] for t in mine[1:]} == {0}
    assert [t["position"] for t in mine[1:]] == [f"1.{n}" for n in range(1, 301)]


def test_unlinked_credits_have_null_ids(table: TableFn) -> None:
    # 2025+: tgmz 10222, last (22nd) extra artist has no <id>
    extra = children(table(TGMZ_RELEASES, "release_extraartists"), "release_id", 10222)
    assert len(extra) == 22
    assert pick(extra[21], *CREDIT) == (
        None,
        "Martin L. Gore",
        "M.L. Gore",
        None,
        "Written By [All Songs Written By]",
        None,
    )
    assert pick(extra[15], "artist_id", "name", "anv") == (26847, "Martin L. Gore", "Martin Gore")
    # a leftover <id>0</id> in tgmz 527839, track 10 ("Area101") is track_idx 9
    credits = [
        r for r in table(TGMZ_RELEASES, "release_track_artists") if r["release_id"] == 527839
    ]
    by_track = rows_by(credits, "track_idx", "idx")
    assert pick(by_track[(9, 0)], "artist_id", "name") == (None, "K\u00e9li")
    assert pick(by_track[(8, 0)], "artist_id", "name") == (22764, "Neurotron")
    # <= 2024: <id>0</id>, elpassion release 7 first extra artist
    extra = children(table(EL_RELEASES, "release_extraartists"), "release_id", 7)
    assert pick(extra[0], "artist_id", "name") == (None, "Koibito & Boku")


@pytest.mark.parametrize(
    ("sample", "release_id", "released", "parts"),
    [
        (EL_RELEASES, 1, "1999-03-00", (1999, 3, None)),
        (EL_RELEASES, 24, "1999-00-00", (1999, None, None)),
        (EL_RELEASES, 30, "2000-00-00", (2000, None, None)),
        (TGMZ_RELEASES, 2323, "1997-03-24", (1997, 3, 24)),
        (TGMZ_RELEASES, 527839, "2005", (2005, None, None)),
        (TGMZ_RELEASES, 10850325, None, (None, None, None)),
    ],
)
def test_released_partial_dates(
    table: TableFn,
    sample: str,
    release_id: int,
    released: str | None,
    parts: tuple[int | None, int | None, int | None],
) -> None:
    release = rows_by(table(sample, "releases"), "release_id")[release_id]
    assert release["released"] == released
    assert pick(release, "released_year", "released_month", "released_day") == parts


def test_status_absent_in_2026_records(table: TableFn) -> None:
    releases = rows_by(table(TGMZ_RELEASES, "releases"), "release_id")
    assert {rid: r["status"] for rid, r in releases.items()} == {
        2323: None,
        2324: None,
        10222: "Accepted",
        527839: "Accepted",
        1349372: "Accepted",
        2460568: "Accepted",
        3870362: "Accepted",
        20279608: "Accepted",
        4957101: "Accepted",
        10526741: "Accepted",
        10850325: "Accepted",
    }
    # the 2026 records' companies have no <resource_url>
    companies = children(table(TGMZ_RELEASES, "release_companies"), "release_id", 2323)
    assert companies and {c["resource_url"] for c in companies} == {None}


def test_series_rows(table: TableFn) -> None:
    series = table(TGMZ_RELEASES, "release_series")
    got = sorted(pick(s, "release_id", "idx", "series_id", "name", "catno") for s in series)
    assert got == [
        (10526741, 0, 1276553, "Various Franklins", "2"),
        (20279608, 0, 117965, "World Network", "16"),
    ]


def test_master_id_and_is_main_release(table: TableFn) -> None:
    releases = rows_by(table(TGMZ_RELEASES, "releases"), "release_id")
    got = {
        rid: (releases[rid]["master_id"], releases[rid]["is_main_release"])
        for rid in (2323, 2324, 527839, 3870362)
    }
    assert got == {
        2323: (19830, False),  # <master_id is_main_release="false">19830</master_id>
        2324: (330780, True),
        527839: (None, False),  # <master_id is_main_release="false">0</master_id>
        3870362: (482870, True),
    }
    # tgmz 527839: <format name="File" qty="1"> without a text attribute
    formats = children(table(TGMZ_RELEASES, "release_formats"), "release_id", 527839)
    assert [pick(f, "name", "qty", "text", "descriptions") for f in formats] == [
        ("File", 1, None, ["MP3", "Mixed"]),
    ]


# --------------------------------------------------------------------------------------------
# masters


def test_master_year_zero_is_null(table: TableFn) -> None:
    masters = rows_by(table(PM20_MASTERS, "masters"), "master_id")
    assert masters[517026]["year"] is None  # <year>0</year>
    assert masters[775351]["year"] is None
    assert masters[775351]["main_release_id"] == 6449890
    assert masters[775351]["genres"] == ["Folk, World, & Country"]
    assert masters[775351]["styles"] == []


def test_master_values(table: TableFn) -> None:
    master = rows_by(table(EL_MASTERS, "masters"), "master_id")[113]
    assert pick(master, "main_release_id", "title", "year", "notes", "data_quality") == (
        116925,
        "Moments In Time",
        2002,
        None,
        "Correct",
    )
    assert (master["genres"], master["styles"]) == (["Electronic"], ["Techno", "Tech House"])
    artists = children(table(EL_MASTERS, "master_artists"), "master_id", 113)
    assert [pick(a, *CREDIT) for a in artists] == [(3225, "Vince Watson", None, None, None, None)]
    video = children(table(EL_MASTERS, "master_videos"), "master_id", 113)[0]
    assert pick(video, "src", "duration", "embed", "title") == (
        "https://www.youtube.com/watch?v=dhbf58AU5ek",
        321,
        True,
        "Out of the Deep",
    )
    # 2025: <join>,</join> on the only artist of master 115
    artists = children(table(TGMZ_MASTERS, "master_artists"), "master_id", 115)
    assert [pick(a, *CREDIT) for a in artists] == [(233125, "Soleil (2)", None, ",", None, None)]
    assert rows_by(table(TGMZ_MASTERS, "masters"), "master_id")[115]["year"] == 2004


# --------------------------------------------------------------------------------------------
# artists


def test_members_in_every_era(table: TableFn) -> None:
    # <= 2015-01: <name> only (Earth, Wind & Fire, artist 22164)
    ewf = children(table(AQ_ARTISTS, "artist_members"), "artist_id", 22164)
    assert [pick(m, "idx", "member_id", "name") for m in ewf[:2]] == [
        (0, None, "Al McKay"),
        (1, None, "Alexander Thomas"),
    ]
    # 2017: <id>26</id><name>Alexi Delano</name><id>27</id><name>Cari Lekebusch</name>
    # 2020: <id>26</id><name id="26">Alexi Delano</name>...
    expected = [(0, 26, "Alexi Delano"), (1, 27, "Cari Lekebusch")]
    for sample in (PM17_ARTISTS, EL_ARTISTS):
        members = children(table(sample, "artist_members"), "artist_id", 2)
        assert [pick(m, "idx", "member_id", "name") for m in members] == expected, sample
    # 2025: <name id="..."> only (Depeche Mode, artist 2725)
    members = children(table(TGMZ_ARTISTS, "artist_members"), "artist_id", 2725)
    assert [pick(m, "member_id", "name") for m in members] == [
        (25411, "Alan Wilder"),
        (26847, "Martin L. Gore"),
        (27158, "Dave Gahan"),
        (132774, "Andrew Fletcher"),
        (670251, "Vincent John Martin"),
    ]


def test_artist_aliases_and_groups(table: TableFn) -> None:
    # tgmz artist 32: <aliases><name id="33">Blue Six</name><name id="4709">Naked Music NYC</name>
    # <name id="84942">Thump'N'Johnson</name></aliases>
    # <groups><name id="36">Lovetronic</name><name id="668">Summerland</name></groups>
    aliases = children(table(TGMZ_ARTISTS, "artist_aliases"), "artist_id", 32)
    assert [pick(a, "alias_id", "name") for a in aliases] == [
        (33, "Blue Six"),
        (4709, "Naked Music NYC"),
        (84942, "Thump'N'Johnson"),
    ]
    groups = children(table(TGMZ_ARTISTS, "artist_groups"), "artist_id", 32)
    assert [pick(g, "group_id", "name") for g in groups] == [
        (36, "Lovetronic"),
        (668, "Summerland"),
    ]
    urls = children(table(TGMZ_ARTISTS, "artist_urls"), "artist_id", 32)
    assert [u["url"] for u in urls] == ["https://www.facebook.com/jay.denes/"]
    # 2015: aliases without ids (Josh Wink, artist 3, pretty-printed record)
    aliases = children(table(AQ_ARTISTS, "artist_aliases"), "artist_id", 3)
    assert [pick(a, "alias_id", "name") for a in aliases[:2]] == [
        (None, "Accent (3)"),
        (None, "Crusher, The"),
    ]
    josh = rows_by(table(AQ_ARTISTS, "artists"), "artist_id")[3]
    assert (josh["name"], josh["realname"]) == ("Josh Wink", "Joshua Winkelman")
