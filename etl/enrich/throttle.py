"""The pacer: one request at a time, never more than the announced limit in any moving window.

Discogs counts requests per IP in a moving 60-second window and announces the limit in
`X-Discogs-Ratelimit`; `-Used` also counts requests this process did not make (other programs
on the same IP). The pacer keeps the send times of its own requests, spreads them evenly, and
takes the server's count when it is higher than its own.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping

#: Headroom on the window, so client/server clock and latency differences never tip a request
#: into the server's window (it costs 2% of the rate).
WINDOW_MARGIN = 1.02


class Pacer:
    """Paces requests to `limit` per `window` seconds; clock and sleep are injectable."""

    def __init__(
        self,
        limit: int,
        window: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self.sleep = sleep
        self._sent: deque[float] = deque()

    @property
    def _span(self) -> float:
        return self.window * WINDOW_MARGIN

    def wait(self) -> None:
        """Block until one more request fits, then record it as sent now."""
        while True:
            now = self.clock()
            while self._sent and self._sent[0] <= now - self._span:
                self._sent.popleft()
            # Evenly spaced: the next request is due one slot after the previous one ...
            due = self._sent[-1] + self._span / self.limit if self._sent else now
            # ... and never while `limit` requests are inside the window.
            if len(self._sent) >= self.limit:
                due = max(due, self._sent[len(self._sent) - self.limit] + self._span)
            if due <= now:
                self._sent.append(now)
                return
            self.sleep(due - now)

    def observe(self, headers: Mapping[str, str]) -> None:
        """Learn from a response's X-Discogs-Ratelimit headers (missing ones are ignored)."""
        limit = _int(headers.get("x-discogs-ratelimit"))
        if limit and limit > 0:
            self.limit = limit
        used = _int(headers.get("x-discogs-ratelimit-used"))
        if used is not None and used > len(self._sent):
            # Someone else on this IP is using the window: count their requests as sent now.
            now = self.clock()
            self._sent.extend([now] * (used - len(self._sent)))

    def backoff_window(self) -> None:
        """After a 429: treat the window as full from now on."""
        now = self.clock()
        self._sent = deque([now] * self.limit)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
