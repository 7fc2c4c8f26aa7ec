"""A local fake of the Discogs API v2 (api.discogs.com) for the enrichment tests.

Built from ../shared/docs/discogs-api.md (§2 endpoints and shapes, §4 rate limiting, §6
pagination, §7 known problems) and the modern bodies in ../shared/samples/api/ (the
andy-miles__discogs-java-client/database/*.json fixtures). Standard library only. Bodies are
generated in code, in the same shapes; no sample file is copied.

Routes (GET only; any other method answers 405)::

    /releases/{id}
    /masters/{id}
    /masters/{id}/versions?page=&per_page=      the registered releases with that master_id
    /artists/{id}
    /labels/{id}
    /labels/{id}/releases?page=&per_page=       the registered releases with that label_id

Anything else answers 404 ``{"message": "The requested resource was not found."}``.

Shape choices that follow the real bodies rather than a fixed key list:

* a release without a master has **no** ``master_id``/``master_url`` keys (the jruaux and joalla
  captures of master-less releases omit them);
* ``lowest_price`` is ``null`` when nothing is for sale (jruaux release 9680548);
* optional relations are present only when non-empty: artist ``members``/``groups``/``aliases``,
  label ``parent_label``/``sublabels`` (joalla artists/1-3, labels/1 and 31405);
* with ``token`` set, a request without the right ``Authorization`` header gets empty image URLs
  and an empty ``thumb``, as unauthenticated requests do (doc §2.1).

Typical use::

    clock = FakeClock()
    with FakeDiscogsApi(limit=60, clock=clock) as api:
        api.add_master(10, main_release=1)
        api.add_release(1, have=5, want=2, master_id=10)
        httpx.get(f"{api.url}/masters/10/versions", headers={"User-Agent": "t/1.0"})
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import math
import re
import socket
import struct
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

from .loopback import LoopbackHandler, LoopbackServer

__all__ = [
    "NOT_FOUND_MESSAGES",
    "RATE_LIMIT_MESSAGE",
    "UNAUTHORIZED_MESSAGE",
    "FakeClock",
    "FakeDiscogsApi",
    "Request",
]

RATE_LIMIT_MESSAGE = "You are making requests too quickly."
UNAUTHORIZED_MESSAGE = "You must authenticate to access this resource."
UNKNOWN_ROUTE_MESSAGE = "The requested resource was not found."
METHOD_MESSAGE = "The method is not allowed for the requested URL."
#: the 404 message per entity kind (doc §2.1, §2.4, §2.6, §2.8)
NOT_FOUND_MESSAGES = {
    "release": "Release not found.",
    "master": "Master Release not found.",
    "artist": "Artist not found.",
    "label": "Label not found.",
}
#: the value stored in Request.headers instead of the Authorization header (never the token)
REDACTED = "<redacted>"

WEB = "https://www.discogs.com"
IMAGES = "https://i.discogs.com"
PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 100
VARIOUS_ID = 194  # the real "Various" artist id
_PST = timezone(timedelta(hours=-8))

_ROUTE = re.compile(r"/(releases|masters|artists|labels)/(\d+)(?:/(versions|releases))?")
_KIND = {"releases": "release", "masters": "master", "artists": "artist", "labels": "label"}

_BAD_GATEWAY_PAGE = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_GATEWAY_TIMEOUT_PAGE = _BAD_GATEWAY_PAGE.replace("502 Bad Gateway", "504 Gateway Time-out")
_5XX_MESSAGES = {
    500: "An internal server error occurred.",
    503: "The service is temporarily unavailable. Please try again later.",
}

_MAINTENANCE_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Discogs - Down for Maintenance</title>
</head>
<body>
  <div class="maintenance">
    <h1>We'll be right back.</h1>
    <p>Discogs is down for scheduled maintenance. Please check back soon.</p>
  </div>
</body>
</html>
"""

