"""Time limits of one fetch: the budget and its paused time, and the watchdog that shuts a
watched connection's socket when an exchange runs out of time. Whole fetches against
trickling servers are in test_http.py."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from urllib3.connection import HTTPConnection

from discountmarket.outreach.deadlines import Budget, Watchdog, watch_connection


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    """A connected pair of real sockets: ours, and the far end."""
    ours, theirs = socket.socketpair()
    ours.settimeout(5)  # a bug must fail the test, not hang it
    theirs.settimeout(5)
    yield ours, theirs
    ours.close()
    theirs.close()


def connection(sock: socket.socket | None, guard: socket.socket | None = None) -> HTTPConnection:
    conn = HTTPConnection("shop.test", 80)
    conn.sock = sock
    if guard is not None:
        conn._guard_sock = guard  # type: ignore[attr-defined]
    return conn


def still_open(ours: socket.socket, theirs: socket.socket) -> bool:
    theirs.sendall(b"x")
    return ours.recv(1) == b"x"


def test_the_budget_runs_down() -> None:
    budget = Budget(0.05)
    assert 0 < budget.left() <= 0.05
    time.sleep(0.08)
    assert budget.left() < 0


def test_paused_time_is_given_back() -> None:
    budget = Budget(0.1)
    with budget.paused():  # a politeness wait: our time, not the site's
        time.sleep(0.15)
    assert budget.left() > 0.05


def test_paused_time_is_given_back_on_errors_too() -> None:
    budget = Budget(0.1)
    with pytest.raises(RuntimeError), budget.paused():
        time.sleep(0.15)
        raise RuntimeError
    assert budget.left() > 0.05


def test_an_expired_watchdog_unblocks_a_read(pair: tuple[socket.socket, socket.socket]) -> None:
    ours, _theirs = pair
    with Watchdog(0.2) as watchdog:
        watch_connection(connection(ours))
        started = time.monotonic()
        assert ours.recv(10) == b""  # blocked until the watchdog shut the socket down
    assert watchdog.expired
    assert 0.15 < time.monotonic() - started < 2


def test_a_connection_watched_after_expiry_is_shut_at_once(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    ours, _theirs = pair
    with Watchdog(0) as watchdog:
        time.sleep(0.05)
        assert watchdog.expired
        watch_connection(connection(ours))
        assert ours.recv(10) == b""


def test_the_guard_socket_is_shut_when_the_connection_dropped_its_own(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    # http.client forgets conn.sock once a response will close; the response still reads.
    ours, _theirs = pair
    with Watchdog(0.1):
        watch_connection(connection(None, guard=ours))
        assert ours.recv(10) == b""


def test_a_finished_exchange_leaves_its_connections_alone(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    ours, theirs = pair
    with Watchdog(0.1) as watchdog:
        watchdog.watch(connection(ours))
    time.sleep(0.2)
    assert not watchdog.expired
    assert still_open(ours, theirs)
    watchdog.watch(connection(ours))  # too late to be watched
    assert still_open(ours, theirs)


def test_without_a_watchdog_nothing_is_watched(pair: tuple[socket.socket, socket.socket]) -> None:
    ours, theirs = pair
    watch_connection(connection(ours))
    assert still_open(ours, theirs)


def test_a_watchdog_watches_its_own_threads_connections_only(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    ours, theirs = pair
    running, done = threading.Event(), threading.Event()

    def other_exchange() -> None:
        with Watchdog(0.1):
            running.set()
            done.wait(5)

    thread = threading.Thread(target=other_exchange)
    thread.start()
    running.wait(5)
    watch_connection(connection(ours))  # this thread has no exchange running
    time.sleep(0.2)
    done.set()
    thread.join()
    assert still_open(ours, theirs)
