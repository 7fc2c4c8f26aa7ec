"""API JSON -> rows of the enrich tables (see store.SCHEMAS for the columns)."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from etl.schemas import Rows


def extract_rows(lines: list[dict[str, Any]]) -> dict[str, Rows]:
    """Journal lines -> rows per table. Every response is kept raw in `responses`."""
    tables: dict[str, Rows] = defaultdict(list)
    for line in lines:
        at = datetime.fromisoformat(line["fetched_at"])
        entity, key, endpoint, status = line["entity"], line["id"], line["endpoint"], line["status"]
        body = _json(line["raw"]) if status == 200 else {}
        pages = (body.get("pagination") or {}).get("pages")  # list endpoints only
        tables["responses"].append(
            (
                entity,
                key,
                endpoint,
                line["page"],
                pages if isinstance(pages, int) else None,
                status,
                at,
                line["raw"],
            )
        )
        if endpoint == "release":
            _release(tables, key, at, status, body)
        elif endpoint in ("master", "artist", "label"):
            _entity(tables, entity, key, at, status, body)
        elif endpoint in ("master_versions", "label_releases"):
            items = body.get("versions") or body.get("releases") or []
            for item in items:
                community = (item.get("stats") or {}).get("community") or {}
                if item.get("id") is not None and item.get("type", "release") == "release":
                    tables["community"].append(
                        (
                            item["id"],
                            at,
                            community.get("in_collection"),
                            community.get("in_wantlist"),
                            endpoint,
                            key,
                        )
                    )
    return tables


def _json(raw: str) -> dict[str, Any]:
    try:
        body = json.loads(raw)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _release(
    tables: dict[str, Rows], key: int, at: datetime, status: int, body: dict[str, Any]
) -> None:
    community = body.get("community") or {}
    rating = community.get("rating") or {}
    tables["releases"].append(
        (
            key,
            at,
            status,
            community.get("have"),
            community.get("want"),
            rating.get("average"),
            rating.get("count"),
            _number(body.get("lowest_price")),
            body.get("num_for_sale"),
            body.get("blocked_from_sale"),
            body.get("date_added"),
            body.get("date_changed"),
            body.get("estimated_weight"),
            body.get("thumb") or None,
        )
    )
    if status == 200 and community:
        tables["community"].append(
            (key, at, community.get("have"), community.get("want"), "release", key)
        )
    _images(tables, "release", key, at, body)


def _entity(
    tables: dict[str, Rows], entity: str, key: int, at: datetime, status: int, body: dict[str, Any]
) -> None:
    tables["entities"].append(
        (
            entity,
            key,
            at,
            status,
            body.get("name") or body.get("title"),
            body.get("main_release"),
            body.get("most_recent_release"),
            _number(body.get("lowest_price")),
            body.get("num_for_sale"),
        )
    )
    _images(tables, entity, key, at, body)


def _images(
    tables: dict[str, Rows], entity: str, key: int, at: datetime, body: dict[str, Any]
) -> None:
    for idx, image in enumerate(body.get("images") or []):
        tables["images"].append(
            (
                entity,
                key,
                idx,
                at,
                image.get("type"),
                image.get("uri") or None,
                image.get("uri150") or None,
                image.get("width"),
                image.get("height"),
            )
        )


def _number(value: Any) -> float | None:
    """A price: a plain number on /releases, {currency, value} on the marketplace endpoints."""
    if isinstance(value, dict):
        value = value.get("value")
    return float(value) if isinstance(value, int | float) else None
