"""The catalogue shops (tests/catalogue.py) as real HTTP servers on 127.0.0.1, one per shop,
each searchable the way its platform is: Shopify's predictive search JSON, the WooCommerce
Store API, a SearchAction or OpenSearch template, a plain GET form, or the platform's own
results page (tests/catalogue_search.py). Every request is logged, so tests can say what a
crawler fetched:

    with serve_catalogue() as shops:
        answer = httpx.get(shops["shopify"] + "/products/baratza-encore-esp")
        assert shops.requested("shopify") == ["/products/baratza-encore-esp"]

``serve_catalogue(dataset=HELDOUT)`` serves the same shops selling other goods
(tests/catalogue_heldout.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from discountmarket.background_server import serving_in_background
from tests.catalogue import CATALOGUE, SHOPS, Dataset, active, shop_products, using
from tests.catalogue_pages import (
    category_page,
    category_path,
    home_page,
    info_page,
    info_paths,
    layout,
    results_page,
    words,
)
from tests.catalogue_product_pages import product_page
from tests.catalogue_search import (
    opensearch_description,
    opensearch_suggestions,
    search_catalogue,
    shopify_suggest,
    woo_store_products,
)
from tests.catalogue_skins import SKINS

__all__ = ["SEARCHES", "CatalogueShops", "Response", "respond", "serve_catalogue"]

# shop -> (path, query parameter, parameters the path also needs): its HTML search
SEARCHES: dict[str, tuple[str, str, dict[str, str]]] = {
    "shopify": ("/search", "q", {}),
    "woocommerce": ("/", "s", {}),
    "search_action": ("/catalog/search/", "text", {}),
    "opensearch": ("/hledani", "q", {}),
    "search_form": ("/recherche", "s", {}),
    "magento": ("/catalogsearch/result/", "q", {}),
    "prestashop": ("/index.php", "s", {"controller": "search"}),
    "opencart": ("/index.php", "search", {"route": "product/search"}),
    "bitrix": ("/search/", "q", {}),
    "teashop": ("/shop/search", "query", {}),
    "robots_blocked": ("/search", "q", {}),
}

# Shopify's default robots.txt (the rules for every robot; its other groups shortened).
# Under RFC 9309 the longest match wins, so /search/suggest.json is allowed ("Allow:
# /search/" is longer than "Disallow: /search"); a first-match reading would block it.
_SHOPIFY_ROBOTS = """# we use Shopify as our ecommerce platform

User-agent: *
Disallow: /a/downloads/-/*
Disallow: /admin
Disallow: /cart
Disallow: /orders
Disallow: /checkouts/
Disallow: /checkout
Disallow: /62692982947/checkouts
Disallow: /62692982947/orders
Disallow: /carts
Disallow: /account
Disallow: /collections/*sort_by*
Disallow: /*/collections/*sort_by*
Disallow: /collections/*+*
Disallow: /collections/*%2B*
Disallow: /collections/*%2b*
Disallow: /*/collections/*+*
Disallow: /*/collections/*%2B*
Disallow: /*/collections/*%2b*
Disallow: */collections/*filter*&*filter*
Disallow: /blogs/*+*
Disallow: /blogs/*%2B*
Disallow: /blogs/*%2b*
Disallow: /*/blogs/*+*
Disallow: /*/blogs/*%2B*
Disallow: /*/blogs/*%2b*
Disallow: /*?*oseid=*
Disallow: /*preview_theme_id*
Disallow: /*preview_script_id*
Disallow: /policies/
Disallow: /*/policies/
Disallow: /*/*?*ls=*&ls=*
Disallow: /*/*?*ls%3D*%3Fls%3D*
Disallow: /*/*?*ls%3d*%3fls%3d*
Disallow: /search
Allow: /search/
Disallow: /search/?*
Disallow: /apple-app-site-association
Disallow: /.well-known/shopify/monorail
Disallow: /cdn/wpm/*.js
Disallow: /recommendations/products
Disallow: /*/recommendations/products
Sitemap: {base}/sitemap.xml

# Google adsbot ignores robots.txt unless specifically named!
User-agent: adsbot-google
Disallow: /checkouts/
Disallow: /checkout
Disallow: /carts
Disallow: /orders

User-agent: Nutch
Disallow: /

