"""One explicit pyarrow schema per output table: the column contract of docs/data-model.md.

Column order here is the order of the tuples the parse mappers emit, so a mapper row and its
schema must be changed together.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

#: A row is a tuple in its table's schema column order.
Row = tuple[Any, ...]
Rows = list[Row]

_i32 = pa.int32()
_i64 = pa.int64()
_str = pa.string()
_bool = pa.bool_()
_strs = pa.list_(pa.string())


def _schema(*fields: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([pa.field(name, typ) for name, typ in fields])


def _credit(parent: str, *keys: tuple[str, pa.DataType]) -> pa.Schema:
    """An artist credit: the same six children everywhere (id, name, anv, join, role, tracks)."""
    return _schema(
        (parent, _i64),
        *keys,
        ("idx", _i32),
        ("artist_id", _i64),
        ("name", _str),
        ("anv", _str),
        ("join", _str),
        ("role", _str),
        ("tracks", _str),
    )


def _images(parent: str) -> pa.Schema:
    return _schema(
        (parent, _i64),
        ("idx", _i32),
        ("type", _str),
        ("uri", _str),
        ("uri150", _str),
        ("width", _i32),
        ("height", _i32),
    )


def _videos(parent: str) -> pa.Schema:
    return _schema(
        (parent, _i64),
        ("idx", _i32),
        ("src", _str),
        ("duration", _i32),
        ("embed", _bool),
        ("title", _str),
        ("description", _str),
    )


def _named(parent: str, id_col: str) -> pa.Schema:
    return _schema((parent, _i64), ("idx", _i32), (id_col, _i64), ("name", _str))


def _urls(parent: str) -> pa.Schema:
    return _schema((parent, _i64), ("idx", _i32), ("url", _str))


RELEASE_TABLES: dict[str, pa.Schema] = {
    "releases": _schema(
        ("release_id", _i64),
        ("status", _str),
        ("title", _str),
        ("country", _str),
        ("released", _str),
        ("released_year", _i32),
        ("released_month", _i32),
        ("released_day", _i32),
        ("notes", _str),
        ("data_quality", _str),
        ("master_id", _i64),
        ("is_main_release", _bool),
        ("genres", _strs),
        ("styles", _strs),
        ("record_hash", _i64),
    ),
    "release_artists": _credit("release_id"),
    "release_extraartists": _credit("release_id"),
    "release_labels": _schema(
        ("release_id", _i64),
        ("idx", _i32),
        ("label_id", _i64),
        ("name", _str),
        ("catno", _str),
    ),
    "release_series": _schema(
        ("release_id", _i64),
        ("idx", _i32),
        ("series_id", _i64),
        ("name", _str),
        ("catno", _str),
    ),
    "release_formats": _schema(
        ("release_id", _i64),
        ("idx", _i32),
        ("name", _str),
        ("qty", _i32),
        ("text", _str),
        ("descriptions", _strs),
    ),
    "release_tracks": _schema(
        ("release_id", _i64),
        ("track_idx", _i32),
        ("parent_track_idx", _i32),
        ("position", _str),
        ("title", _str),
        ("duration", _str),
        ("duration_seconds", _i32),
        ("track_type", _str),
    ),
    "release_track_artists": _credit("release_id", ("track_idx", _i32)),
    "release_track_extraartists": _credit("release_id", ("track_idx", _i32)),
    "release_identifiers": _schema(
        ("release_id", _i64),
        ("idx", _i32),
        ("type", _str),
        ("description", _str),
        ("value", _str),
    ),
    "release_videos": _videos("release_id"),
    "release_companies": _schema(
        ("release_id", _i64),
        ("idx", _i32),
        ("company_id", _i64),
        ("name", _str),
        ("catno", _str),
        ("entity_type", _i32),
        ("entity_type_name", _str),
        ("resource_url", _str),
    ),
    "release_images": _images("release_id"),
}

ARTIST_TABLES: dict[str, pa.Schema] = {
    "artists": _schema(
        ("artist_id", _i64),
        ("name", _str),
        ("realname", _str),
        ("profile", _str),
        ("data_quality", _str),
        ("record_hash", _i64),
    ),
    "artist_urls": _urls("artist_id"),
    "artist_namevariations": _schema(("artist_id", _i64), ("idx", _i32), ("name", _str)),
    "artist_aliases": _named("artist_id", "alias_id"),
    "artist_members": _named("artist_id", "member_id"),
    "artist_groups": _named("artist_id", "group_id"),
    "artist_images": _images("artist_id"),
}

LABEL_TABLES: dict[str, pa.Schema] = {
    "labels": _schema(
        ("label_id", _i64),
        ("name", _str),
        ("contactinfo", _str),
        ("profile", _str),
        ("data_quality", _str),
        ("parent_label_id", _i64),
        ("parent_label_name", _str),
        ("record_hash", _i64),
    ),
    "label_urls": _urls("label_id"),
    "label_sublabels": _named("label_id", "sublabel_id"),
    "label_images": _images("label_id"),
}

MASTER_TABLES: dict[str, pa.Schema] = {
    "masters": _schema(
        ("master_id", _i64),
        ("main_release_id", _i64),
        ("title", _str),
        ("year", _i32),
        ("notes", _str),
        ("data_quality", _str),
        ("genres", _strs),
        ("styles", _strs),
        ("record_hash", _i64),
    ),
    "master_artists": _credit("master_id"),
    "master_videos": _videos("master_id"),
    "master_images": _images("master_id"),
}

#: dump type (the record element's tag) -> its tables, the first being the top-level one.
TABLES_BY_DUMP: dict[str, dict[str, pa.Schema]] = {
    "release": RELEASE_TABLES,
    "artist": ARTIST_TABLES,
    "label": LABEL_TABLES,
    "master": MASTER_TABLES,
}

ALL_TABLES: dict[str, pa.Schema] = {
    name: schema for tables in TABLES_BY_DUMP.values() for name, schema in tables.items()
}
