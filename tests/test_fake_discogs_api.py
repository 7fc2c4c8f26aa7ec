"""The local fake of api.discogs.com, tested with plain httpx.

Key sets are compared with the modern real bodies in
../shared/samples/api/andy-miles__discogs-java-client/database/ (those tests skip when the folder
is absent); the rate-limit behaviour follows discogs-api.md §4, pagination §6, faults §7.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from conftest import SAMPLES
from fakes.discogs_api import (
    NOT_FOUND_MESSAGES,
    RATE_LIMIT_MESSAGE,
    UNAUTHORIZED_MESSAGE,
    FakeClock,
    FakeDiscogsApi,
)

MODERN = SAMPLES / "api" / "andy-miles__discogs-java-client" / "database"
UA = {"User-Agent": "DiscogsEtlTests/0.1 +https://github.com/discogs-etl/discogs-etl"}
RATE_HEADERS = ("x-discogs-ratelimit", "x-discogs-ratelimit-used", "x-discogs-ratelimit-remaining")
TOKEN = "s3cr3tT0kenValue"


def sample(name: str) -> dict[str, Any]:
    path = MODERN / name
    if not path.is_file():
        pytest.skip(f"sample {path} not present")
    return json.loads(path.read_text(encoding="utf-8"))


def rate(response: httpx.Response) -> tuple[int, int, int]:
    """(limit, used, remaining) from the three X-Discogs-Ratelimit headers."""
    limit, used, remaining = (int(response.headers[name]) for name in RATE_HEADERS)
    return limit, used, remaining


def has_rate_headers(response: httpx.Response) -> bool:
    return any(name in response.headers for name in RATE_HEADERS)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def api(clock: FakeClock) -> Iterator[FakeDiscogsApi]:
    with FakeDiscogsApi(clock=clock) as fake:
        yield fake


@pytest.fixture
def client(api: FakeDiscogsApi) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api.url, headers=UA, timeout=5) as http:
        yield http


def populate(api: FakeDiscogsApi) -> None:
    """Master 52086 with three versions on label 3456, artists and labels with relations."""
    api.add_artist(260935, name="Dream Theater", members=[130493, 273937], aliases=[1405184])
    api.add_artist(130493, name="Kevin Moore", realname="Kevin Moore")
    api.add_label(3456, name="Real Right Recordings", parent_label=788)
    api.add_label(788, name="Intangible Records & Soundworks")
    api.add_master(52086, main_release=1827596, title="Images And Words")
    api.add_release(
        1827596,
        have=2492,
        want=247,
        rating=4.34,
        votes=240,
        lowest_price=3.0,
        num_for_sale=40,
        master_id=52086,
        label_id=3456,
        artist_id=260935,
        year=1992,
    )
    api.add_release(8924382, have=385, want=111, master_id=52086, label_id=3456, lowest_price=0.9)
    api.add_release(31573201, have=5, want=9, master_id=52086, num_for_sale=2, lowest_price=12.5)
    api.add_release(58937, have=21, want=21, label_id=3456, title="Major Ice Volume #1")


# --------------------------------------------------------------------------------------------
# shapes


def test_release_body_has_the_modern_shape_and_registered_values(
    api: FakeDiscogsApi, client: httpx.Client
) -> None:
    populate(api)
    response = client.get("/releases/1827596")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["id"] == 1827596
    assert body["community"]["have"] == 2492 and body["community"]["want"] == 247
    assert body["community"]["rating"] == {"count": 240, "average": 4.34}
    assert body["lowest_price"] == 3.0 and body["num_for_sale"] == 40
    assert body["master_id"] == 52086
    assert body["master_url"] == f"{api.url}/masters/52086"
    assert body["labels"][0]["id"] == 3456
    assert body["labels"][0]["name"] == "Real Right Recordings"
    assert body["artists"][0]["name"] == "Dream Theater"
    assert body["title"] == "Images And Words"  # from the master
    assert body["year"] == 1992
    assert body["resource_url"] == f"{api.url}/releases/1827596"
    assert body["uri"].startswith("https://www.discogs.com/release/1827596-")
    assert body["blocked_from_sale"] is False
    for image in body["images"]:
        assert image["uri"].startswith("https://i.discogs.com/")
        assert image["uri150"].startswith("https://i.discogs.com/")
        assert image["resource_url"] == image["uri"]
        assert {"type", "width", "height"} <= image.keys()
    assert [i["type"] for i in body["images"]] == ["primary", "secondary"]
    assert body["thumb"] == body["images"][0]["uri150"]
    for key in ("submitter", "contributors", "data_quality", "status"):
        assert key in body["community"]


def test_release_key_sets_match_the_real_sample(api: FakeDiscogsApi, client: httpx.Client) -> None:
    real = sample("Release.json")
    populate(api)
    body = client.get("/releases/1827596").json()
    assert set(body) == set(real)
    for path in (
        ("artists", 0),
        ("labels", 0),
        ("companies", 0),
        ("formats", 0),
        ("community",),
        ("community", "rating"),
        ("community", "submitter"),
        ("images", 0),
        ("identifiers", 0),
        ("videos", 0),
    ):
        ours, theirs = body, real
        for step in path:
            ours, theirs = ours[step], theirs[step]
        assert set(ours) == set(theirs), path
    assert set(body["tracklist"][0]) <= set(real["tracklist"][0])


def test_release_without_master_or_listings(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(7)
    body = client.get("/releases/7").json()
    assert "master_id" not in body and "master_url" not in body  # as in real master-less bodies
    assert body["lowest_price"] is None and body["num_for_sale"] == 0
    assert body["labels"] == []
    assert body["artists"][0]["name"] == "Various"
    assert body["title"] == "Release 7"


def test_master_body(api: FakeDiscogsApi, client: httpx.Client) -> None:
    populate(api)
    body = client.get("/masters/52086").json()
    assert body["main_release"] == 1827596
    assert body["most_recent_release"] == 31573201  # default: the highest version id
    assert body["versions_url"] == f"{api.url}/masters/52086/versions"
    assert body["num_for_sale"] == 40 + 0 + 2
    assert body["lowest_price"] == 0.9
    assert body["year"] == 1992
    assert body["title"] == "Images And Words"
    assert body["artists"][0]["name"] == "Dream Theater"
    assert body["genres"]
    api.add_master(52086, main_release=1827596, most_recent_release=8924382)
    assert client.get("/masters/52086").json()["most_recent_release"] == 8924382


def test_master_key_sets_match_the_real_sample(api: FakeDiscogsApi, client: httpx.Client) -> None:
    real = sample("MasterRelease.json")
    populate(api)
    body = client.get("/masters/52086").json()
    assert set(body) == set(real)
    assert set(body["artists"][0]) == set(real["artists"][0])
    assert set(body["images"][0]) == set(real["images"][0])


def test_versions_carry_community_stats(api: FakeDiscogsApi, client: httpx.Client) -> None:
    populate(api)
    body = client.get("/masters/52086/versions").json()
    assert [v["id"] for v in body["versions"]] == [1827596, 8924382, 31573201]
    assert body["pagination"] == {"page": 1, "pages": 1, "per_page": 50, "items": 3, "urls": {}}
    stats = {v["id"]: v["stats"] for v in body["versions"]}
    assert stats[8924382]["community"] == {"in_wantlist": 111, "in_collection": 385}
    assert stats[8924382]["user"] == {"in_wantlist": 0, "in_collection": 0}
    first = body["versions"][0]
    assert first["label"] == "Real Right Recordings" and first["released"] == "1992"
    for key in ("title", "status", "format", "catno", "country", "resource_url"):
        assert key in first


def test_versions_key_sets_match_the_real_sample(api: FakeDiscogsApi, client: httpx.Client) -> None:
    real = sample("MasterReleaseVersions.json")
    populate(api)
    body = client.get("/masters/52086/versions").json()
    assert set(body) == set(real)
    assert set(body["pagination"]) == set(real["pagination"])
    assert set(body["versions"][0]) == set(real["versions"][0])
    assert set(body["versions"][0]["stats"]) == set(real["versions"][0]["stats"])


def test_label_releases(api: FakeDiscogsApi, client: httpx.Client) -> None:
    populate(api)
    body = client.get("/labels/3456/releases").json()
    assert [r["id"] for r in body["releases"]] == [58937, 1827596, 8924382]
    by_id = {r["id"]: r for r in body["releases"]}
    assert by_id[58937]["stats"]["community"] == {"in_wantlist": 21, "in_collection": 21}
    assert by_id[58937]["title"] == "Major Ice Volume #1"
    assert by_id[1827596]["artist"] == "Dream Theater"
    real = sample("GetLabelReleasesResponse.json")
    assert set(body) == set(real)
    assert set(body["releases"][0]) == set(real["releases"][0])


def test_artist_and_label_bodies(api: FakeDiscogsApi, client: httpx.Client) -> None:
    populate(api)
    artist = client.get("/artists/260935").json()
    assert artist["name"] == "Dream Theater"
    assert [m["id"] for m in artist["members"]] == [130493, 273937]
    assert artist["members"][0]["name"] == "Kevin Moore" and artist["members"][0]["active"]
    assert artist["aliases"][0]["id"] == 1405184
    assert artist["releases_url"] == f"{api.url}/artists/260935/releases"
    for key in ("realname", "profile", "urls", "namevariations", "images", "uri"):
        assert key in artist
    member = client.get("/artists/130493").json()
    assert member["realname"] == "Kevin Moore"
    assert [g["id"] for g in member["groups"]] == [260935]
    assert "members" not in member  # optional relations appear only when non-empty

    label = client.get("/labels/3456").json()
    assert label["parent_label"]["id"] == 788
    assert label["releases_url"] == f"{api.url}/labels/3456/releases"
    for key in ("profile", "contact_info", "urls", "images", "uri", "resource_url"):
        assert key in label
    parent = client.get("/labels/788").json()
    assert [s["id"] for s in parent["sublabels"]] == [3456]
    assert "parent_label" not in parent


def test_artist_and_label_key_sets_cover_the_real_samples(
    api: FakeDiscogsApi, client: httpx.Client
) -> None:
    real_artist = sample("ArtistInformation.json")
    real_label = sample("GetLabelInformationResponse.json")
    populate(api)
    artist = client.get("/artists/260935").json()
    assert set(real_artist) <= set(artist)
    assert set(artist["members"][0]) == set(real_artist["members"][0])
    assert set(artist["aliases"][0]) == set(real_artist["aliases"][0])
    assert set(artist["images"][0]) == set(real_artist["images"][0])
    label = client.get("/labels/3456").json()
    assert set(real_label) <= set(label)
    assert set(label["parent_label"]) == set(real_label["parent_label"])


# --------------------------------------------------------------------------------------------
# pagination


def test_pagination_per_page_100(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_master(1, main_release=1000)
    for rid in range(1000, 1250):
        api.add_release(rid, have=rid, want=1, master_id=1)
    base = f"{api.url}/masters/1/versions"

    first = client.get("/masters/1/versions", params={"per_page": 100})
    pagination = first.json()["pagination"]
    assert pagination["pages"] == 3 and pagination["items"] == 250
    assert pagination["per_page"] == 100 and pagination["page"] == 1
    assert pagination["urls"] == {
        "next": f"{base}?page=2&per_page=100",
        "last": f"{base}?page=3&per_page=100",
    }
    assert first.headers["link"] == (
        f'<{base}?page=2&per_page=100>; rel="next", <{base}?page=3&per_page=100>; rel="last"'
    )

    middle = client.get("/masters/1/versions", params={"page": 2, "per_page": 100}).json()
    assert list(middle["pagination"]["urls"]) == ["first", "prev", "next", "last"]
    assert middle["pagination"]["urls"]["prev"] == f"{base}?page=1&per_page=100"

    # follow the next links to the end
    ids: list[int] = []
    url: str | None = f"{base}?per_page=100"
    while url:
        body = client.get(url).json()
        ids += [v["id"] for v in body["versions"]]
        url = body["pagination"]["urls"].get("next")
    assert ids == list(range(1000, 1250))
    assert body["pagination"]["page"] == 3
    assert set(body["pagination"]["urls"]) == {"first", "prev"}
    assert len(body["versions"]) == 50


def test_pagination_defaults_caps_and_out_of_range(
    api: FakeDiscogsApi, client: httpx.Client
) -> None:
    api.add_label(9)
    for rid in range(1, 131):
        api.add_release(rid, label_id=9)
    default = client.get("/labels/9/releases").json()
    assert default["pagination"]["per_page"] == 50 and default["pagination"]["pages"] == 3
    assert len(default["releases"]) == 50
    capped = client.get("/labels/9/releases", params={"per_page": 500}).json()
    assert capped["pagination"]["per_page"] == 100 and len(capped["releases"]) == 100
    past = client.get("/labels/9/releases", params={"page": 9}).json()
    assert past["releases"] == [] and past["pagination"]["page"] == 9
    api.add_label(10)
    empty = client.get("/labels/10/releases").json()
    assert empty["pagination"] == {"page": 1, "pages": 1, "per_page": 50, "items": 0, "urls": {}}
    assert "link" not in client.get("/labels/10/releases").headers


# --------------------------------------------------------------------------------------------
# 404s and methods


def test_not_found_bodies(api: FakeDiscogsApi, client: httpx.Client) -> None:
    for path, kind in (
        ("/releases/1", "release"),
        ("/masters/1", "master"),
        ("/masters/1/versions", "master"),
        ("/artists/1", "artist"),
        ("/labels/1", "label"),
        ("/labels/1/releases", "label"),
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {"message": NOT_FOUND_MESSAGES[kind]}
        assert has_rate_headers(response)
    assert NOT_FOUND_MESSAGES["release"] == "Release not found."
    assert NOT_FOUND_MESSAGES["master"] == "Master Release not found."
    for path in ("/nothing", "/releases/abc", "/releases/1/stats", "/artists/1/versions"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json() == {"message": "The requested resource was not found."}


def test_not_found_switch_hides_registered_ids(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(5)
    api.add_master(6, main_release=5)
    api.not_found |= {("release", 5), ("master", 6)}
    assert client.get("/releases/5").json() == {"message": "Release not found."}
    assert client.get("/masters/6/versions").status_code == 404
    api.not_found.clear()
    assert client.get("/releases/5").status_code == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "HEAD"])
def test_other_methods_405(api: FakeDiscogsApi, client: httpx.Client, method: str) -> None:
    api.add_release(1)
    response = client.request(method, "/releases/1", content=b"{}" if method != "HEAD" else None)
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    if method != "HEAD":
        assert "message" in response.json()
    assert client.get("/releases/1").status_code == 200  # the connection is still usable


# --------------------------------------------------------------------------------------------
# rate limiting


def test_moving_window(clock: FakeClock) -> None:
    with (
        FakeDiscogsApi(limit=5, window=60, clock=clock) as api,
        httpx.Client(base_url=api.url, headers=UA) as client,
    ):
        api.add_release(1)
        seen = []
        for _ in range(5):
            response = client.get("/releases/1")
            assert response.status_code == 200
            seen.append(rate(response))
            clock.advance(1)
        assert seen == [(5, used, 5 - used) for used in range(1, 6)]

        limited = client.get("/releases/9")  # t=5: the 6th request within 60 s
        assert limited.status_code == 429
        assert limited.json() == {"message": RATE_LIMIT_MESSAGE}
        assert rate(limited) == (5, 6, 0)  # the 429 counts in the window too
        assert "retry-after" not in limited.headers
        assert api.count_429 == 1 and api.log_429[0].fault == "rate_limited"
        assert api.rate_used() == 6

        clock.advance(54.5)  # t=59.5: the first request (t=0) is still inside the window
        assert client.get("/releases/1").status_code == 429
        clock.advance(0.5)  # t=60: t=0 has left, but t=1..5 and two 429s are in: 7 > 5
        assert client.get("/releases/1").status_code == 429
        assert api.count_429 == 3

        clock.advance(60)  # no request for 60 s: the window resets
        assert api.rate_used() == 0
        again = client.get("/releases/1")
        assert again.status_code == 200
        assert rate(again) == (5, 1, 4)


def test_window_moves_rather_than_resetting_in_blocks(clock: FakeClock) -> None:
    with (
        FakeDiscogsApi(limit=4, window=60, clock=clock) as api,
        httpx.Client(base_url=api.url, headers=UA) as client,
    ):
        api.add_release(1)
        for _ in range(2):
            assert client.get("/releases/1").status_code == 200  # t=0
        clock.advance(30)
        for _ in range(2):
            assert client.get("/releases/1").status_code == 200  # t=30
        assert client.get("/releases/1").status_code == 429  # t=30, 5th
        clock.advance(30)  # t=60: the two t=0 requests expire, t=30 ones (and the 429) remain
        response = client.get("/releases/1")
        assert response.status_code == 200
        assert rate(response) == (4, 4, 0)
        assert client.get("/releases/1").status_code == 429


def test_rejected_requests_can_be_left_out_of_the_window(clock: FakeClock) -> None:
    with (
        FakeDiscogsApi(limit=2, clock=clock) as api,
        httpx.Client(base_url=api.url, headers=UA) as client,
    ):
        api.rejected_count = False
        api.add_release(1)
        client.get("/releases/1")
        client.get("/releases/1")
        limited = client.get("/releases/1")
        assert limited.status_code == 429 and rate(limited) == (2, 2, 0)
        assert api.rate_used() == 2


def test_used_can_exclude_the_current_request(clock: FakeClock) -> None:
    with (
        FakeDiscogsApi(limit=25, clock=clock) as api,
        httpx.Client(base_url=api.url, headers=UA) as client,
    ):
        api.used_includes_current = False  # the 2020 capture: Used 0 / Remaining 25 at first
        assert rate(client.get("/releases/1")) == (25, 0, 25)
        assert rate(client.get("/releases/1")) == (25, 1, 24)


def test_forced_429_and_retry_after(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(1)
    api.force_429(2)
    for _ in range(2):
        response = client.get("/releases/1")
        assert response.status_code == 429
        assert response.json() == {"message": RATE_LIMIT_MESSAGE}
        assert not has_rate_headers(response)
        assert "retry-after" not in response.headers
    assert client.get("/releases/1").status_code == 200
    assert api.count_429 == 2 and api.rate_used() == 1  # forced ones are not in the window
    api.retry_after = 7
    api.force_429(1)
    assert client.get("/releases/1").headers["retry-after"] == "7"
    assert [r.fault for r in api.log_429] == ["forced_429"] * 3


# --------------------------------------------------------------------------------------------
# faults


def test_5xx_burst(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(1)
    api.burst_5xx = 3
    answers = [client.get("/releases/1") for _ in range(4)]
    assert [r.status_code for r in answers] == [502, 503, 502, 200]
    assert answers[0].headers["content-type"].startswith("text/html")
    assert "502 Bad Gateway" in answers[0].text
    assert "message" in answers[1].json()
    assert not any(has_rate_headers(r) for r in answers[:3])
    assert api.rate_used() == 1 and api.burst_5xx == 0
    api.burst_statuses = (500,)
    api.burst_5xx = 1
    assert client.get("/releases/1").status_code == 500


def test_html_bodies(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(1)
    api.html_bodies = 2
    for _ in range(2):
        response = client.get("/releases/1")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert response.text.lstrip().startswith("<!DOCTYPE html>")
        with pytest.raises(json.JSONDecodeError):
            response.json()
    assert client.get("/releases/1").json()["id"] == 1


def test_resets(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(1)
    assert client.get("/releases/1").status_code == 200  # a pooled keep-alive connection
    api.resets = 2
    for _ in range(2):
        with pytest.raises(httpx.TransportError):
            client.get("/releases/1")
    assert client.get("/releases/1").status_code == 200
    assert [r.fault for r in api.requests] == [None, "reset", "reset", None]
    assert [r.status for r in api.requests] == [200, 0, 0, 200]
    assert api.rate_used() == 2


def test_delay(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(1)
    api.delay = 0.3
    started = time.perf_counter()
    assert client.get("/releases/1").status_code == 200
    assert time.perf_counter() - started >= 0.3
    with pytest.raises(httpx.ReadTimeout):
        client.get("/releases/1", timeout=0.1)


def test_threaded_server_answers_in_parallel(api: FakeDiscogsApi) -> None:
    api.add_release(1)
    api.delay = 0.3
    statuses: list[int] = []

    def fetch() -> None:
        statuses.append(httpx.get(f"{api.url}/releases/1", headers=UA, timeout=5).status_code)

    threads = [threading.Thread(target=fetch) for _ in range(5)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 5
    assert time.perf_counter() - started < 1.2


def test_unauthorized_mode(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(1)
    api.unauthorized = True
    response = client.get("/releases/1")
    assert response.status_code == 401
    assert response.json() == {"message": UNAUTHORIZED_MESSAGE}
    assert has_rate_headers(response)
    api.unauthorized = False
    assert client.get("/releases/1").status_code == 200


def test_forbidden_mode(api: FakeDiscogsApi, client: httpx.Client) -> None:
    api.add_release(1)
    api.forbidden = True
    response = client.get("/releases/1")
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "needs to review the security of" in response.text
    assert "Cloudflare" in response.text
    assert not has_rate_headers(response)


def test_missing_user_agent_is_silently_blocked(api: FakeDiscogsApi) -> None:
    api.add_release(1)
    with httpx.Client(base_url=api.url) as client:
        del client.headers["user-agent"]
        response = client.get("/releases/1")
        assert response.status_code == 403
        assert response.content == b""
        assert response.headers["content-length"] == "0"
        client.headers["user-agent"] = UA["User-Agent"]
        assert client.get("/releases/1").status_code == 200
    assert api.requests[0].fault == "no_user_agent"
    assert "user-agent" not in api.requests[0].headers


# --------------------------------------------------------------------------------------------
# authentication


def test_token_tiers_and_redaction(clock: FakeClock) -> None:
    with (
        FakeDiscogsApi(clock=clock, token=TOKEN) as api,
        httpx.Client(base_url=api.url, headers=UA) as client,
    ):
        api.add_release(1, master_id=2)
        api.add_master(2, main_release=1)
        anonymous = client.get("/releases/1")
        assert rate(anonymous)[0] == 25
        assert all(image["uri"] == "" for image in anonymous.json()["images"])
        assert anonymous.json()["thumb"] == ""

        authed = client.get("/releases/1", headers={"Authorization": f"Discogs token={TOKEN}"})
        assert rate(authed) == (60, 2, 58)  # one window for both (per IP)
        assert authed.json()["images"][0]["uri"].startswith("https://i.discogs.com/")
        versions = client.get(
            "/masters/2/versions", headers={"Authorization": f"Discogs token={TOKEN}"}
        )
        assert versions.json()["versions"][0]["thumb"].startswith("https://i.discogs.com/")

        wrong = client.get("/releases/1", headers={"Authorization": "Discogs token=nope"})
        assert rate(wrong)[0] == 25

        assert [r.authorized for r in api.requests] == [False, True, True, False]
        assert api.requests[1].headers["authorization"] == "<redacted>"
        assert TOKEN not in repr(api.requests)


def test_unauthenticated_limit_applies_without_the_header(clock: FakeClock) -> None:
    with (
        FakeDiscogsApi(clock=clock, token=TOKEN, limit=4) as api,
        httpx.Client(base_url=api.url, headers=UA) as client,
    ):
        api.unauth_limit = 2
        api.add_release(1)
        assert [client.get("/releases/1").status_code for _ in range(3)] == [200, 200, 429]
        auth = {"Authorization": f"Discogs token={TOKEN}"}
        assert client.get("/releases/1", headers=auth).status_code == 200  # 4 of 4
        assert client.get("/releases/1", headers=auth).status_code == 429


def test_without_token_any_authorization_header_is_recorded(
    api: FakeDiscogsApi, client: httpx.Client
) -> None:
    api.add_release(1)
    client.get("/releases/1")
    client.get("/releases/1", headers={"Authorization": "Discogs token=whatever"})
    assert [r.authorized for r in api.requests] == [False, True]
    assert "whatever" not in repr(api.requests)


# --------------------------------------------------------------------------------------------
# lifecycle


def test_requests_are_recorded(api: FakeDiscogsApi, client: httpx.Client, clock: FakeClock) -> None:
    clock.advance(5)
    client.get("/masters/3/versions", params={"page": 2, "per_page": 10})
    record = api.requests[0]
    assert record.method == "GET"
    assert record.path == "/masters/3/versions?page=2&per_page=10"
    assert record.status == 404 and record.time == clock.now
    assert record.headers["user-agent"] == UA["User-Agent"]


def test_clean_shutdown(clock: FakeClock) -> None:
    api = FakeDiscogsApi(clock=clock)
    with api:
        url = api.url
        assert url.startswith("http://127.0.0.1:")
        client = httpx.Client(base_url=url, headers=UA)
        assert client.get("/releases/1").status_code == 404  # leaves a keep-alive connection
    thread = api._thread
    assert thread is None
    port = int(url.rsplit(":", 1)[1])
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    client.close()
