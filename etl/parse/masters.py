"""`<master>` records -> the master tables (see etl.schemas.MASTER_TABLES for the columns)."""

from __future__ import annotations

from lxml import etree

from etl.parse.common import (
    ID_ATTRIBUTE,
    Drift,
    Rows,
    credits,
    images,
    record_hash,
    required_id,
    texts,
    to_id,
    to_int,
    videos,
)

TAG = "master"

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "id": ("master",),
    "type": ("image",),
    "uri": ("image",),
    "uri150": ("image",),
    "width": ("image",),
    "height": ("image",),
    "src": ("video",),
    "duration": ("video",),
    "embed": ("video",),
}


def extract(rec: etree._Element, drift: Drift) -> tuple[Rows, ...]:
    """One master -> rows for each master table, in MASTER_TABLES order."""
    mid = required_id(rec.get("id"), "master id")
    drift.read_attributes(rec, ID_ATTRIBUTE)
    main_release = title = year = notes = data_quality = None
    genres: list[str | None] = []
    styles: list[str | None] = []
    artists: Rows = []
    video_rows: Rows = []
    image_rows: Rows = []
    for child in rec:
        tag = child.tag
        if tag == "main_release":
            main_release = to_id(child.text, "main_release")
        elif tag == "artists":
            credits(child, (mid,), artists, drift, "master/artists")
        elif tag == "genres":
            genres = texts(child)
        elif tag == "styles":
            styles = texts(child)
        elif tag == "notes":
            notes = child.text
        elif tag == "year":
            year = to_int(child.text, "year") or None
        elif tag == "title":
            title = child.text
        elif tag == "data_quality":
            data_quality = child.text
        elif tag == "videos":
            videos(child, mid, video_rows, drift, "master/videos")
        elif tag == "images":
            images(child, mid, image_rows, drift, "master/images")
        else:
            drift.element("master", child)
    master = (mid, main_release, title, year, notes, data_quality, genres, styles)
    children = (artists, video_rows, image_rows)
    return ([(*master, record_hash(master, children))], *children)
