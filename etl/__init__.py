"""discogs-etl: the Discogs monthly XML dumps as Parquet and a DuckDB warehouse."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/discogs-etl/discogs-etl"
