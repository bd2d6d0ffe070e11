"""A shop's answer to a search, read as a list of candidate product pages: Shopify's
predictive search JSON, the WooCommerce Store API's product list, or an HTML results page.

Every candidate is a URL on the shop's own site with the title shown for it (and the price
when the answer gives one). Links to categories, the cart, accounts, other searches or
other sites are not candidates, nor are links in the page's header, navigation, footer or
sidebars. No network; nothing here raises on what a shop answers.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlsplit

from bs4 import Tag

from discountmarket.outreach.markup import (
    ANCESTOR_LIMIT,
    OTHER_PRODUCTS_WORDS,
    Page,
    absolute_url,
    labels,
    visible_text,
)
from discountmarket.outreach.page_kind import kind_of_url
from discountmarket.outreach.prices import parse_price, valid_amount

__all__ = ["Candidate", "own_product_pages", "read_results"]

log = logging.getLogger(__name__)

_MAX_CANDIDATES = 30
_MAX_JSON = 2_000_000
_CHROME = frozenset({"header", "nav", "footer", "aside"})
_CHROME_WORDS = ("menu", "navbar", "breadcrumb", "footer", "header", "sidebar")
_CHROME_WORDS += OTHER_PRODUCTS_WORDS


@dataclass(frozen=True)
class Candidate:
    url: str
    title: str
    price: Decimal | None = None
    currency: str | None = None


def read_results(reads: str, body: str, url: str) -> list[Candidate]:
    """The candidates in one search answer (``reads`` as on ``SearchEndpoint``)."""
    readers = {"shopify_json": _shopify, "woo_json": _woocommerce, "html": _html}
    try:
        found = readers[reads](body, url)
    except Exception:
        log.exception("could not read search results from %s", url)
        return []
    return own_product_pages(found, urlsplit(url).hostname)[:_MAX_CANDIDATES]


def own_product_pages(found: list[Candidate], host: str | None) -> list[Candidate]:
    """The candidates on the shop's own host that may be product pages (not a category,
    search, cart… by the platforms' URL conventions), each once."""
    seen: set[str] = set()
    kept = []
    for candidate in found:
        key = candidate.url.split("#", 1)[0]
        if key in seen or urlsplit(key).hostname != host or kind_of_url(key):
            continue
        seen.add(key)
        kept.append(candidate)
    return kept


def _json(body: str) -> object:
    return json.loads(body[:_MAX_JSON], parse_float=Decimal) if len(body) <= _MAX_JSON else None


def _shopify(body: str, url: str) -> list[Candidate]:
    """/search/suggest.json: resources.results.products[] with url, title and price in the
    shop's currency (a decimal string)."""
    data = _json(body)
    results = data.get("resources", {}).get("results", {}) if isinstance(data, dict) else {}
    products = results.get("products", []) if isinstance(results, dict) else []
    found = []
    for product in products[:_MAX_CANDIDATES] if isinstance(products, list) else []:
        if not isinstance(product, dict):
            continue
        link = absolute_url(product.get("url"), url)
        title = product.get("title")
        if link and isinstance(title, str) and title.strip():
            amount, _ = parse_price(str(product.get("price") or ""))
            found.append(Candidate(link, " ".join(title.split())[:300], amount))
    return found


def _woocommerce(body: str, url: str) -> list[Candidate]:
    """/wp-json/wc/store/v1/products: a list of products with permalink, name and prices
    in minor units (``currency_minor_unit`` digits)."""
    data = _json(body)
    found = []
    for product in data[:_MAX_CANDIDATES] if isinstance(data, list) else []:
        if not isinstance(product, dict):
            continue
        link = absolute_url(product.get("permalink"), url)
        title = product.get("name")
        if link and isinstance(title, str) and title.strip():
            amount, currency = _woo_price(product.get("prices"))
            markup = Page.load(f"<p>{title}</p>", url)  # Store API names carry HTML
            title = visible_text(markup.soup, 300) if markup else title
            found.append(Candidate(link, " ".join(title.split()), amount, currency))
    return found


def _woo_price(prices: object) -> tuple[Decimal | None, str | None]:
    if not isinstance(prices, dict):
        return None, None
    text = str(prices.get("price"))
    if len(text) > 20:  # minor units of a real price are short; a longer number is junk
        return None, None
    try:
        minor = int(prices.get("currency_minor_unit", 2))
        raw = Decimal(text)
    except (ValueError, ArithmeticError, TypeError):
        return None, None
    if not 0 <= minor <= 4:
        return None, None
    currency = prices.get("currency_code")
    return valid_amount(raw.scaleb(-minor)), currency if isinstance(currency, str) else None


def _html(body: str, url: str) -> list[Candidate]:
    """Links in the page's content, with their text (or the image's alt, or the title
    attribute) as the title; the longest text a URL is shown with wins."""
    page = Page.load(body, url)
    if page is None:
        return []
    titles: dict[str, str] = {}
    for link in page.soup.find_all("a", href=True, limit=2_000):
        target = absolute_url(link.get("href"), page.resolve_base)
        if not target or _in_chrome(link):
            continue
        text = " ".join(visible_text(link, 300).split()) or _image_text(link)
        if len(text) >= 3 and len(text) > len(titles.get(target, "")):
            titles[target] = text
    return [Candidate(target, title) for target, title in titles.items()]


def _image_text(link: Tag) -> str:
    image = link.find("img")
    for name in ("alt", "title"):
        value = image.get(name) if isinstance(image, Tag) else link.get(name)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:300]
    return ""


def _in_chrome(link: Tag) -> bool:
    """Inside the header, navigation, footer, a sidebar or a "related"/"recently viewed"
    strip: not a result."""
    for index, parent in enumerate(link.parents):
        if index >= ANCESTOR_LIMIT or not isinstance(parent, Tag):
            break
        if parent.name in _CHROME or str(parent.get("role") or "") == "navigation":
            return True
        words = " ".join(labels(parent)).lower()
        if any(word in words for word in _CHROME_WORDS):
            return True
    return False