_CHALLENGE_PAGE = """<!DOCTYPE html>
<html lang="en-US">
<head>
<title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta name="robots" content="noindex,nofollow" />
</head>
<body>
  <div class="main-wrapper" role="main">
    <div class="main-content">
      <h1 class="zone-name-title h1">api.discogs.com</h1>
      <h2 class="h2" id="challenge-running">api.discogs.com needs to review the security of
      your connection before proceeding.</h2>
      <noscript><div class="h2">Enable JavaScript and cookies to continue</div></noscript>
    </div>
  </div>
  <div class="footer" role="contentinfo">Ray ID: <code>8f1e2d3c4b5a6978</code>
  Performance &amp; security by Cloudflare</div>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# helpers


class FakeClock:
    """A settable clock for the rate limiter: ``clock.advance(60)``."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


@dataclass
class Request:
    """One request as the fake saw it (status filled in when the answer is decided).

    ``headers`` has lowercased names; an ``authorization`` header is stored as ``<redacted>``,
    the token itself is never kept. ``fault`` names the rule that answered when it was not the
    normal route: ``reset``, ``forbidden``, ``no_user_agent``, ``forced_429``, ``burst_5xx``,
    ``html_body``, ``rate_limited`` or ``unauthorized``.
    """

    method: str
    path: str  # raw request target: path plus query, exactly as sent
    headers: dict[str, str]
    time: float  # the injected clock at arrival
    authorized: bool = False  # carried an Authorization header (the right one when token is set)
    status: int = 0  # 0 until decided; stays 0 for a reset
    fault: str | None = None


@dataclass
class _Release:
    id: int
    have: int
    want: int
    rating: float
    votes: int
    lowest_price: float | None
    num_for_sale: int
    master_id: int | None
    label_id: int | None
    title: str | None
    year: int
    country: str
    status: str
    catno: str
    artist_id: int | None
    blocked_from_sale: bool
    images: int


@dataclass
class _Master:
    id: int
    main_release: int
    title: str | None
    most_recent_release: int | None
    year: int | None


@dataclass
class _Artist:
    id: int
    name: str
    realname: str
    members: list[int] = field(default_factory=list)
    aliases: list[int] = field(default_factory=list)


@dataclass
class _Label:
    id: int
    name: str
    parent_label: int | None


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", text).strip("-") or "-"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _image_url(letter: str, entity_id: int, number: int, size: int, quality: int) -> str:
    """A signed-looking i.discogs.com URL: ``/<sig>/rs:fit/g:sm/q:90/h:600/w:600/<key>.jpeg``."""
    stamp = 1_100_000_000 + (entity_id * 7919 + number * 104_729) % 600_000_000
    key = _b64(f"s3://discogs-database-images/{letter}-{entity_id}-{stamp}.jpeg".encode())
    ops = f"rs:fit/g:sm/q:{quality}/h:{size}/w:{size}"
    signature = _b64(hashlib.sha256(f"{ops}/{key}".encode()).digest())
    return f"{IMAGES}/{signature}/{ops}/{key}.jpeg"


