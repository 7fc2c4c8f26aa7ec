"""Every real dump excerpt in ../shared/samples parses cleanly and loses no row.

Expected keys and counts come from ElementTree over the same bytes (conftest.expected_keys), so
each table is checked row for row against the XML: counts, idx numbering, parent ids and the
sub-track links.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from conftest import (
    NO_NAME_DATE,
    SAMPLES,
    TABLES,
    actual_keys,
    date_for,
    expected_keys,
    expected_rows,
    project,
    read_quarantine,
    read_report,
    read_table,
    sample_dump_files,
    xml_bytes,
)

from etl.parse import ParseStats, parse_file
from etl.schemas import TABLES_BY_DUMP

REPORT_KEYS = {
    "dump_type",
    "dump_date",
    "source",
    "records",
    "quarantined",
    "rows",
    "unknown",
    "seconds",
    "xml_bytes",
    "peak_rss_bytes",
    "control_chars_removed",
}


def _params() -> list[Any]:
    files = sample_dump_files()
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no samples at {SAMPLES}"))]
    return [pytest.param(p, id=f"{p.parent.name}/{p.name}") for p in files]


def _parse(path: Path, data_dir: Path, workers: int = 1) -> tuple[ParseStats, str]:
    named = date_for(path)
    stats = parse_file(path, data_dir, dump_date=None if named else NO_NAME_DATE, workers=workers)
    return stats, named or NO_NAME_DATE


def test_table_inventory_matches_the_data_model() -> None:
    """The schemas module and the tests agree on which tables each dump type produces."""
    assert {kind: tuple(tables) for kind, tables in TABLES_BY_DUMP.items()} == TABLES


@pytest.mark.parametrize("path", _params())
def test_sample_parses_without_loss(path: Path, tmp_path: Path) -> None:
    kind, expected = expected_keys(path)
    stats, date = _parse(path, tmp_path)

    assert stats.dump_type == kind
    assert stats.dump_date == date
    assert stats.records == len(expected[TABLES[kind][0]])
    assert stats.quarantined == 0
    assert stats.unknown == {}, "every element of the real samples is a documented one"
    assert stats.output_dir == tmp_path / "parquet" / date
    assert stats.rows == {table: len(keys) for table, keys in expected.items()}
    assert read_quarantine(tmp_path, date, kind) == []

    for table, schema in TABLES_BY_DUMP[kind].items():
        directory = stats.output_dir / table
        assert sorted(directory.glob("*.parquet")), f"{table}: no Parquet file (even empty)"
        parsed = pq.read_table(directory)
        assert parsed.schema.names == schema.names, table
        for field in schema:
            assert parsed.schema.field(field.name).type == field.type, (table, field.name)
        assert actual_keys(parsed.to_pylist(), table) == expected[table], table


@pytest.mark.parametrize("path", _params())
def test_sample_values_match_the_xml(path: Path, tmp_path: Path) -> None:
    """Every copied column of every row equals what ElementTree reads from the same XML."""
    expected = expected_rows(path)
    _, date = _parse(path, tmp_path)
    for table, want in expected.items():
        got = read_table(tmp_path, date, table)
        assert len(got) == len(want), table
        if not want:
            continue
        columns = list(want[0])
        mismatches = [
            (dict(zip(columns, g, strict=True)), dict(zip(columns, w, strict=True)))
            for g, w in zip(project(got, want, table), project(want, want, table), strict=True)
            if g != w
        ]
        assert mismatches == [], f"{table}: {len(mismatches)} rows differ, first: {mismatches[0]}"


@pytest.mark.parametrize("path", _params())
def test_sample_report(path: Path, tmp_path: Path) -> None:
    kind, expected = expected_keys(path)
    stats, date = _parse(path, tmp_path)

    assert stats.report_path == tmp_path / "parquet" / date / "reports" / f"{kind}.json"
    report = read_report(tmp_path, date, kind)
    assert report.keys() >= REPORT_KEYS
    assert report["dump_type"] == kind
    assert report["dump_date"] == date
    assert path.name in str(report["source"])
    assert report["records"] == stats.records == len(expected[TABLES[kind][0]])
    assert report["quarantined"] == 0
    assert report["rows"] == stats.rows
    assert report["unknown"] == {}
    assert report["control_chars_removed"] == 0
    assert report["xml_bytes"] == len(xml_bytes(path)), "xml_bytes = decompressed XML size"
    assert isinstance(report["peak_rss_bytes"], int) and report["peak_rss_bytes"] > 0
    assert report["seconds"] >= 0


def test_workers_do_not_change_the_output(samples: Path, tmp_path: Path) -> None:
    """The biggest sample parsed with 1 and with 2 workers gives the same rows."""
    path = samples / "philipmat__discogs-xml2db" / "discogs_20200806_releases.xml.gz"
    one, two = tmp_path / "one", tmp_path / "two"
    stats_one, date = _parse(path, one, workers=1)
    stats_two, _ = _parse(path, two, workers=2)
    assert stats_one.rows == stats_two.rows
    for table in TABLES["release"]:
        rows_one = read_table(one, date, table)
        rows_two = read_table(two, date, table)
        assert sorted(map(repr, rows_one)) == sorted(map(repr, rows_two)), table
