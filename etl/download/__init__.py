"""Discovery, polite download and checksum verification of the monthly dumps."""

from etl.download.client import DownloadSettings, SiteClient, SiteState
from etl.download.fetch import FetchStats, fetch_month, verify_local

__all__ = [
    "DownloadSettings",
    "FetchStats",
    "SiteClient",
    "SiteState",
    "fetch_month",
    "verify_local",
]
