"""Enrichment: fill what the dumps lack from the Discogs API, at the full allowed rate, resumable.

targets.py   what to fetch (selections over the warehouse, an ids file, a query)
throttle.py  the pacer (moving window, server headers)
client.py    requests, retries, 404/401/403 handling, the token kept secret
extract.py   JSON -> rows
store.py     journal -> Parquet under <data-dir>/enrich/
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from etl.enrich.client import ApiClient, ApiSettings, ApiUnavailable
from etl.enrich.store import Store, ensure_store
from etl.enrich.targets import Target, select_targets
from etl.progress import NullProgress, Progress

PER_PAGE = 100


@dataclass
class EnrichStats:
    """What one enrich run did."""

    targets: int = 0
    requests: int = 0
    rate_limited: int = 0  # 429s seen (and backed off from)
    retried: int = 0
    rows_stored: int = 0  # responses written to Parquet
    not_found: int = 0
    failed: int = 0  # ids left for the next run after repeated transient errors
    seconds: float = 0.0


def enrich(
    data_dir: Path | str,
    *,
    api_url: str | None = None,
    limit: int | None = None,
    select: str | None = None,
    ids_file: Path | None = None,
    query: str | None = None,
    max_age: int = 30,
    progress: Callable[[int], Progress] | None = None,
    transport: httpx.BaseTransport | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> EnrichStats:
    """Fetch the chosen targets and store every response; see the module doc."""
    from etl.warehouse import connect  # the warehouse imports this package's store

    data_dir = Path(data_dir)
    started = clock()
    settings = ApiSettings.resolve(api_url)
    store = Store(data_dir)  # finishes what a killed run left in its journal first
    with connect(data_dir) as con:
        targets = select_targets(
            con,
            data_dir,
            select=select,
            ids_file=ids_file,
            query=query,
            max_age=max_age,
            limit=limit,
        )
    stats = EnrichStats(targets=len(targets))
    bar = progress(len(targets)) if progress else NullProgress()
    try:
        with ApiClient(settings, transport=transport, clock=clock, sleep=sleep) as client:
            try:
                for target in targets:
                    try:
                        _fetch(client, store, target, stats)
                    except ApiUnavailable:
                        stats.failed += 1
                    bar.update(1)
            finally:
                stats.requests = client.requests
                stats.rate_limited = client.rate_limited
                stats.retried = client.retried
    finally:
        bar.close()
        store.close()
        stats.rows_stored = store.rows_stored
        stats.seconds = round(clock() - started, 3)
    return stats


def _fetch(client: ApiClient, store: Store, target: Target, stats: EnrichStats) -> None:
    """One target: a single resource, or every page of a list endpoint."""
    page, pages = 1, 1
    while page <= pages:
        path = f"{target.path}?per_page={PER_PAGE}&page={page}" if target.paged else target.path
        response = client.get(path)
        store.add(target.entity, target.id, target.endpoint, page, response.status, response.text)
        if response.status == 404:
            stats.not_found += 1
            return
        if target.paged and isinstance(response.body, dict):
            pages = int((response.body.get("pagination") or {}).get("pages") or 1)
        page += 1


__all__ = ["ApiSettings", "EnrichStats", "enrich", "ensure_store"]
