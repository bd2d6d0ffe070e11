"""Local HTTP servers for fault tests: routes that answer normally and routes that
misbehave on purpose (trickle bytes, never finish, send 50 MB). Shared by the client's own
tests and the worker-level fault tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from discountmarket.background_server import serving_in_background

Route = Callable[[BaseHTTPRequestHandler, bytes], None]


# --- Local servers ------------------------------------------------------------------------


@dataclass
class Hit:
    method: str
    path: str
    headers: Any
    body: bytes
    at: float = field(default_factory=time.monotonic)  # when the request arrived


class _Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def do_GET(self) -> None:
        self.server.dispatch(self)

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _KeepAliveHandler(_Handler):
    protocol_version = "HTTP/1.1"


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route], *, keep_alive: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _KeepAliveHandler if keep_alive else _Handler)
        self.routes = routes
        self.hits: list[Hit] = []
        self.stop = threading.Event()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def dispatch(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        self.hits.append(Hit(handler.command, handler.path, handler.headers, body))
        route = self.routes.get(handler.path.split("?")[0], page(b"not found", status=404))
        route(handler, body)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hang up on purpose (caps, deadlines)


def page(
    body: bytes = b"<html><p>ok</p></html>",
    *,
    status: int = 200,
    content_type: str | None = "text/html; charset=utf-8",
    headers: tuple[tuple[str, str], ...] = (),
) -> Route:
    def route(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
        handler.send_response(status)
        if content_type is not None:
            handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(body)

    return route


def redirect(location: str, status: int = 302) -> Route:
    return page(b"", status=status, headers=(("Location", location),))


@contextmanager
def running(routes: dict[str, Route], *, keep_alive: bool = False) -> Iterator[LocalServer]:
    server = LocalServer(routes, keep_alive=keep_alive)
    # stop.set wakes routes that are stalling on purpose.
    with serving_in_background(server, poll_interval=0.02, before_stop=server.stop.set):
        yield server


# --- Misbehaving routes ---------------------------------------------------------------------


def _dribble(handler: BaseHTTPRequestHandler, byte: bytes) -> None:
    """One byte every 0.2 s for 20 s, or until the server stops."""
    server: LocalServer = handler.server  # type: ignore[assignment]
    for _ in range(100):
        handler.wfile.write(byte)
        handler.wfile.flush()
        if server.stop.wait(0.2):
            return


def _html_head(handler: BaseHTTPRequestHandler, length: int | None = None) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()


def trickle(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    """A body of unknown length, one byte at a time."""
    _html_head(handler)
    _dribble(handler, b"<")


def slow_body(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    """A declared 100-byte body, one byte at a time (keeps a keep-alive connection busy)."""
    _html_head(handler, 100)
    _dribble(handler, b"<")


def trickle_headers(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    """Headers that never end."""
    handler.wfile.write(b"HTTP/1.0 200 OK\r\nX-Slow: ")
    _dribble(handler, b"a")


def huge_declared(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    _html_head(handler, 10_000_000)
    handler.wfile.write(b"<")
    handler.wfile.flush()
    handler.server.stop.wait(5)  # type: ignore[attr-defined]


def fifty_megabytes(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    _html_head(handler)
    chunk = b"<p>" + b"x" * (64 * 1024 - 3)
    for _ in range(50 * 16):
        handler.wfile.write(chunk)


def hang(handler: BaseHTTPRequestHandler, _body: bytes) -> None:
    """Accept the request and never answer."""
    handler.server.stop.wait(60)  # type: ignore[attr-defined]
