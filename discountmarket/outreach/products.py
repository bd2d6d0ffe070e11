"""Product pages: read a title, a price, its currency and an image out of a shop's HTML.

This module owns *product extraction*: which parts of a page name the product or show it,
and in which order to trust each source. The page every step shares, with its JSON-LD
products and offers, is ``product_page.py``; the other price sources are
``product_prices.py``; reading HTML in general lives in ``markup.py``, reading price text
in ``prices.py``. No network, no database here either. Everything is fed hostile, broken
markup and never raises on it; it returns whatever it could find.

Price sources, most trustworthy first: schema.org ``Product`` in JSON-LD, microdata,
OpenGraph/meta tags, and finally the visible text of the page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.jsonld import json_text
from discountmarket.outreach.markup import absolute_url, itemprop_value, scope_types, visible_text
from discountmarket.outreach.page_kind import kind_of_page
from discountmarket.outreach.product_categories import category_path
from discountmarket.outreach.product_identity import ProductIdentity, read_identity
from discountmarket.outreach.product_page import PRODUCT_TYPES, Price, ProductPage
from discountmarket.outreach.product_prices import meta_price, microdata_price, text_price

__all__ = ["ProductSnapshot", "extract_product", "read_product"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_MAX_TITLE = 500


@dataclass(frozen=True)
class ProductSnapshot:
    """What one product page told us. Any field may be missing."""

    title: str | None
    price: Decimal | None  # quantized to 2 places
    currency: str | None  # ISO 4217, upper-case
    image: str | None  # absolute http(s) URL
    source: str | None  # where the price came from: json-ld, microdata, opengraph, text
    # Not one product's page: "contact", "category", "search", "cart", "account", "home",
    # "info" (outreach/page_kind.py); None for a product page.
    page_kind: str | None = None
    categories: tuple[str, ...] = ()  # the shop's category path, widest first

    @property
    def found(self) -> bool:
        """True when at least a title or a price was found."""
        return self.title is not None or self.price is not None


_NOTHING = ProductSnapshot(title=None, price=None, currency=None, image=None, source=None)

_SITE_SUFFIX = re.compile(r"\s+(?:\||\u2013|\u2014|::|\u00bb|\u00b7)\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _guard(step: Callable[[ProductPage], T], page: ProductPage, default: T) -> T:
    """Run one extraction step; a bug in it must not cost us the other fields."""
    try:
        return step(page)
    except Exception:
        log.exception("product extraction step %s failed", getattr(step, "__name__", step))
        return default


def extract_product(
    html: str | bytes, base_url: str, *, encoding: str | None = None
) -> ProductSnapshot:
    """Read a product page. Never raises on what the page contains."""
    return read_product(html, base_url, encoding=encoding)[0]


def read_product(
    html: str | bytes, base_url: str, *, encoding: str | None = None
) -> tuple[ProductSnapshot, ProductIdentity]:
    """A product page's snapshot and the product's identity, from one parse."""
    try:
        page = ProductPage.load(html, base_url, encoding)
    except Exception:
        log.exception("could not parse product page %s", base_url)
        return _NOTHING, ProductIdentity()
    if page is None:
        return _NOTHING, ProductIdentity()
    return _snapshot(page), read_identity(page)


def _snapshot(page: ProductPage) -> ProductSnapshot:
    price = _guard(_price, page, None)
    amount, currency, source = price if price else (None, None, None)
    title = _guard(_title, page, None)
    return ProductSnapshot(
        title=title,
        price=amount,
        currency=currency,
        image=_guard(_image, page, None),
        source=source,
        page_kind=_guard(lambda page: kind_of_page(page, has_price=price is not None), page, None),
        categories=category_path(page, title),
    )


# -------------------------------------------------------------------------------- price


def _price(page: ProductPage) -> tuple[Decimal, str | None, str] | None:
    steps: tuple[tuple[str, Callable[[ProductPage], Price | None]], ...] = (
        ("json-ld", lambda page: page.main_product[1]),
        ("microdata", microdata_price),
        ("opengraph", meta_price),
        ("text", text_price),
    )
    for source, step in steps:
        found = _guard(step, page, None)
        if found:
            return found[0], found[1], source
    return None


# -------------------------------------------------------------------------------- title


def _title(page: ProductPage) -> str | None:
    steps: tuple[Callable[[ProductPage], str | None], ...] = (
        lambda page: json_text(page.main_product[0].get("name")) if page.main_product[0] else None,
        lambda page: next(iter(page.meta.get("og:title", [])), None),
        _microdata_name,
        lambda page: _h1_text(page.soup),
        _document_title,
    )
    for step in steps:
        title = _clean(_guard(step, page, None))
        if title:
            return title
    return None


def _microdata_name(page: ProductPage) -> str | None:
    for prop in page.itemprops("name"):
        if scope_types(prop.scope) & PRODUCT_TYPES:  # not the brand's or the seller's
            return itemprop_value(prop.element)
    return None


def _h1_text(soup: BeautifulSoup) -> str | None:
    heading = soup.find("h1")
    return visible_text(heading, 2_000) if isinstance(heading, Tag) else None


def _document_title(page: ProductPage) -> str | None:
    for tag in page.soup.find_all("title", limit=20):
        if tag.find_parent("svg") is None:  # an icon's <title> is not the page's
            return _strip_site_suffix(_clean(visible_text(tag, 2_000)))
    return None


def _strip_site_suffix(title: str | None) -> str | None:
    """Drop the last " | Shop name"-like segment when something is left, so
    "Nice Lamp | Lamp Shop" becomes "Nice Lamp". A plain hyphen is not a separator:
    product names use it."""
    if not title:
        return title
    separators = list(_SITE_SUFFIX.finditer(title))
    if separators:
        head = title[: separators[-1].start()].strip()
        if head:
            return head
    return title


def _clean(text: str | None) -> str | None:
    """Collapse whitespace (control characters count as such), cap the length. Format
    characters such as the Persian zero-width non-joiner are part of words and stay."""
    if not isinstance(text, str):
        return None
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text[:_MAX_TITLE].rstrip() or None


# -------------------------------------------------------------------------------- image


def _image(page: ProductPage) -> str | None:
    steps: tuple[Callable[[ProductPage], list[object]], ...] = (
        lambda page: (
            _json_images(page.main_product[0].get("image")) if page.main_product[0] else []
        ),
        lambda page: [
            *page.meta.get("og:image:secure_url", []),
            *page.meta.get("og:image", []),
            *page.meta.get("og:image:url", []),
        ],
        _microdata_images,
    )
    for step in steps:
        for candidate in _guard(step, page, []):
            url = absolute_url(candidate, page.resolve_base)
            if url:
                return url
    return None


def _json_images(value: object) -> list[object]:
    """URLs from a string, a list, or ImageObjects (url / contentUrl), in order."""
    found: list[object] = []
    queue = [value]
    for _ in range(500):
        if not queue or len(found) >= 50:
            break
        item = queue.pop(0)
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, list):
            queue[:0] = item[:50]
        elif isinstance(item, dict):
            queue[:0] = [item.get("url"), item.get("contentUrl")]
    return found


def _microdata_images(page: ProductPage) -> list[object]:
    props = page.itemprops("image")
    props.sort(key=lambda prop: not scope_types(prop.scope) & PRODUCT_TYPES)
    return [itemprop_value(prop.element) for prop in props]
