"""Shared helpers for the parse tests.

Expected values are derived from the XML itself with the standard library
(`xml.etree.ElementTree`), never from the parser under test, so a count mismatch always points at
one side or the other instead of agreeing with itself.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
TEST_DATA = Path(__file__).resolve().parent / "data"

#: the sample folders that hold real dump excerpts (see ../shared/samples/SOURCES.md)
SAMPLE_DIRS = (
    "philipmat__discogs-xml2db",
    "elpassion__discogs_data",
    "tgmz__de.tgmz.discogs",
    "alexquintino__discogs-parser",
    "jruaux__jdiscogs",
    "lukasaron__data-discogs",
)

#: dump date passed for sample files whose name carries none
NO_NAME_DATE = "20200101"

RECORD_TAGS = ("release", "artist", "label", "master")
GZIP_MAGIC = b"\x1f\x8b"
CONTROL_CHARS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NAME_DATE = re.compile(r"discogs_(\d{8})_")

#: table names per dump type, written out here independently of etl/schemas.py
TABLES: dict[str, tuple[str, ...]] = {
    "release": (
        "releases", "release_artists", "release_extraartists", "release_labels",
        "release_series", "release_formats", "release_tracks", "release_track_artists",
        "release_track_extraartists", "release_identifiers", "release_videos",
        "release_companies", "release_images",
    ),
    "artist": (
        "artists", "artist_urls", "artist_namevariations", "artist_aliases", "artist_members",
        "artist_groups", "artist_images",
    ),
    "label": ("labels", "label_urls", "label_sublabels", "label_images"),
    "master": ("masters", "master_artists", "master_videos", "master_images"),
}


# --------------------------------------------------------------------------------------------
# samples


def sample_dump_files() -> list[Path]:
    """Every dump excerpt (.xml / .xml.gz) in the sample folders; empty when samples are absent."""
    files: list[Path] = []
    for folder in SAMPLE_DIRS:
        directory = SAMPLES / folder
        if directory.is_dir():
            files += sorted(
                p for p in directory.iterdir() if p.name.endswith((".xml", ".xml.gz"))
            )
    return files


def sample_path(relative: str) -> Path:
    """A sample file by its path below ../shared/samples; skips the test when it is absent."""
    path = SAMPLES / relative
    if not path.is_file():
        pytest.skip(f"sample {relative} not available")
    return path


def date_for(path: Path) -> str | None:
    """The dump date the parser should take from the file name, or None when it has none."""
    match = _NAME_DATE.search(path.name)
    return match.group(1) if match else None


@pytest.fixture
def samples() -> Path:
    """The samples directory; skips the test cleanly when it is not there."""
    if not SAMPLES.is_dir():
        pytest.skip(f"samples not found at {SAMPLES}")
    return SAMPLES


# --------------------------------------------------------------------------------------------
# reading the parser's output


def table_dir(data_dir: Path, date: str, table: str) -> Path:
    return data_dir / "parquet" / date / table


def read_table(data_dir: Path, date: str, table: str) -> list[dict[str, Any]]:
    """All rows of one published table, as dicts (order not guaranteed)."""
    return pq.read_table(table_dir(data_dir, date, table)).to_pylist()


def rows_by(rows: list[dict[str, Any]], *keys: str) -> dict[Any, dict[str, Any]]:
    """Index rows by one key column (scalar key) or several (tuple key); keys must be unique."""
    out: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = row[keys[0]] if len(keys) == 1 else tuple(row[k] for k in keys)
        assert key not in out, f"duplicate key {key!r} for {keys}"
        out[key] = row
    return out


def read_quarantine(data_dir: Path, date: str, dump_type: str) -> list[dict[str, Any]]:
    path = data_dir / "parquet" / date / "quarantine" / f"{dump_type}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def read_report(data_dir: Path, date: str, dump_type: str) -> dict[str, Any]:
    path = data_dir / "parquet" / date / "reports" / f"{dump_type}.json"
    return json.loads(path.read_text("utf-8"))


def file_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file below root, keyed by relative path."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def visible_dirs(root: Path) -> set[str]:
    """Relative paths of every directory below root that does not start with '.'."""
    return {
        str(p.relative_to(root))
        for p in root.rglob("*")
        if p.is_dir() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    }


def output_texts(root: Path) -> Iterator[tuple[Path, str]]:
    """Text content of every output file below root: Parquet cells decoded, other files as text.

    Parquet is compressed, so a secret would not show up in its raw bytes; reading the cells
    is the only honest way to look for it.
    """
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".parquet":
            yield path, json.dumps(pq.read_table(path).to_pylist(), default=str)
        else:
            yield path, path.read_bytes().decode("utf-8", errors="replace")


# --------------------------------------------------------------------------------------------
# independent reading of the XML


def xml_bytes(path: Path) -> bytes:
    """The file's XML bytes, decompressed when the content (not the name) is gzip."""
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == GZIP_MAGIC else data


