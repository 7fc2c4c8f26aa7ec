"""`<label>` records -> the label tables (see etl.schemas.LABEL_TABLES for the columns)."""

from __future__ import annotations

from lxml import etree

from etl.parse.common import (
    ID_ATTRIBUTE,
    Drift,
    Rows,
    images,
    leaf_list,
    named_refs,
    record_hash,
    required_id,
    to_id,
)

TAG = "label"

ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "id": ("label", "parentLabel"),
    "type": ("image",),
    "uri": ("image",),
    "uri150": ("image",),
    "width": ("image",),
    "height": ("image",),
}


def extract(rec: etree._Element, drift: Drift) -> tuple[Rows, ...]:
    """One label -> rows for each label table, in LABEL_TABLES order."""
    lid = required_id(rec.findtext("id"), "label <id>")
    name = contactinfo = profile = data_quality = parent_id = parent_name = None
    urls: Rows = []
    sublabels: Rows = []
    image_rows: Rows = []
    for child in rec:
        tag = child.tag
        if tag == "id":
            pass
        elif tag == "name":
            name = child.text
        elif tag == "contactinfo":
            contactinfo = child.text
        elif tag == "profile":
            profile = child.text
        elif tag == "data_quality":
            data_quality = child.text
        elif tag == "parentLabel":
            parent_id = to_id(child.get("id"), "parentLabel id")
            drift.read_attributes(child, ID_ATTRIBUTE)
            parent_name = child.text
        elif tag == "urls":
            leaf_list(child, lid, "url", urls, drift, "label/urls")
        elif tag == "sublabels":
            named_refs(child, lid, "label", sublabels, drift, "label/sublabels")
        elif tag == "images":
            images(child, lid, image_rows, drift, "label/images")
        else:
            drift.element("label", child)
    label = (lid, name, contactinfo, profile, data_quality, parent_id, parent_name)
    children = (urls, sublabels, image_rows)
    return ([(*label, record_hash(label, children))], *children)
