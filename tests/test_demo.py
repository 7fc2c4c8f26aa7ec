"""The offline demo: a generated month, parsed, built and queried end to end."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from etl.cli import main
from etl.demo import DEMO_DATE, EXAMPLE_QUERIES, run_demo


def test_demo_parses_builds_and_answers_every_example(tmp_path: Path) -> None:
    stats = run_demo(tmp_path, releases=200, workers=1)
    assert sorted(p.dump_type for p in stats.parsed) == ["artist", "label", "master", "release"]
    assert all(p.quarantined == 0 and not p.unknown for p in stats.parsed)
    releases = next(p for p in stats.parsed if p.dump_type == "release")
    assert releases.records == 200
    assert sum(count for _, count in stats.releases_per_year) == 200
    assert stats.build is not None and stats.build.dump_date == DEMO_DATE
    assert [title for title, _, _ in stats.examples] == [title for title, _ in EXAMPLE_QUERIES]
    assert all(result.rows for _, _, result in stats.examples)


def test_demo_reuses_the_generated_month(tmp_path: Path) -> None:
    run_demo(tmp_path, releases=50, workers=1)
    dumps = sorted((tmp_path / "dumps" / DEMO_DATE).iterdir())
    stamps = [p.stat().st_mtime_ns for p in dumps]
    result = CliRunner().invoke(main, ["demo", "--data-dir", str(tmp_path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert [p.stat().st_mtime_ns for p in dumps] == stamps
    assert "releases 20260101: 50 records" in result.output
    for title, _ in EXAMPLE_QUERIES:
        assert f"{title}:" in result.output
