"""The urllib3 internals the guarded client builds on (``outreach/connections.py``, and a few
in ``addresses.py``, ``errors.py``, ``deadlines.py`` and ``responses.py``), each checked for
the shape we rely on. urllib3 is pinned in requirements.txt for their sake: when one of these
tests fails after an upgrade, read the message, fix the module it names, then move the pin."""

from __future__ import annotations

import inspect
import re
import socket
from importlib.metadata import version
from pathlib import Path

import pytest
import requests.adapters
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.poolmanager import PoolManager
from urllib3.response import HTTPResponse
from urllib3.util.connection import allowed_gai_family

from discountmarket.outreach.connections import (
    GuardedAdapter,
    PinnedHTTPConnection,
    PinnedHTTPSConnection,
)

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"
CHECK = "check discountmarket/outreach/connections.py against the new urllib3"


class _Reached(Exception):
    """Raised by a test connection's _new_conn: proof that urllib3 called it."""


def test_the_pin_is_the_installed_version() -> None:
    pins = re.findall(r"^urllib3==(\S+)$", REQUIREMENTS.read_text(), re.MULTILINE)
    assert pins, "requirements.txt must pin urllib3 (the guarded client uses its internals)"
    assert pins == [version("urllib3")] == [urllib3.__version__], (
        f"urllib3 {urllib3.__version__} is installed but requirements.txt pins {pins}: run "
        "this file against the installed version, then make the pin match it"
    )


@pytest.mark.parametrize("cls", [HTTPConnection, HTTPSConnection])
def test_connect_opens_its_socket_through_new_conn(cls: type[HTTPConnection]) -> None:
    class Probe(cls):  # type: ignore[valid-type,misc]
        def _new_conn(self) -> socket.socket:
            raise _Reached

    assert list(inspect.signature(cls._new_conn).parameters) == ["self"], (
        f"{cls.__name__}._new_conn changed its signature; {CHECK} (PinnedHTTP(S)Connection "
        "overrides it)"
    )
    with pytest.raises(_Reached):  # anything else: the pinned check would be bypassed
        Probe("shop.test", 443).connect()


def test_connection_attributes_read_by_the_pinned_connect() -> None:
    conn = HTTPConnection("Shop.Test.", 8080, timeout=3.5, source_address=("127.0.0.1", 0))
    shape = {
        "_dns_host": conn.__dict__.get("_dns_host"),
        "host": conn.host,
        "port": conn.port,
        "timeout": conn.timeout,
        "source_address": conn.source_address,
        "socket_options is a list": isinstance(conn.socket_options, list),
        "sock": conn.sock,
    }
    assert shape == {
        "_dns_host": "Shop.Test.",  # the name as given: what _connect_pinned resolves
        "host": "Shop.Test",  # the name shown and verified by TLS
        "port": 8080,
        "timeout": 3.5,
        "source_address": ("127.0.0.1", 0),
        "socket_options is a list": True,
        "sock": None,  # deadlines._shutdown reads it
    }, f"urllib3's HTTPConnection attributes moved; {CHECK} (_connect_pinned) and deadlines.py"


def test_request_can_be_wrapped() -> None:
    params = inspect.signature(HTTPConnection.request).parameters
    assert list(params)[:3] == ["self", "method", "url"], (
        f"HTTPConnection.request changed; {CHECK} (the pinned connections wrap it to register "
        "with the watchdog)"
    )


@pytest.mark.parametrize(
    ("pool", "conn"), [(HTTPConnectionPool, HTTPConnection), (HTTPSConnectionPool, HTTPSConnection)]
)
def test_pools_build_their_connection_class(
    pool: type[HTTPConnectionPool], conn: type[HTTPConnection]
) -> None:
    assert pool.ConnectionCls is conn, f"{pool.__name__}.ConnectionCls moved; {CHECK}"
    custom = type("Custom", (conn,), {})
    made = type("CustomPool", (pool,), {"ConnectionCls": custom})("shop.test", 443)._new_conn()
    assert type(made) is custom, (
        f"{pool.__name__} no longer builds its ConnectionCls; {CHECK} (GuardedAdapter)"
    )


def test_pool_manager_picks_pool_classes_by_scheme() -> None:
    manager = PoolManager()
    assert set(manager.pool_classes_by_scheme) == {"http", "https"}, (
        f"PoolManager.pool_classes_by_scheme moved; {CHECK} (GuardedAdapter.init_poolmanager)"
    )
    http_pool = type("P", (HTTPConnectionPool,), {})
    https_pool = type("S", (HTTPSConnectionPool,), {})
    manager.pool_classes_by_scheme = {"http": http_pool, "https": https_pool}
    assert type(manager.connection_from_url("http://shop.test/")) is http_pool
    assert type(manager.connection_from_url("https://shop.test/")) is https_pool


@pytest.mark.parametrize(
    ("url", "pinned"),
    [("http://shop.test/", PinnedHTTPConnection), ("https://shop.test/", PinnedHTTPSConnection)],
)
def test_requests_adapter_hands_our_pools_out(url: str, pinned: type[HTTPConnection]) -> None:
    """requests builds its pool manager in init_poolmanager, which GuardedAdapter extends."""
    assert "init_poolmanager" in vars(requests.adapters.HTTPAdapter)
    adapter = GuardedAdapter(frozenset({"shop.test"}))
    conn = adapter.poolmanager.connection_from_url(url)._new_conn()
    assert isinstance(conn, pinned), (
        f"requests' adapter no longer uses our pool classes for {url}; {CHECK}"
    )
    assert conn.allow_hosts == frozenset({"shop.test"})


def test_exceptions_raised_like_urllib3_does() -> None:
    conn = HTTPConnection("shop.test", 80)
    gaierror = socket.gaierror(socket.EAI_NONAME, "unknown")
    # The argument lists _new_pinned_conn passes, as urllib3's own _new_conn does.
    errors = [
        NameResolutionError("shop.test", conn, gaierror),
        NewConnectionError(conn, "Failed to establish a new connection"),
        ConnectTimeoutError(conn, "timed out"),
    ]
    assert errors[0].conn is conn and errors[1].conn is conn
    assert all(isinstance(error, HTTPError) for error in errors), (
        f"urllib3's connection errors changed; {CHECK} (_new_pinned_conn raises them as "
        "urllib3 does) and errors.TRANSPORT_ERRORS"
    )
    assert isinstance(errors[0], NewConnectionError)  # errors.py finds it in the chain
    assert issubclass(ReadTimeoutError, HTTPError)


def test_address_family_and_streaming_helpers() -> None:
    assert allowed_gai_family() in (socket.AF_INET, socket.AF_UNSPEC), (
        "urllib3.util.connection.allowed_gai_family changed; check addresses.resolve"
    )
    read = inspect.signature(HTTPResponse.read).parameters
    assert {"amt", "decode_content"} <= set(read), (
        "HTTPResponse.read lost amt/decode_content; check responses.read_body (the size cap "
        "is counted after decompression)"
    )
