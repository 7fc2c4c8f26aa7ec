"""The offline demo: generate a small sample month, parse it, and show what landed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.parse import ParseStats, parse_file
from etl.progress import Progress
from etl.synth import write_month

DEMO_DATE = "20260101"


@dataclass
class DemoStats:
    """The parse stats of each dump and a few facts read back from the Parquet."""

    dump_dir: Path
    parsed: list[ParseStats] = field(default_factory=list)
    releases_per_year: list[tuple[int | None, int]] = field(default_factory=list)


def run_demo(
    data_dir: Path,
    releases: int = 2000,
    workers: int | None = None,
    progress: Progress | None = None,
) -> DemoStats:
    """Write (once) a deterministic sample month under data_dir/dumps and parse all of it."""
    dump_dir = data_dir / "dumps" / DEMO_DATE
    paths = sorted(dump_dir.glob(f"discogs_{DEMO_DATE}_*.xml.gz"))
    if len(paths) != 4:
        dump_dir.mkdir(parents=True, exist_ok=True)
        paths = sorted(write_month(dump_dir, DEMO_DATE, releases=releases))
    stats = DemoStats(dump_dir=dump_dir)
    for path in paths:
        stats.parsed.append(parse_file(path, data_dir, workers=workers, progress=progress))
    releases_glob = data_dir / "parquet" / DEMO_DATE / "releases" / "*.parquet"
    with duckdb.connect() as con:
        stats.releases_per_year = con.execute(
            "select released_year, count(*) from read_parquet(?) group by all order by 1",
            [str(releases_glob)],
        ).fetchall()
    return stats
