"""The command line: options -> settings -> one library call -> a summary. Nothing else."""

from __future__ import annotations

import signal
import sys
import textwrap
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from etl import __version__, warehouse
from etl.config import Settings, resolve_data_dir, validate_dump_date
from etl.demo import run_demo
from etl.diff import diff
from etl.enrich import enrich as run_enrich
from etl.enrich.targets import SELECTIONS
from etl.errors import EtlError, SettingsError
from etl.ingest import ingest as run_ingest
from etl.parse import parse_file
from etl.progress import NullProgress, Progress, TqdmProgress
from etl.render import render, render_diff, summary

F = TypeVar("F", bound=Callable[..., Any])


def _friendly_errors(func: F) -> F:
    """Turn EtlError into click's one-line `Error: ...` and exit code 1; bugs keep tracebacks."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except EtlError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]


def _dump_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return validate_dump_date(value)
    except SettingsError as exc:
        raise click.BadParameter(str(exc)) from None


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where snapshots live [env DISCOGS_DATA_DIR; default ./data].",
)

workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Parse worker processes [env DISCOGS_WORKERS; default: number of cores].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="discogs-etl")
def main() -> None:
    """discogs-etl: the Discogs monthly XML dumps as Parquet and a DuckDB warehouse."""
    # SIGTERM unwinds like Ctrl-C, so build directories are removed and workers stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


@main.command()
@data_dir_option
@click.option(
    "--dump-date",
    callback=_dump_date,
    metavar="YYYYMMDD",
    help="Dump date, when the file name has no discogs_YYYYMMDD_ part.",
)
@workers_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@_friendly_errors
def parse(
    data_dir: Path | None,
    dump_date: str | None,
    workers: int | None,
    quiet: bool,
    files: tuple[Path, ...],
) -> None:
    """Parse dump FILEs (.xml.gz or .xml, any era) into Parquet under DATA_DIR/parquet/DATE/."""
    settings = Settings.resolve(data_dir, workers)
    failures = 0
    for path in files:
        progress: Progress = (
            NullProgress() if quiet else TqdmProgress(path.stat().st_size, path.name)
        )
        try:
            stats = parse_file(path, settings.data_dir, dump_date, settings.workers, progress)
        except EtlError as exc:
            if len(files) == 1:
                raise
            click.echo(f"Error: {exc}", err=True)
            failures += 1
            continue
        finally:
            progress.close()
        if not quiet:
            click.echo(summary(stats))
    if failures:
        raise click.ClickException(f"{failures} of {len(files)} files failed; see above")


@main.command()
@data_dir_option
@click.option(
    "--releases",
    type=click.IntRange(min=10),
    default=2000,
    show_default=True,
    help="Size of the generated sample month, in releases.",
)
@workers_option
@_friendly_errors
def demo(data_dir: Path | None, releases: int, workers: int | None) -> None:
    """Generate a small sample month offline, parse it, and print what landed."""
    settings = Settings.resolve(data_dir, workers)
    stats = run_demo(settings.data_dir, releases, settings.workers)
    click.echo(f"Sample month (generated, deterministic): {stats.dump_dir}")
    for parsed in stats.parsed:
        click.echo(summary(parsed))
    click.echo("\nRows per table:")
    for parsed in stats.parsed:
        for table, count in parsed.rows.items():
            click.echo(f"  {table:<28}{count:>10,}")
    click.echo("\nReleases per year:")
    cells = [f"{year or 'unknown'}: {count}" for year, count in stats.releases_per_year]
    for start in range(0, len(cells), 6):
        click.echo("  " + "".join(f"{cell:<16}" for cell in cells[start : start + 6]))
    if stats.build:
        click.echo(f"\nWarehouse: {stats.build.warehouse_path} ({len(stats.build.views)} views)")
    for title, sql, result in stats.examples:
        click.echo(f"\n{title}:\n{textwrap.indent(sql, '  > ')}\n")
        click.echo(textwrap.indent(render(result, "table"), "  "), nl=False)


@main.command()
@data_dir_option
@click.option(
    "--dump-date",
    callback=_dump_date,
    metavar="YYYYMMDD",
    help="Snapshot to build on [default: the newest complete one].",
)
@_friendly_errors
def build(data_dir: Path | None, dump_date: str | None) -> None:
    """Create or refresh DATA_DIR/warehouse.duckdb: the sql/ views over one snapshot."""
    stats = warehouse.build(resolve_data_dir(data_dir), dump_date)
    click.echo(
        f"warehouse {stats.warehouse_path}: snapshot {stats.dump_date}, "
        f"{len(stats.views)} views in {stats.seconds:.1f} s"
    )


@main.command("sql")
@data_dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.argument("query")
@_friendly_errors
def sql_command(data_dir: Path | None, fmt: str, query: str) -> None:
    """Run QUERY on the warehouse (read-only) and print the result."""
    result = warehouse.query(resolve_data_dir(data_dir), query)
    click.echo(render(result, fmt), nl=False)


@main.command()
@data_dir_option
@click.option("--table", help="A table or view of the warehouse to export.")
@click.option("--query", "sql", help="A query whose result to export.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv"]),
    default="parquet",
    show_default=True,
    help="File format (Parquet is zstd-compressed).",
)
@click.option("--force", is_flag=True, help="Overwrite OUT if it exists.")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_friendly_errors
def export(
    data_dir: Path | None, table: str | None, sql: str | None, fmt: str, force: bool, out: Path
) -> None:
    """Write a table/view or a query's result to OUT, for notebooks."""
    if (table is None) == (sql is None):
        raise click.UsageError("give exactly one of --table NAME or --query SQL")
    stats = warehouse.export(
        resolve_data_dir(data_dir), out, table=table, sql=sql, fmt=fmt, force=force
    )
    click.echo(f"{stats.rows:,} rows -> {stats.path} ({stats.format})")


