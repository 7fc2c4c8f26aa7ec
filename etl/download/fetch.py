"""Find the newest complete month on the site and bring its four dumps home, verified."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx

from etl.download.client import DownloadSettings, SiteClient, SiteState
from etl.download.listing import (
    DOWNLOAD_ORDER,
    ENTITIES,
    DumpMonth,
    ListedFile,
    download_url,
    entity_name,
    group_months,
    parse_checksum,
    parse_list_bucket,
    parse_root_page,
    parse_year_page,
    year_url,
)
from etl.errors import DownloadError
from etl.progress import Progress

STATE_FILE = "state.json"


@dataclass
class FetchStats:
    """What one fetch did."""

    dump_date: str
    dump_dir: Path
    paths: dict[str, Path] = field(default_factory=dict)  # entity -> verified file
    checksums: dict[str, str] = field(default_factory=dict)  # file name -> sha256
    downloaded: list[str] = field(default_factory=list)
    downloaded_bytes: int = 0
    requests: int = 0


def dumps_dir(data_dir: Path) -> Path:
    return data_dir / "dumps"


def fetch_month(
    data_dir: Path,
    settings: DownloadSettings,
    month: str | None = None,
    *,
    progress: Progress | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchStats:
    """Download whatever the newest complete month (or `month`, YYYY-MM) still lacks locally."""
    state = SiteState.load(dumps_dir(data_dir) / STATE_FILE)
    with SiteClient(settings, state, transport=transport) as client:
        try:
            listed, sums = _find_month(client, settings.source_url, month)
            stats = FetchStats(
                listed.dump_date, dumps_dir(data_dir) / listed.dump_date, checksums=sums
            )
            stats.dump_dir.mkdir(parents=True, exist_ok=True)
            checksum_path = stats.dump_dir / listed.files["CHECKSUM"].name
            checksum_path.write_text(
                "".join(f"{sha} {name}\n" for name, sha in sums.items()), encoding="utf-8"
            )
            for entity in DOWNLOAD_ORDER:
                name = entity_name(listed.dump_date, entity)
                target = stats.dump_dir / name
                stats.paths[entity] = target
                if _already_verified(state, target, sums[name]):
                    continue
                url = _file_url(settings.source_url, listed.files[entity], client.s3_mode)
                client.download(url, target, sums[name], progress)
                stats.downloaded.append(name)
                state.verified[name] = {
                    "sha256": sums[name],
                    "size": target.stat().st_size,
                    "verified_at": datetime.now(UTC).isoformat(timespec="seconds"),
                }
                state.save()
        finally:
            requests, received = client.requests_made, client.bytes_received
    stats.requests, stats.downloaded_bytes = requests, received
    return stats


def _already_verified(state: SiteState, target: Path, sha256: str) -> bool:
    """True when target holds exactly the bytes the CHECKSUM names (hashing it if unknown)."""
    if not target.is_file():
        return False
    known = state.verified.get(target.name)
    if known and known.get("size") == target.stat().st_size:
        return known.get("sha256") == sha256
    if sha256_of(target) == sha256:
        state.verified[target.name] = {"sha256": sha256, "size": target.stat().st_size}
        state.save()
        return True
    return False


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _file_url(base_url: str, listed: ListedFile, s3_mode: bool) -> str:
    return f"{base_url.rstrip('/')}/{listed.key}" if s3_mode else download_url(base_url, listed.key)


def _find_month(
    client: SiteClient, base_url: str, month: str | None
) -> tuple[DumpMonth, dict[str, str]]:
    """The newest complete month (or the asked one) and its CHECKSUM entries."""
    files = _list_files(client, base_url, month)
    prefix = month.replace("-", "") if month else ""
    notes = []
    for candidate in group_months(files):
        if not candidate.dump_date.startswith(prefix):
            continue
        if not candidate.complete:
            missing = [k for k in (*ENTITIES, "CHECKSUM") if k not in candidate.files]
            notes.append(f"{candidate.dump_date} lacks {', '.join(missing)}")
            continue
        sums = _checksums(client, base_url, candidate.files["CHECKSUM"])
        unnamed = [e for e in ENTITIES if entity_name(candidate.dump_date, e) not in sums]
        if unnamed:
            notes.append(f"{candidate.dump_date}'s CHECKSUM does not name {', '.join(unnamed)}")
            continue
        return candidate, sums
    wanted = f"month {month}" if month else "month"
    why = f" ({'; '.join(notes)})" if notes else ""
    raise DownloadError(
        f"no complete {wanted} at {base_url}{why}; a month is complete once its four dumps and "
        "a CHECKSUM naming them are published: rerun later"
    )


def _checksums(client: SiteClient, base_url: str, listed: ListedFile) -> dict[str, str]:
    """A month's CHECKSUM entries; fetched only when the listing shows a new upload time."""
    known = client.state.checksums.get(listed.dump_date)
    if known and listed.modified and known.get("modified") == listed.modified:
        return dict(known["sums"])
    text = client.get_text(_file_url(base_url, listed, client.s3_mode))
    sums = parse_checksum(text, listed.dump_date)
    client.state.checksums[listed.dump_date] = {"modified": listed.modified, "sums": sums}
    client.state.save()
    return sums


def _list_files(client: SiteClient, base_url: str, month: str | None) -> list[ListedFile]:
    """Every dump file listed in the years that matter (the 2026 HTML or the S3 XML listing)."""
    root = client.get_text(f"{base_url.rstrip('/')}/?prefix=data%2F")
    if "<ListBucketResult" in root[:500]:
        client.s3_mode = True
        return _list_bucket(client, base_url, root)
    years = parse_root_page(root)
    if not years:
        raise DownloadError(
            f"the listing at {base_url} shows no year folders (a Cloudflare challenge page or a "
            "changed site?); open it in a browser, or download by other means and use --from-dir"
        )
    wanted = [month[:4]] if month else years[-2:]  # early January: last year's dump is newest
    files: list[ListedFile] = []
    for year in wanted:
        if year in years:
            files += parse_year_page(client.get_text(year_url(base_url, year)))
    return files


def _list_bucket(client: SiteClient, base_url: str, first_page: str) -> list[ListedFile]:
    """All pages of an S3 ListObjects v1 listing (1,000 keys a page: never stop at the first)."""
    files, truncated, marker = parse_list_bucket(first_page)
    while truncated:
        page = client.get_text(
            f"{base_url.rstrip('/')}/?prefix=data%2F&marker={quote(marker, safe='')}"
        )
        more, truncated, marker = parse_list_bucket(page)
        files += more
    return files


def verify_local(directory: Path, dump_date: str) -> dict[str, str]:
    """For --from-dir: check the four dumps of dump_date against a CHECKSUM file beside them.

    Returns name -> sha256 of the files (hashed either way); raises when a hash differs.
    """
    checksum = directory / f"discogs_{dump_date}_CHECKSUM.txt"
    sums = {}
    if checksum.is_file():
        sums = parse_checksum(checksum.read_text(encoding="utf-8"), dump_date)
    hashes = {}
    for entity in ENTITIES:
        name = entity_name(dump_date, entity)
        hashes[name] = sha256_of(directory / name)
        if name in sums and sums[name] != hashes[name]:
            raise DownloadError(
                f"{directory / name}: SHA-256 {hashes[name]} does not match {checksum.name} "
                f"({sums[name]}); the file is damaged: fetch it again"
            )
    return hashes
