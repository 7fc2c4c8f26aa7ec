"""A polite client for the dump site: one connection, paced requests, a hard budget per run,
429 lock-outs remembered across runs, and downloads verified by SHA-256 before they count.

The transport, clock and sleep are parameters, so tests drive a real HTTP fake without waiting.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx

from etl import PROJECT_URL, __version__
from etl.errors import Blocked, DownloadError, RateLimited, SettingsError
from etl.progress import NullProgress, Progress

USER_AGENT = f"discogs-etl/{__version__} +{PROJECT_URL}"
GZIP_MAGIC = b"\x1f\x8b"
DEFAULT_SOURCE_URL = "https://data.discogs.com/"
_DEFAULT_LOCKOUT = 3600.0
_LOCKOUT_SLACK = 120.0
_CHUNK = 64 << 10  # small, so a cut stream loses little of what arrived


@dataclass(frozen=True)
class DownloadSettings:
    """How politely to talk to the site (option > environment > default)."""

    source_url: str = DEFAULT_SOURCE_URL
    interval: float = 10.0  # seconds between two requests
    max_requests: int = 20  # per run, retries included
    retries: int = 2  # extra attempts per request after a 5xx, timeout or reset
    retry_delay: float = 30.0  # first backoff; doubles, with jitter
    timeout: float = 60.0  # connect and read (no data) timeout

    @classmethod
    def resolve(cls, source_url: str | None = None) -> DownloadSettings:
        def number(name: str, default: float) -> float:
            raw = os.environ.get(name)
            try:
                return float(raw) if raw is not None else default
            except ValueError:
                raise SettingsError(f"{name}={raw!r} is not a number; unset it or fix it") from None

        url = source_url or os.environ.get("DISCOGS_DUMPS_URL") or DEFAULT_SOURCE_URL
        if not url.startswith(("http://", "https://")):
            raise SettingsError(
                f"source URL {url!r} is not http(s); pass e.g. {DEFAULT_SOURCE_URL}"
            )
        return cls(
            source_url=url,
            interval=number("DISCOGS_REQUEST_INTERVAL", cls.interval),
            max_requests=int(number("DISCOGS_MAX_REQUESTS", cls.max_requests)),
            retries=int(number("DISCOGS_RETRIES", cls.retries)),
            retry_delay=number("DISCOGS_RETRY_DELAY", cls.retry_delay),
            timeout=number("DISCOGS_TIMEOUT", cls.timeout),
        )


@dataclass
class SiteState:
    """What survives between runs: the lock-out, the files already verified, and the CHECKSUMs
    read (with the listing time they had, so an unchanged one is not fetched again)."""

    path: Path
    not_before: float | None = None
    verified: dict[str, dict[str, Any]] = field(default_factory=dict)
    checksums: dict[str, dict[str, Any]] = field(default_factory=dict)  # date -> modified, sums

    @classmethod
    def load(cls, path: Path) -> SiteState:
        if not path.is_file():
            return cls(path)
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            path, data.get("not_before"), data.get("verified", {}), data.get("checksums", {})
        )

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(self.path.name + ".tmp")
        body = {
            "not_before": self.not_before,
            "verified": self.verified,
            "checksums": self.checksums,
        }
        temp.write_text(json.dumps(body, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temp, self.path)


class _Transient(Exception):
    """A 5xx: worth another try after a pause."""


def _utc(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M UTC")


class SiteClient:
    """Every request to the dump site goes through here."""

    def __init__(
        self,
        settings: DownloadSettings,
        state: SiteState,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.state = state
        self.clock = clock
        self.sleep = sleep
        self.requests_made = 0
        self.bytes_received = 0
        self.s3_mode = False  # set by discovery when the site answers with S3 XML listings
        self._last: float | None = None
        self._etags: dict[str, str] = {}  # url -> ETag seen this run, for If-Range on resume
        self._http = httpx.Client(
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SiteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def request(self, url: str, headers: dict[str, str] | None = None) -> Iterator[httpx.Response]:
        """One paced, budgeted GET, streamed; 429 and 403 end the run here."""
        now = self.clock()
        if self.state.not_before is not None and now < self.state.not_before:
            raise RateLimited(
                f"deferred: the site rate-limited us and asked to wait until "
                f"{_utc(self.state.not_before)}; no request was made; rerun after that"
            )
        if self.requests_made >= self.settings.max_requests:
            raise DownloadError(
                f"the budget of {self.settings.max_requests} requests per run is used up; "
                "rerun later to continue (verified files are kept)"
            )
        if self._last is not None:
            wait = self._last + self.settings.interval - now
            if wait > 0:
                self.sleep(wait)
        self.requests_made += 1
        response = self._http.send(
            self._http.build_request("GET", url, headers=headers), stream=True
        )
        self._last = self.clock()
        try:
            self._refuse(response, url)
            yield response
        finally:
            response.close()

    def _refuse(self, response: httpx.Response, url: str) -> None:
        if response.status_code == 429:
            delay = _retry_after(response.headers.get("retry-after"), self.clock())
            self.state.not_before = self.clock() + delay + _LOCKOUT_SLACK
            self.state.save()
            raise RateLimited(
                f"the site answered 429 (too many requests) for {url}; it locks the whole host "
                f"and any request restarts the lock, so no request will be made before "
                f"{_utc(self.state.not_before)}; rerun after that"
            )
        if response.status_code == 403:
            raise Blocked(
                f"the site answered 403 Forbidden for {url}: it blocks this network "
                "(Cloudflare refuses many datacenter and CI addresses); run from another "
                "network, or download the files by other means and use --from-dir"
            )

    def get_text(self, url: str) -> str:
        """A small document (listing, CHECKSUM), retried on 5xx, timeouts and resets."""

        def once() -> str:
            with self.request(url) as response:
                if response.status_code >= 500:
                    raise _Transient(f"HTTP {response.status_code}")
                if response.status_code != 200:
                    raise DownloadError(
                        f"{url} answered HTTP {response.status_code}; check --source-url"
                    )
                return response.read().decode("utf-8", "replace")

        return self._retrying(url, once)

    def _retrying(self, what: str, attempt: Callable[[], Any]) -> Any:
        for number in range(self.settings.retries + 1):
            try:
                return attempt()
            except (_Transient, httpx.TransportError) as exc:
                if number == self.settings.retries:
                    raise DownloadError(
                        f"{what} failed {number + 1} times ({type(exc).__name__}: {exc}); "
                        "rerun later (verified files are kept)"
                    ) from None
                delay = self.settings.retry_delay * 2**number
                self.sleep(delay * random.uniform(0.5, 1.5))
        raise AssertionError("unreachable")

    def download(
        self, url: str, target: Path, sha256: str, progress: Progress | None = None
    ) -> int:
        """Stream url into target.part, hashing; rename to target only when the hash matches.

        A partial file from an interrupted attempt is resumed with Range only if the server
        really answers 206; a 200 means Range was ignored, and the file starts over.
        """
        part = target.with_name(target.name + ".part")
        return self._retrying(
            target.name, lambda: self._download_once(url, part, target, sha256, progress)
        )

    def _download_once(
        self, url: str, part: Path, target: Path, sha256: str, progress: Progress | None
    ) -> int:
        progress = progress or NullProgress()
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        if have and url in self._etags:
            headers["If-Range"] = self._etags[url]  # a changed file comes back whole (200)
        with self.request(url, headers) as response:
            status = response.status_code
            if response.headers.get("etag"):
                self._etags[url] = response.headers["etag"]
            if status >= 500:
                raise _Transient(f"HTTP {status}")
            resumed = have > 0 and status == 206 and _range_starts_at(response, have)
            if status not in (200, 206) or (status == 206 and not resumed):
                raise DownloadError(f"{target.name}: the site answered HTTP {status}; rerun later")
            hasher = hashlib.sha256()
            if resumed:
                with part.open("rb") as existing:
                    for block in iter(lambda: existing.read(_CHUNK), b""):
                        hasher.update(block)
            else:
                have = 0
            expected = response.headers.get("content-length")
            received = 0
            with part.open("ab" if resumed else "wb") as out:
                for block in response.iter_raw(_CHUNK):
                    if received == 0 and have == 0 and not block.startswith(GZIP_MAGIC):
                        out.close()
                        part.unlink()
                        raise DownloadError(
                            f"{target.name}: the site sent {_describe(block)} instead of gzip "
                            "data; nothing was kept; check --source-url (plain paths serve the "
                            "HTML index) or try later"
                        )
                    out.write(block)
                    hasher.update(block)
                    received += len(block)
                    self.bytes_received += len(block)
                    progress.update(len(block))
                out.flush()
                os.fsync(out.fileno())
            if expected is not None and received != int(expected):
                raise _Transient(f"got {received} of {expected} bytes")
        digest = hasher.hexdigest()
        if digest != sha256:
            part.unlink()
            raise DownloadError(
                f"{target.name}: SHA-256 {digest} does not match the CHECKSUM's {sha256}; the "
                "download was deleted; rerun to fetch it again (the month may be being "
                "republished)"
            )
        os.replace(part, target)
        return have + received


def _range_starts_at(response: httpx.Response, offset: int) -> bool:
    return response.headers.get("content-range", "").startswith(f"bytes {offset}-")


def _describe(block: bytes) -> str:
    head = block[:64].lstrip().lower()
    if head.startswith((b"<!doctype", b"<html")):
        return "an HTML page"
    return f"data starting {block[:16]!r}"


def _retry_after(value: str | None, now: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); default an hour."""
    if not value:
        return _DEFAULT_LOCKOUT
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return _DEFAULT_LOCKOUT