def _images(letter: str, entity_id: int, count: int, *, visible: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for number in range(count):
        uri = _image_url(letter, entity_id, number, 600, 90) if visible else ""
        out.append(
            {
                "type": "primary" if number == 0 else "secondary",
                "uri": uri,
                "resource_url": uri,
                "uri150": _image_url(letter, entity_id, number, 150, 40) if visible else "",
                "width": 600,
                "height": 600 - 15 * (number % 8),
            }
        )
    return out


def _stamp(entity_id: int, extra_days: int = 0) -> str:
    """A deterministic ``2009-06-26T19:24:42-07:00``-style timestamp derived from an id."""
    base = datetime(2004, 4, 30, 8, 10, 5, tzinfo=_PST)
    return (base + timedelta(minutes=entity_id % 9_000_000, days=extra_days)).isoformat()


# --------------------------------------------------------------------------------------------
# the API


class FakeDiscogsApi(LoopbackServer):
    """A fake api.discogs.com: JSON bodies in the real shapes, a moving-window rate limit with the
    three X-Discogs-Ratelimit headers, and fault switches.

    **Rate limit.** One moving window for every client (the real limit is per source IP). On
    arrival, timestamps older than ``window`` seconds (by the injected ``clock``) are dropped;
    ``used`` = the requests still in the window plus this one. If ``used`` exceeds the limit the
    answer is 429 ``{"message": "You are making requests too quickly."}``. **A 429 is counted in
    the window too** (``rejected_count = True``, the harsher reading; the docs do not say, §11.2):
    a client that keeps hammering while limited stays limited until it backs off, and one that
    waits ``window`` seconds always gets through. With ``rejected_count = False`` a 429 is not
    recorded. When no request has arrived for ``window`` seconds every timestamp has expired, so
    the window resets, as documented. Every answer of the API itself (200, 404, 405, 401 and the
    window's 429) carries ``X-Discogs-Ratelimit: <limit>``, ``X-Discogs-Ratelimit-Used: <used>``
    and ``X-Discogs-Ratelimit-Remaining: <max(limit - used, 0)>``. (A 2020 capture shows
    ``Used: 0`` on a first request, i.e. the real server may not count the current request;
    ``used_includes_current = False`` reports ``used - 1`` to mimic that.) No ``Retry-After``
    unless ``retry_after`` is set (then it goes on every 429, forced ones included).

    With ``token`` set, a request is authorized only with ``Authorization: Discogs token=<token>``
    (header form only); others get ``unauth_limit`` (25) instead of ``limit`` and no image URLs.

    **Faults** (plain attributes, read on every request; counters decrement only when their rule
    answers). After ``delay``, the first matching rule answers:

    1. ``resets``: the connection is reset (RST) without any response;
    2. ``forbidden``: 403 Cloudflare challenge HTML;
    3. no ``User-Agent`` header: 403 with an empty body (the documented silent block);
    4. ``force_429(n)``: 429 JSON, no rate-limit headers;
    5. ``burst_5xx``: cycling through ``burst_statuses`` (502 nginx HTML, 503 JSON ...);
    6. ``html_bodies``: 200 ``text/html`` maintenance page;
    7. the moving window (429 with headers);
    8. ``unauthorized``: 401 ``{"message": "You must authenticate to access this resource."}``;
    9. a method other than GET: 405; then the route (200 or 404).

    Rules 1-6 are the edge in front of the API: they do not count in the window and carry no
    rate-limit headers. Rules 7-9 and the route count and carry them.

    Pagination: ``per_page`` defaults to 50, capped at 100 (values < 1 become 1); ``pages`` is at
    least 1; a page past the end answers 200 with an empty list (unverified against the real
    API). ``urls`` holds first/prev/next/last as applicable (``{}`` for a single page) and a
    ``Link`` header carries the same URLs. Links and ``resource_url``s point at this fake.
    """

    def __init__(
        self,
        *,
        limit: int = 60,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        token: str | None = None,
    ) -> None:
        super().__init__()
        self.limit = limit
        self.window = window
        self.clock = clock
        self.token = token
        self.requests: list[Request] = []
        self.log_429: list[Request] = []  # every 429 answered (window or forced)

        # rate-limit knobs
        self.unauth_limit: int = 25
        self.retry_after: int | None = None
        self.rejected_count: bool = True  # 429s from the window count in the window
        self.used_includes_current: bool = True

        # fault knobs
        self.burst_5xx: int = 0
        self.burst_statuses: tuple[int, ...] = (502, 503)
        self.html_bodies: int = 0
        self.resets: int = 0
        self.delay: float = 0.0
        self.not_found: set[tuple[str, int]] = set()
        self.unauthorized: bool = False
        self.forbidden: bool = False

        self._forced_429 = 0
        self._burst_seq = 0
        self._releases: dict[int, _Release] = {}
        self._masters: dict[int, _Master] = {}
        self._artists: dict[int, _Artist] = {}
        self._labels: dict[int, _Label] = {}
        self._window: deque[float] = deque()

    # ---------------------------------------------------------------- data

    def add_release(
        self,
        release_id: int,
        *,
        have: int = 0,
        want: int = 0,
        rating: float = 0.0,
        votes: int = 0,
        lowest_price: float | None = None,
        num_for_sale: int = 0,
        master_id: int | None = None,
        label_id: int | None = None,
        title: str | None = None,
        year: int | None = None,
        country: str = "US",
        status: str = "Accepted",
        catno: str | None = None,
        artist_id: int | None = None,
        blocked_from_sale: bool = False,
        images: int = 2,
    ) -> None:
        """Register (or replace) a release. ``title`` defaults to its master's title, else
        ``Release <id>``; ``artist_id`` None means "Various" (194)."""
        release = _Release(
            id=release_id,
            have=have,
            want=want,
            rating=rating,
            votes=votes,
            lowest_price=lowest_price,
            num_for_sale=num_for_sale,
            master_id=master_id,
            label_id=label_id,
            title=title,
            year=year if year is not None else 1960 + release_id % 60,
            country=country,
            status=status,
            catno=catno if catno is not None else f"CAT {release_id}",
            artist_id=artist_id,
            blocked_from_sale=blocked_from_sale,
            images=images,
        )
        with self._lock:
            self._releases[release_id] = release

    def add_master(
        self,
        master_id: int,
        *,
        main_release: int,
        title: str | None = None,
        most_recent_release: int | None = None,
        year: int | None = None,
    ) -> None:
        """Register a master. ``title``/``year`` default to the main release's (``Master <id>``);
        ``most_recent_release`` defaults to the highest id among main release and versions;
        ``num_for_sale``/``lowest_price`` are summed/minimised over the versions."""
        master = _Master(master_id, main_release, title, most_recent_release, year)
        with self._lock:
            self._masters[master_id] = master

    def add_artist(
        self,
        artist_id: int,
        *,
        name: str | None = None,
        realname: str = "",
        members: Iterable[int] = (),
        aliases: Iterable[int] = (),
    ) -> None:
        """Register an artist; ``members``/``aliases`` are artist ids (``groups`` is derived)."""
        artist = _Artist(
            artist_id, name or f"Artist {artist_id}", realname, list(members), list(aliases)
        )
        with self._lock:
            self._artists[artist_id] = artist

    def add_label(
        self, label_id: int, *, name: str | None = None, parent_label: int | None = None
    ) -> None:
        """Register a label; ``sublabels`` is derived from the other labels' ``parent_label``."""
        label = _Label(label_id, name or f"Label {label_id}", parent_label)
        with self._lock:
            self._labels[label_id] = label

    # ---------------------------------------------------------------- knobs and counters

    def force_429(self, n: int) -> None:
        """The next ``n`` requests answer 429 regardless of the window (no rate-limit headers)."""
        with self._lock:
            self._forced_429 = n

    def rate_used(self) -> int:
        """Requests in the current moving window (at ``clock()`` now)."""
        with self._lock:
            self._expire(self.clock())
            return len(self._window)

    @property
    def count_429(self) -> int:
        """How many 429s were answered (window and forced)."""
        return len(self.log_429)

    def reset_window(self) -> None:
        with self._lock:
            self._window.clear()

    # ---------------------------------------------------------------- internals: limiter

    def _expire(self, now: float) -> None:
        while self._window and self._window[0] <= now - self.window:
            self._window.popleft()

    def _admit(self, now: float, limit: int) -> tuple[bool, int]:
        """(allowed, used incl. this request); records the request in the window."""
        with self._lock:
            self._expire(now)
            used = len(self._window) + 1
            allowed = used <= limit
            if allowed or self.rejected_count:
                self._window.append(now)
            else:
                used -= 1
            return allowed, used

    def _take(self, name: str) -> bool:
        """Decrement the counter attribute ``name`` if it is positive."""
        with self._lock:
            value = getattr(self, name)
            if value > 0:
                setattr(self, name, value - 1)
                return True
            return False

    def _next_burst_status(self) -> int:
        with self._lock:
            statuses = self.burst_statuses or (503,)
            status = statuses[self._burst_seq % len(statuses)]
            self._burst_seq += 1
            return status

    def _is_authorized(self, header: str | None) -> bool:
        if header is None:
            return False
        if self.token is None:
            return True
        return header.strip() == f"Discogs token={self.token}"

    # ---------------------------------------------------------------- internals: bodies

    def _api(self, path: str) -> str:
        return f"{self.url}{path}"

    def _release_title(self, release: _Release) -> str:
        if release.title is not None:
            return release.title
        master = self._masters.get(release.master_id) if release.master_id is not None else None
        if master is not None and master.title is not None:
            return master.title
        return f"Release {release.id}"

    def _artist_name(self, artist_id: int | None) -> tuple[int, str]:
        if artist_id is None:
            return VARIOUS_ID, "Various"
        artist = self._artists.get(artist_id)
        return artist_id, artist.name if artist else f"Artist {artist_id}"

    def _label_name(self, label_id: int) -> str:
        label = self._labels.get(label_id)
        return label.name if label else f"Label {label_id}"

    def _artist_ref(self, artist_id: int | None, *, visible: bool) -> dict[str, Any]:
        aid, name = self._artist_name(artist_id)
        thumb = _image_url("A", aid, 0, 150, 40) if visible else ""
        return {
            "name": name,
            "anv": "",
            "join": "",
            "role": "",
            "tracks": "",
            "id": aid,
            "resource_url": self._api(f"/artists/{aid}"),
            "thumbnail_url": thumb,
        }

    def _release_body(self, release: _Release, *, visible: bool) -> dict[str, Any]:
        rid = release.id
        title = self._release_title(release)
        artist = self._artist_ref(release.artist_id, visible=visible)
        labels = []
        if release.label_id is not None:
            labels.append(
                {
                    "name": self._label_name(release.label_id),
                    "catno": release.catno,
                    "entity_type": "1",
                    "entity_type_name": "Label",
                    "id": release.label_id,
                    "resource_url": self._api(f"/labels/{release.label_id}"),
                    "thumbnail_url": _image_url("L", release.label_id, 0, 150, 40)
                    if visible
                    else "",
                }
            )
        images = _images("R", rid, release.images, visible=visible)
        user = {"username": f"user{rid % 97}", "resource_url": self._api(f"/users/user{rid % 97}")}
        body: dict[str, Any] = {
            "id": rid,
            "status": release.status,
            "year": release.year,
            "resource_url": self._api(f"/releases/{rid}"),
            "uri": f"{WEB}/release/{rid}-{_slug(artist['name'] + ' ' + title)}",
            "artists": [artist],
            "artists_sort": artist["name"],
            "labels": labels,
            "series": [],
            "companies": [
                {
                    "name": "Fake Pressing Plant",
                    "catno": "",
                    "entity_type": "17",
                    "entity_type_name": "Pressed By",
                    "id": 100_000 + rid % 1000,
                    "resource_url": self._api(f"/labels/{100_000 + rid % 1000}"),
                }
            ],
            "formats": [{"name": "Vinyl", "qty": "1", "descriptions": ["LP", "Album"]}],
            "data_quality": "Needs Vote",
            "community": {
                "have": release.have,
                "want": release.want,
                "rating": {"count": release.votes, "average": release.rating},
                "submitter": user,
                "contributors": [user],
                "data_quality": "Needs Vote",
                "status": release.status,
            },
            "format_quantity": 1,
            "date_added": _stamp(rid),
            "date_changed": _stamp(rid, extra_days=3650),
            "num_for_sale": release.num_for_sale,
            "lowest_price": release.lowest_price,
        }
        if release.master_id is not None:
            body["master_id"] = release.master_id
            body["master_url"] = self._api(f"/masters/{release.master_id}")
        body.update(
            {
                "title": title,
                "country": release.country,
                "released": f"{release.year}-03-15",
                "notes": f"Fake release {rid}.",
                "released_formatted": f"15 Mar {release.year}",
                "identifiers": [
                    {"type": "Barcode", "value": f"0 {rid:011d}", "description": "Text"}
                ],
                "videos": [
                    {
                        "uri": f"https://www.youtube.com/watch?v=fake{rid}",
                        "title": title,
                        "description": title,
                        "duration": 300,
                        "embed": True,
                    }
                ],
                "genres": ["Electronic"],
                "styles": ["Techno"],
                "tracklist": [
                    {
                        "position": f"A{n}",
                        "type_": "track",
                        "title": f"Track {n}",
                        "duration": "5:00",
                    }
                    for n in (1, 2)
                ],
                "extraartists": [],
                "images": images,
                "thumb": images[0]["uri150"] if images else "",
                "estimated_weight": 230,
                "blocked_from_sale": release.blocked_from_sale,
                "is_offensive": False,
            }
        )
        return body

    def _versions_of(self, master_id: int) -> list[_Release]:
        return sorted(
            (r for r in self._releases.values() if r.master_id == master_id), key=lambda r: r.id
        )

    def _releases_of_label(self, label_id: int) -> list[_Release]:
        return sorted(
            (r for r in self._releases.values() if r.label_id == label_id), key=lambda r: r.id
        )

    def _master_body(self, master: _Master, *, visible: bool) -> dict[str, Any]:
        mid = master.id
        versions = self._versions_of(mid)
        main = self._releases.get(master.main_release)
        title = master.title or (self._release_title(main) if main else f"Master {mid}")
        year = master.year or (main.year if main else 1990)
        recent = master.most_recent_release or max([master.main_release, *(r.id for r in versions)])
        prices = [r.lowest_price for r in versions if r.lowest_price is not None]
        artist = self._artist_ref(main.artist_id if main else None, visible=visible)
        del artist["thumbnail_url"]
        return {
            "id": mid,
            "main_release": master.main_release,
            "most_recent_release": recent,
            "resource_url": self._api(f"/masters/{mid}"),
            "uri": f"{WEB}/master/{mid}-{_slug(artist['name'] + ' ' + title)}",
            "versions_url": self._api(f"/masters/{mid}/versions"),
            "main_release_url": self._api(f"/releases/{master.main_release}"),
            "most_recent_release_url": self._api(f"/releases/{recent}"),
            "num_for_sale": sum(r.num_for_sale for r in versions),
            "lowest_price": min(prices) if prices else None,
            "images": _images("R", master.main_release, 1, visible=visible),
            "genres": ["Electronic"],
            "styles": ["Techno"],
            "year": year,
            "tracklist": [
                {"position": str(n), "type_": "track", "title": f"Track {n}", "duration": "5:00"}
                for n in (1, 2)
            ],
            "artists": [artist],
            "title": title,
            "data_quality": "Correct",
            "videos": [],
        }

    @staticmethod
    def _stats(release: _Release) -> dict[str, Any]:
        return {
            "community": {"in_wantlist": release.want, "in_collection": release.have},
            "user": {"in_wantlist": 0, "in_collection": 0},
        }

    def _thumb(self, release: _Release, *, visible: bool) -> str:
        return _image_url("R", release.id, 0, 150, 40) if visible and release.images else ""

    def _version_item(self, release: _Release, *, visible: bool) -> dict[str, Any]:
        return {
            "id": release.id,
            "label": self._label_name(release.label_id) if release.label_id is not None else "",
            "country": release.country,
            "title": self._release_title(release),
            "major_formats": ["Vinyl"],
            "format": "LP, Album",
            "catno": release.catno,
            "released": str(release.year),
            "status": release.status,
            "resource_url": self._api(f"/releases/{release.id}"),
            "thumb": self._thumb(release, visible=visible),
            "stats": self._stats(release),
        }

    def _label_release_item(self, release: _Release, *, visible: bool) -> dict[str, Any]:
        return {
            "status": release.status,
            "format": "LP, Album",
            "catno": release.catno,
            "thumb": self._thumb(release, visible=visible),
            "resource_url": self._api(f"/releases/{release.id}"),
            "title": self._release_title(release),
            "id": release.id,
            "year": release.year,
            "artist": self._artist_name(release.artist_id)[1],
            "stats": self._stats(release),
        }

    def _ref(self, kind: str, entity_id: int, name: str, *, visible: bool) -> dict[str, Any]:
        ref: dict[str, Any] = {
            "id": entity_id,
            "name": name,
            "resource_url": self._api(f"/{kind}s/{entity_id}"),
        }
        if kind == "artist":
            ref["thumbnail_url"] = _image_url("A", entity_id, 0, 150, 40) if visible else ""
        return ref

    def _artist_body(self, artist: _Artist, *, visible: bool) -> dict[str, Any]:
        aid = artist.id
        body: dict[str, Any] = {
            "name": artist.name,
            "id": aid,
            "resource_url": self._api(f"/artists/{aid}"),
            "uri": f"{WEB}/artist/{aid}-{_slug(artist.name)}",
            "releases_url": self._api(f"/artists/{aid}/releases"),
            "images": _images("A", aid, 1, visible=visible),
            "realname": artist.realname,
            "profile": f"Fake artist {aid}.",
            "urls": [f"https://example.com/artist/{aid}"],
            "namevariations": [artist.name.upper()],
        }
        if artist.aliases:
            body["aliases"] = [
                self._ref("artist", a, self._artist_name(a)[1], visible=visible)
                for a in artist.aliases
            ]
        if artist.members:
            body["members"] = [
                {**self._ref("artist", m, self._artist_name(m)[1], visible=visible), "active": True}
                for m in artist.members
            ]
        groups = sorted(a.id for a in self._artists.values() if aid in a.members)
        if groups:
            body["groups"] = [
                {**self._ref("artist", g, self._artist_name(g)[1], visible=visible), "active": True}
                for g in groups
            ]
        body["data_quality"] = "Needs Vote"
        return body

    def _label_body(self, label: _Label, *, visible: bool) -> dict[str, Any]:
        lid = label.id
        body: dict[str, Any] = {
            "id": lid,
            "name": label.name,
            "resource_url": self._api(f"/labels/{lid}"),
            "uri": f"{WEB}/label/{lid}-{_slug(label.name)}",
            "releases_url": self._api(f"/labels/{lid}/releases"),
            "images": _images("L", lid, 1, visible=visible),
            "contact_info": f"info@label{lid}.example.com",
            "profile": f"Fake label {lid}.",
            "urls": [f"https://label{lid}.example.com"],
        }
        if label.parent_label is not None:
            body["parent_label"] = self._ref(
                "label", label.parent_label, self._label_name(label.parent_label), visible=visible
            )
        subs = sorted(other.id for other in self._labels.values() if other.parent_label == lid)
        if subs:
            body["sublabels"] = [
                self._ref("label", s, self._label_name(s), visible=visible) for s in subs
            ]
        body["data_quality"] = "Needs Vote"
        return body

    def _page(
        self, path: str, key: str, items: list[dict[str, Any]], query: dict[str, str]
    ) -> tuple[dict[str, Any], str | None]:
        """The paginated body and the Link header value (None for a single page)."""
        per_page = _int(query.get("per_page"), PER_PAGE_DEFAULT)
        per_page = max(1, min(per_page, PER_PAGE_MAX))
        page = max(1, _int(query.get("page"), 1))
        pages = max(1, math.ceil(len(items) / per_page))

        def link(number: int) -> str:
            return self._api(f"{path}?page={number}&per_page={per_page}")

        urls: dict[str, str] = {}
        if page > 1:
            urls["first"] = link(1)
            urls["prev"] = link(min(page - 1, pages))
        if page < pages:
            urls["next"] = link(page + 1)
            urls["last"] = link(pages)
        body = {
            "pagination": {
                "page": page,
                "pages": pages,
                "per_page": per_page,
                "items": len(items),
                "urls": urls,
            },
            key: items[(page - 1) * per_page : page * per_page],
        }
        header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in urls.items()) or None
        return body, header

    def _resolve(
        self, path: str, query: dict[str, str], *, visible: bool
    ) -> tuple[int, dict[str, Any], str | None]:
        """(status, JSON body, Link header) for a GET of ``path``."""
        match = _ROUTE.fullmatch(path)
        if match is None:
            return 404, {"message": UNKNOWN_ROUTE_MESSAGE}, None
        collection, raw_id, sub = match.groups()
        kind = _KIND[collection]
        entity_id = int(raw_id)
        if sub is not None and (kind, sub) not in (("master", "versions"), ("label", "releases")):
            return 404, {"message": UNKNOWN_ROUTE_MESSAGE}, None
        store: dict[int, Any] = {
            "release": self._releases,
            "master": self._masters,
            "artist": self._artists,
            "label": self._labels,
        }[kind]
        entity = store.get(entity_id)
        if entity is None or (kind, entity_id) in self.not_found:
            return 404, {"message": NOT_FOUND_MESSAGES[kind]}, None
        if kind == "release":
            return 200, self._release_body(entity, visible=visible), None
        if kind == "artist":
            return 200, self._artist_body(entity, visible=visible), None
        if kind == "master" and sub is None:
            return 200, self._master_body(entity, visible=visible), None
        if kind == "label" and sub is None:
            return 200, self._label_body(entity, visible=visible), None
        if kind == "master":
            items = [self._version_item(r, visible=visible) for r in self._versions_of(entity_id)]
            body, link = self._page(path, "versions", items, query)
        else:
            releases = self._releases_of_label(entity_id)
            items = [self._label_release_item(r, visible=visible) for r in releases]
            body, link = self._page(path, "releases", items, query)
        return 200, body, link


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --------------------------------------------------------------------------------------------
# HTTP plumbing


