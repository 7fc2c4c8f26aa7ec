"""Bad files, bad records, hostile XML and atomic publishing."""

from __future__ import annotations

import gzip
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    REPO,
    TEST_DATA,
    file_hashes,
    output_texts,
    read_quarantine,
    read_report,
    read_table,
    visible_dirs,
)

from etl.errors import EtlError, InputFileError
from etl.parse import parse_file
from etl.schemas import TABLES_BY_DUMP

DATE = "20200101"
GOOD = TEST_DATA / "release_2019_style.xml"


def good_bytes() -> bytes:
    return GOOD.read_bytes()


def truncated_gzip() -> bytes:
    data = gzip.compress(good_bytes())
    return data[: len(data) // 2]


def corrupt_gzip() -> bytes:
    data = bytearray(gzip.compress(good_bytes()))
    middle = len(data) // 2
    for i in range(middle, middle + 16):
        data[i] ^= 0xFF
    return bytes(data)


def gzip_with_wrong_crc() -> bytes:
    """A deflate stream that decodes fine; only the CRC-32 trailer tells it is damaged."""
    data = bytearray(gzip.compress(good_bytes()))
    data[-8] ^= 0xFF
    return bytes(data)


def stored_gzip_with_a_changed_letter() -> bytes:
    """Uncompressed (stored) deflate with one letter changed: still valid XML, bad CRC."""
    data = bytearray(gzip.compress(good_bytes(), compresslevel=0))
    at = data.index(b"Second Release")
    data[at] = ord("Z")
    return bytes(data)


def random_bytes() -> bytes:
    data = random.Random(1234).randbytes(4096)
    return b"\x00\x01" + data


def xml_cut_mid_record() -> bytes:
    data = good_bytes()
    cut = data.index(b"<tracklist>") + 40
    return data[:cut]


def xml_cut_after_a_record() -> bytes:
    data = good_bytes()
    return data[: data.index(b"</release>") + len(b"</release>\n")]


HTML = (
    b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
    b"<body><h1>Not Found</h1></body></html>\n"
)

BAD_FILES: dict[str, Callable[[], bytes]] = {
    "random bytes": random_bytes,
    "html page": lambda: HTML,
    "gzipped html page": lambda: gzip.compress(HTML),
    "html root without doctype": lambda: b"<html><body><p>hello</p></body></html>\n",
    "xml root that is not a dump": lambda: b'<?xml version="1.0"?>\n<foo><bar id="1"/></foo>\n',
    "empty file": lambda: b"",
    "whitespace only": lambda: b"  \n\n",
    "gzip of nothing": lambda: gzip.compress(b""),
    "truncated gzip": truncated_gzip,
    "corrupt gzip": corrupt_gzip,
    "gzip with a wrong crc": gzip_with_wrong_crc,
    "stored gzip with a changed letter": stored_gzip_with_a_changed_letter,
    "plain xml cut mid-record": xml_cut_mid_record,
    "plain xml without its closing root": xml_cut_after_a_record,
}


def published_files(data_dir: Path) -> list[Path]:
    """Files under data_dir outside hidden (dot) directories."""
    return [
        p
        for p in data_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(data_dir).parts)
    ]


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_file_is_rejected_and_nothing_is_published(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "discogs_20200101_releases.xml.gz"
    path.write_bytes(BAD_FILES[kind]())
    data_dir = tmp_path / "data"
    with pytest.raises(InputFileError) as caught:
        parse_file(path, data_dir, workers=1)
    message = str(caught.value)
    assert "\n" not in message
    assert path.name in message
    if data_dir.exists():
        assert published_files(data_dir) == []
        assert visible_dirs(data_dir) <= {"parquet", f"parquet/{DATE}"}


def test_missing_dump_date_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "releases.xml"
    path.write_bytes(good_bytes())
    with pytest.raises(EtlError) as caught:
        parse_file(path, tmp_path / "data")
    message = str(caught.value)
    assert "\n" not in message
    assert path.name in message
    if (tmp_path / "data").exists():
        assert published_files(tmp_path / "data") == []


# --------------------------------------------------------------------------------------------
# bad records inside a good file


def _release(rid: str | None, title: str, extra: str = "", fmt: str = 'qty="1"') -> str:
    id_attr = "" if rid is None else f'id="{rid}" '
    return (
        f'<release {id_attr}status="Accepted">{extra}<artists><artist><id>5</id><name>A</name>'
        f'</artist></artists><title>{title}</title><formats><format name="CD" {fmt} '
        f'text=""/></formats><genres><genre>Rock</genre></genres><data_quality>Correct'
        f"</data_quality><tracklist><track><position>1</position><title>S</title></track>"
        f"</tracklist></release>"
    )


BAD_RECORDS = {
    # marker (unique text in the record) -> expected quarantine id (None: may be unknown)
    "BadId": ("abc", _release("abc", "BadId")),
    "BadQty": ("3", _release("3", "BadQty", fmt='qty="x"')),
    "BadWidth": (
        "4",
        _release(
            "4",
            "BadWidth",
            extra='<images><image type="primary" width="wide" height="1"/></images>',
        ),
    ),
    "NoId": (None, _release(None, "NoId")),
    "Mismatched": (None, _release("6", "Mismatched</titel><title>")),
    "Ampersand": (None, _release("7", "Tom & Jerry Ampersand")),
}


def test_bad_records_are_quarantined(tmp_path: Path) -> None:
    records = [_release("1", "Good One")]
    records += [xml for _, xml in BAD_RECORDS.values()]
    records.append(_release("8", "Good Eight"))
    path = tmp_path / "bad_records.xml"
    path.write_text("<releases>\n" + "\n".join(records) + "\n</releases>\n", "utf-8")
    data_dir = tmp_path / "data"
    stats = parse_file(path, data_dir, dump_date=DATE)
    assert (stats.records, stats.quarantined) == (2, len(BAD_RECORDS))
    assert read_report(data_dir, DATE, "release")["quarantined"] == len(BAD_RECORDS)

    quarantined = read_quarantine(data_dir, DATE, "release")
    assert len(quarantined) == len(BAD_RECORDS)
    for entry in quarantined:
        assert entry.keys() >= {"id", "reason", "xml"}
        assert isinstance(entry["reason"], str) and entry["reason"].strip()
    for marker, (rid, _) in BAD_RECORDS.items():
        entries = [e for e in quarantined if marker in e["xml"]]
        assert len(entries) == 1, marker
        if rid is not None:
            assert entries[0]["id"] == rid, marker
        else:
            assert entries[0]["id"] is None or isinstance(entries[0]["id"], str), marker
    # nothing of a quarantined record leaks into any table
    for table in ("releases", "release_artists", "release_formats", "release_tracks"):
        assert {r["release_id"] for r in read_table(data_dir, DATE, table)} == {1, 8}, table
    assert read_table(data_dir, DATE, "release_images") == []  # only the bad record had one


@pytest.mark.parametrize(
    ("name", "content", "bad_id"),
    [
        (
            "artists",
            "<artists>\n<artist><id>1</id><name>Fine</name></artist>\n"
            "<artist><id>notanumber</id><name>Broken</name></artist>\n"
            "<artist><id>3</id><name>Also Fine</name></artist>\n</artists>\n",
            "notanumber",
        ),
        (
            "labels",
            "<labels>\n<label><id>1</id><name>Fine</name></label>\n"
            '<label><id>12a</id><name>Broken</name><sublabels><label id="5">S</label>'
            "</sublabels></label>\n<label><id>3</id><name>Also Fine</name></label>\n</labels>\n",
            "12a",
        ),
        (
            "masters",
            '<masters>\n<master id="1"><main_release>1</main_release><title>Fine</title></master>\n'
            '<master id="2"><main_release>x1</main_release><title>Broken</title></master>\n'
            '<master id="3"><main_release>3</main_release><title>Also Fine</title></master>\n'
            "</masters>\n",
            "2",
        ),
    ],
)
def test_bad_record_in_other_dump_types(
    tmp_path: Path,
    name: str,
    content: str,
    bad_id: str,
) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_text(content, "utf-8")
    stats = parse_file(path, tmp_path / "data", dump_date=DATE)
    assert (stats.records, stats.quarantined) == (2, 1)
    (entry,) = read_quarantine(tmp_path / "data", DATE, stats.dump_type)
    assert entry["id"] == bad_id
    assert "Broken" in entry["xml"]
    top = {"artist": "artists", "label": "labels", "master": "masters"}[stats.dump_type]
    key = f"{stats.dump_type}_id"
    assert sorted(r[key] for r in read_table(tmp_path / "data", DATE, top)) == [1, 3]


@pytest.mark.parametrize("separator", ["\n  ", ""], ids=["indented", "one line"])
def test_bad_label_does_not_take_its_neighbours_down(tmp_path: Path, separator: str) -> None:
    """Pretty-printed or single-line labels: nested <label>s make records harder to find."""

    def label(lid: int, name: str) -> str:
        return (
            f"<label><id>{lid}</id><name>{name}</name><sublabels>"
            f'<label id="{lid + 100}">Sub of {lid}</label></sublabels></label>'
        )

    records = [label(1, "Fine"), label(2, "Tom & Jerry Broken"), label(3, "Also Fine")]
    path = tmp_path / "labels.xml"
    path.write_text("<labels>" + separator + separator.join(records) + "\n</labels>\n")
    stats = parse_file(path, tmp_path / "data", dump_date=DATE)
    assert (stats.records, stats.quarantined) == (2, 1)
    (entry,) = read_quarantine(tmp_path / "data", DATE, "label")
    assert "Broken" in entry["xml"] and "Also Fine" not in entry["xml"]
    assert sorted(r["label_id"] for r in read_table(tmp_path / "data", DATE, "labels")) == [1, 3]


def test_no_quarantine_file_content_for_a_clean_file(tmp_path: Path) -> None:
    stats = parse_file(GOOD, tmp_path, dump_date=DATE)
    assert stats.quarantined == 0
    assert read_quarantine(tmp_path, DATE, "release") == []


# --------------------------------------------------------------------------------------------
# hostile XML


def _xxe_files(secret: Path) -> dict[str, bytes]:
    uri = secret.as_uri().encode()
    record = (
        b'<release id="2" status="Accepted"><title>&x;</title><notes>&x;</notes><formats/>'
        b"<genres/><data_quality>Correct</data_quality><tracklist/></release>"
    )
    good = b'<release id="1" status="Accepted"><title>Fine</title><tracklist/></release>'
    doctype = b'<!DOCTYPE releases [<!ENTITY x SYSTEM "' + uri + b'">]>\n'
    return {
        "xxe.xml": doctype + b"<releases>\n" + good + b"\n" + record + b"\n</releases>\n",
        "xxe_decl.xml": b'<?xml version="1.0"?>\n'
        + doctype
        + b"<releases>\n"
        + record
        + b"\n</releases>\n",
        "xxe_parameter.xml": b'<!DOCTYPE releases [<!ENTITY % p SYSTEM "'
        + uri
        + b'"> %p;]>\n'
        + b"<releases>\n"
        + good
        + b"\n</releases>\n",
        "xxe.xml.gz": gzip.compress(doctype + b"<releases>\n" + record + b"\n</releases>\n"),
        # rootless file with a DOCTYPE after the first record
        "xxe_midstream.xml": good
        + b"\n"
        + doctype.replace(b"releases", b"release")
        + record
        + b"\n",
    }


@pytest.mark.parametrize(
    "name", ["xxe.xml", "xxe_decl.xml", "xxe_parameter.xml", "xxe.xml.gz", "xxe_midstream.xml"]
)
def test_external_entities_never_leak(tmp_path: Path, name: str) -> None:
    secret_text = "TOP-SECRET-7f3a9c2e"
    secret = tmp_path / "secret.txt"
    secret.write_text(secret_text)
    path = tmp_path / name
    path.write_bytes(_xxe_files(secret)[name])
    data_dir = tmp_path / "data"
    try:
        parse_file(path, data_dir, dump_date=DATE)
    except InputFileError as err:
        assert secret_text not in str(err)
    leaks = [str(p) for p, text in output_texts(data_dir) if secret_text in text]
    assert leaks == []


_BOMB = (
    b'<!DOCTYPE releases [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<releases>\n<release id="1" status="Accepted"><title>&lol9;</title><tracklist/>'
    b"</release>\n</releases>\n"
)


def test_entity_expansion_bomb_neither_hangs_nor_expands(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    path.write_bytes(_BOMB)
    data_dir = tmp_path / "data"
    script = tmp_path / "run_bomb.py"
    script.write_text(
        textwrap.dedent(f"""
        from pathlib import Path
        from etl.errors import InputFileError
        from etl.parse import parse_file

        if __name__ == "__main__":
            try:
                stats = parse_file(Path({str(path)!r}), Path({str(data_dir)!r}),
                                   dump_date="{DATE}")
                print("parsed", stats.records, stats.quarantined)
            except InputFileError as err:
                print("rejected", err)
    """)
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(("parsed", "rejected")), done.stdout
    assert len(done.stdout) < 10_000
    expanded = "lol" * 1000
    assert [str(p) for p, text in output_texts(data_dir) if expanded in text] == []


# --------------------------------------------------------------------------------------------
# atomic publishing


@pytest.mark.parametrize(
    "kind",
    [
        "truncated gzip",
        "corrupt gzip",
        "gzip with a wrong crc",
        "stored gzip with a changed letter",
        "plain xml cut mid-record",
        "plain xml without its closing root",
    ],
)
def test_failed_parse_leaves_the_earlier_tables_untouched(tmp_path: Path, kind: str) -> None:
    data_dir = tmp_path / "data"
    good = tmp_path / "discogs_20200101_releases.xml.gz"
    good.write_bytes(gzip.compress(good_bytes()))
    parse_file(good, data_dir, workers=2)
    snapshot = data_dir / "parquet" / DATE
    before = file_hashes(snapshot)
    assert any(name.startswith("releases/") for name in before)
    dirs_before = visible_dirs(data_dir / "parquet")

    bad = tmp_path / "bad" / "discogs_20200101_releases.xml.gz"
    bad.parent.mkdir()
    bad.write_bytes(BAD_FILES[kind]())
    with pytest.raises(InputFileError):
        parse_file(bad, data_dir, workers=2)
    assert file_hashes(snapshot) == before
    assert visible_dirs(data_dir / "parquet") == dirs_before


def test_no_temporary_directories_after_success(tmp_path: Path) -> None:
    parse_file(GOOD, tmp_path, dump_date=DATE, workers=2)
    expected = {DATE, f"{DATE}/reports"} | {f"{DATE}/{t}" for t in TABLES_BY_DUMP["release"]}
    assert visible_dirs(tmp_path / "parquet") - {f"{DATE}/quarantine"} == expected


def test_a_new_parse_replaces_the_old_tables(tmp_path: Path) -> None:
    parse_file(GOOD, tmp_path, dump_date=DATE)
    assert {r["release_id"] for r in read_table(tmp_path, DATE, "releases")} == {940001, 940002}
    assert len(read_table(tmp_path, DATE, "release_images")) == 2
    dirs = visible_dirs(tmp_path / "parquet")
    parse_file(TEST_DATA / "releases_2026_style.xml", tmp_path, dump_date=DATE)
    assert {r["release_id"] for r in read_table(tmp_path, DATE, "releases")} == {980001, 980002}
    assert read_table(tmp_path, DATE, "release_images") == []
    assert visible_dirs(tmp_path / "parquet") == dirs
