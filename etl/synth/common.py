"""Low-level helpers shared by every writer: Discogs-style text and attribute escaping, the
seed-free SplitMix64 integer hash, weighted-table expansion and uniform picks, YouTube ids,
durations, the text separators of multi-line fields, and :class:`_Sink`, the buffered UTF-8
(optionally gzip, with a fixed header) output that counts the uncompressed bytes it writes.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import isal.igzip

_M64 = (1 << 64) - 1
_FLUSH_PARTS = 40_000
_CRLF = "&#13;\n"
# line separators of multi-line texts: LF, blank line, CRLF (CR written as &#13;)
_SEPS = ("\n", "\n", "\n\n", "&#13;\n", "&#13;\n&#13;\n")


def _esc(s: str) -> str:
    """Escape element text as the dumps do (CR and TAB as character references)."""
    return (
        s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _attr(s: str) -> str:
    """Escape an attribute value (text escaping plus ``&quot;``)."""
    return _esc(s).replace('"', "&quot;")


def _mix(x: int) -> int:
    """SplitMix64 finaliser: a fast, seed-free, platform-independent integer hash."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def _table(weighted: Sequence[tuple[str, int]]) -> tuple[str, ...]:
    """Expand (value, weight) pairs into a flat lookup table for uniform index picks."""
    return tuple(v for v, w in weighted for _ in range(w))


def _pick(rnd: Callable[[], float], seq: Sequence[str]) -> str:
    return seq[int(rnd() * len(seq))]


def _yt(rng: random.Random) -> str:
    """An 11-character YouTube video id."""
    return base64.urlsafe_b64encode(rng.getrandbits(72).to_bytes(9, "big"))[:11].decode()


def _fmt_duration(sec: int, long_style: bool) -> str:
    """``M:SS``; above an hour either ``MMM:SS`` or ``H:MM:SS``, both occur in the dumps."""
    if sec >= 3600 and long_style:
        return f"{sec // 3600}:{sec // 60 % 60:02d}:{sec % 60:02d}"
    return f"{sec // 60}:{sec % 60:02d}"


class _Sink:
    """Buffered UTF-8 writer (gzip when the name ends in ``.gz``) counting uncompressed bytes."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._raw: BinaryIO = open(path, "wb")  # noqa: SIM115
        self._f: BinaryIO = self._raw
        if path.name.endswith(".gz"):
            # no file name and mtime 0 in the gzip header, so equal inputs give equal bytes
            self._f = isal.igzip.IGzipFile(  # type: ignore[assignment]
                filename="",
                mode="wb",
                compresslevel=1,
                fileobj=self._raw,
                mtime=0,
            )
        self.parts: list[str] = []
        self.bytes = 0

    def flush(self) -> None:
        """Encode and write the pending pieces."""
        if self.parts:
            data = "".join(self.parts).encode()
            self.parts.clear()
            self._f.write(data)
            self.bytes += len(data)

    def __enter__(self) -> _Sink:
        return self

    def __exit__(
        self,
        et: type[BaseException] | None,
        ev: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if et is None:
                self.flush()
            self._f.close()
        finally:
            self._raw.close()
