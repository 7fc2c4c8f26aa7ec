"""Settings in one place: CLI option > environment variable > default."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from etl.errors import SettingsError

DATA_DIR_ENV = "DISCOGS_DATA_DIR"
WORKERS_ENV = "DISCOGS_WORKERS"
DEFAULT_DATA_DIR = Path("data")

_DATE = re.compile(r"^\d{8}$")
_DATE_IN_NAME = re.compile(r"discogs_(\d{8})_")


@dataclass(frozen=True)
class Settings:
    """Where data lives and how hard to work."""

    data_dir: Path
    workers: int

    @classmethod
    def resolve(cls, data_dir: Path | str | None = None, workers: int | None = None) -> Settings:
        """Each setting from its argument, else its environment variable, else the default."""
        return cls(data_dir=resolve_data_dir(data_dir), workers=resolve_workers(workers))


def resolve_data_dir(data_dir: Path | str | None = None) -> Path:
    """The data directory: argument, DISCOGS_DATA_DIR, else ./data."""
    return Path(data_dir or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def resolve_workers(workers: int | None) -> int:
    """The number of parse worker processes: argument, DISCOGS_WORKERS, else the core count."""
    if workers is None:
        env = os.environ.get(WORKERS_ENV)
        if env is not None and not env.strip().isdigit():
            raise SettingsError(f"{WORKERS_ENV}={env!r} is not a number; set it to e.g. 2")
        workers = int(env) if env is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise SettingsError(f"workers must be at least 1, got {workers}; pass e.g. --workers 2")
    return workers


def parquet_dir(data_dir: Path, dump_date: str) -> Path:
    """The snapshot directory of one dump date: <data-dir>/parquet/<YYYYMMDD>."""
    return data_dir / "parquet" / dump_date


def validate_dump_date(value: str) -> str:
    """Return value if it is a plausible YYYYMMDD date, else raise SettingsError."""
    if not _DATE.match(value) or not (1 <= int(value[4:6]) <= 12 and 1 <= int(value[6:]) <= 31):
        raise SettingsError(f"dump date {value!r} is not YYYYMMDD; pass e.g. --dump-date 20260101")
    return value


def dump_date_for(path: Path, explicit: str | None) -> str:
    """The dump date from a discogs_YYYYMMDD_ file name or from --dump-date.

    When both are given they must agree: a snapshot filed under the wrong month is worse than
    an error.
    """
    found = _DATE_IN_NAME.search(path.name)
    named = validate_dump_date(found.group(1)) if found else None
    given = validate_dump_date(explicit) if explicit else None
    if named and given and named != given:
        raise SettingsError(
            f"{path}: the file name says dump date {named} but --dump-date says {given}; "
            "drop --dump-date or rename the file"
        )
    date = named or given
    if date is None:
        raise SettingsError(
            f"{path}: no dump date: the file name has no discogs_YYYYMMDD_ part; "
            "pass --dump-date YYYYMMDD"
        )
    return date
