"""Local fakes of the outside services discogs-etl talks to (test-only, standard library only)."""

from __future__ import annotations

from .download_site import FakeClock, FakeDumpSite, Request, checksum_text, human_size

__all__ = ["FakeClock", "FakeDumpSite", "Request", "checksum_text", "human_size"]
