"""`<artist>` records -> the artist tables (see etl.schemas.ARTIST_TABLES for the columns)."""

from __future__ import annotations

from lxml import etree

from etl.parse.common import (
    Drift,
    Rows,
    images,
    leaf_list,
    named_refs,
    record_hash,
    required_id,
    to_id,
)

TAG = "artist"

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "id": ("name",),
    "type": ("image",),
    "uri": ("image",),
    "uri150": ("image",),
    "width": ("image",),
    "height": ("image",),
}


def extract(rec: etree._Element, drift: Drift) -> tuple[Rows, ...]:
    """One artist -> rows for each artist table, in ARTIST_TABLES order."""
    aid = required_id(rec.findtext("id"), "artist <id>")
    name = realname = profile = data_quality = None
    urls: Rows = []
    namevariations: Rows = []
    aliases: Rows = []
    members: Rows = []
    groups: Rows = []
    image_rows: Rows = []
    for child in rec:
        tag = child.tag
        if tag == "id":
            pass
        elif tag == "name":
            name = child.text
        elif tag == "realname":
            realname = child.text
        elif tag == "profile":
            profile = child.text
        elif tag == "data_quality":
            data_quality = child.text
        elif tag == "urls":
            leaf_list(child, aid, "url", urls, drift, "artist/urls")
        elif tag == "namevariations":
            leaf_list(child, aid, "name", namevariations, drift, "artist/namevariations")
        elif tag == "aliases":
            named_refs(child, aid, "name", aliases, drift, "artist/aliases")
        elif tag == "members":
            _members(child, aid, members, drift)
        elif tag == "groups":
            named_refs(child, aid, "name", groups, drift, "artist/groups")
        elif tag == "images":
            images(child, aid, image_rows, drift, "artist/images")
        else:
            drift.element("artist", child)
    artist = (aid, name, realname, profile, data_quality)
    children = (urls, namevariations, aliases, members, groups, image_rows)
    return ([(*artist, record_hash(artist, children))], *children)


def _members(el: etree._Element, aid: int, out: Rows, drift: Drift) -> None:
    """The three shapes of `<members>`, one row per member.

    <name>X</name> (to 2015-01); <id>N</id><name>X</name> pairs (2015-02 on); the pairs with
    <name id="N"> (about 2019-2024); <name id="N">X</name> alone (2025 on). An <id> applies to
    the <name> after it; an <id> with no name after it still makes a row.
    """
    pending: int | None = None
    has_pending = False
    for child in el:
        tag = child.tag
        if tag == "id":
            if has_pending:
                out.append((aid, len(out), pending, None))
            pending = to_id(child.text, "member id")
            has_pending = True
        elif tag == "name":
            member_id = to_id(child.get("id"), "member id")
            out.append((aid, len(out), pending if member_id is None else member_id, child.text))
            pending, has_pending = None, False
        else:
            drift.element("artist/members", child)
    if has_pending:
        out.append((aid, len(out), pending, None))
