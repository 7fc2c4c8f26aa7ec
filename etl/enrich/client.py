"""The Discogs API client: paced, retrying, and careful with the token.

Transient (retried with capped, jittered backoff): 429, 5xx, timeouts, resets, bodies that are
not JSON (maintenance and proxy pages). Terminal for the id: 404 (recorded as gone). Terminal
for the run: 401 and 403. The token travels only in the Authorization header and appears in no
message, log or file.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from etl import PROJECT_URL, __version__
from etl.enrich.throttle import Pacer
from etl.errors import EtlError, SettingsError

DEFAULT_API_URL = "https://api.discogs.com"
DEFAULT_USER_AGENT = f"discogs-etl/{__version__} +{PROJECT_URL}"


class ApiStopped(EtlError):
    """The API refused the run (401 or 403); the message says what to do."""


class ApiUnavailable(EtlError):
    """An id kept failing with transient errors; it stays a target for the next run."""


@dataclass(frozen=True)
class ApiSettings:
    """Settings for the API (option > environment > default); the token is never printed."""

    api_url: str = DEFAULT_API_URL
    user_agent: str = DEFAULT_USER_AGENT
    window: float = 60.0
    max_attempts: int = 6
    backoff_base: float = 2.0
    backoff_cap: float = 60.0
    timeout: float = 30.0
    token: str | None = None

    def __repr__(self) -> str:  # the token must not leak through a repr in a traceback
        return f"ApiSettings(api_url={self.api_url!r}, authenticated={self.token is not None})"

    @classmethod
    def resolve(cls, api_url: str | None = None) -> ApiSettings:
        url = (api_url or os.environ.get("DISCOGS_API_URL") or DEFAULT_API_URL).rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise SettingsError(f"API URL {url!r} is not http(s); pass e.g. {DEFAULT_API_URL}")
        raw_window = os.environ.get("DISCOGS_RATE_WINDOW", "60")
        try:
            window = float(raw_window)
        except ValueError:
            raise SettingsError(
                f"DISCOGS_RATE_WINDOW={raw_window!r} is not a number of seconds"
            ) from None
        return cls(
            api_url=url,
            user_agent=os.environ.get("DISCOGS_USER_AGENT") or DEFAULT_USER_AGENT,
            window=window,
            token=os.environ.get("DISCOGS_TOKEN") or None,
            backoff_base=min(cls.backoff_base, window / 30),
            backoff_cap=min(cls.backoff_cap, window),
        )


@dataclass
class ApiResponse:
    status: int
    body: Any  # parsed JSON, or None for a 404 without one
    text: str


class ApiClient:
    """GETs JSON from the API, one request at a time, at the pace the server allows."""

    def __init__(
        self,
        settings: ApiSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.sleep = sleep
        self.requests = 0
        self.rate_limited = 0
        self.retried = 0
        limit = 60 if settings.token else 25
        self.pacer = Pacer(limit, settings.window, clock=clock, sleep=sleep)
        headers = {"User-Agent": settings.user_agent, "Accept": "application/json"}
        if settings.token:
            headers["Authorization"] = f"Discogs token={settings.token}"
        self._http = httpx.Client(
            base_url=settings.api_url,
            headers=headers,
            transport=transport,
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, path: str) -> ApiResponse:
        """The JSON at path; 404 comes back as a response, everything else retried or raised."""
        for attempt in range(self.settings.max_attempts):
            self.pacer.wait()
            self.requests += 1
            try:
                response = self._http.get(path)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}"
            else:
                self.pacer.observe(response.headers)
                outcome = self._outcome(path, response)
                if outcome is not None:
                    return outcome
                problem = f"HTTP {response.status_code}"
                if response.status_code == 429:
                    self.rate_limited += 1
                    self.pacer.backoff_window()
            self.retried += 1
            ceiling = min(self.settings.backoff_cap, self.settings.backoff_base * 2**attempt)
            self.sleep(random.uniform(ceiling / 2, ceiling))
        raise ApiUnavailable(
            f"{path} failed {self.settings.max_attempts} times (last: {problem}); "
            "it stays a target for the next run"
        )

    def _outcome(self, path: str, response: httpx.Response) -> ApiResponse | None:
        """A final response, None to retry, or an exception that stops the run."""
        status = response.status_code
        if status == 401:
            raise ApiStopped(
                "the API answered 401 (not authorised): set DISCOGS_TOKEN to a valid personal "
                "access token (https://www.discogs.com/settings/developers)"
            )
        if status == 403:
            raise ApiStopped(
                "the API answered 403 (forbidden): Cloudflare or Discogs blocks this network or "
                "User-Agent; set DISCOGS_USER_AGENT to a unique one, or run from another network"
            )
        if status == 429 or status >= 500:
            return None
        try:
            body = json.loads(response.text)
        except ValueError:
            if status == 404:
                return ApiResponse(404, None, response.text)
            return None  # an HTML maintenance or proxy page with a 200: try again later
        if status in (200, 404):
            return ApiResponse(status, body, response.text)
        raise ApiStopped(f"{path}: unexpected HTTP {status} from the API; report this")
