"""Pieces shared by the four record mappers: value conversion, shared shapes, drift, hashing.

A mapper turns one record element into rows (tuples in schema column order). Conversion
failures raise RecordError, which quarantines the record; anything else is a bug.
"""

from __future__ import annotations

import hashlib
import marshal
from calendar import monthrange
from functools import lru_cache
from typing import Any

from lxml import etree

from etl.schemas import Row, Rows

__all__ = ["Row", "Rows"]


class RecordError(ValueError):
    """A record whose content cannot be converted to its columns."""


class Drift:
    """Elements and attributes the mappers do not know: counts and one example each.

    Mappers count the known attributes of every element they read attributes from
    (`read_attributes`); when that falls short of the attributes in a chunk, the chunk holds
    unknown ones, and only then is the slower exact search run.
    """

    def __init__(self) -> None:
        self.seen: dict[str, dict[str, Any]] = {}
        self.attributes = 0

    def note(self, key: str, example: str) -> None:
        entry = self.seen.get(key)
        if entry is None:
            self.seen[key] = {"count": 1, "example": example[:300]}
        else:
            entry["count"] += 1

    def read_attributes(self, el: etree._Element, known: frozenset[str]) -> None:
        self.attributes += len(known.intersection(el.keys()))

    def element(self, path: str, el: etree._Element) -> None:
        if isinstance(el.tag, str):  # comments and processing instructions carry no data
            self.note(f"{path}/{el.tag}", etree.tostring(el, encoding="unicode", with_tail=False))

    def merge(self, other: dict[str, dict[str, Any]]) -> None:
        for key, entry in other.items():
            mine = self.seen.setdefault(key, {"count": 0, "example": entry["example"]})
            mine["count"] += entry["count"]


ID_ATTRIBUTE = frozenset({"id"})
IMAGE_ATTRIBUTES = frozenset({"type", "uri", "uri150", "width", "height"})
VIDEO_ATTRIBUTES = frozenset({"src", "duration", "embed"})


def unknown_attributes(allowed: dict[str, tuple[str, ...]]) -> etree.XPath:
    """An XPath that finds every attribute not allowed on its element, in one C-level pass.

    allowed maps an attribute name to the element tags that may carry it.
    """
    known = " or ".join(
        f"(name()='{attr}' and ({' or '.join(f'parent::{tag}' for tag in tags)}))"
        for attr, tags in allowed.items()
    )
    return etree.XPath(f"//@*[not({known})]")


def to_int(value: str | None, what: str) -> int | None:
    """An optional integer: empty or absent is NULL, anything else must be a number."""
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        raise RecordError(f"{what} {value!r} is not an integer") from None


def to_id(value: str | None, what: str) -> int | None:
    """A reference id: 0, empty and absent mean 'not linked' and become NULL."""
    if not value:
        return None
    try:
        return int(value) or None
    except ValueError:
        raise RecordError(f"{what} {value!r} is not an integer") from None


def required_id(value: str | None, what: str) -> int:
    number = to_int(value, what)
    if number is None:
        raise RecordError(f"{what} is missing")
    return number


def to_bool(value: str | None, what: str) -> bool | None:
    if value is None or value == "":
        return None
    if value == "true":
        return True
    if value == "false":
        return False
    raise RecordError(f"{what} {value!r} is not true or false")


@lru_cache(maxsize=1 << 16)  # durations repeat a lot; the cache saves most of the parsing
def duration_seconds(duration: str | None) -> int | None:
    """'4:45' -> 285, '148:00' -> 8880, '1:02:08' -> 3728; anything else is NULL.

    Seconds (and minutes under hours) must be below 60; the raw text is always kept.
    """
    if not duration:
        return None
    parts = duration.strip().split(":")
    if not 2 <= len(parts) <= 3 or not all(part.isdigit() for part in parts):
        return None
    numbers = [int(part) for part in parts]
    if any(number >= 60 for number in numbers[1:]):
        return None
    total = 0
    for number in numbers:
        total = total * 60 + number
    return total


