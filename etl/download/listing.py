"""Reading what the download site lists: the 2026 HTML pages, the older S3 ListBucketResult, and
the CHECKSUM files. Pure functions over text; nothing here talks to the network.

Every name is checked against the strict dump-file grammar, so hostile or foreign entries
(`..%2F..%2Fetc%2Fpasswd`, other hosts, month 13) are ignored rather than followed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote, unquote

from etl.errors import DownloadError

ENTITIES = ("artists", "labels", "masters", "releases")
#: smallest first, so a run that gets cut off has verified the most files
DOWNLOAD_ORDER = ("labels", "artists", "masters", "releases")

_NAME = re.compile(r"^discogs_(\d{8})_(artists|labels|masters|releases|CHECKSUM)\.(xml\.gz|txt)$")
_YEAR_LINK = re.compile(r'href="\?prefix=data%2F(\d{4})%2F"')
_FILE_LINK = re.compile(r'href="\?download=([^"]+)"')
_S3_NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"


@dataclass(frozen=True)
class ListedFile:
    """One dump file the site lists: its S3 key and when it was last modified (as shown)."""

    key: str
    name: str
    dump_date: str
    kind: str  # an entity, or "CHECKSUM"
    modified: str = ""


@dataclass
class DumpMonth:
    """The files listed for one dump date."""

    dump_date: str
    files: dict[str, ListedFile] = field(default_factory=dict)  # kind -> file

    @property
    def checksum(self) -> ListedFile | None:
        return self.files.get("CHECKSUM")

    @property
    def complete(self) -> bool:
        """All four dumps and a CHECKSUM listed (the CHECKSUM's content is checked later)."""
        return all(kind in self.files for kind in (*ENTITIES, "CHECKSUM"))


def dump_file(key: str, modified: str = "") -> ListedFile | None:
    """A ListedFile for an S3 key like data/2026/discogs_20260101_labels.xml.gz, or None when
    the key is not a well-formed dump file (wrong folder, bad date, foreign name)."""
    parts = key.split("/")
    if len(parts) != 3 or parts[0] != "data" or not parts[1].isdigit():
        return None
    found = _NAME.match(parts[2])
    if not found:
        return None
    dump_date, kind, ext = found.groups()
    if (kind == "CHECKSUM") != (ext == "txt") or dump_date[:4] != parts[1]:
        return None
    try:
        date(int(dump_date[:4]), int(dump_date[4:6]), int(dump_date[6:]))
    except ValueError:
        return None
    return ListedFile(key=key, name=parts[2], dump_date=dump_date, kind=kind, modified=modified)


def download_url(base_url: str, key: str) -> str:
    """The 2026 download route: <base>?download=<url-encoded key>."""
    return f"{base_url.rstrip('/')}/?download={quote(key, safe='')}"


def year_url(base_url: str, year: str) -> str:
    return f"{base_url.rstrip('/')}/?prefix={quote(f'data/{year}/', safe='')}"


def parse_root_page(html: str) -> list[str]:
    """The year folders of the root listing, ascending."""
    return sorted(set(_YEAR_LINK.findall(html)))


def parse_year_page(html: str) -> list[ListedFile]:
    """The well-formed dump files of a year listing; everything else is ignored."""
    files = []
    for line in html.splitlines():
        link = _FILE_LINK.search(line)
        if not link:
            continue
        listed = dump_file(unquote(link.group(1)), line[: link.start()].strip()[:19])
        if listed is not None:
            files.append(listed)
    return files


def parse_list_bucket(xml_text: str) -> tuple[list[ListedFile], bool, str]:
    """One page of an S3 ListObjects v1 result: (dump files, is truncated, last key)."""
    try:
        root = ET.fromstring(xml_text)
    except ET.ParseError as exc:
        raise DownloadError(
            f"the S3 listing is not valid XML ({exc}); check --source-url"
        ) from None
    files = []
    last_key = ""
    for contents in root.iter(f"{_S3_NS}Contents"):
        key = contents.findtext(f"{_S3_NS}Key") or ""
        last_key = key
        listed = dump_file(key, contents.findtext(f"{_S3_NS}LastModified") or "")
        if listed is not None:
            files.append(listed)
    truncated = (root.findtext(f"{_S3_NS}IsTruncated") or "").strip().lower() == "true"
    return files, truncated, root.findtext(f"{_S3_NS}NextMarker") or last_key


def group_months(files: list[ListedFile]) -> list[DumpMonth]:
    """Listed files grouped by dump date, newest first."""
    months: dict[str, DumpMonth] = defaultdict(lambda: DumpMonth(""))
    for listed in files:
        month = months[listed.dump_date]
        month.dump_date = listed.dump_date
        month.files[listed.kind] = listed
    return sorted(months.values(), key=lambda m: m.dump_date, reverse=True)


def parse_checksum(text: str, dump_date: str) -> dict[str, str]:
    """name -> lowercase SHA-256 from a CHECKSUM file.

    Accepts one or two spaces, a `*` binary marker and a path prefix; refuses any other line,
    since a file is never taken as verified against something that was not read.
    """
    if text.lstrip().lower().startswith(("<!doctype", "<html")):
        raise DownloadError(f"the CHECKSUM of {dump_date} came back as an HTML page")
    sums: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split()
        name = fields[-1].lstrip("*").rsplit("/", 1)[-1] if len(fields) == 2 else ""
        found = _NAME.match(name)
        if (
            len(fields) != 2
            or not re.fullmatch(r"[0-9a-fA-F]{64}", fields[0])
            or not found
            or found.group(1) != dump_date
            or found.group(2) == "CHECKSUM"
        ):
            raise DownloadError(
                f"line {number} of the CHECKSUM of {dump_date} is not '<sha256> <dump file>': "
                f"{line[:80]!r}; the file is damaged or not a CHECKSUM"
            )
        sums[name] = fields[0].lower()
    return sums


def entity_name(dump_date: str, entity: str) -> str:
    return f"discogs_{dump_date}_{entity}.xml.gz"
