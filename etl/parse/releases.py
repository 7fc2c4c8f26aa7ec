"""`<release>` records -> the release tables (see etl.schemas.RELEASE_TABLES for the columns)."""

from __future__ import annotations

from lxml import etree

from etl.parse.common import (
    Drift,
    Rows,
    credits,
    duration_seconds,
    images,
    record_hash,
    released_parts,
    required_id,
    texts,
    to_bool,
    to_id,
    to_int,
    videos,
)

TAG = "release"

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "id": ("release", "label", "series"),
    "status": ("release",),
    "name": ("label", "series", "format"),
    "catno": ("label", "series"),
    "qty": ("format",),
    "text": ("format",),
    "type": ("image", "identifier"),
    "uri": ("image",),
    "uri150": ("image",),
    "width": ("image",),
    "height": ("image",),
    "description": ("identifier",),
    "value": ("identifier",),
    "src": ("video",),
    "duration": ("video",),
    "embed": ("video",),
    "is_main_release": ("master_id",),
}

_RELEASE_ATTRIBUTES = frozenset({"id", "status"})
_MASTER_ID_ATTRIBUTES = frozenset({"is_main_release"})
_CATALOG_ATTRIBUTES = frozenset({"name", "catno", "id"})
_FORMAT_ATTRIBUTES = frozenset({"name", "qty", "text"})
_IDENTIFIER_ATTRIBUTES = frozenset({"type", "description", "value"})


def extract(rec: etree._Element, drift: Drift) -> tuple[Rows, ...]:
    """One release -> rows for each release table, in RELEASE_TABLES order."""
    rid = required_id(rec.get("id"), "release id")
    drift.read_attributes(rec, _RELEASE_ATTRIBUTES)
    title = country = released = notes = data_quality = None
    master_id = is_main = None
    genres: list[str | None] = []
    styles: list[str | None] = []
    artists: Rows = []
    extra: Rows = []
    labels: Rows = []
    series: Rows = []
    formats: Rows = []
    tracks: Rows = []
    track_artists: Rows = []
    track_extra: Rows = []
    identifiers: Rows = []
    video_rows: Rows = []
    companies: Rows = []
    image_rows: Rows = []
    key = (rid,)
    for child in rec:
        tag = child.tag
        if tag == "artists":
            credits(child, key, artists, drift, "release/artists")
        elif tag == "title":
            title = child.text
        elif tag == "labels":
            _catalog_entries(child, rid, "label", labels, drift)
        elif tag == "series":
            _catalog_entries(child, rid, "series", series, drift)
        elif tag == "extraartists":
            credits(child, key, extra, drift, "release/extraartists")
        elif tag == "formats":
            _formats(child, rid, formats, drift)
        elif tag == "genres":
            genres = texts(child)
        elif tag == "styles":
            styles = texts(child)
        elif tag == "country":
            country = child.text
        elif tag == "released":
            released = child.text
        elif tag == "notes":
            notes = child.text
        elif tag == "data_quality":
            data_quality = child.text
        elif tag == "master_id":
            master_id = to_id(child.text, "master_id")
            drift.read_attributes(child, _MASTER_ID_ATTRIBUTES)
            is_main = to_bool(child.get("is_main_release"), "is_main_release")
        elif tag == "tracklist":
            for track in child:
                if track.tag == "track":
                    _track(track, rid, None, tracks, track_artists, track_extra, drift)
                else:
                    drift.element("release/tracklist", track)
        elif tag == "identifiers":
            _identifiers(child, rid, identifiers, drift)
        elif tag == "videos":
            videos(child, rid, video_rows, drift, "release/videos")
        elif tag == "companies":
            _companies(child, rid, companies, drift)
        elif tag == "images":
            images(child, rid, image_rows, drift, "release/images")
        else:
            drift.element("release", child)
    year, month, day = released_parts(released)
    release = (
        rid,
        rec.get("status") or None,
        title,
        country,
        released,
        year,
        month,
        day,
        notes,
        data_quality,
        master_id,
        is_main,
        genres,
        styles,
    )
    children = (
        artists,
        extra,
        labels,
        series,
        formats,
        tracks,
        track_artists,
        track_extra,
        identifiers,
        video_rows,
        companies,
        image_rows,
    )
    return ([(*release, record_hash(release, children))], *children)


