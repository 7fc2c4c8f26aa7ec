"""The warehouse: DuckDB views over one Parquet snapshot, built atomically.

`build` applies the SQL layers in `sql/` (sources -> staging -> marts, one view per file named
after it) to a fresh database file and swaps it in only when every view compiled, so a failed
build leaves the previous warehouse answering queries. The views read the Parquet by absolute
path, so the file works from any working directory and opened read-only by other programs.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import __version__
from etl.config import resolve_data_dir, validate_dump_date
from etl.errors import EtlError
from etl.schemas import ALL_TABLES, TABLES_BY_DUMP
from etl.snapshots import previous_snapshot, snapshot_dates, snapshot_problems

WAREHOUSE_FILE = "warehouse.duckdb"
SQL_DIR_ENV = "DISCOGS_SQL_DIR"
LAYERS = ("sources", "staging", "marts")
BUILD_INFO_TABLE = "etl_build_info"

_DUCKDB_TYPES = {
    pa.int64(): "BIGINT",
    pa.int32(): "INTEGER",
    pa.string(): "VARCHAR",
    pa.bool_(): "BOOLEAN",
    pa.list_(pa.string()): "VARCHAR[]",
}


class WarehouseError(EtlError):
    """The warehouse cannot be built or opened; the message says why and what to do."""


@dataclass
class BuildStats:
    """What one build did."""

    dump_date: str
    snapshot_dir: Path
    warehouse_path: Path
    previous_dump_date: str | None = None
    views: list[str] = field(default_factory=list)
    seconds: float = 0.0


def sql_dir() -> Path:
    """The `sql/` directory: DISCOGS_SQL_DIR, else the one beside the package."""
    return Path(os.environ.get(SQL_DIR_ENV) or Path(__file__).resolve().parent.parent / "sql")


def warehouse_path(data_dir: Path) -> Path:
    return data_dir / WAREHOUSE_FILE


def choose_snapshot(data_dir: Path, dump_date: str | None = None) -> Path:
    """The snapshot to build on: the one asked for, else the newest complete one."""
    root = data_dir / "parquet"
    if dump_date:
        snapshot = root / validate_dump_date(dump_date)
        if not snapshot.is_dir():
            raise WarehouseError(
                f"no snapshot {dump_date} under {root}; run discogs-etl parse on its dumps first"
            )
        problems = snapshot_problems(snapshot)
        if problems:
            raise WarehouseError(
                f"snapshot {snapshot} is incomplete: {'; '.join(problems)}; "
                "parse all four dumps of that month (discogs-etl parse)"
            )
        return snapshot
    dated = [root / date for date in reversed(snapshot_dates(data_dir))]
    for snapshot in dated:
        if not snapshot_problems(snapshot):
            return snapshot
    if dated:
        newest = dated[0]
        raise WarehouseError(
            f"no complete snapshot under {root}: {newest.name} is incomplete "
            f"({'; '.join(snapshot_problems(newest))}); parse all four dumps of a month first"
        )
    raise WarehouseError(
        f"no snapshot under {root}; run discogs-etl parse on a month's dumps (or make demo) first"
    )


def build(data_dir: Path | str, dump_date: str | None = None) -> BuildStats:
    """Create or refresh <data_dir>/warehouse.duckdb over a snapshot; atomic."""
    from etl.enrich.store import ensure_store  # enrich imports this module

    started = time.perf_counter()
    data_dir = Path(data_dir).resolve()
    snapshot = choose_snapshot(data_dir, dump_date)
    target = warehouse_path(data_dir)
    temp = data_dir / f".{WAREHOUSE_FILE}.{os.getpid()}.building"
    _remove_db(temp)
    previous_date = previous_snapshot(data_dir, snapshot.name)
    # With no earlier month, compare the snapshot with itself: the changes view is then empty.
    previous = snapshot.parent / previous_date if previous_date else snapshot
    stats = BuildStats(
        dump_date=snapshot.name,
        snapshot_dir=snapshot,
        warehouse_path=target,
        previous_dump_date=previous_date,
    )
    # The placeholders of sql/, filled once per build with SQL string literals.
    paths = {
        "{snapshot_dir}": str(snapshot),
        "{previous_snapshot_dir}": str(previous),
        "{enrich_dir}": str(ensure_store(data_dir)),
    }
    paths = {placeholder: path.replace("'", "''") for placeholder, path in paths.items()}
    try:
        with duckdb.connect(str(temp)) as con:
            _record_build(con, snapshot, previous_date)
            for layer in LAYERS:
                stats.views += _apply_layer(con, layer, paths, snapshot.name)
                if layer == "sources":
                    _check_columns(con, snapshot)
            con.execute("checkpoint")
        os.replace(temp, target)
    finally:
        _remove_db(temp)
    stats.seconds = round(time.perf_counter() - started, 3)
    return stats


def _remove_db(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _layer_files(layer: str) -> list[Path]:
    folder = sql_dir() / layer
    files = sorted(folder.glob("*.sql"))
    if not files:
        raise WarehouseError(f"no SQL files in {folder}; set {SQL_DIR_ENV} to the project's sql/")
    return files


def _apply_layer(
    con: duckdb.DuckDBPyConnection, layer: str, paths: dict[str, str], dump_date: str
) -> list[str]:
    """Create every view of a layer; files may use each other, so retry until none is left."""
    pending = {path.stem: path.read_text(encoding="utf-8") for path in _layer_files(layer)}
    created: list[str] = []
    while pending:
        missing: dict[str, duckdb.Error] = {}
        for name, text in pending.items():
            try:
                for placeholder, literal in paths.items():
                    text = text.replace(placeholder, literal)
                con.execute(text)
            except duckdb.CatalogException as exc:
                missing[name] = exc  # may name a view of this layer not created yet
            except duckdb.Error as exc:
                raise _view_error(layer, name, exc, dump_date) from None
            else:
                created.append(name)
        if len(missing) == len(pending):
            name, exc = next(iter(missing.items()))
            raise _view_error(layer, name, exc, dump_date)
        pending = {name: pending[name] for name in missing}
    return created


def _view_error(layer: str, name: str, exc: duckdb.Error, dump_date: str) -> WarehouseError:
    return WarehouseError(
        f"view {name} (sql/{layer}/{name}.sql) does not compile on snapshot {dump_date}: "
        f"{_first_line(exc)}; re-parse the snapshot with this version or fix the SQL"
    )


def _check_columns(con: duckdb.DuckDBPyConnection, snapshot: Path) -> None:
    """Every source view must have exactly the columns and types of etl/schemas.py."""
    for table, schema in ALL_TABLES.items():
        found = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_name = ? order by ordinal_position",
            [f"src_{table}"],
        ).fetchall()
        expected = [(f.name, _DUCKDB_TYPES[f.type]) for f in schema]
        if found != expected:
            got, want = dict(found), dict(expected)
            diffs = [f"{c} missing" for c in want if c not in got]
            diffs += [
                f"{c} is {got[c]}, expected {want[c]}"
                for c in want
                if c in got and got[c] != want[c]
            ]
            diffs += [f"unexpected column {c}" for c in got if c not in want]
            raise WarehouseError(
                f"snapshot {snapshot.name} table {table} does not match sql/: "
                f"{', '.join(diffs) or 'columns in another order'}; "
                "re-parse that month's dumps with this version (discogs-etl parse)"
            )


def _record_build(
    con: duckdb.DuckDBPyConnection, snapshot: Path, previous_date: str | None
) -> None:
    reports = {
        dump: json.loads((snapshot / "reports" / f"{dump}.json").read_text(encoding="utf-8"))
        for dump in TABLES_BY_DUMP
    }
    con.execute(
        f"create table {BUILD_INFO_TABLE} as select ? as dump_date, ? as snapshot_dir, "
        "?::varchar as previous_dump_date, now() as built_at, ? as etl_version, "
        "? as source_files",
        [
            snapshot.name,
            str(snapshot),
            previous_date,
            __version__,
            json.dumps({dump: report.get("source") for dump, report in reports.items()}),
        ],
    )


def connect(data_dir: Path | str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to the warehouse, with every view, for Python and notebooks.

    data_dir defaults to DISCOGS_DATA_DIR or ./data.
    """
    path = warehouse_path(resolve_data_dir(data_dir))
    if not path.is_file():
        raise WarehouseError(f"no warehouse at {path}; run discogs-etl build (or make demo) first")
    return duckdb.connect(str(path), read_only=True)


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[tuple[object, ...]]