User-agent: AhrefsBot
Crawl-delay: 10
Disallow: /admin
Disallow: /cart

User-agent: Pinterest
Crawl-delay: 1
"""
_ROBOTS = {
    "shopify": _SHOPIFY_ROBOTS,
    "woocommerce": "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
    "Sitemap: {base}/wp-sitemap.xml\n",
    "opencart": "User-agent: *\nDisallow: /admin\nDisallow: /system\n\n"
    "Sitemap: {base}/sitemap.xml\n",
    "bitrix": "User-agent: *\nDisallow: /bitrix/\nAllow: /bitrix/templates/\nDisallow: /auth/\n\n"
    "Sitemap: {base}/sitemap.xml\n",
    "robots_blocked": "User-agent: *\nDisallow: /search\nDisallow: /*?q=\nDisallow: /carrello\n\n"
    "Sitemap: {base}/sitemap.xml\n",
}
_ALLOW_ALL = "User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"


@dataclass
class Response:
    status: int
    body: str
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def _json(data: object, kind: str = "application/json", **headers: str) -> Response:
    return Response(200, json.dumps(data, ensure_ascii=False), f"{kind}; charset=utf-8", headers)


def _sitemap(shop: str, base: str) -> Response:
    urls = "".join(f"<url><loc>{escape(base + p.path)}</loc></url>" for p in shop_products(shop))
    xml = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    return Response(200, '<?xml version="1.0" encoding="UTF-8"?>\n' + xml, "application/xml")


def _pages(shop: str) -> list[tuple[str, dict[str, str], str]]:
    """(path, query parameters it needs, what it is) of every page that is not a search."""
    found = [("/", {}, "home")]
    if shop == "opencart":
        found += [("/index.php", {}, "home"), ("/index.php", {"route": "common/home"}, "home")]
    if shop in ("bitrix", "search_action"):
        found.append(("/catalog/", {}, "catalog:"))
    targets = [(p.path, "product:" + p.product) for p in shop_products(shop)]
    targets += [
        (category_path(shop, p.family), "category:" + p.family) for p in shop_products(shop)
    ]
    targets += [(path, "info:" + key) for key, path in info_paths(shop).items()]
    for target, what in targets:
        path, _, query = target.partition("?")
        found.append((path, dict(parse_qsl(query)), what))
    return found


def _page(shop: str, path: str, params: dict[str, str]) -> str | None:
    """What the page at this path is ("product:moka-6", "home"…), or None: the page whose
    path it is and whose query parameters it has (the most of them)."""
    fitting = [
        (len(needs), what)
        for at, needs, what in _pages(shop)
        if at == path and needs.items() <= params.items()
    ]
    return max(fitting)[1] if fitting else None


def _search_action(shop: str, base: str) -> str:
    """The schema.org WebSite and its SearchAction, for the home page of shops that say so."""
    where, name, _ = SEARCHES[shop]
    target = {"@type": "EntryPoint", "urlTemplate": f"{base}{where}?{name}={{search_term_string}}"}
    action = {
        "@type": "SearchAction",
        "target": target,
        "query-input": "required name=search_term_string",
    }
    site = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": active().shops[shop].name,
        "url": base + "/",
        "potentialAction": action,
    }
    return f'<script type="application/ld+json">{json.dumps(site, ensure_ascii=False)}</script>'


def _platform_answer(shop: str, base: str, path: str, params: dict[str, str]) -> Response | None:
    """The answers that are not pages: robots.txt, sitemaps, JSON searches, OpenSearch."""
    if path == "/robots.txt":
        robots = _ROBOTS.get(shop, _ALLOW_ALL).replace("{base}", base)
        return Response(200, robots, "text/plain; charset=utf-8")
    if path in ("/sitemap.xml", "/wp-sitemap.xml"):
        return _sitemap(shop, base)
    if shop == "shopify" and path == "/search/suggest.json":
        return _json(shopify_suggest(base, params))
    if shop == "woocommerce" and path.rstrip("/") == "/wp-json/wc/store/v1/products":
        items, total = woo_store_products(base, params)
        size = int(params["per_page"]) if params.get("per_page", "").isdigit() else 10
        pages = str(max(1, -(-total // max(1, size))))
        return _json(items, **{"X-WP-Total": str(total), "X-WP-TotalPages": pages})
    if shop == "opensearch" and path == "/opensearch.xml":
        kind = "application/opensearchdescription+xml; charset=utf-8"
        return Response(200, opensearch_description(base), kind)
    if shop == "opensearch" and path == "/hledani/naseptavac":
        return _json(opensearch_suggestions(params.get("q", "")), "application/x-suggestions+json")
    return None


def respond(shop: str, base: str, target: str) -> Response:
    """The shop's answer to a GET of ``target`` (a path with its query)."""
    parts = urlsplit(target)
    path, params = parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))
    answer = _platform_answer(shop, base, path, params)
    if answer:
        return answer
    where, name, needs = SEARCHES[shop]
    if path.rstrip("/") == where.rstrip("/") and name in params and needs.items() <= params.items():
        hits = search_catalogue(shop, params[name])
        first = params.get(SKINS[shop].page_param, "1") == "1"
        woo_product_search = shop == "woocommerce" and params.get("post_type") == "product"
        if woo_product_search and first and len(hits) == 1:  # WooCommerce's own redirect
            return Response(302, "", headers={"Location": base + hits[0].path})
        return Response(200, results_page(shop, base, params[name], hits, params, where))
    what = _page(shop, path, params)
    if what is None and _page(shop, path + "/", params):
        query = f"?{parts.query}" if parts.query else ""
        return Response(301, "", headers={"Location": f"{base}{path}/{query}"})
    kind, _, key = (what or "missing:").partition(":")
    if kind == "home":
        head = _search_action(shop, base) if active().shops[shop].search == "search_action" else ""
        return Response(200, home_page(shop, base, head=head))
    if kind in ("catalog", "category"):
        return Response(200, category_page(shop, base, key or None))
    if kind == "product":
        product = next(p for p in shop_products(shop) if p.product == key)
        return Response(200, product_page(product, base))
    if kind == "info":
        return Response(200, info_page(shop, base, key))
    said = words(active().shops[shop].language)
    page = layout(shop, base, "404", f"<h1>404</h1><p>{said['empty']}</p>", page="404")
    return Response(404, page)