@lru_cache(maxsize=1 << 16)
def released_parts(released: str | None) -> tuple[int | None, int | None, int | None]:
    """Lenient (year, month, day) of a release date such as '1999', '1999-03-00', '1997-03-24'.

    A part that is 00, missing or impossible is NULL, and so are the parts after it.
    """
    if not released:
        return None, None, None
    parts = released.strip().split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4 or int(parts[0]) == 0:
        return None, None, None
    year = int(parts[0])
    if len(parts) < 2 or not parts[1].isdigit() or not 1 <= int(parts[1]) <= 12:
        return year, None, None
    month = int(parts[1])
    if len(parts) < 3 or not parts[2].isdigit():
        return year, month, None
    day = int(parts[2])
    if not 1 <= day <= monthrange(year, month)[1]:
        return year, month, None
    return year, month, day


def record_hash(*parts: object) -> int:
    """A stable signed 64-bit hash of a record's extracted content.

    Hashing values rather than XML makes it blind to serialisation changes (attribute order,
    `<x></x>` versus absent), so month-over-month diffs show only real edits.
    """
    # marshal format 2 has no back-references, so equal values always give equal bytes.
    digest = hashlib.blake2b(marshal.dumps(parts, 2), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def texts(el: etree._Element) -> list[str | None]:
    """The texts of a list element's children (`<genres><genre>...`)."""
    return [child.text for child in el]


def credits(el: etree._Element, key: Row, out: Rows, drift: Drift, path: str) -> None:
    """Artist credits (`<artists>`/`<extraartists>`): rows of key + (idx, id, name, ..., tracks)."""
    idx = 0
    for artist in el:
        if artist.tag != "artist":
            drift.element(path, artist)
            continue
        aid = name = anv = join = role = tracks = None
        for child in artist:  # the hottest loop of the parse: keep it flat
            tag = child.tag
            if tag == "name":
                name = child.text
            elif tag == "id":
                aid = to_id(child.text, "artist id")
            elif tag == "anv":
                anv = child.text
            elif tag == "join":
                join = child.text
            elif tag == "role":
                role = child.text
            elif tag == "tracks":
                tracks = child.text
            else:
                drift.element(path + "/artist", child)
        out.append((*key, idx, aid, name, anv, join, role, tracks))
        idx += 1


def images(el: etree._Element, key: int, out: Rows, drift: Drift, path: str) -> None:
    idx = 0
    for image in el:
        if image.tag != "image":
            drift.element(path, image)
            continue
        get = image.get
        drift.read_attributes(image, IMAGE_ATTRIBUTES)
        out.append(
            (
                key,
                idx,
                get("type") or None,
                get("uri") or None,
                get("uri150") or None,
                to_int(get("width"), "image width"),
                to_int(get("height"), "image height"),
            )
        )
        idx += 1


def videos(el: etree._Element, key: int, out: Rows, drift: Drift, path: str) -> None:
    idx = 0
    for video in el:
        if video.tag != "video":
            drift.element(path, video)
            continue
        title = description = None
        for child in video:
            tag = child.tag
            if tag == "title":
                title = child.text
            elif tag == "description":
                description = child.text
            else:
                drift.element(path + "/video", child)
        get = video.get
        drift.read_attributes(video, VIDEO_ATTRIBUTES)
        out.append(
            (
                key,
                idx,
                get("src") or None,
                to_int(get("duration"), "video duration"),
                to_bool(get("embed"), "video embed"),
                title,
                description,
            )
        )
        idx += 1


def leaf_list(
    el: etree._Element, key: int, child_tag: str, out: Rows, drift: Drift, path: str
) -> None:
    """`<urls><url>` and `<namevariations><name>`: one row of text per child."""
    idx = 0
    for child in el:
        if child.tag != child_tag:
            drift.element(path, child)
            continue
        out.append((key, idx, child.text))
        idx += 1


def named_refs(
    el: etree._Element, key: int, child_tag: str, out: Rows, drift: Drift, path: str
) -> None:
    """`<aliases><name id=..>`, `<sublabels><label id=..>`: rows of (key, idx, id, name)."""
    idx = 0
    for child in el:
        if child.tag != child_tag:
            drift.element(path, child)
            continue
        drift.read_attributes(child, ID_ATTRIBUTE)
        out.append((key, idx, to_id(child.get("id"), f"{child_tag} id"), child.text))
        idx += 1
