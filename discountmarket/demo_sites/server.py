"""Serving the sample shops: one threaded werkzeug server per shop, each on its own port."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from discountmarket.background_server import serving_in_background
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


def _serve_one(app: ShopApp, host: str, port: int) -> AbstractContextManager[BaseWSGIServer]:
    server = make_server(host, port, app, threaded=True, request_handler=_QuietHandler)
    return serving_in_background(server, name=app.shop.slug)


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