def query(data_dir: Path | str | None, sql: str) -> QueryResult:
    """Run one SQL statement on the read-only warehouse."""
    with connect(data_dir) as con:
        try:
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            return QueryResult(columns, cursor.fetchall() if columns else [])
        except duckdb.Error as exc:
            raise WarehouseError(_first_line(exc)) from None


@dataclass
class ExportStats:
    path: Path
    rows: int
    format: str


def export(
    data_dir: Path | str | None,
    out: Path | str,
    *,
    table: str | None = None,
    sql: str | None = None,
    fmt: str = "parquet",
    force: bool = False,
) -> ExportStats:
    """Write a view (or a query's result) to a Parquet (zstd) or CSV file, atomically."""
    out = Path(out)
    if (table is None) == (sql is None):
        raise WarehouseError("give exactly one of a table name or a query to export")
    if fmt not in ("parquet", "csv"):
        raise WarehouseError(f"unknown export format {fmt!r}; use parquet or csv")
    if out.exists() and not force:
        raise WarehouseError(f"{out} already exists; pass --force to overwrite it")
    if not out.parent.is_dir():
        raise WarehouseError(f"{out.parent} does not exist; create it or choose another path")
    partial = out.with_name(f".{out.name}.partial")
    options = "format parquet, compression zstd" if fmt == "parquet" else "format csv, header"
    with connect(data_dir) as con:
        if table is not None:
            known = con.execute(
                "select 1 from information_schema.tables where table_name = ?", [table]
            ).fetchone()
            if not known:
                raise WarehouseError(
                    f"no table or view named {table!r}; list them with: discogs-etl sql "
                    '"select table_name from information_schema.tables"'
                )
            sql = f'select * from "{table}"'
        target = str(partial).replace("'", "''")
        try:
            (rows,) = con.execute(f"copy ({sql}) to '{target}' ({options})").fetchone()
        except duckdb.Error as exc:
            partial.unlink(missing_ok=True)
            raise WarehouseError(_first_line(exc)) from None
    os.replace(partial, out)
    return ExportStats(out, int(rows), fmt)


def _first_line(exc: duckdb.Error) -> str:
    return str(exc).strip().splitlines()[0]