def _catalog_entries(el: etree._Element, rid: int, tag: str, out: Rows, drift: Drift) -> None:
    """`<labels><label name catno id/>` and `<series><series .../>`."""
    idx = 0
    for entry in el:
        if entry.tag != tag:
            drift.element(f"release/{el.tag}", entry)
            continue
        get = entry.get
        drift.read_attributes(entry, _CATALOG_ATTRIBUTES)
        out.append(
            (rid, idx, to_id(get("id"), f"{tag} id"), get("name") or None, get("catno") or None)
        )
        idx += 1


def _formats(el: etree._Element, rid: int, out: Rows, drift: Drift) -> None:
    idx = 0
    for fmt in el:
        if fmt.tag != "format":
            drift.element("release/formats", fmt)
            continue
        descriptions: list[str | None] = []
        for child in fmt:
            if child.tag == "descriptions":
                descriptions = texts(child)
            else:
                drift.element("release/formats/format", child)
        get = fmt.get
        drift.read_attributes(fmt, _FORMAT_ATTRIBUTES)
        out.append(
            (
                rid,
                idx,
                get("name") or None,
                to_int(get("qty"), "format qty"),
                get("text") or None,
                descriptions,
            )
        )
        idx += 1


def _track(
    el: etree._Element,
    rid: int,
    parent: int | None,
    tracks: Rows,
    artists: Rows,
    extra: Rows,
    drift: Drift,
) -> None:
    """One `<track>`, numbered in document order before its sub-tracks (pre-order)."""
    track_idx = len(tracks)
    tracks.append(())  # reserve the slot so sub-tracks number after their index track
    position = title = duration = None
    has_subtracks = False
    for child in el:
        tag = child.tag
        if tag == "position":
            position = child.text
        elif tag == "title":
            title = child.text
        elif tag == "duration":
            duration = child.text
        elif tag == "artists":
            credits(child, (rid, track_idx), artists, drift, "release/tracklist/track/artists")
        elif tag == "extraartists":
            credits(child, (rid, track_idx), extra, drift, "release/tracklist/track/extraartists")
        elif tag == "sub_tracks":
            for sub in child:
                if sub.tag == "track":
                    has_subtracks = True
                    _track(sub, rid, track_idx, tracks, artists, extra, drift)
                else:
                    drift.element("release/tracklist/track/sub_tracks", sub)
        else:
            drift.element("release/tracklist/track", child)
    if has_subtracks:
        track_type = "index"
    elif position is None and duration is None:
        track_type = "heading"
    else:
        track_type = "track"
    tracks[track_idx] = (
        rid,
        track_idx,
        parent,
        position,
        title,
        duration,
        duration_seconds(duration),
        track_type,
    )


def _identifiers(el: etree._Element, rid: int, out: Rows, drift: Drift) -> None:
    idx = 0
    for ident in el:
        if ident.tag != "identifier":
            drift.element("release/identifiers", ident)
            continue
        get = ident.get
        drift.read_attributes(ident, _IDENTIFIER_ATTRIBUTES)
        out.append(
            (rid, idx, get("type") or None, get("description") or None, get("value") or None)
        )
        idx += 1


def _companies(el: etree._Element, rid: int, out: Rows, drift: Drift) -> None:
    idx = 0
    for company in el:
        if company.tag != "company":
            drift.element("release/companies", company)
            continue
        cid = name = catno = entity_type = entity_type_name = resource_url = None
        for child in company:
            tag = child.tag
            if tag == "id":
                cid = to_id(child.text, "company id")
            elif tag == "name":
                name = child.text
            elif tag == "catno":
                catno = child.text
            elif tag == "entity_type":
                entity_type = to_int(child.text, "entity_type")
            elif tag == "entity_type_name":
                entity_type_name = child.text
            elif tag == "resource_url":
                resource_url = child.text
            else:
                drift.element("release/companies/company", child)
        out.append((rid, idx, cid, name, catno, entity_type, entity_type_name, resource_url))
        idx += 1
