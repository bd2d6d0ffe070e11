"""Time limits of one fetch: the budget that spans its redirect hops and robots.txt, and
the watchdog that shuts a connection's socket when an exchange runs out of time.

Timeouts alone cannot stop a server that trickles one byte at a time; the watchdog can,
because a blocked read returns at once when its socket is shut down. Connections register
themselves with ``watch_connection``; this module never opens one.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from urllib3.connection import HTTPConnection

__all__ = ["Budget", "Watchdog", "watch_connection"]

_local = threading.local()  # the watchdog of the exchange running on this thread


class Budget:
    """Time left for one fetch. Politeness waits are paused time: they are ours, not the
    site's, and must not turn into timeouts when many workers share a site."""

    def __init__(self, seconds: float) -> None:
        self._ends = time.monotonic() + seconds

    def left(self) -> float:
        return self._ends - time.monotonic()

    @contextmanager
    def paused(self) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self._ends += time.monotonic() - started


def _shutdown(conn: HTTPConnection) -> None:
    # http.client sets ``sock`` to None when a response will close the connection, but the
    # response still reads from the socket: hence our own reference.
    sock = conn.sock or getattr(conn, "_guard_sock", None)
    if sock is None:
        return
    # The plain socket method, also for TLS: it only needs the descriptor and leaves the SSL
    # object alone for the thread blocked reading it. OSError: already closed.
    with suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Watchdog:
    """Deadline for one exchange: when it expires, shut down the sockets it watches, so that
    a read blocked on a trickling server returns at once."""

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._done = False
        self._conns: list[HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        _local.watchdog = self
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()
        with self._lock:  # after this no shutdown is in flight or can start
            self._done = True
            self._conns.clear()
        _local.watchdog = None

    def watch(self, conn: HTTPConnection) -> None:
        with self._lock:
            if self._done:
                return
            self._conns.append(conn)
            if self.expired:
                _shutdown(conn)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for conn in self._conns:
                _shutdown(conn)


def watch_connection(conn: HTTPConnection) -> None:
    """Let the watchdog of the exchange running on this thread, if any, watch ``conn``."""
    watchdog: Watchdog | None = getattr(_local, "watchdog", None)
    if watchdog is not None:
        watchdog.watch(conn)
