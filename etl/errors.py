"""The error tree. Every message names what went wrong and ends with what the user can do.

    EtlError                 anything the user can fix; the CLI prints it as one line, exit 1
    ├── SettingsError        a missing or malformed setting (dump date, workers, data dir)
    ├── InputFileError       a file that is not a readable Discogs dump (wrong format, truncated)
    ├── WarehouseError       (etl.warehouse) no snapshot, a snapshot sql/ does not fit, bad SQL
    └── DownloadError        the download site failed us or said no
        ├── RateLimited      a 429: no request is made before its not-before time
        └── Blocked          a 403: the site refuses this network

Bugs are not EtlErrors: they keep their traceback.
"""

from __future__ import annotations

from pathlib import Path


class EtlError(Exception):
    """A problem the user can fix; the message says how."""


class SettingsError(EtlError):
    """A setting is missing or malformed."""


class InputFileError(EtlError):
    """A file is not a readable Discogs dump."""

    def __init__(self, path: Path | str, problem: str, action: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}; {action}")


class DownloadError(EtlError):
    """The download site failed or refused; nothing unverified was kept."""


class RateLimited(DownloadError):
    """The site answered 429; the not-before time is recorded and honoured by the next run."""


class Blocked(DownloadError):
    """The site answered 403 (Cloudflare blocks many datacenter and CI networks)."""
