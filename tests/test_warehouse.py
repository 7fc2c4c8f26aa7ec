"""The warehouse: build over a snapshot, query, export, and every way a build can be refused."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import etl
from etl import warehouse
from etl.cli import main
from etl.parse import parse_file
from etl.schemas import ALL_TABLES, TABLES_BY_DUMP
from etl.synth import write_month

REPO = Path(__file__).resolve().parents[1]
DATE = "20260101"
RELEASES = 300


@pytest.fixture(scope="session")
def parsed_month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir holding one complete, parsed synthetic month (built once per session)."""
    data_dir = tmp_path_factory.mktemp("month")
    dumps = data_dir / "dumps"
    dumps.mkdir()
    for path in write_month(dumps, DATE, releases=RELEASES):
        parse_file(path, data_dir, workers=1)
    return data_dir


@pytest.fixture
def data_dir(parsed_month: Path, tmp_path: Path) -> Path:
    """A private copy of the parsed month, free to break."""
    copy = tmp_path / "data"
    shutil.copytree(parsed_month, copy)
    return copy


@pytest.fixture
def built(data_dir: Path) -> Path:
    warehouse.build(data_dir)
    return data_dir


def _keys() -> Iterator[tuple[str, list[str]]]:
    for table, schema in ALL_TABLES.items():
        names = schema.names
        if table in ("releases", "artists", "labels", "masters"):
            yield table, [names[0]]
        elif table == "release_tracks":
            yield table, ["release_id", "track_idx"]
        elif table.startswith("release_track_"):
            yield table, ["release_id", "track_idx", "idx"]
        else:
            yield table, [names[0], "idx"]


def test_build_creates_every_layer(data_dir: Path) -> None:
    stats = warehouse.build(data_dir)
    assert stats.dump_date == DATE
    assert stats.warehouse_path == data_dir.resolve() / "warehouse.duckdb"
    sql_files = {p.stem for layer in warehouse.LAYERS for p in (REPO / "sql" / layer).glob("*")}
    assert set(stats.views) == sql_files
    with etl.connect(data_dir) as con:
        views = {r[0] for r in con.execute("select view_name from duckdb_views()").fetchall()}
    assert sql_files <= views
    assert {f"src_{t}" for t in ALL_TABLES} | set(ALL_TABLES) <= views


def test_staging_views_match_the_parquet_row_for_row(built: Path) -> None:
    snapshot = built / "parquet" / DATE
    with etl.connect(built) as con:
        for table in ALL_TABLES:
            parquet_rows = pq.read_table(snapshot / table).num_rows
            (view_rows,) = con.execute(f"select count(*) from {table}").fetchone()
            assert view_rows == parquet_rows, table
        (releases,) = con.execute("select count(*) from releases").fetchone()
    assert releases == RELEASES


@pytest.mark.parametrize(("table", "key"), list(_keys()), ids=[t for t, _ in _keys()])
def test_every_staging_key_is_unique_and_not_null(built: Path, table: str, key: list[str]) -> None:
    cols = ", ".join(key)
    nulls = " or ".join(f"{c} is null" for c in key)
    with etl.connect(built) as con:
        (dupes,) = con.execute(
            f"select count(*) from (select {cols} from {table} group by all having count(*) > 1)"
        ).fetchone()
        (null_keys,) = con.execute(f"select count(*) from {table} where {nulls}").fetchone()
    assert (dupes, null_keys) == (0, 0)


