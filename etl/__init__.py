"""discogs-etl: the Discogs monthly XML dumps as Parquet and a DuckDB warehouse."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/discogs-etl/discogs-etl"


def connect(data_dir: str | os.PathLike[str] | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only DuckDB connection to <data_dir>/warehouse.duckdb with every view.

    data_dir defaults to DISCOGS_DATA_DIR or ./data. (Imported lazily: parse workers need
    neither DuckDB nor the warehouse.)
    """
    from etl.warehouse import connect as _connect

    return _connect(data_dir)
