"""Enrichment from the Discogs API (etl/enrich/), against the local fake of api.discogs.com.

The pacer and the client are unit-tested with a fake clock whose sleep advances it (no real
time); everything else runs over HTTP against tests/fakes/discogs_api.py with a short rate
window (DISCOGS_RATE_WINDOW and the fake's ``window`` set to the same few seconds).
The rules under test come from ../shared/docs/discogs-api.md §4 (rate limit) and §9 (design).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from conftest import output_texts
from fakes.discogs_api import FakeDiscogsApi

import etl
from etl import warehouse
from etl.cli import main
from etl.enrich import enrich
from etl.enrich.client import ApiClient, ApiSettings, ApiStopped
from etl.enrich.targets import Target, select_targets
from etl.enrich.throttle import WINDOW_MARGIN, Pacer
from etl.errors import EtlError
from etl.parse import parse_file
from etl.synth import write_month

REPO = Path(__file__).resolve().parents[1]
DATE = "20260101"
RELEASES = 120  # enough for the synth month to reference artist 194 "Various" (absent)
TOKEN = "t0ken-for-the-enrich-tests"
UA = {"User-Agent": "DiscogsEtlTests/0.1 +https://github.com/discogs-etl/discogs-etl"}
FAST = 1000  # a fake limit so high that pacing never matters


# --------------------------------------------------------------------------------------------
# fixtures and helpers


@pytest.fixture(scope="session")
def parsed_month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One parsed synthetic month (parsed once per session; copies are built per test)."""
    data_dir = tmp_path_factory.mktemp("enrich-month")
    dumps = data_dir / "dumps"
    dumps.mkdir()
    for path in write_month(dumps, DATE, releases=RELEASES):
        parse_file(path, data_dir, workers=1)
    shutil.rmtree(dumps)
    return data_dir


@pytest.fixture
def data_dir(parsed_month: Path, tmp_path: Path) -> Path:
    """A private copy of the month with a freshly built warehouse (views use absolute paths)."""
    copy = tmp_path / "data"
    shutil.copytree(parsed_month, copy)
    warehouse.build(copy)
    return copy


@dataclass
class World:
    """What the warehouse holds, to register the same ids in the fake."""

    releases: dict[int, tuple[int | None, int | None]]  # id -> (master_id, first label_id)
    masters: dict[int, int]  # id -> main release
    labels: list[int]
    artists: list[int]


def world(data_dir: Path) -> World:
    with etl.connect(data_dir) as con:
        releases = {
            rid: (mid, lid)
            for rid, mid, lid in con.execute(
                "select r.release_id, r.master_id, l.label_id from releases r "
                "left join release_labels l on l.release_id = r.release_id and l.idx = 0 "
                "order by 1"
            ).fetchall()
        }
        masters = dict(con.execute("select master_id, main_release_id from masters").fetchall())
        labels = [r[0] for r in con.execute("select label_id from labels").fetchall()]
        artists = [r[0] for r in con.execute("select artist_id from artists").fetchall()]
    return World(releases, masters, labels, artists)


def have_of(rid: int) -> int:
    return 10 * rid + 1


def want_of(rid: int) -> int:
    return rid + 2


def rating_of(rid: int) -> float:
    return round(1 + (rid % 9) * 0.45, 2)


def price_of(rid: int) -> float | None:
    return None if rid % 4 == 0 else rid + 0.99  # null when nothing is for sale


def register(api: FakeDiscogsApi, data_dir: Path, skip: frozenset[int] = frozenset()) -> World:
    """Register every release (but `skip`), master, label and artist of the warehouse, and the
    artist 194 Various."""
    w = world(data_dir)
    for rid, (mid, lid) in w.releases.items():
        if rid in skip:
            continue
        api.add_release(
            rid,
            have=have_of(rid),
            want=want_of(rid),
            rating=rating_of(rid),
            votes=rid,
            lowest_price=price_of(rid),
            num_for_sale=0 if price_of(rid) is None else rid % 7 + 1,
            master_id=mid,
            label_id=lid,
        )
    for mid, main_release in w.masters.items():
        api.add_master(mid, main_release=main_release)
    for lid in w.labels:
        api.add_label(lid)
    for aid in w.artists:
        api.add_artist(aid)
    api.add_artist(194, name="Various")
    return w


@pytest.fixture
def make_api(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., FakeDiscogsApi]]:
    """Start a fake with the warehouse's ids registered; the client's window matches the fake's."""
    started: list[FakeDiscogsApi] = []

    def start(
        limit: int = FAST,
        window: float = 1.0,
        token: str = TOKEN,
        skip: frozenset[int] = frozenset(),
    ) -> FakeDiscogsApi:
        monkeypatch.setenv("DISCOGS_TOKEN", token)
        monkeypatch.setenv("DISCOGS_RATE_WINDOW", str(window))
        monkeypatch.delenv("DISCOGS_API_URL", raising=False)
        monkeypatch.delenv("DISCOGS_USER_AGENT", raising=False)
        api = FakeDiscogsApi(limit=limit, window=window, token=token).start()
        started.append(api)
        register(api, data_dir, skip)
        return api

    yield start
    for api in started:
        api.close()


def enrich_rows(data_dir: Path, table: str, where: str = "true") -> list[dict[str, Any]]:
    """Rows of one enrich table straight from its Parquet (no warehouse needed)."""
    glob = str(data_dir / "enrich" / table / "*.parquet")
    con = duckdb.connect()
    try:
        cursor = con.execute(f"select * from read_parquet('{glob}') where {where}")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    finally:
        con.close()


def response_keys(data_dir: Path) -> Counter[tuple[str, int, str, int]]:
    """How often each (entity, id, endpoint, page) is stored in enrich/responses."""
    return Counter(
        (r["entity"], r["id"], r["endpoint"], r["page"]) for r in enrich_rows(data_dir, "responses")
    )


def assert_stored_once(data_dir: Path, expected: set[tuple[str, int, str, int]]) -> None:
    keys = response_keys(data_dir)
    duplicates = {k: n for k, n in keys.items() if n > 1}
    assert not duplicates, f"stored more than once: {duplicates}"
    assert set(keys) == expected