def test_warehouse_opens_read_only_from_another_directory(built: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(con.execute('select count(*) from releases').fetchone()[0])\n"
        "print(con.execute('select count(*) from release_tracks').fetchone()[0])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(built / "warehouse.duckdb")],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    releases, tracks = (int(x) for x in done.stdout.split())
    assert releases == RELEASES
    assert tracks == pq.read_table(built / "parquet" / DATE / "release_tracks").num_rows


def test_connect_is_read_only(built: Path) -> None:
    with etl.connect(built) as con, pytest.raises(duckdb.Error):
        con.execute("create table scribble as select 1")


def test_connect_without_a_warehouse_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(warehouse.WarehouseError, match="discogs-etl build"):
        etl.connect(tmp_path)


def test_default_snapshot_is_the_newest_complete_one(data_dir: Path) -> None:
    newer = data_dir / "parquet" / "20260201"
    shutil.copytree(data_dir / "parquet" / DATE, newer)
    shutil.rmtree(newer / "release_tracks")  # incomplete: must be passed over
    assert warehouse.build(data_dir).dump_date == DATE
    assert warehouse.build(data_dir, DATE).dump_date == DATE


# ---------------------------------------------------------------------------- refused builds


def _warehouse_bytes(data_dir: Path) -> bytes:
    return (data_dir / "warehouse.duckdb").read_bytes()


def _build_cli(data_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--data-dir", str(data_dir), *args])
    return result.exit_code, result.output


def test_build_without_any_snapshot(tmp_path: Path) -> None:
    code, output = _build_cli(tmp_path)
    assert code == 1
    assert output.startswith("Error: no snapshot under ")
    assert "discogs-etl parse" in output and len(output.strip().splitlines()) == 1


def test_build_on_a_partial_snapshot_keeps_the_previous_warehouse(built: Path) -> None:
    before = _warehouse_bytes(built)
    shutil.rmtree(built / "parquet" / DATE / "artist_aliases")
    code, output = _build_cli(built)
    assert code == 1
    assert "artist_aliases is missing" in output and "incomplete" in output
    assert len(output.strip().splitlines()) == 1
    assert _warehouse_bytes(built) == before
    with etl.connect(built) as con:
        assert con.execute("select count(*) from releases").fetchone() == (RELEASES,)


def test_build_on_a_snapshot_missing_a_dump_names_it(data_dir: Path) -> None:
    (data_dir / "parquet" / DATE / "reports" / "master.json").unlink()
    code, output = _build_cli(data_dir, "--dump-date", DATE)
    assert code == 1
    assert "the masters dump was never parsed" in output


def test_build_on_changed_columns_keeps_the_previous_warehouse(built: Path) -> None:
    before = _warehouse_bytes(built)
    table_dir = built / "parquet" / DATE / "release_tracks"
    shutil.rmtree(table_dir)
    table_dir.mkdir()
    schema = TABLES_BY_DUMP["release"]["release_tracks"]
    altered = pa.schema(
        [
            f.with_type(pa.string()) if f.name == "duration_seconds" else f
            for f in schema
            if f.name != "track_type"
        ]
    )
    pq.write_table(altered.empty_table(), table_dir / "part-0.parquet")
    code, output = _build_cli(built)
    assert code == 1
    assert "release_tracks does not match sql/" in output
    assert "duration_seconds is VARCHAR, expected INTEGER" in output
    assert "track_type missing" in output
    assert _warehouse_bytes(built) == before
    assert not [p for p in built.iterdir() if p.name.endswith(".building")]


def test_a_view_that_does_not_compile_keeps_the_previous_warehouse(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _warehouse_bytes(built)
    broken = tmp_path / "sql"
    shutil.copytree(REPO / "sql", broken)
    (broken / "marts" / "zz_broken.sql").write_text(
        "create or replace view zz_broken as select no_such_column from releases;\n"
    )
    monkeypatch.setenv(warehouse.SQL_DIR_ENV, str(broken))
    code, output = _build_cli(built)
    assert code == 1
    assert "view zz_broken (sql/marts/zz_broken.sql) does not compile" in output
    assert _warehouse_bytes(built) == before


# ---------------------------------------------------------------------------- sql and export


def _cli(data_dir: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [args[0], "--data-dir", str(data_dir), *args[1:]])
    return result.exit_code, result.stdout, result.stderr


def test_sql_formats(built: Path) -> None:
    query = "select release_id, title from releases order by release_id limit 2"
    with etl.connect(built) as con:
        expected = con.execute(query).fetchall()
    code, out, _ = _cli(built, "sql", "--format", "json", query)
    assert code == 0
    assert [(r["release_id"], r["title"]) for r in json.loads(out)] == expected
    code, out, _ = _cli(built, "sql", "--format", "csv", query)
    assert out.splitlines()[0] == "release_id,title"
    assert out.splitlines()[1].startswith(f"{expected[0][0]},")
    code, out, _ = _cli(built, "sql", query)
    lines = out.splitlines()
    assert lines[0].split() == ["release_id", "title"] and lines[-1] == "(2 rows)"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("selec 1", "Error: Parser Error: syntax error"),
        ("select * from no_such_table", "Error: Catalog Error: Table with name no_such_table"),
    ],
)
def test_sql_errors_are_duckdb_messages_without_traceback(
    built: Path, query: str, message: str
) -> None:
    code, out, err = _cli(built, "sql", query)
    assert code == 1
    assert err.startswith(message) and len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err


def test_export_table_to_parquet_and_csv(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "releases.parquet"
    code, stdout, _ = _cli(built, "export", "--table", "releases", str(out))
    assert code == 0 and f"{RELEASES} rows" in stdout
    exported = pq.read_table(out)
    assert exported.num_rows == RELEASES
    assert exported.schema.names == ALL_TABLES["releases"].names
    assert pq.ParquetFile(out).metadata.row_group(0).column(0).compression == "ZSTD"
    csv_out = tmp_path / "years.csv"
    code, _, _ = _cli(
        built, "export", "--format", "csv", "--query", "select 1 as one, 'a,b' as two", str(csv_out)
    )
    assert code == 0
    assert csv_out.read_text() == 'one,two\n1,"a,b"\n'


def test_export_never_overwrites_without_force(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "keep.parquet"
    out.write_bytes(b"precious")
    code, _, err = _cli(built, "export", "--table", "releases", str(out))
    assert code == 1 and "already exists; pass --force" in err
    assert out.read_bytes() == b"precious"
    code, _, _ = _cli(built, "export", "--table", "releases", "--force", str(out))
    assert code == 0 and pq.read_table(out).num_rows == RELEASES


def test_export_errors(built: Path, tmp_path: Path) -> None:
    code, _, err = _cli(built, "export", "--table", "nope", str(tmp_path / "x.parquet"))
    assert code == 1 and "no table or view named 'nope'" in err
    code, _, err = _cli(built, "export", "--query", "selec 1", str(tmp_path / "y.parquet"))
    assert code == 1 and "Parser Error" in err
    assert not list(tmp_path.glob("*y.parquet*"))
    code, _, err = _cli(built, "export", str(tmp_path / "z.parquet"))
    assert code == 2 and "exactly one of --table NAME or --query SQL" in err


def test_default_data_dir_comes_from_the_environment(built: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DISCOGS_DATA_DIR": str(built)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "etl",
            "sql",
            "--format",
            "csv",
            "select count(*) as n from masters",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    (masters,) = (pq.read_table(built / "parquet" / DATE / "masters").num_rows,)
    assert done.stdout == f"n\n{masters}\n"
