"""The offline demo: generate a small sample month, parse it, and show what landed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from etl import warehouse
from etl.parse import ParseStats, parse_file
from etl.progress import Progress
from etl.synth import write_month

DEMO_DATE = "20260101"

#: (title, SQL) pairs run on the warehouse by the demo and shown in the README.
EXAMPLE_QUERIES: list[tuple[str, str]] = [
    (
        "Releases per decade, with the decade's top genre",
        """select (year // 10) * 10 as decade, count(*) as releases,
       mode(genres[1]) as top_genre
from release_summary where year is not null
group by decade order by decade""",
    ),
    (
        "Labels with the most releases",
        """select label_name, count(*) as releases, min(year) as first, max(year) as last
from release_summary where label_id is not null
group by label_name order by releases desc, label_name limit 5""",
    ),
    (
        "Most credited producers",
        """select artist_name, count(distinct release_id) as releases
from artist_credits where list_contains(roles, 'Producer')
group by artist_name order by releases desc, artist_name limit 5""",
    ),
    (
        "Masters with the most versions",
        """select master_title, version_count, release_title as main_release
from master_versions where is_main_release
order by version_count desc, master_title limit 5""",
    ),
    (
        "Data quality: dangling references the dumps carry",
        """select check_name, problem_count, example_ids
from data_quality where problem_count > 0 order by check_name""",
    ),
]


@dataclass
class DemoStats:
    """The parse stats of each dump and a few facts read back from the Parquet."""

    dump_dir: Path
    parsed: list[ParseStats] = field(default_factory=list)
    build: warehouse.BuildStats | None = None
    releases_per_year: list[tuple[int | None, int]] = field(default_factory=list)
    examples: list[tuple[str, str, warehouse.QueryResult]] = field(default_factory=list)


def run_demo(
    data_dir: Path,
    releases: int = 2000,
    workers: int | None = None,
    progress: Progress | None = None,
) -> DemoStats:
    """Write (once) a sample month under data_dir/dumps, parse it, build the warehouse, query."""
    dump_dir = data_dir / "dumps" / DEMO_DATE
    paths = sorted(dump_dir.glob(f"discogs_{DEMO_DATE}_*.xml.gz"))
    if len(paths) != 4:
        dump_dir.mkdir(parents=True, exist_ok=True)
        paths = sorted(write_month(dump_dir, DEMO_DATE, releases=releases))
    stats = DemoStats(dump_dir=dump_dir)
    for path in paths:
        stats.parsed.append(parse_file(path, data_dir, workers=workers, progress=progress))
    stats.build = warehouse.build(data_dir, DEMO_DATE)
    per_year = warehouse.query(
        data_dir, "select released_year, count(*) from releases group by all order by 1"
    )
    stats.releases_per_year = [(year, count) for year, count in per_year.rows]  # type: ignore[misc]
    stats.examples = [
        (title, sql, warehouse.query(data_dir, sql)) for title, sql in EXAMPLE_QUERIES
    ]
    return stats