@main.command()
@data_dir_option
@click.option("--month", metavar="YYYY-MM", help="Ingest this month [default: newest complete].")
@click.option(
    "--source-url",
    metavar="URL",
    help="Dump site [env DISCOGS_DUMPS_URL; default https://data.discogs.com/].",
)
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Complete months to keep (older snapshots and dumps are pruned).",
)
@click.option(
    "--from-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Ingest dumps already on disk instead of downloading.",
)
@workers_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@_friendly_errors
def ingest(
    data_dir: Path | None,
    month: str | None,
    source_url: str | None,
    keep: int,
    from_dir: Path | None,
    workers: int | None,
    quiet: bool,
) -> None:
    """Refresh: download the newest complete month, verify, parse, build, report changes."""
    settings = Settings.resolve(data_dir, workers)

    def bar(desc: str, total: int) -> Progress:
        return NullProgress() if quiet else TqdmProgress(total, desc)

    stats = run_ingest(
        settings.data_dir,
        month=month,
        source_url=source_url,
        keep=keep,
        from_dir=from_dir,
        workers=settings.workers,
        progress=bar,
    )
    if stats.up_to_date:
        click.echo(f"up to date: the warehouse already holds {stats.dump_date}; nothing to do")
        return
    if stats.fetch:
        got = ", ".join(stats.fetch.downloaded) or "nothing new"
        click.echo(
            f"downloaded {stats.dump_date}: {got} "
            f"({stats.fetch.downloaded_bytes / 1e6:,.1f} MB, "
            f"{stats.fetch.requests} requests)"
        )
    for parsed in stats.parsed:
        click.echo(summary(parsed))
    if stats.build:
        click.echo(f"warehouse {stats.build.warehouse_path}: now on {stats.build.dump_date}")
    if stats.diff:
        click.echo(render_diff(stats.diff))
    if stats.pruned:
        click.echo(f"pruned {', '.join(stats.pruned)} (--keep {keep})")


@main.command("diff")
@data_dir_option
@click.option(
    "--from",
    "from_date",
    callback=_dump_date,
    metavar="YYYYMMDD",
    help="Older snapshot [default: the one before --to].",
)
@click.option(
    "--to",
    "to_date",
    callback=_dump_date,
    metavar="YYYYMMDD",
    help="Newer snapshot [default: the newest complete one].",
)
@_friendly_errors
def diff_command(data_dir: Path | None, from_date: str | None, to_date: str | None) -> None:
    """Ids added, removed and changed per entity between two snapshots."""
    click.echo(render_diff(diff(resolve_data_dir(data_dir), from_date, to_date)))


@main.command("enrich")
@data_dir_option
@click.option(
    "--api-url",
    metavar="URL",
    help="API base URL [env DISCOGS_API_URL; default https://api.discogs.com].",
)
@click.option("--limit", type=click.IntRange(min=1), help="Fetch at most N targets.")
@click.option(
    "--select",
    type=click.Choice(sorted(SELECTIONS)),
    help="A built-in selection [default: releases].",
)
@click.option(
    "--ids",
    "ids_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A file of ids: 'ID' (a release) or 'ENTITY ID' per line.",
)
@click.option("--query", help="SQL over the warehouse returning (id) or (entity, id).")
@click.option(
    "--max-age",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Skip targets fetched fewer than DAYS days ago.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@_friendly_errors
def enrich_command(
    data_dir: Path | None,
    api_url: str | None,
    limit: int | None,
    select: str | None,
    ids_file: Path | None,
    query: str | None,
    max_age: int,
    quiet: bool,
) -> None:
    """Fill what the dumps lack from the Discogs API (token from DISCOGS_TOKEN)."""
    if sum(x is not None for x in (select, ids_file, query)) > 1:
        raise click.UsageError("give at most one of --select, --ids and --query")

    def bar(total: int) -> Progress:
        return NullProgress() if quiet else TqdmProgress(total, "enrich", unit="req")

    stats = run_enrich(
        resolve_data_dir(data_dir),
        api_url=api_url,
        limit=limit,
        select=select,
        ids_file=ids_file,
        query=query,
        max_age=max_age,
        progress=bar,
    )
    if not quiet:
        rate = stats.requests / stats.seconds if stats.seconds else 0.0
        click.echo(
            f"enrich: {stats.targets:,} targets, {stats.requests:,} requests "
            f"({stats.rate_limited} answered 429, {stats.retried} retried), "
            f"{stats.rows_stored:,} responses stored, {stats.not_found:,} not found, "
            f"{stats.failed:,} left for the next run; {stats.seconds:.1f} s ({rate:.2f} req/s)"
        )