class CatalogueShops(Mapping[str, str]):
    """The running shops: shop key -> base URL ("http://127.0.0.1:PORT"), and what each
    was asked for (paths with their queries, in order)."""

    def __init__(self) -> None:
        self.bases: dict[str, str] = {}
        self.requests: dict[str, list[str]] = {}

    def __getitem__(self, shop: str) -> str:
        return self.bases[shop]

    def __iter__(self) -> Iterator[str]:
        return iter(self.bases)

    def __len__(self) -> int:
        return len(self.bases)

    def url(self, shop: str, path: str) -> str:
        return self.bases[shop] + path

    def requested(self, shop: str) -> list[str]:
        """The paths (with queries) the shop was asked for, in order."""
        return list(self.requests[shop])

    def clear(self) -> None:
        """Forget the requests so far (between the steps of a test)."""
        for log in self.requests.values():
            log.clear()


def _handler(
    shop: str, base: list[str], log: list[str], dataset: Dataset
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "nginx"
        sys_version = ""

        def do_GET(self) -> None:
            log.append(self.path)
            with using(dataset):
                answer = respond(shop, base[0], self.path)
            payload = answer.body.encode("utf-8")
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(payload)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        do_HEAD = do_GET

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

    return Handler


@contextmanager
def serve_catalogue(
    shops: Iterable[str] | None = None, dataset: Dataset = CATALOGUE
) -> Iterator[CatalogueShops]:
    """Serve every shop of the dataset (or the ones named), each on its own port, until the
    block ends."""
    running = CatalogueShops()
    with ExitStack() as stack:
        for shop in dataset.shops if shops is None else shops:
            base: list[str] = []  # known once the server has its port
            log: list[str] = []
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(shop, base, log, dataset))
            base.append(f"http://127.0.0.1:{server.server_address[1]}")
            running.bases[shop], running.requests[shop] = base[0], log
            # a short poll keeps stopping eleven servers, one after another, quick
            serving = serving_in_background(server, name=f"catalogue-{shop}", poll_interval=0.02)
            stack.enter_context(serving)
        yield running


assert set(SEARCHES) == set(SHOPS) == set(SKINS)
