"""One sample shop as a tiny WSGI application (werkzeug routing, Jinja pages).

The contact form really accepts posts: each one is kept in memory (the shop's inbox) and
listed on ``/inbox``, so the demo shows what a store received from us. robots.txt lets
robots read the shop but keeps them out of the inbox.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from discountmarket.demo_sites.catalogue import WORDS, Item, Shop

ROBOTS = "User-agent: *\nDisallow: /inbox\nAllow: /\n"

_pages = Environment(
    loader=PackageLoader("discountmarket.demo_sites", "templates"),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
# A web address in received text, once escaped (so it holds no quote or angle bracket).
_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"'&]+(?:&amp;[^\s<>\"'&]+)*")


def _links(text: str) -> Markup:
    """Received text, escaped, with its web addresses clickable (as a mail client shows)."""
    linked = _WEB_ADDRESS.sub(lambda m: f'<a href="{m[0]}">{m[0]}</a>', str(escape(text)))
    return Markup(linked)  # noqa: S704 - escaped first; the addresses hold no quote or bracket


_pages.filters["links"] = _links
_routes = Map(
    [
        Rule("/", endpoint="home"),
        Rule("/products/<slug>", endpoint="product"),
        Rule("/search", endpoint="search"),
        Rule("/contact", endpoint="contact", methods=["GET", "POST"]),
        Rule("/inbox", endpoint="inbox"),
        Rule("/robots.txt", endpoint="robots"),
    ]
)


@dataclass(frozen=True)
class Received:
    """A contact-form message as the shop got it."""

    at: datetime
    fields: dict[str, str]


@dataclass
class ShopApp:
    shop: Shop
    received: list[Received] = field(default_factory=list)
    on_message: Callable[[Shop, Received], None] | None = None  # e.g. print a line
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def messages(self) -> list[Received]:
        with self._lock:
            return list(self.received)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        try:
            endpoint, args = _routes.bind_to_environ(environ).match()
            response = getattr(self, f"_{endpoint}")(request, **args)
        except NotFound:
            response = self._page("not_found.html", status=404)
        except HTTPException as error:  # 405 and the like: werkzeug's own page is fine
            response = error.get_response(environ)
        return response(environ, start_response)

    # --- pages -------------------------------------------------------------------------------

    def _page(self, template: str, status: int = 200, **context: Any) -> Response:
        html = _pages.get_template(template).render(
            shop=self.shop, words=WORDS[self.shop.locale], **context
        )
        return Response(html, status=status, content_type="text/html; charset=utf-8")

    def _home(self, request: Request) -> Response:
        return self._page("home.html", site_jsonld=_site_jsonld(request.host_url))

    def _product(self, request: Request, slug: str) -> Response:
        item = self.shop.item(slug)
        if item is None:
            raise NotFound()
        return self._page("product.html", item=item, jsonld=_jsonld(item, request.url))

    def _search(self, request: Request) -> Response:
        query = request.args.get("q", "")[:200]
        found = [item for item in self.shop.items if item.found_by(query)]
        return self._page("search.html", query=query, found=found)

    def _contact(self, request: Request) -> Response:
        if request.method == "GET":
            return self._page("contact.html")
        fields = {name: value for name, value in request.form.items(multi=False)}
        missing = [f.name for f in self.shop.form if f.required and not fields.get(f.name)]
        if missing:
            return self._page("contact.html", error=True, values=fields)
        message = Received(datetime.now(UTC), fields)
        with self._lock:
            self.received.append(message)
        if self.on_message is not None:
            self.on_message(self.shop, message)
        return self._page("thanks.html")

    def _inbox(self, request: Request) -> Response:
        return self._page("inbox.html", messages=list(reversed(self.messages())))

    def _robots(self, request: Request) -> Response:
        return Response(ROBOTS, content_type="text/plain; charset=utf-8")


def _site_jsonld(base: str) -> str:
    """schema.org WebSite with its SearchAction: how search engines (and we) search the shop."""
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "url": base,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": base + "search?q={query}"},
            "query-input": "required name=query",
        },
    }
    return json.dumps(data).replace("</", "<\\/")


def _jsonld(item: Item, url: str) -> str:
    """schema.org Product data, safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": item.title,
        "description": item.description,
        "url": url,
        **({"brand": {"@type": "Brand", "name": item.brand}} if item.brand else {}),
        **({"gtin13": item.gtin} if item.gtin else {}),
        "offers": {
            "@type": "Offer",
            "price": item.price,
            "priceCurrency": item.currency,
            "availability": "https://schema.org/InStock",
        },
    }
    # "</" would end the script element early; JSON allows the escaped slash.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