def xml_records(path: Path) -> list[ET.Element]:
    """Top-level records of a dump file, wrapping rootless (pre-2014) content in a fake root."""
    data = CONTROL_CHARS.sub(b"", xml_bytes(path))
    data = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data)
    first = re.search(rb"<([A-Za-z_][\w.-]*)", data)
    assert first is not None, f"{path} holds no element"
    if first.group(1).decode() in RECORD_TAGS:
        data = b"<synthetic_root>" + data + b"</synthetic_root>"
    return list(ET.fromstring(data))


def iter_tracks(release: ET.Element) -> list[tuple[ET.Element, int | None]]:
    """Every <track> of a release in document pre-order, with its parent's track index."""
    out: list[tuple[ET.Element, int | None]] = []

    def walk(tracks: list[ET.Element], parent: int | None) -> None:
        for track in tracks:
            index = len(out)
            out.append((track, parent))
            walk(track.findall("sub_tracks/track"), index)

    walk(release.findall("tracklist/track"), None)
    return out


def _member_rows(artist: ET.Element) -> int:
    """<members>: one row per <name>, plus one per <id> that is not followed by a <name>."""
    count = 0
    for members in artist.findall("members"):
        children = list(members)
        for i, child in enumerate(children):
            orphan_id = child.tag == "id" and (
                i + 1 == len(children) or children[i + 1].tag != "name"
            )
            if child.tag == "name" or orphan_id:
                count += 1
    return count


#: the key columns of every table, as the parser must fill them (parent key(s), then idx)
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "releases": ("release_id",),
    "release_tracks": ("release_id", "track_idx", "parent_track_idx"),
    "release_track_artists": ("release_id", "track_idx", "idx"),
    "release_track_extraartists": ("release_id", "track_idx", "idx"),
    "artists": ("artist_id",),
    "labels": ("label_id",),
    "masters": ("master_id",),
}
for _kind, _tables in TABLES.items():
    for _table in _tables[1:]:
        KEY_COLUMNS.setdefault(_table, (f"{_kind}_id", "idx"))


def record_id(record: ET.Element) -> int:
    """A record's id: the id attribute (releases, masters) or the <id> child (artists, labels)."""
    value = record.get("id") if record.tag in ("release", "master") else record.findtext("id")
    assert value is not None, f"record without id: {ET.tostring(record)[:200]!r}"
    return int(value)


def expected_keys(path: Path) -> tuple[str, dict[str, list[tuple[Any, ...]]]]:
    """(dump type, sorted key tuples per table) computed from the XML with ElementTree.

    Key tuples follow KEY_COLUMNS, so comparing them checks row counts, idx numbering, the
    parent a row hangs from and, for tracks, the sub-track parent links all at once.
    """
    records = xml_records(path)
    kinds = {r.tag for r in records}
    assert len(kinds) == 1, f"{path}: mixed record tags {kinds}"
    kind = kinds.pop()
    keys: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES[kind]}

    def children(table: str, rid: int, found: int) -> None:
        keys[table] += [(rid, i) for i in range(found)]

    for record in records:
        rid = record_id(record)
        keys[TABLES[kind][0]].append((rid,))
        if kind == "release":
            for table, xpath in (
                ("release_artists", "artists/artist"),
                ("release_extraartists", "extraartists/artist"),
                ("release_labels", "labels/label"),
                ("release_series", "series/series"),
                ("release_formats", "formats/format"),
                ("release_identifiers", "identifiers/identifier"),
                ("release_videos", "videos/video"),
                ("release_companies", "companies/company"),
                ("release_images", "images/image"),
            ):
                children(table, rid, len(record.findall(xpath)))
            for track_idx, (track, parent) in enumerate(iter_tracks(record)):
                keys["release_tracks"].append((rid, track_idx, parent))
                for table, xpath in (
                    ("release_track_artists", "artists/artist"),
                    ("release_track_extraartists", "extraartists/artist"),
                ):
                    keys[table] += [
                        (rid, track_idx, i) for i in range(len(track.findall(xpath)))
                    ]
        elif kind == "artist":
            children("artist_urls", rid, len(record.findall("urls/url")))
            children("artist_namevariations", rid, len(record.findall("namevariations/name")))
            children("artist_aliases", rid, len(record.findall("aliases/name")))
            children("artist_members", rid, _member_rows(record))
            children("artist_groups", rid, len(record.findall("groups/name")))
            children("artist_images", rid, len(record.findall("images/image")))
        elif kind == "label":
            children("label_urls", rid, len(record.findall("urls/url")))
            children("label_sublabels", rid, len(record.findall("sublabels/label")))
            children("label_images", rid, len(record.findall("images/image")))
        elif kind == "master":
            children("master_artists", rid, len(record.findall("artists/artist")))
            children("master_videos", rid, len(record.findall("videos/video")))
            children("master_images", rid, len(record.findall("images/image")))
        else:
            raise AssertionError(f"{path}: unexpected record tag {kind!r}")
    return kind, {table: sorted(found, key=_sort_key) for table, found in keys.items()}


def actual_keys(rows: list[dict[str, Any]], table: str) -> list[tuple[Any, ...]]:
    """The key tuples of parsed rows, sorted like expected_keys."""
    columns = KEY_COLUMNS[table]
    return sorted((tuple(row[c] for c in columns) for row in rows), key=_sort_key)


def _sort_key(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((-1 if v is None else v) for v in key)
