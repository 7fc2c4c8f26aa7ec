"""What every fake shares: a threaded HTTP server on 127.0.0.1 that starts, stops cleanly (open
connections included), and stays quiet when a client drops a connection."""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self, cast


class LoopbackServer:
    """Base of the fakes: owns the server thread, the lock and the open connections."""

    handler: type[BaseHTTPRequestHandler]  # set by each fake
    thread_name = "fake-server"
    url_suffix = ""  # "/" where the real base URL ends with a slash

    def __init__(self) -> None:
        self.url = ""
        self._lock = threading.Lock()
        self._stop = threading.Event()  # set on close: ends stalls and delays at once
        self._connections: set[socket.socket] = set()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> Self:
        """Start serving on 127.0.0.1 (a free port); returns self."""
        if self._server is not None:
            return self
        self._stop.clear()
        self._server = _Server(("127.0.0.1", 0), self.handler, self)
        host, port = self._server.server_address[:2]
        self.url = f"http://{host}:{port}{self.url_suffix}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.01},
            name=self.thread_name,
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop the server, end stalls and delays, and drop every open connection."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stop.set()
        server.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        owner: LoopbackServer,
    ) -> None:
        self.owner = owner
        super().__init__(address, handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that drops a connection (a refused download closed early, a keep-alive
        # socket closed) is normal here; anything else is a bug in the fake: print it.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LoopbackHandler(BaseHTTPRequestHandler):
    """Keep-alive, no Nagle stalls, no logging, and connections tracked for a clean close."""

    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is dropped after this
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms stalls

    @property
    def owner(self) -> LoopbackServer:
        return cast(_Server, self.server).owner

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        with self.owner._lock:
            self.owner._connections.add(self.connection)

    def finish(self) -> None:
        with self.owner._lock:
            self.owner._connections.discard(self.connection)
        with contextlib.suppress(OSError, ValueError):
            super().finish()
