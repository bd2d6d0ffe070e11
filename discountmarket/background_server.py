"""Running a socket server on a background thread for as long as a ``with`` block lasts:
the demo's sample shops, and the store sites and misbehaving servers of the tests."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

Server = TypeVar("Server", bound=socketserver.BaseServer)


@contextmanager
def serving_in_background(
    server: Server,
    *,
    name: str | None = None,
    poll_interval: float = 0.1,
    before_stop: Callable[[], None] | None = None,
) -> Iterator[Server]:
    """Serve until the block ends, then stop and close the server and join its thread.

    A short ``poll_interval`` keeps stopping quick (shutdown waits for the next poll);
    ``before_stop`` can wake handlers that are stalling on purpose.
    """
    thread = threading.Thread(
        target=server.serve_forever, args=(poll_interval,), name=name, daemon=True
    )
    thread.start()
    try:
        yield server
    finally:
        if before_stop is not None:
            before_stop()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