def release_keys(ids: list[int] | range) -> set[tuple[str, int, str, int]]:
    return {("release", i, "release", 1) for i in ids}


def write_ids(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def query(data_dir: Path, sql: str) -> list[tuple[Any, ...]]:
    with etl.connect(data_dir) as con:
        return con.execute(sql).fetchall()


def targets_of(data_dir: Path, **kwargs: Any) -> list[Target]:
    with etl.connect(data_dir) as con:
        return select_targets(con, data_dir, **kwargs)


def window_ok(times: list[float], limit: int, window: float) -> bool:
    """No more than `limit` arrivals in any moving window (the fake drops t <= now - window)."""
    return all(times[i] - times[i - limit] >= window for i in range(limit, len(times)))


class Hooks:
    """A Progress whose update(1) (one per finished target) runs the hook for that count."""

    def __init__(self, hooks: dict[int, Callable[[], None]]) -> None:
        self.hooks = hooks
        self.done = 0

    def __call__(self, _total: int) -> Hooks:
        return self

    def update(self, n: int) -> None:
        self.done += n
        if self.done in self.hooks:
            self.hooks[self.done]()

    def close(self) -> None:
        pass


class HookedTransport(httpx.BaseTransport):
    """A real HTTP transport that runs `before(n, request)` ahead of the n-th request."""

    def __init__(self, before: Callable[[int, httpx.Request], None]) -> None:
        self.inner = httpx.HTTPTransport()
        self.before = before
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent += 1
        self.before(self.sent, request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


# --------------------------------------------------------------------------------------------
# 1. the pacer, on a fake clock


@dataclass
class SimClock:
    """A fake clock whose sleep advances it; every sleep is recorded."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds


def paced(pacer: Pacer, clock: SimClock, n: int) -> list[float]:
    times = []
    for _ in range(n):
        pacer.wait()
        times.append(clock())
    return times


def max_in_window(times: list[float], window: float) -> int:
    """The most send times inside any half-open window (t - window, t]."""
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


@pytest.mark.parametrize(("limit", "window"), [(60, 60.0), (25, 60.0), (10, 2.0), (1, 5.0)])
def test_pacer_never_exceeds_limit_in_any_window(limit: int, window: float) -> None:
    clock = SimClock()
    pacer = Pacer(limit, window, clock=clock, sleep=clock.sleep)
    times = paced(pacer, clock, 20 * limit + 7)
    assert max_in_window(times, window) <= limit
    assert window_ok(times, limit, window)


def test_pacer_spaces_requests_evenly_at_nearly_the_full_rate() -> None:
    clock = SimClock()
    limit, window = 60, 60.0
    pacer = Pacer(limit, window, clock=clock, sleep=clock.sleep)
    times = paced(pacer, clock, 600)
    gaps = [b - a for a, b in pairwise(times)]
    step = window * WINDOW_MARGIN / limit
    assert min(gaps) == pytest.approx(step)
    assert max(gaps) == pytest.approx(step)  # no bursts, no stalls
    rate = (len(times) - 1) / (times[-1] - times[0])
    assert rate >= 0.95 * limit / window


def test_pacer_first_request_goes_at_once() -> None:
    clock = SimClock()
    pacer = Pacer(60, 60.0, clock=clock, sleep=clock.sleep)
    pacer.wait()
    assert clock.sleeps == []
    assert clock() == 1000.0


def test_pacer_observe_adopts_a_lower_announced_limit() -> None:
    clock = SimClock()
    pacer = Pacer(60, 60.0, clock=clock, sleep=clock.sleep)
    pacer.wait()
    pacer.observe({"x-discogs-ratelimit": "25", "x-discogs-ratelimit-used": "1"})
    assert pacer.limit == 25
    times = [clock(), *paced(pacer, clock, 200)]
    assert max_in_window(times, 60.0) <= 25
    gaps = {round(b - a, 6) for a, b in pairwise(times)}
    assert gaps == {round(60.0 * WINDOW_MARGIN / 25, 6)}


def test_pacer_observe_ignores_missing_and_malformed_headers() -> None:
    clock = SimClock()
    pacer = Pacer(60, 60.0, clock=clock, sleep=clock.sleep)
    pacer.wait()
    pacer.observe({})
    pacer.observe({"x-discogs-ratelimit": "many", "x-discogs-ratelimit-used": "?"})
    pacer.observe({"x-discogs-ratelimit": "0"})
    assert pacer.limit == 60
    before = clock()
    pacer.wait()
    assert clock() - before == pytest.approx(60.0 * WINDOW_MARGIN / 60)


def test_pacer_observe_counts_requests_made_by_others() -> None:
    """X-Discogs-Ratelimit-Used above our own count: the window is fuller than we think."""
    clock = SimClock()
    limit, window = 10, 60.0
    pacer = Pacer(limit, window, clock=clock, sleep=clock.sleep)
    pacer.wait()
    start = clock()
    # another program on this IP used 9 more: the window is full as of now
    pacer.observe({"x-discogs-ratelimit": str(limit), "x-discogs-ratelimit-used": str(limit)})
    pacer.wait()
    assert clock() - start >= window
    # then the full rate again, still within the limit counting the foreign requests
    server = [start] * limit + [clock(), *paced(pacer, clock, 40)]
    assert max_in_window(server, window) <= limit


def test_pacer_observe_with_fewer_foreign_requests_only_delays_what_is_needed() -> None:
    clock = SimClock()
    limit, window = 10, 60.0
    pacer = Pacer(limit, window, clock=clock, sleep=clock.sleep)
    pacer.wait()
    start = clock()
    pacer.observe({"x-discogs-ratelimit-used": "5"})  # 4 foreign requests
    sent = paced(pacer, clock, 5)
    server = [start] * 5 + sent
    assert max_in_window(server, window) <= limit
    assert sent[-1] - start < window  # the remaining 5 slots were used without waiting a window


def test_pacer_backoff_window_after_a_429() -> None:
    clock = SimClock()
    limit, window = 60, 60.0
    pacer = Pacer(limit, window, clock=clock, sleep=clock.sleep)
    pacer.wait()
    refused = clock()
    pacer.backoff_window()
    pacer.wait()
    assert clock() - refused >= window
    # and it does not stay slow: the next requests come at the normal pace
    sent = paced(pacer, clock, 10)
    assert sent[-1] - sent[0] == pytest.approx(9 * window * WINDOW_MARGIN / limit)


# --------------------------------------------------------------------------------------------
# 1b. the client's retry rules, on a fake clock (httpx.MockTransport, no network, no real time)


def mock_client(
    answers: list[httpx.Response | Exception], clock: SimClock, window: float = 60.0
) -> tuple[ApiClient, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    settings = ApiSettings(
        api_url="https://api.example.test",
        window=window,
        token=TOKEN,
        backoff_base=min(2.0, window / 30),
        backoff_cap=min(60.0, window),
    )
    client = ApiClient(
        settings, transport=httpx.MockTransport(handler), clock=clock, sleep=clock.sleep
    )
    return client, seen


def ok(body: dict[str, Any] | None = None, **headers: str) -> httpx.Response:
    return httpx.Response(200, json=body or {"id": 1}, headers=headers)


def test_client_sends_user_agent_and_token_header() -> None:
    clock = SimClock()
    client, seen = mock_client([ok()], clock)
    with client:
        response = client.get("/releases/1")
    assert response.status == 200 and response.body == {"id": 1}
    assert seen[0].headers["Authorization"] == f"Discogs token={TOKEN}"
    assert seen[0].headers["User-Agent"].startswith("discogs-etl/")
    assert TOKEN not in str(seen[0].url)


def test_client_retries_a_429_after_a_full_window() -> None:
    clock = SimClock()
    too_many = httpx.Response(429, json={"message": "You are making requests too quickly."})
    client, seen = mock_client([too_many, too_many, ok()], clock)
    with client:
        started = clock()
        response = client.get("/releases/1")
    assert response.status == 200
    assert len(seen) == 3
    assert client.rate_limited == 2 and client.retried == 2 and client.requests == 3
    assert clock() - started >= 2 * 60.0  # each 429 waits out a window


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(502, text="<html>502 Bad Gateway</html>"),
        httpx.Response(503, json={"message": "The service is temporarily unavailable."}),
        httpx.Response(200, text="<html>Down for Maintenance</html>"),
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("timed out"),
        httpx.RemoteProtocolError("peer closed connection"),
    ],
    ids=["502-html", "503-json", "200-html", "connect", "timeout", "reset"],
)
def test_client_retries_transient_failures(failure: httpx.Response | Exception) -> None:
    clock = SimClock()
    client, seen = mock_client([failure, failure, ok()], clock)
    with client:
        response = client.get("/releases/1")
    assert response.status == 200
    assert len(seen) == 3 and client.retried == 2 and client.rate_limited == 0
    assert 0 < sum(clock.sleeps) <= 2 * 60.0


def test_client_backoff_grows_and_is_capped() -> None:
    clock = SimClock()
    window = 60.0
    client, _ = mock_client([httpx.Response(503, json={})] * 6, clock, window)
    with client, pytest.raises(EtlError) as raised:
        client.get("/releases/9")
    assert "failed 6 times" in str(raised.value) and "HTTP 503" in str(raised.value)
    assert len(clock.sleeps) >= 6
    assert all(0 < s <= 60.0 for s in clock.sleeps)
    assert max(clock.sleeps) >= 16.0  # 2 s doubling reaches tens of seconds within 6 tries


def test_client_404_is_an_answer_not_a_retry() -> None:
    clock = SimClock()
    client, seen = mock_client([httpx.Response(404, json={"message": "Release not found."})], clock)
    with client:
        response = client.get("/releases/404")
    assert response.status == 404 and len(seen) == 1 and client.retried == 0


@pytest.mark.parametrize(("status", "hint"), [(401, "DISCOGS_TOKEN"), (403, "DISCOGS_USER_AGENT")])
def test_client_401_and_403_stop_at_once(status: int, hint: str) -> None:
    clock = SimClock()
    client, seen = mock_client([httpx.Response(status, text="no")], clock)
    with client, pytest.raises(ApiStopped) as raised:
        client.get("/releases/1")
    assert len(seen) == 1
    assert str(status) in str(raised.value) and hint in str(raised.value)


# --------------------------------------------------------------------------------------------
# 2. no 429 under the pacer, over HTTP


def test_no_429_under_the_pacer(data_dir: Path, make_api: Callable[..., FakeDiscogsApi]) -> None:
    limit, window, n = 10, 1.5, 32  # a bit over three windows
    api = make_api(limit=limit, window=window)
    stats = enrich(data_dir, api_url=api.url, limit=n)
    assert stats.rate_limited == 0
    assert api.count_429 == 0
    assert stats.requests == n and len(api.requests) == n
    times = [r.time for r in api.requests]
    assert window_ok(times, limit, window)
    # and not much slower than the limit allows
    assert times[-1] - times[0] <= (n - 1) * window * WINDOW_MARGIN / limit * 1.25 + 0.5
    assert_stored_once(data_dir, release_keys(range(1, n + 1)))


# --------------------------------------------------------------------------------------------
# 3. after 429s: backed off, everything stored once


def test_forced_429s_are_backed_off_and_counted(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    api.force_429(3)
    stats = enrich(data_dir, api_url=api.url, limit=6)
    assert api.count_429 == 3
    assert stats.rate_limited == 3
    assert stats.failed == 0 and stats.targets == 6
    assert stats.requests == 6 + 3
    assert_stored_once(data_dir, release_keys(range(1, 7)))
    # every retry after a 429 waited out the window
    times = [r.time for r in api.requests]
    for refused in api.log_429:
        after = [t for t in times if t > refused.time]
        assert after and after[0] - refused.time >= 1.0


def test_window_filled_by_another_client(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    """Another program used the whole window: the first request is refused, then the run
    adapts (starting at 60/window while the server allows 10) and completes."""
    limit, window, n = 10, 1.5, 14
    api = make_api(limit=limit, window=window)
    headers = {**UA, "Authorization": f"Discogs token={TOKEN}"}
    with httpx.Client(base_url=api.url, headers=headers) as other:
        for _ in range(limit):
            assert other.get("/releases/1").status_code == 200
    stats = enrich(data_dir, api_url=api.url, limit=n)
    assert api.count_429 >= 1
    assert stats.rate_limited == api.count_429
    assert stats.failed == 0
    assert_stored_once(data_dir, release_keys(range(1, n + 1)))


def test_window_nearly_filled_by_another_client_gives_no_429(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    """X-Discogs-Ratelimit-Used counts the other program's requests: the pacer waits for them."""
    limit, window, n = 10, 1.5, 8
    api = make_api(limit=limit, window=window)
    headers = {**UA, "Authorization": f"Discogs token={TOKEN}"}
    with httpx.Client(base_url=api.url, headers=headers) as other:
        for _ in range(limit - 1):
            assert other.get("/releases/1").status_code == 200
    stats = enrich(data_dir, api_url=api.url, limit=n)
    assert api.count_429 == 0 and stats.rate_limited == 0
    assert window_ok([r.time for r in api.requests], limit, window)
    assert_stored_once(data_dir, release_keys(range(1, n + 1)))


# --------------------------------------------------------------------------------------------
# 4. transient faults: retried, stored once; a target that keeps failing waits for the next run


def test_5xx_html_resets_and_slow_responses_are_retried(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)

    def slow() -> None:
        api.delay = 0.3  # well below the client's timeout

    def fast() -> None:
        api.delay = 0.0

    hooks = {
        1: lambda: setattr(api, "burst_5xx", 3),  # 502 html, 503 json, 502 html
        2: lambda: setattr(api, "html_bodies", 2),
        3: lambda: setattr(api, "resets", 2),
        4: slow,
        6: fast,
    }
    stats = enrich(data_dir, api_url=api.url, limit=8, progress=Hooks(hooks))
    faults = Counter(r.fault for r in api.requests if r.fault)
    assert faults == {"burst_5xx": 3, "html_body": 2, "reset": 2}
    assert stats.retried == 7
    assert stats.requests == 8 + 7
    assert stats.failed == 0 and stats.rate_limited == 0
    assert stats.seconds >= 2 * 0.3  # two slow answers were waited for, not given up on
    assert_stored_once(data_dir, release_keys(range(1, 9)))
    # only 200 JSON bodies were stored, never a fault page
    for row in enrich_rows(data_dir, "responses"):
        assert row["status"] == 200 and json.loads(row["raw_json"])["id"] == row["id"]


def test_read_timeout_is_retried(data_dir: Path, make_api: Callable[..., FakeDiscogsApi]) -> None:
    api = make_api(window=1.0)
    api.delay = 2.0

    def before(n: int, _request: httpx.Request) -> None:
        if n == 2:
            api.delay = 0.0  # the first request timed out; the retry is answered at once

    settings = ApiSettings.resolve(api.url)
    timeouts = 0
    with ApiClient(
        ApiSettings(
            api_url=settings.api_url,
            window=settings.window,
            token=settings.token,
            timeout=0.3,
            backoff_base=settings.backoff_base,
            backoff_cap=settings.backoff_cap,
        ),
        transport=HookedTransport(before),
    ) as client:
        response = client.get("/releases/3")
        timeouts = client.retried
    assert response.status == 200 and response.body["id"] == 3
    assert timeouts == 1


def test_a_target_that_keeps_failing_is_left_for_the_next_run(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi], tmp_path: Path
) -> None:
    api = make_api(window=1.0)
    ids = write_ids(tmp_path / "ids.txt", ["1", "2", "3"])
    # target 2 gets 6 errors in a row: as many as the client's attempts
    hooks = {1: lambda: setattr(api, "burst_5xx", ApiSettings.max_attempts)}
    first = enrich(data_dir, api_url=api.url, ids_file=ids, progress=Hooks(hooks))
    assert first.failed == 1
    assert first.targets == 3
    assert_stored_once(data_dir, release_keys([1, 3]))

    second = enrich(data_dir, api_url=api.url, ids_file=ids)
    assert second.targets == 1 and second.failed == 0
    assert [r.path for r in api.requests[-second.requests :]] == ["/releases/2"]
    assert_stored_once(data_dir, release_keys([1, 2, 3]))


def test_a_failed_release_is_selected_again_by_the_releases_selection(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    hooks = {1: lambda: setattr(api, "burst_5xx", ApiSettings.max_attempts)}
    first = enrich(data_dir, api_url=api.url, limit=3, progress=Hooks(hooks))
    assert first.failed == 1
    assert [t.id for t in targets_of(data_dir, select="releases", limit=2)] == [2, 4]


def test_a_paged_target_that_fails_midway_is_finished_by_the_next_run(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    for rid in range(10_001, 10_251):  # master 1 gets 250 more versions: 3 pages
        api.add_release(rid, have=have_of(rid), want=want_of(rid), master_id=1)
    failed_once = False

    def before(_n: int, request: httpx.Request) -> None:
        nonlocal failed_once
        if request.url.params.get("page") == "2" and not failed_once:
            failed_once = True
            api.burst_5xx = ApiSettings.max_attempts

    first = enrich(
        data_dir,
        api_url=api.url,
        select="master-versions",
        limit=1,
        transport=HookedTransport(before),
    )
    assert first.failed == 1
    assert set(response_keys(data_dir)) == {("master", 1, "master_versions", 1)}

    # the master is still a target: pages 2 and 3 were never stored
    assert [t.id for t in targets_of(data_dir, select="master-versions", limit=1)] == [1]
    second = enrich(data_dir, api_url=api.url, select="master-versions", limit=1)
    assert second.targets == 1
    pages = {k[3] for k in response_keys(data_dir) if k[:3] == ("master", 1, "master_versions")}
    assert pages == {1, 2, 3}


# --------------------------------------------------------------------------------------------
# 5. 404: recorded as gone, not retried within --max-age


def test_404_is_recorded_as_gone(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi], tmp_path: Path
) -> None:
    api = make_api(window=1.0, skip=frozenset({5}))  # release 5 is unknown to the API
    api.not_found = {("release", 3)}
    ids = write_ids(tmp_path / "ids.txt", [str(i) for i in range(1, 7)])
    stats = enrich(data_dir, api_url=api.url, ids_file=ids)
    assert stats.not_found == 2 and stats.failed == 0 and stats.retried == 0
    assert stats.requests == 6
    assert_stored_once(data_dir, release_keys(range(1, 7)))
    gone = {r["release_id"]: r for r in enrich_rows(data_dir, "releases", "status = 404")}
    assert set(gone) == {3, 5}
    assert all(r["have"] is None and r["fetched_at"] is not None for r in gone.values())

    warehouse.build(data_dir)
    dates = dict(query(data_dir, "select release_id, gone from release_dates"))
    assert dates == {1: False, 2: False, 3: True, 4: False, 5: True, 6: False}
    marketplace = query(data_dir, "select release_id from release_marketplace order by 1")
    assert marketplace == [(1,), (2,), (4,), (6,)]

    again = enrich(data_dir, api_url=api.url, ids_file=ids)
    assert again.targets == 0 and again.requests == 0
    # with --max-age 0 they are fetched again
    assert {t.id for t in targets_of(data_dir, ids_file=ids, max_age=0)} == set(range(1, 7))


def test_404_releases_are_not_reselected_by_the_releases_selection(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    api.not_found = {("release", 2)}
    stats = enrich(data_dir, api_url=api.url, limit=4)
    assert stats.not_found == 1
    again = [t.id for t in targets_of(data_dir, select="releases", limit=3)]
    assert 2 not in again, f"a gone release is fetched again within --max-age: {again}"
    assert again == [5, 6, 7]


# --------------------------------------------------------------------------------------------
# 6. 401 and 403 stop the run; what was fetched is kept


@pytest.mark.parametrize(
    ("switch", "hint"), [("unauthorized", "DISCOGS_TOKEN"), ("forbidden", "DISCOGS_USER_AGENT")]
)
def test_401_and_403_stop_the_run_and_keep_what_was_fetched(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi], switch: str, hint: str
) -> None:
    api = make_api(window=1.0)
    hooks = {3: lambda: setattr(api, switch, True)}
    with pytest.raises(ApiStopped) as raised:
        enrich(data_dir, api_url=api.url, limit=10, progress=Hooks(hooks))
    assert hint in str(raised.value)
    assert len(api.requests) == 4  # three answered, the fourth refused, no retry
    assert_stored_once(data_dir, release_keys([1, 2, 3]))
    journal = data_dir / "enrich" / "journal.jsonl"
    assert not journal.exists() or journal.stat().st_size == 0  # all of it reached Parquet
    # the next run (credentials fixed) goes on with the rest
    setattr(api, switch, False)
    stats = enrich(data_dir, api_url=api.url, limit=2)
    assert [r.path for r in api.requests[-2:]] == ["/releases/4", "/releases/5"]
    assert stats.rows_stored == 2


@pytest.mark.parametrize(
    ("switch", "status", "hint"),
    [("unauthorized", "401", "DISCOGS_TOKEN"), ("forbidden", "403", "DISCOGS_USER_AGENT")],
)
def test_cli_401_and_403_exit_1_with_one_error_line(
    data_dir: Path,
    make_api: Callable[..., FakeDiscogsApi],
    switch: str,
    status: str,
    hint: str,
) -> None:
    api = make_api(window=1.0)
    setattr(api, switch, True)
    result = CliRunner().invoke(
        main, ["enrich", "--data-dir", str(data_dir), "--api-url", api.url, "--limit", "3"]
    )
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    assert status in errors[0] and hint in errors[0]
    assert "Traceback" not in result.output
    assert len(api.requests) == 1


# --------------------------------------------------------------------------------------------
# 7. SIGKILL mid-run, then a rerun: every target exactly once


def test_sigkill_mid_run_then_rerun_stores_every_target_once(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    n = 16
    api = make_api(limit=4, window=1.0)  # ~4 requests a second: the run takes about 4 s
    env = {
        **os.environ,
        "DISCOGS_TOKEN": TOKEN,
        "DISCOGS_RATE_WINDOW": "1.0",
        "PYTHONPATH": str(REPO),
    }
    journal = data_dir / "enrich" / "journal.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "etl",
            "enrich",
            "--data-dir",
            str(data_dir),
            "--api-url",
            api.url,
            "--limit",
            str(n),
            "-q",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if journal.is_file() and journal.read_bytes().count(b"\n") >= 4:
                break
            time.sleep(0.02)
        assert proc.poll() is None, proc.communicate()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]
    assert proc.returncode == -signal.SIGKILL
    journaled = journal.read_bytes().count(b"\n")
    assert 4 <= journaled < n  # killed mid-run
    answered_before = len(api.requests)

    api.limit = FAST  # the rerun may go fast
    stats = enrich(data_dir, api_url=api.url, limit=n)
    assert not journal.exists() or journal.stat().st_size == 0
    keys = response_keys(data_dir)
    assert {k: c for k, c in keys.items() if c > 1} == {}
    assert release_keys(range(1, n + 1)) <= set(keys)
    # the journaled responses were recovered, not fetched again
    assert stats.targets == n
    rerun_paths = [r.path for r in api.requests[answered_before:]]
    assert not set(rerun_paths) & {f"/releases/{i}" for i in range(1, journaled + 1)}
    assert len(keys) == journaled + n


# --------------------------------------------------------------------------------------------
# 8. the token never appears


def test_token_never_appears(
    data_dir: Path,
    make_api: Callable[..., FakeDiscogsApi],
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = "secret-token-123"
    api = make_api(window=1.0, token=secret)
    caplog.set_level("DEBUG")
    hooks = {
        1: lambda: setattr(api, "burst_5xx", 2),
        2: lambda: setattr(api, "resets", 1),
        3: lambda: setattr(api, "html_bodies", 1),
        4: lambda: api.force_429(1),
        5: lambda: setattr(api, "unauthorized", True),
    }
    with pytest.raises(ApiStopped) as raised:
        enrich(data_dir, api_url=api.url, limit=10, progress=Hooks(hooks))
    exc_text = "".join(traceback.format_exception(raised.value))
    chain: list[BaseException] = []
    cause: BaseException | None = raised.value
    while cause is not None:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    # the token was really used ...
    assert any(r.authorized for r in api.requests)
    assert all(r.authorized for r in api.requests if r.status == 200)
    # ... and shows nowhere
    texts = {
        "exception": exc_text + "".join(f"{e!s}{e!r}" for e in chain),
        "settings": repr(ApiSettings.resolve(api.url)) + str(ApiSettings.resolve(api.url)),
        "log": caplog.text + "".join(str(r.__dict__) for r in caplog.records),
    }
    api.unauthorized = False
    api.burst_5xx = 1
    result = CliRunner().invoke(
        main, ["enrich", "--data-dir", str(data_dir), "--api-url", api.url, "--limit", "2"]
    )
    assert result.exit_code == 0, result.output
    api.unauthorized = True
    refused = CliRunner().invoke(
        main, ["enrich", "--data-dir", str(data_dir), "--api-url", api.url, "--limit", "2"]
    )
    assert refused.exit_code == 1
    texts["cli"] = result.output + refused.output + repr(refused.exception)
    captured = capsys.readouterr()
    texts["stdout/stderr"] = captured.out + captured.err
    warehouse.build(data_dir)
    for path, text in output_texts(data_dir):
        texts[str(path)] = text
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    leaks = [where for where, text in texts.items() if secret in text]
    assert leaks == []
    assert "authenticated=True" in texts["settings"]


# --------------------------------------------------------------------------------------------
# 9. selections


def test_releases_selection_order_and_max_age(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi], tmp_path: Path
) -> None:
    api = make_api(window=1.0)
    everything = sorted(world(data_dir).releases)
    assert [t.id for t in targets_of(data_dir)] == everything
    assert all(
        t.endpoint == "release" and t.path == f"/releases/{t.id}" for t in targets_of(data_dir)
    )
    enrich(data_dir, api_url=api.url, ids_file=write_ids(tmp_path / "a.txt", ["7", "8"]))
    time.sleep(0.01)
    enrich(data_dir, api_url=api.url, ids_file=write_ids(tmp_path / "b.txt", ["2"]))
    rest = [i for i in everything if i not in (2, 7, 8)]
    assert [t.id for t in targets_of(data_dir, select="releases")] == rest
    # --max-age 0: nothing is fresh; never-fetched first, then the oldest fetch first
    assert [t.id for t in targets_of(data_dir, select="releases", max_age=0)] == [*rest, 7, 8, 2]
    assert [t.id for t in targets_of(data_dir, select="releases", limit=3)] == rest[:3]
    # a run takes them in that order
    stats = enrich(data_dir, api_url=api.url, limit=3)
    assert stats.targets == 3
    assert [r.path for r in api.requests[-3:]] == [f"/releases/{i}" for i in rest[:3]]


def test_releases_selection_still_fetches_releases_seen_only_in_a_list(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    """have/want from /masters/{id}/versions do not give rating, price and dates (§9.2): those
    releases were never fetched from /releases/{id} and stay targets of `releases`."""
    api = make_api(window=1.0)
    stats = enrich(data_dir, api_url=api.url, select="master-versions", limit=1)
    assert stats.rows_stored == 1
    versions = sorted(rid for rid, (mid, _) in world(data_dir).releases.items() if mid == 1)
    assert versions
    selected = {t.id for t in targets_of(data_dir, select="releases")}
    assert set(versions) <= selected, f"missing: {sorted(set(versions) - selected)}"


def drop_rows(data_dir: Path, table: str, column: str, value: int) -> None:
    folder = data_dir / "parquet" / DATE / table
    for part in folder.glob("*.parquet"):
        rows = pq.read_table(part)
        pq.write_table(rows.filter(pc.not_equal(rows[column], value)), part)


def test_missing_selections_pick_referenced_but_absent_ids(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    w = world(data_dir)
    # the synth month references artist 194 "Various" without an artist record
    artists = targets_of(data_dir, select="missing-artists")
    assert [(t.entity, t.id, t.endpoint, t.path) for t in artists] == [
        ("artist", 194, "artist", "/artists/194")
    ]
    assert targets_of(data_dir, select="missing-masters") == []
    assert targets_of(data_dir, select="missing-labels") == []
    drop_rows(data_dir, "masters", "master_id", 2)
    drop_rows(data_dir, "labels", "label_id", 3)
    warehouse.build(data_dir)
    assert [(t.entity, t.id, t.path) for t in targets_of(data_dir, select="missing-masters")] == [
        ("master", 2, "/masters/2")
    ]
    assert [(t.entity, t.id, t.path) for t in targets_of(data_dir, select="missing-labels")] == [
        ("label", 3, "/labels/3")
    ]
    for name in ("missing-artists", "missing-masters", "missing-labels"):
        assert enrich(data_dir, api_url=api.url, select=name).rows_stored == 1
    assert [r.path for r in api.requests] == ["/artists/194", "/masters/2", "/labels/3"]
    entities = {(r["entity"], r["id"]): r for r in enrich_rows(data_dir, "entities")}
    assert set(entities) == {("artist", 194), ("master", 2), ("label", 3)}
    assert entities[("artist", 194)]["name"] == "Various"
    assert entities[("label", 3)]["name"] == "Label 3"
    assert entities[("master", 2)]["main_release_id"] == w.masters[2]
    # fetched: no longer selected within --max-age
    for name in ("missing-artists", "missing-masters", "missing-labels"):
        assert targets_of(data_dir, select=name) == []
        assert len(targets_of(data_dir, select=name, max_age=0)) == 1


def test_master_versions_follow_pagination(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    extra = range(10_001, 10_131)  # 130 more versions of master 1
    for rid in extra:
        api.add_release(rid, have=have_of(rid), want=want_of(rid), master_id=1)
    in_dump = [rid for rid, (mid, _) in world(data_dir).releases.items() if mid == 1]
    versions = sorted([*in_dump, *extra])
    assert [(t.entity, t.id, t.endpoint) for t in targets_of(data_dir, select="master-versions")][
        :1
    ] == [("master", 1, "master_versions")]
    stats = enrich(data_dir, api_url=api.url, select="master-versions", limit=1)
    assert [r.path for r in api.requests] == [
        "/masters/1/versions?per_page=100&page=1",
        "/masters/1/versions?per_page=100&page=2",
    ]
    assert stats.requests == 2 and stats.rows_stored == 2
    assert_stored_once(
        data_dir, {("master", 1, "master_versions", 1), ("master", 1, "master_versions", 2)}
    )
    community = enrich_rows(data_dir, "community")
    assert sorted(r["release_id"] for r in community) == versions
    for row in community:
        assert (row["have"], row["want"]) == (
            have_of(row["release_id"]),
            want_of(row["release_id"]),
        )
        assert (row["source"], row["source_id"]) == ("master_versions", 1)
    assert [t.id for t in targets_of(data_dir, select="master-versions", limit=1)] == [2]


def test_label_releases_follow_pagination(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    extra = range(20_001, 20_211)  # 210 more releases on label 1
    for rid in extra:
        api.add_release(rid, have=have_of(rid), want=want_of(rid), label_id=1)
    in_dump = [rid for rid, (_, lid) in world(data_dir).releases.items() if lid == 1]
    pages = -(-(len(in_dump) + len(extra)) // 100)
    assert pages >= 3
    stats = enrich(data_dir, api_url=api.url, select="label-releases", limit=1)
    assert [r.path for r in api.requests] == [
        f"/labels/1/releases?per_page=100&page={page}" for page in range(1, pages + 1)
    ]
    assert stats.requests == pages
    community = enrich_rows(data_dir, "community")
    assert sorted(r["release_id"] for r in community) == sorted([*in_dump, *extra])
    assert {(r["source"], r["source_id"]) for r in community} == {("label_releases", 1)}
    assert all(r["have"] == have_of(r["release_id"]) for r in community)
    assert all(r["want"] == want_of(r["release_id"]) for r in community)


def test_ids_file(data_dir: Path, make_api: Callable[..., FakeDiscogsApi], tmp_path: Path) -> None:
    api = make_api(window=1.0)
    ids = write_ids(
        tmp_path / "ids.txt",
        ["# a comment", "5", "release 7", "", "master,2", "artist 194", "label\t4"],
    )
    targets = targets_of(data_dir, ids_file=ids)
    assert [(t.entity, t.id, t.endpoint, t.path) for t in targets] == [
        ("release", 5, "release", "/releases/5"),
        ("release", 7, "release", "/releases/7"),
        ("master", 2, "master", "/masters/2"),
        ("artist", 194, "artist", "/artists/194"),
        ("label", 4, "label", "/labels/4"),
    ]
    stats = enrich(data_dir, api_url=api.url, ids_file=ids)
    assert stats.rows_stored == 5
    assert [r.path for r in api.requests] == [t.path for t in targets]
    assert targets_of(data_dir, ids_file=ids) == []  # all fresh now
    for bad, words in [
        (["track 5"], "line 1"),
        (["5", "release five"], "line 2"),
        (["release 1 2"], "line 1"),
    ]:
        with pytest.raises(EtlError, match=words):
            targets_of(data_dir, ids_file=write_ids(tmp_path / "bad.txt", bad))
    with pytest.raises(EtlError, match="cannot read"):
        targets_of(data_dir, ids_file=tmp_path / "nope.txt")


def test_query_selection(data_dir: Path, make_api: Callable[..., FakeDiscogsApi]) -> None:
    api = make_api(window=1.0)
    labels = targets_of(data_dir, query="select 'label', label_id from labels where label_id <= 2")
    assert [(t.entity, t.id, t.path) for t in labels] == [
        ("label", 1, "/labels/1"),
        ("label", 2, "/labels/2"),
    ]
    bare = targets_of(data_dir, query="select release_id from releases where release_id in (4, 6)")
    assert sorted((t.entity, t.id) for t in bare) == [("release", 4), ("release", 6)]
    stats = enrich(
        data_dir,
        api_url=api.url,
        query="select release_id from releases where release_id in (4, 6) order by 1",
    )
    assert stats.rows_stored == 2
    assert [r.path for r in api.requests] == ["/releases/4", "/releases/6"]
    with pytest.raises(EtlError, match="--query failed"):
        targets_of(data_dir, query="select nope from nowhere")
    with pytest.raises(EtlError, match="--query row 1"):
        targets_of(data_dir, query="select 'track', 1")


def test_cli_bad_query_is_one_clear_error(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    result = CliRunner().invoke(
        main,
        ["enrich", "--data-dir", str(data_dir), "--api-url", api.url, "--query", "selec 1"],
    )
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "--query failed" in errors[0], result.output
    assert "Traceback" not in result.output
    assert api.requests == []


def test_unknown_selection_is_refused(data_dir: Path) -> None:
    with pytest.raises(EtlError, match="unknown selection 'everything'"):
        targets_of(data_dir, select="everything")


# --------------------------------------------------------------------------------------------
# 10. the warehouse after enrichment


def test_release_summary_carries_the_api_values(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi]
) -> None:
    api = make_api(window=1.0)
    n = 8
    enrich(data_dir, api_url=api.url, limit=n)
    warehouse.build(data_dir)
    rows = query(
        data_dir,
        "select release_id, have, want, rating_average, rating_count, lowest_price "
        "from release_summary order by release_id",
    )
    assert len(rows) == len(world(data_dir).releases)
    for rid, have, want, rating, votes, price in rows:
        if rid <= n:
            assert (have, want, votes) == (have_of(rid), want_of(rid), rid)
            assert rating == pytest.approx(rating_of(rid))
            assert price == (None if price_of(rid) is None else pytest.approx(price_of(rid)))
        else:
            assert (have, want, rating, votes, price) == (None,) * 5
    assert any(price_of(rid) is None for rid in range(1, n + 1))  # NULL price case covered
    dates = query(
        data_dir,
        "select release_id, date_added, date_changed, estimated_weight, gone "
        "from release_dates order by 1",
    )
    assert [d[0] for d in dates] == list(range(1, n + 1))
    assert all(d[1] and d[2] and d[3] == 230 and d[4] is False for d in dates)


def test_release_community_takes_the_freshest_source(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi], tmp_path: Path
) -> None:
    api = make_api(window=1.0)
    versions = sorted(rid for rid, (mid, _) in world(data_dir).releases.items() if mid == 1)
    first, other = versions[0], versions[1]
    ids = write_ids(tmp_path / "ids.txt", [str(first), str(other)])
    enrich(data_dir, api_url=api.url, ids_file=ids)
    # later, the master's versions list says more people have them
    for rid in versions:
        api.add_release(rid, have=5000 + rid, want=6000 + rid, rating=1.0, master_id=1)
    time.sleep(0.01)
    enrich(data_dir, api_url=api.url, select="master-versions", limit=1)
    # and later still, the release itself is fetched again
    api.add_release(other, have=7000, want=8000, rating=4.5, votes=3, master_id=1)
    time.sleep(0.01)
    enrich(
        data_dir, api_url=api.url, ids_file=write_ids(tmp_path / "o.txt", [str(other)]), max_age=0
    )
    warehouse.build(data_dir)
    got = {
        r[0]: r[1:]
        for r in query(
            data_dir,
            "select release_id, have, want, have_want_source, rating_average "
            "from release_community",
        )
    }
    assert set(got) == set(versions)
    assert got[first][:3] == (5000 + first, 6000 + first, "master_versions")
    assert got[first][3] == pytest.approx(rating_of(first))  # rating only from /releases
    assert got[other][:3] == (7000, 8000, "release")
    assert got[other][3] == pytest.approx(4.5)
    for rid in versions[2:]:
        assert got[rid][:3] == (5000 + rid, 6000 + rid, "master_versions")
        assert got[rid][3] is None


def test_api_images_hold_the_image_urls(
    data_dir: Path, make_api: Callable[..., FakeDiscogsApi], tmp_path: Path
) -> None:
    api = make_api(window=1.0)
    ids = write_ids(tmp_path / "ids.txt", ["1", "2", "artist 194"])
    enrich(data_dir, api_url=api.url, ids_file=ids)
    warehouse.build(data_dir)
    headers = {**UA, "Authorization": f"Discogs token={TOKEN}"}
    with httpx.Client(base_url=api.url, headers=headers) as direct:
        expected = {
            (entity, key): direct.get(path).json()["images"]
            for entity, key, path in [
                ("release", 1, "/releases/1"),
                ("release", 2, "/releases/2"),
                ("artist", 194, "/artists/194"),
            ]
        }
    rows = query(
        data_dir,
        "select entity, id, idx, type, uri, uri150, width, height from api_images order by all",
    )
    got: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for entity, key, idx, kind, uri, uri150, width, height in rows:
        assert idx == len(got.setdefault((entity, key), []))
        got[(entity, key)].append(
            {"type": kind, "uri": uri, "uri150": uri150, "width": width, "height": height}
        )
    assert set(got) == set(expected)
    for key, images in expected.items():
        assert got[key] == [
            {k: image[k] for k in ("type", "uri", "uri150", "width", "height")} for image in images
        ]
        assert all(i["uri"].startswith("https://i.discogs.com/") for i in got[key])


# --------------------------------------------------------------------------------------------
# 11. the CLI


def test_cli_summary_line(data_dir: Path, make_api: Callable[..., FakeDiscogsApi]) -> None:
    api = make_api(window=1.0)
    api.force_429(1)
    result = CliRunner().invoke(
        main, ["enrich", "--data-dir", str(data_dir), "--api-url", api.url, "--limit", "5"]
    )
    assert result.exit_code == 0, result.output
    summary = [line for line in result.output.splitlines() if line.startswith("enrich:")]
    assert len(summary) == 1, result.output
    assert re.search(r"\b5 targets\b", summary[0])
    assert re.search(r"\b6 requests\b", summary[0])
    assert re.search(r"\b1 answered 429\b", summary[0])
    assert re.search(r"\b5 responses stored\b", summary[0])
    assert len(response_keys(data_dir)) == 5


def test_cli_quiet_prints_nothing(data_dir: Path, make_api: Callable[..., FakeDiscogsApi]) -> None:
    api = make_api(window=1.0)
    result = CliRunner().invoke(
        main, ["enrich", "--data-dir", str(data_dir), "--api-url", api.url, "--limit", "2", "-q"]
    )
    assert result.exit_code == 0 and result.output == ""
    assert len(response_keys(data_dir)) == 2


@pytest.mark.parametrize(
    "extra",
    [
        ["--select", "releases", "--query", "select 1"],
        ["--select", "releases", "--ids", "IDS"],
        ["--ids", "IDS", "--query", "select 1"],
    ],
)
def test_cli_selection_options_are_exclusive(
    data_dir: Path, tmp_path: Path, extra: list[str]
) -> None:
    ids = write_ids(tmp_path / "ids.txt", ["1"])
    args = [str(ids) if a == "IDS" else a for a in extra]
    result = CliRunner().invoke(
        main, ["enrich", "--data-dir", str(data_dir), "--api-url", "http://127.0.0.1:9", *args]
    )
    assert result.exit_code == 2
    assert "at most one of --select, --ids and --query" in result.output
