"""Connections pinned to checked addresses: the urllib3 connection classes and the requests
adapter that ``GuardedClient`` (``http.py``) mounts, and the only place that opens a socket
to the outside world.

A pinned connection resolves the host itself, refuses if *any* address is not globally
routable (``addresses.py`` decides), and connects to the very address it checked, so a name
cannot be re-pointed between the check and the connection (DNS rebinding). TLS still
verifies the certificate against the host name. Each connection registers with the
watchdog of the exchange running on its thread (``deadlines.py``).

This module leans on urllib3 internals (``_new_conn``, ``_dns_host``, the pool classes'
``ConnectionCls`` and the pool manager's ``pool_classes_by_scheme``); urllib3 is pinned for
that reason and ``tests/outreach/test_urllib3_internals.py`` fails if they move.
"""

from __future__ import annotations

import socket
import sys
from typing import Any, ClassVar

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
)

from discountmarket.outreach.addresses import is_allowed, normalise_host, refuse_blocked, resolve
from discountmarket.outreach.deadlines import watch_connection

__all__ = ["GuardedAdapter", "PinnedHTTPConnection", "PinnedHTTPSConnection"]


def _connect_pinned(conn: HTTPConnection, allow: frozenset[str]) -> socket.socket:
    """Resolve, refuse blocked addresses, then connect to the addresses just checked."""
    host = conn._dns_host  # the name urllib3 would have resolved
    # The name is looked up within the connect timeout, like the connection itself.
    timeout = conn.timeout if isinstance(conn.timeout, int | float) else None
    infos = resolve(host, conn.port, timeout)  # TimeoutError: a connect timeout below
    if not is_allowed(allow, normalise_host(host), conn.port):
        refuse_blocked(conn.host, infos)
    error: OSError = OSError(f"no address found for {conn.host}")
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        conn._guard_sock = sock  # type: ignore[attr-defined]
        watch_connection(conn)
        try:
            for option in conn.socket_options or ():
                sock.setsockopt(*option)
            if conn.timeout is None or isinstance(conn.timeout, int | float):
                sock.settimeout(conn.timeout)
            if conn.source_address:
                sock.bind(conn.source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as failure:
            sock.close()
            error = failure
    raise error


def _new_pinned_conn(conn: HTTPConnection, allow: frozenset[str]) -> socket.socket:
    """``HTTPConnection._new_conn`` with the address check; same exceptions as urllib3's.

    A refused address raises ``FetchError``, which is not an ``OSError``: urllib3 and requests
    let it through unwrapped.
    """
    try:
        sock = _connect_pinned(conn, allow)
    except socket.gaierror as error:
        raise NameResolutionError(conn.host, conn, error) from error
    except TimeoutError as error:
        raise ConnectTimeoutError(
            conn, f"Connection to {conn.host} timed out. (connect timeout={conn.timeout})"
        ) from error
    except OSError as error:
        raise NewConnectionError(conn, f"Failed to establish a new connection: {error}") from error
    sys.audit("http.client.connect", conn, conn.host, conn.port)
    return sock


class PinnedHTTPConnection(HTTPConnection):
    allow_hosts: ClassVar[frozenset[str]] = frozenset()

    def _new_conn(self) -> socket.socket:
        return _new_pinned_conn(self, self.allow_hosts)

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch_connection(self)  # also covers connections reused from the pool
        super().request(*args, **kwargs)


class PinnedHTTPSConnection(HTTPSConnection):
    allow_hosts: ClassVar[frozenset[str]] = frozenset()

    def _new_conn(self) -> socket.socket:
        # urllib3 wraps this socket in TLS with server_hostname=self.host afterwards.
        return _new_pinned_conn(self, self.allow_hosts)

    def connect(self) -> None:
        super().connect()
        # The TLS wrap detached the raw socket; the watchdog needs the one in use. (It is kept
        # here because http.client drops ``self.sock`` once a response will close.)
        self._guard_sock = self.sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch_connection(self)
        super().request(*args, **kwargs)


class GuardedAdapter(HTTPAdapter):
    """Transport adapter whose pools make pinned connections for one client's allow list."""

    def __init__(self, allow: frozenset[str]) -> None:
        attrs = {"allow_hosts": allow}
        http_conn = type("GuardedHTTPConnection", (PinnedHTTPConnection,), attrs)
        https_conn = type("GuardedHTTPSConnection", (PinnedHTTPSConnection,), attrs)
        self._pool_classes = {
            "http": type("GuardedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http_conn}),
            "https": type(
                "GuardedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https_conn}
            ),
        }
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes  # type: ignore[assignment]
