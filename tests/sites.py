"""Real HTTP servers on 127.0.0.1 that play store sites in tests."""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: str | bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class StoreSite:
    """A site: path -> Page. Unknown paths answer 404; robots.txt allows all by default."""

    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths_requested(self) -> list[str]:
        return [path for _, path, _, _ in self.requests]


def _handler_for(site: StoreSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            site.requests.append((self.command, self.path, dict(self.headers), body))
            page = site.pages.get(self.path.split("?", 1)[0])
            if page is None and self.path == "/robots.txt":
                page = Page("User-agent: *\nAllow: /\n", content_type="text/plain")
            if page is None:
                page = Page("<h1>Not found</h1>", status=404)
            payload = page.body.encode() if isinstance(page.body, str) else page.body
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in page.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = _serve
        do_POST = _serve

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    return Handler


@contextmanager
def serve(site: StoreSite) -> Iterator[StoreSite]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(site))
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def product_page(title: str, price: str, currency: str = "EUR", image: str = "/img/p.jpg") -> Page:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": title,
        "image": image,
        "offers": {"@type": "Offer", "price": price, "priceCurrency": currency},
    }
    shown = html.escape(title)
    return Page(
        f"""<!doctype html><html><head><title>{shown} | Test Shop</title>
<script type="application/ld+json">{json.dumps(data)}</script></head>
<body><h1>{shown}</h1><p class="price">{html.escape(price)} {currency}</p></body></html>"""
    )
