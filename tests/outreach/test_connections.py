"""Pinned connections on their own: what a connection does when urllib3 asks it for a socket
(check, pin, fail the way urllib3 fails), and the adapter that gives each client's pools its
allow list. Fetches through the whole client are in test_http.py."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from urllib3.exceptions import NameResolutionError, NewConnectionError

from discountmarket.outreach.connections import (
    GuardedAdapter,
    PinnedHTTPConnection,
    PinnedHTTPSConnection,
)
from discountmarket.outreach.errors import FetchError
from tests.hostile import LocalServer, page, running


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with running({"/": page()}) as local:
        yield local


def pinned(host: str, port: int, allow: frozenset[str] = frozenset()) -> PinnedHTTPConnection:
    cls = type("TestConnection", (PinnedHTTPConnection,), {"allow_hosts": allow})
    return cls(host, port, timeout=2)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_allowed_host_connects_to_the_address_it_resolved(server: LocalServer) -> None:
    conn = pinned("127.0.0.1", server.port, frozenset({"127.0.0.1"}))
    try:
        conn.connect()
        assert conn.sock.getpeername() == ("127.0.0.1", server.port)
        assert conn._guard_sock is conn.sock  # what the watchdog shuts when time runs out
    finally:
        conn.close()


def test_a_blocked_address_is_refused_before_any_socket_connects(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    connected: list[object] = []
    original = socket.socket.connect
    monkeypatch.setattr(
        socket.socket, "connect", lambda sock, addr: connected.append(addr) or original(sock, addr)
    )
    conn = pinned("127.0.0.1", server.port)  # loopback, and not on this allow list
    with pytest.raises(FetchError) as raised:
        conn.connect()
    # A FetchError, not wrapped by urllib3: it is not an OSError.
    assert raised.value.code == "blocked_address"
    assert connected == []
    assert server.hits == []


def test_the_allow_list_names_hosts_not_addresses(server: LocalServer) -> None:
    # "localhost" resolves to 127.0.0.1, but allowing the name does not allow the address.
    with pytest.raises(FetchError) as raised:
        pinned("127.0.0.1", server.port, frozenset({"localhost"})).connect()
    assert raised.value.code == "blocked_address"
    assert server.hits == []


def test_an_unknown_name_fails_as_urllib3_would() -> None:
    # tests/conftest.py makes every name but the local ones fail to resolve.
    conn = pinned("no-such-shop.test", 80, frozenset({"no-such-shop.test"}))
    with pytest.raises(NameResolutionError) as raised:
        conn.connect()
    assert isinstance(raised.value.__cause__, socket.gaierror)


def test_a_refused_connection_fails_as_urllib3_would() -> None:
    conn = pinned("127.0.0.1", closed_port(), frozenset({"127.0.0.1"}))
    with pytest.raises(NewConnectionError, match="Failed to establish a new connection"):
        conn.connect()


def test_each_adapter_pins_with_its_own_allow_list() -> None:
    lists = [frozenset({"127.0.0.1"}), frozenset()]
    managers = [GuardedAdapter(allow).poolmanager for allow in lists]  # both exist at once
    for allow, manager in zip(lists, managers, strict=True):
        http_conn = manager.connection_from_url("http://127.0.0.1:9/").ConnectionCls
        https_conn = manager.connection_from_url("https://127.0.0.1:9/").ConnectionCls
        assert issubclass(http_conn, PinnedHTTPConnection)
        assert issubclass(https_conn, PinnedHTTPSConnection)
        assert http_conn.allow_hosts == https_conn.allow_hosts == allow


def test_the_adapter_never_retries() -> None:
    # A retry would reconnect behind the client's back, outside its redirect and robots checks.
    assert GuardedAdapter(frozenset()).max_retries.total == 0
