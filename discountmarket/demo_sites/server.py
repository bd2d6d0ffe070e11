"""Serving the sample shops: one threaded werkzeug server per shop, each on its own port."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import partial

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from discountmarket.demo_sites.catalogue import HOST, Shop
from discountmarket.demo_sites.shop_app import Received, ShopApp


class _QuietHandler(WSGIRequestHandler):
    """No access log: the demo prints the contact-form messages instead."""

    def log_request(self, *args: object, **kwargs: object) -> None:
        pass


@dataclass(frozen=True)
class RunningShop:
    shop: Shop
    app: ShopApp
    url: str  # base URL, no trailing slash


@contextmanager
def _serve_one(app: ShopApp, host: str, port: int) -> Iterator[BaseWSGIServer]:
    server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    # A short poll interval: stopping five servers one after another stays quick.
    serve = partial(server.serve_forever, poll_interval=0.1)
    thread = threading.Thread(target=serve, name=app.shop.slug, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serving(
    shops: Sequence[Shop],
    ports: Sequence[int],
    host: str = HOST,
    on_message: Callable[[Shop, Received], None] | None = None,
) -> Iterator[list[RunningShop]]:
    """Serve each shop on its port (0: any free port) until the block ends."""
    with ExitStack() as stack:
        running = []
        for shop, port in zip(shops, ports, strict=True):
            app = ShopApp(shop, on_message=on_message)
            server = stack.enter_context(_serve_one(app, host, port))
            running.append(RunningShop(shop, app, f"http://{host}:{server.server_port}"))
        yield running
