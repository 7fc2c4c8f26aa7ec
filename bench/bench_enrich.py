"""Enrichment benchmark: the request rate achieved against a rate-limited fake API.

    .venv/bin/python bench/bench_enrich.py [--requests N] [--limit L] [--window SECONDS]

Against tests/fakes/discogs_api.py enforcing a moving window of L requests per WINDOW seconds
(default 60 per 6 s, i.e. the real 60/min ten times faster), `discogs-etl enrich` fetches N
releases (default 240: four windows). Reports the achieved rate as a share of the allowed rate
(target >= 95%) and the 429s the server answered (target 0).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from fakes.discogs_api import FakeDiscogsApi  # noqa: E402

from etl.enrich import enrich  # noqa: E402
from etl.parse import parse_file  # noqa: E402
from etl.synth import write_month  # noqa: E402
from etl.warehouse import build  # noqa: E402

TOKEN = "bench-token"


def prepare(data_dir: Path, releases: int) -> None:
    """A parsed and built synthetic month (reused when present)."""
    if (data_dir / "warehouse.duckdb").is_file():
        return
    dumps = data_dir / "dumps"
    dumps.mkdir(parents=True, exist_ok=True)
    for path in write_month(dumps, "20260101", releases=releases):
        parse_file(path, data_dir, workers=1)
    build(data_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=240)
    parser.add_argument("--limit", type=int, default=60, help="requests per window")
    parser.add_argument("--window", type=float, default=6.0, help="window length, seconds")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "enrich")
    args = parser.parse_args()

    data_dir = args.out / "data"
    prepare(data_dir, max(args.requests, 400))
    shutil.rmtree(data_dir / "enrich", ignore_errors=True)
    os.environ.update(DISCOGS_TOKEN=TOKEN, DISCOGS_RATE_WINDOW=str(args.window))

    with FakeDiscogsApi(limit=args.limit, window=args.window, token=TOKEN) as api:
        for release_id in range(1, args.requests + 1):
            api.add_release(release_id, have=release_id % 97, want=release_id % 13)
        started = time.perf_counter()
        stats = enrich(data_dir, api_url=api.url, limit=args.requests)
        wall = time.perf_counter() - started
        times = sorted(r.time for r in api.requests)
        count_429 = api.count_429

    allowed = args.limit / args.window
    # The rate over the span from the first to the last request: n - 1 intervals.
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    achieved = (len(times) - 1) / span
    share = achieved / allowed
    windows = span / args.window
    print(
        f"fake API: {args.limit} requests per {args.window:g} s window "
        f"(allowed {allowed:.2f} req/s)"
    )
    print(
        f"enrich:   {stats.requests} requests in {span:.2f} s ({windows:.1f} windows), "
        f"{achieved:.2f} req/s = {share:.1%} of the allowed rate; wall {wall:.2f} s"
    )
    print(
        f"429s answered by the server: {count_429}; seen by the client: {stats.rate_limited}; "
        f"responses stored: {stats.rows_stored}"
    )
    ok_rate, ok_429 = share >= 0.95 and windows >= 3, count_429 == 0
    print(f"target >= 95% of the allowed rate over >= 3 windows: {'OK' if ok_rate else 'FAILED'}")
    print(f"target zero 429s: {'OK' if ok_429 else 'FAILED'}")
    result = {
        "limit": args.limit,
        "window": args.window,
        "requests": stats.requests,
        "span_seconds": span,
        "windows": windows,
        "allowed_rps": allowed,
        "achieved_rps": achieved,
        "share": share,
        "server_429": count_429,
        "client_429": stats.rate_limited,
        "rows_stored": stats.rows_stored,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_enrich.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