class _Handler(LoopbackHandler):
    record: Request

    @property
    def api(self) -> FakeDiscogsApi:
        return cast(FakeDiscogsApi, self.owner)

    def version_string(self) -> str:
        return "nginx"

    def do_GET(self) -> None:
        self._handle()

    do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_GET

    # ---------------------------------------------------------------- dispatch

    def _handle(self) -> None:
        api = self.api
        headers = {k.lower(): v for k, v in self.headers.items()}
        authorized = api._is_authorized(headers.get("authorization"))
        if "authorization" in headers:
            headers["authorization"] = REDACTED
        self.record = Request(
            method=self.command,
            path=self.path,
            headers=headers,
            time=api.clock(),
            authorized=authorized,
        )
        with api._lock:
            api.requests.append(self.record)
        length = _int(self.headers.get("Content-Length"), 0)
        try:
            if length > 0:
                self.rfile.read(length)  # keep the connection usable after a POST body
            self._route()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _route(self) -> None:
        api = self.api
        record = self.record
        if api.delay > 0:
            api._stop.wait(api.delay)
        if api._take("resets"):
            record.fault = "reset"
            self._reset()
            return
        if api.forbidden:
            record.fault = "forbidden"
            html = [("Content-Type", "text/html; charset=UTF-8")]
            self._send(403, html, _CHALLENGE_PAGE.encode())
            return
        if not record.headers.get("user-agent"):
            record.fault = "no_user_agent"
            self._send(403, [], b"")
            return
        if api._take("_forced_429"):
            record.fault = "forced_429"
            self._too_many([])
            return
        if api._take("burst_5xx"):
            record.fault = "burst_5xx"
            status = api._next_burst_status()
            if status in (502, 504):
                page = _BAD_GATEWAY_PAGE if status == 502 else _GATEWAY_TIMEOUT_PAGE
                self._send(status, [("Content-Type", "text/html")], page.encode())
            else:
                message = _5XX_MESSAGES.get(status, "An internal server error occurred.")
                self._json(status, {"message": message}, [])
            return
        if api._take("html_bodies"):
            record.fault = "html_body"
            html = [("Content-Type", "text/html; charset=utf-8")]
            self._send(200, html, _MAINTENANCE_PAGE.encode())
            return

        limit = api.limit if api.token is None or record.authorized else api.unauth_limit
        allowed, used = api._admit(record.time, limit)
        shown = used if api.used_includes_current else max(used - 1, 0)
        rate = [
            ("X-Discogs-Ratelimit", str(limit)),
            ("X-Discogs-Ratelimit-Used", str(shown)),
            ("X-Discogs-Ratelimit-Remaining", str(max(limit - shown, 0))),
        ]
        if not allowed:
            record.fault = "rate_limited"
            self._too_many(rate)
            return
        if api.unauthorized:
            record.fault = "unauthorized"
            self._json(401, {"message": UNAUTHORIZED_MESSAGE}, rate)
            return
        if self.command != "GET":
            self._json(405, {"message": METHOD_MESSAGE}, [*rate, ("Allow", "GET")])
            return
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        visible = api.token is None or record.authorized
        with api._lock:
            status, body, link = api._resolve(parts.path, query, visible=visible)
        extra = [("Link", link)] if link else []
        self._json(status, body, [*rate, *extra])

    # ---------------------------------------------------------------- answers

    def _send(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        """A complete answer with Content-Length (no body for HEAD)."""
        self.record.status = status
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, body: dict[str, Any], headers: list[tuple[str, str]]) -> None:
        self._send(
            status,
            [
                ("Content-Type", "application/json"),
                ("X-Discogs-Media-Type", "discogs.v2"),
                *headers,
            ],
            json.dumps(body).encode(),
        )

    def _too_many(self, rate: list[tuple[str, str]]) -> None:
        api = self.api
        headers = list(rate)
        if api.retry_after is not None:
            headers.append(("Retry-After", str(api.retry_after)))
        with api._lock:
            api.log_429.append(self.record)
        self._json(429, {"message": RATE_LIMIT_MESSAGE}, headers)

    def _reset(self) -> None:
        """Drop the connection with a TCP reset (RST) before any byte of a response."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.connection.close()


FakeDiscogsApi.handler = _Handler
