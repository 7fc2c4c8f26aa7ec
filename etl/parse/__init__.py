"""The parse stage: Discogs XML dumps -> Parquet tables (see pipeline.py for the design)."""

from etl.parse.pipeline import ParseStats, WorkerFailed, parse_file

__all__ = ["ParseStats", "WorkerFailed", "parse_file"]
