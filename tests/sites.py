"""Real HTTP servers on 127.0.0.1 that play store sites in tests."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

from discountmarket.background_server import serving_in_background


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


def search_page(*links: tuple[str, str]) -> Page:
    """A shop's search results: the given (path, title) links in its result list."""
    items = "".join(f'<li><a href="{path}">{html.escape(title)}</a></li>' for path, title in links)
    return Page(f"<html><body><h1>Search</h1><ul class='results'>{items}</ul></body></html>")


@contextmanager
def serve(site: StoreSite) -> Iterator[StoreSite]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(site))
    site.port = server.server_address[1]
    with serving_in_background(server):
        yield site


def product_page(
    title: str,
    price: str,
    currency: str = "EUR",
    image: str = "/img/p.jpg",
    *,
    brand: str | None = None,
    gtin: str | None = None,
    category: str | None = None,
) -> Page:
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": title,
        "image": image,
        "offers": {"@type": "Offer", "price": price, "priceCurrency": currency},
    }
    if brand:
        data["brand"] = {"@type": "Brand", "name": brand}
    if gtin:
        data["gtin13"] = gtin
    if category:
        data["category"] = category
    shown = html.escape(title)
    return Page(
        f"""<!doctype html><html><head><title>{shown} | Test Shop</title>
<script type="application/ld+json">{json.dumps(data)}</script></head>
<body><h1>{shown}</h1><p class="price">{html.escape(price)} {currency}</p></body></html>"""
    )


# --- Realistic store sites from tests/fixtures/sites -----------------------------------------

SITES_DIR = Path(__file__).parent / "fixtures" / "sites"
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}


class _Routes(dict[str, Page]):
    """Pages keyed by path, or more precisely by "/path?query", "POST /path" or
    "POST /path?query". The server looks pages up by path alone; this mapping reads the
    request the server recorded just before the lookup (requests to one site are served
    one at a time in these tests) to honour the more precise keys."""

    def __init__(self, site: StoreSite) -> None:
        super().__init__()
        self._site = site

    def get(self, path: str, default: Page | None = None) -> Page | None:  # type: ignore[override]
        if self._site.requests:
            method, full, _, _ = self._site.requests[-1]
            if full.split("?", 1)[0] == path:
                for key in (f"{method} {full}", full, f"{method} {path}"):
                    if key in self:
                        return self[key]
        return super().get(path, default)


def site_names() -> list[str]:
    """The sites under tests/fixtures/sites, by directory name."""
    return sorted(path.parent.name for path in SITES_DIR.glob("*/site.json"))


def load_site(name: str) -> StoreSite:
    """A StoreSite from tests/fixtures/sites/<name>/site.json; serve it with ``serve``.

    site.json: {"pages": {KEY: {"file": "index.html"} | {"body": "..."}, ...}} where KEY
    is a path ("/kontakty/", "/index.php?route=information/contact", "POST /contact");
    optional per page: "status", "content_type" (default from the file's extension),
    "headers", "encoding" (the file is UTF-8 on disk and served in this encoding).
    Non-ASCII paths are percent-encoded as a client sends them.
    """
    folder = SITES_DIR / name
    spec = json.loads((folder / "site.json").read_text(encoding="utf-8"))
    site = StoreSite()
    routes = _Routes(site)
    for key, entry in spec["pages"].items():
        method, _, path = key.rpartition(" ")
        path = quote(path, safe="/?=&%;:@!$'()*+,~[]")
        file = entry.get("file")
        body: str | bytes = (folder / file).read_text(encoding="utf-8") if file else ""
        body = entry.get("body", body)
        if entry.get("encoding"):
            body = str(body).encode(entry["encoding"])
        suffix = Path(file).suffix if file else ".html"
        routes[f"{method} {path}" if method else path] = Page(
            body,
            status=entry.get("status", 200),
            content_type=entry.get("content_type", _CONTENT_TYPES.get(suffix, "text/html")),
            headers=entry.get("headers", {}),
        )
    site.pages = routes
    return site


def contact_page(token: str, action: str = "/send", method: str = "post", extra: str = "") -> str:
    """A plain contact form: a hidden token, name, e-mail and message."""
    return f"""<html><body><h1>Contact us</h1>
    <form action="{action}" method="{method}">
      <input type="hidden" name="token" value="{token}">
      <label for="n">Your name</label><input id="n" name="your-name">
      <label for="e">E-mail</label><input id="e" type="email" name="your-email">
      <label for="m">Message</label><textarea id="m" name="your-message"></textarea>
      {extra}
      <button type="submit">Send</button>
    </form></body></html>"""


def contact_shop(token: str) -> StoreSite:
    """A shop whose /contact form posts to /send, which thanks the sender."""
    return StoreSite(
        pages={
            "/contact": Page(contact_page(token)),
            "/send": Page("<p>Thank you! Your message has been sent.</p>"),
        }
    )
