"""Progress reporting, injected: a null bar for libraries and tests, tqdm for the CLI."""

from __future__ import annotations

import sys
from typing import BinaryIO, Protocol

from tqdm import tqdm


class Progress(Protocol):
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


class NullProgress:
    """Reports nothing."""

    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


class TqdmProgress:
    """A byte-based bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int, desc: str, unit: str = "B") -> None:
        self._bar = tqdm(
            total=total or None,  # 0: unknown
            desc=desc,
            unit=unit,
            unit_scale=unit == "B",
            unit_divisor=1024,
            file=sys.stderr,
            dynamic_ncols=True,
            leave=False,
            disable=None,  # no bar when stderr is not a terminal (CI logs, pipes)
        )

    def update(self, n: int) -> None:
        self._bar.update(n)

    def close(self) -> None:
        self._bar.close()


class CountingReader:
    """A binary reader that reports every byte it hands out to a Progress."""

    def __init__(self, raw: BinaryIO, progress: Progress) -> None:
        self._raw = raw
        self._progress = progress
        self.bytes_read = 0

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.bytes_read += len(data)
        self._progress.update(len(data))
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:
        n = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        self.bytes_read += n
        self._progress.update(n)
        return n

    def close(self) -> None:
        self._raw.close()
