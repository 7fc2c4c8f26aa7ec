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
        "releases",
        "release_artists",
        "release_extraartists",
        "release_labels",
        "release_series",
        "release_formats",
        "release_tracks",
        "release_track_artists",
        "release_track_extraartists",
        "release_identifiers",
        "release_videos",
        "release_companies",
        "release_images",
    ),
    "artist": (
        "artists",
        "artist_urls",
        "artist_namevariations",
        "artist_aliases",
        "artist_members",
        "artist_groups",
        "artist_images",
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
            files += sorted(p for p in directory.iterdir() if p.name.endswith((".xml", ".xml.gz")))
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
                    keys[table] += [(rid, track_idx, i) for i in range(len(track.findall(xpath)))]
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


# --------------------------------------------------------------------------------------------
# an independent value oracle: every column that is a plain copy of the XML (derived columns
# such as released_year, duration_seconds, track_type and record_hash are left out; the
# edge-case tests check those by hand)


def _text(el: ET.Element, path: str) -> str | None:
    return el.findtext(path) or None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _ref(value: str | None) -> int | None:
    """A reference id: 0, empty and absent are all NULL."""
    return _int(value) or None


def _bool(value: str | None) -> bool | None:
    return None if value is None else value == "true"


def _credit(el: ET.Element) -> dict[str, Any]:
    return {
        "artist_id": _ref(el.findtext("id")),
        "name": _text(el, "name"),
        "anv": _text(el, "anv"),
        "join": _text(el, "join"),
        "role": _text(el, "role"),
        "tracks": _text(el, "tracks"),
    }


def _image(el: ET.Element) -> dict[str, Any]:
    return {
        "type": el.get("type") or None,
        "uri": el.get("uri") or None,
        "uri150": el.get("uri150") or None,
        "width": _int(el.get("width")),
        "height": _int(el.get("height")),
    }


def _video(el: ET.Element) -> dict[str, Any]:
    return {
        "src": el.get("src") or None,
        "duration": _int(el.get("duration")),
        "embed": _bool(el.get("embed")),
        "title": _text(el, "title"),
        "description": _text(el, "description"),
    }


def _texts(el: ET.Element, path: str) -> list[str | None]:
    return [e.text for e in el.findall(path)]


def _members(artist: ET.Element) -> list[dict[str, Any]]:
    """<members> in all three shapes: <name>; <id>+<name> pairs; <name id=..>."""
    out: list[dict[str, Any]] = []
    for members in artist.findall("members"):
        children = list(members)
        for i, child in enumerate(children):
            before = children[i - 1] if i else None
            after = children[i + 1] if i + 1 < len(children) else None
            if child.tag == "name":
                paired = before.text if before is not None and before.tag == "id" else None
                out.append({"member_id": _int(child.get("id") or paired), "name": child.text})
            elif child.tag == "id" and (after is None or after.tag != "name"):
                out.append({"member_id": _int(child.text), "name": None})
    return out


def expected_rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows per table (key columns plus every directly copied column) built with ElementTree."""
    records = xml_records(path)
    kind = records[0].tag
    out: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES[kind]}
    parent = f"{kind}_id"

    def add(table: str, rid: int, items: list[dict[str, Any]]) -> None:
        out[table] += [{parent: rid, "idx": i, **item} for i, item in enumerate(items)]

    for rec in records:
        rid = record_id(rec)
        if kind == "release":
            master = rec.find("master_id")
            out["releases"].append(
                {
                    "release_id": rid,
                    "status": rec.get("status"),
                    "title": _text(rec, "title"),
                    "country": _text(rec, "country"),
                    "released": _text(rec, "released"),
                    "notes": _text(rec, "notes"),
                    "data_quality": _text(rec, "data_quality"),
                    "master_id": _ref(master.text if master is not None else None),
                    "is_main_release": _bool(master.get("is_main_release"))
                    if master is not None
                    else None,
                    "genres": _texts(rec, "genres/genre"),
                    "styles": _texts(rec, "styles/style"),
                }
            )
            add("release_artists", rid, [_credit(a) for a in rec.findall("artists/artist")])
            add(
                "release_extraartists",
                rid,
                [_credit(a) for a in rec.findall("extraartists/artist")],
            )
            add(
                "release_labels",
                rid,
                [
                    {
                        "label_id": _int(e.get("id")),
                        "name": e.get("name") or None,
                        "catno": e.get("catno") or None,
                    }
                    for e in rec.findall("labels/label")
                ],
            )
            add(
                "release_series",
                rid,
                [
                    {
                        "series_id": _int(e.get("id")),
                        "name": e.get("name") or None,
                        "catno": e.get("catno") or None,
                    }
                    for e in rec.findall("series/series")
                ],
            )
            add(
                "release_formats",
                rid,
                [
                    {
                        "name": e.get("name") or None,
                        "qty": _int(e.get("qty")),
                        "text": e.get("text") or None,
                        "descriptions": _texts(e, "descriptions/description"),
                    }
                    for e in rec.findall("formats/format")
                ],
            )
            for track_idx, (track, parent_idx) in enumerate(iter_tracks(rec)):
                out["release_tracks"].append(
                    {
                        "release_id": rid,
                        "track_idx": track_idx,
                        "parent_track_idx": parent_idx,
                        "position": _text(track, "position"),
                        "title": _text(track, "title"),
                        "duration": _text(track, "duration"),
                    }
                )
                for table, xpath in (
                    ("release_track_artists", "artists/artist"),
                    ("release_track_extraartists", "extraartists/artist"),
                ):
                    out[table] += [
                        {"release_id": rid, "track_idx": track_idx, "idx": i, **_credit(a)}
                        for i, a in enumerate(track.findall(xpath))
                    ]
            add(
                "release_identifiers",
                rid,
                [
                    {
                        "type": e.get("type") or None,
                        "description": e.get("description") or None,
                        "value": e.get("value") or None,
                    }
                    for e in rec.findall("identifiers/identifier")
                ],
            )
            add("release_videos", rid, [_video(v) for v in rec.findall("videos/video")])
            add(
                "release_companies",
                rid,
                [
                    {
                        "company_id": _int(c.findtext("id")),
                        "name": _text(c, "name"),
                        "catno": _text(c, "catno"),
                        "entity_type": _int(c.findtext("entity_type")),
                        "entity_type_name": _text(c, "entity_type_name"),
                        "resource_url": _text(c, "resource_url"),
                    }
                    for c in rec.findall("companies/company")
                ],
            )
            add("release_images", rid, [_image(i) for i in rec.findall("images/image")])
        elif kind == "artist":
            out["artists"].append(
                {
                    "artist_id": rid,
                    "name": _text(rec, "name"),
                    "realname": _text(rec, "realname"),
                    "profile": _text(rec, "profile"),
                    "data_quality": _text(rec, "data_quality"),
                }
            )
            add("artist_urls", rid, [{"url": u or None} for u in _texts(rec, "urls/url")])
            add(
                "artist_namevariations",
                rid,
                [{"name": n} for n in _texts(rec, "namevariations/name")],
            )
            add(
                "artist_aliases",
                rid,
                [
                    {"alias_id": _int(e.get("id")), "name": e.text}
                    for e in rec.findall("aliases/name")
                ],
            )
            add("artist_members", rid, _members(rec))
            add(
                "artist_groups",
                rid,
                [
                    {"group_id": _int(e.get("id")), "name": e.text}
                    for e in rec.findall("groups/name")
                ],
            )
            add("artist_images", rid, [_image(i) for i in rec.findall("images/image")])
        elif kind == "label":
            parent_label = rec.find("parentLabel")
            out["labels"].append(
                {
                    "label_id": rid,
                    "name": _text(rec, "name"),
                    "contactinfo": _text(rec, "contactinfo"),
                    "profile": _text(rec, "profile"),
                    "data_quality": _text(rec, "data_quality"),
                    "parent_label_id": _int(parent_label.get("id"))
                    if parent_label is not None
                    else None,
                    "parent_label_name": (parent_label.text or None)
                    if parent_label is not None
                    else None,
                }
            )
            add("label_urls", rid, [{"url": u or None} for u in _texts(rec, "urls/url")])
            add(
                "label_sublabels",
                rid,
                [
                    {"sublabel_id": _int(e.get("id")), "name": e.text or None}
                    for e in rec.findall("sublabels/label")
                ],
            )
            add("label_images", rid, [_image(i) for i in rec.findall("images/image")])
        else:
            out["masters"].append(
                {
                    "master_id": rid,
                    "main_release_id": _int(rec.findtext("main_release")),
                    "title": _text(rec, "title"),
                    "year": _ref(rec.findtext("year")),
                    "notes": _text(rec, "notes"),
                    "data_quality": _text(rec, "data_quality"),
                    "genres": _texts(rec, "genres/genre"),
                    "styles": _texts(rec, "styles/style"),
                }
            )
            add("master_artists", rid, [_credit(a) for a in rec.findall("artists/artist")])
            add("master_videos", rid, [_video(v) for v in rec.findall("videos/video")])
            add("master_images", rid, [_image(i) for i in rec.findall("images/image")])
    return out


def project(rows: list[dict[str, Any]], like: list[dict[str, Any]], table: str) -> list[Any]:
    """rows reduced to the columns of `like` and sorted by the table key, for comparison."""
    columns = list(like[0]) if like else []
    keys = KEY_COLUMNS[table]
    return sorted(
        ([row[c] for c in columns] for row in rows),
        key=lambda values: _sort_key(tuple(values[columns.index(k)] for k in keys)),
    )
