"""Product pages: read a title, a price, its currency and an image out of a shop's HTML.

This module owns *product extraction only*: which parts of a page name the product, say
its price or show it, and in which order to trust them. Reading HTML in general lives in
``markup.py``, reading price text in ``prices.py``; no network, no database here either.
Everything is fed hostile, broken markup and never raises on it; it returns whatever it
could find.

Price sources, most trustworthy first: schema.org ``Product`` in JSON-LD, microdata,
OpenGraph/meta tags, and finally the visible text of the page.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.markup import (
    ANCESTOR_LIMIT,
    ELEMENT_LIMIT,
    NOT_TEXT,
    MicrodataProp,
    Page,
    absolute_url,
    itemprop_value,
    json_objects,
    json_text,
    jsonld_types,
    labels,
    scope_types,
    text_from,
    typed_objects,
    visible_text,
)
from discountmarket.outreach.prices import (
    COUNTRY_CURRENCY,
    currency_from_symbol,
    iso_code,
    parse_price,
    price_candidates,
    valid_amount,
)

# parse_price and currency_from_symbol are re-exported: callers import them from here.
__all__ = ["ProductSnapshot", "currency_from_symbol", "extract_product", "parse_price"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_MAX_TITLE = 500
_NEAR_H1_CHARS = 3_000


@dataclass(frozen=True)
class ProductSnapshot:
    """What one product page told us. Any field may be missing."""

    title: str | None
    price: Decimal | None  # quantized to 2 places
    currency: str | None  # ISO 4217, upper-case
    image: str | None  # absolute http(s) URL
    source: str | None  # where the price came from: json-ld, microdata, opengraph, text

    @property
    def found(self) -> bool:
        """True when at least a title or a price was found."""
        return self.title is not None or self.price is not None


_NOTHING = ProductSnapshot(title=None, price=None, currency=None, image=None, source=None)

_PRODUCT_TYPES = frozenset(
    {"product", "productgroup", "productmodel", "individualproduct", "someproducts"}
) | {"vehicle", "car", "motorcycle"}
_STRUCK = frozenset({"del", "s", "strike"})
# Class/id words that mark a price that is not the one you pay now (old, list, savings).
_OLD_WORDS = ("old", "was", "regular", "strike", "compare", "crossed", "original", "before")
_OLD_WORDS += ("save", "saving", "msrp", "rrp", "uvp")
_OLD_TOKENS = frozenset(_OLD_WORDS) | {"line-through", "strikethrough", "savings"}
_LABEL_SPLIT = re.compile(r"[\s\-_]+|(?<=[a-z])(?=[A-Z])")
_SITE_SUFFIX = re.compile(r"\s+(?:\||\u2013|\u2014|::|\u00bb|\u00b7)\s+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_Price = tuple[Decimal, str | None]


def _guard(step: Callable[[_ProductPage], T], page: _ProductPage, default: T) -> T:
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
    try:
        page = _ProductPage.load(html, base_url, encoding)
    except Exception:
        log.exception("could not parse product page %s", base_url)
        return _NOTHING
    if page is None:
        return _NOTHING
    price = _guard(_price, page, None)
    amount, currency, source = price if price else (None, None, None)
    return ProductSnapshot(
        title=_guard(_title, page, None),
        price=amount,
        currency=currency,
        image=_guard(_image, page, None),
        source=source,
    )


class _ProductPage(Page):
    """A parsed page plus what the product steps share about it, computed once."""

    @cached_property
    def country_currency(self) -> str | None:
        """The currency the shop's ccTLD suggests, only to read ambiguous signs."""
        try:
            host = urlsplit(self.base_url).hostname or ""
        except ValueError:
            return None
        country = host.rsplit(".", 1)[-1].upper()
        return COUNTRY_CURRENCY.get("GB" if country == "UK" else country)

    @cached_property
    def page_currency(self) -> str | None:
        """A currency the page declares in structured data, to fill in a missing one."""
        for key in ("product:price:currency", "og:price:currency"):
            for value in self.meta.get(key, []):
                if code := self.currency(value):
                    return code
        for prop in self.itemprops("pricecurrency"):
            if code := self.currency(itemprop_value(prop.element)):
                return code
        return None

    @cached_property
    def products(self) -> list[dict[str, Any]]:
        """JSON-LD products in document order; those nested in another product (related
        items, variants of a ProductGroup) after all the others."""
        outer: list[dict[str, Any]] = []
        nested: list[dict[str, Any]] = []
        for values in self.json_ld:
            for node, in_product in typed_objects(values, _PRODUCT_TYPES):
                (nested if in_product else outer).append(node)
        return outer + nested

    @cached_property
    def main_product(self) -> tuple[dict[str, Any] | None, _Price | None]:
        """The first JSON-LD product with a usable price, else simply the first one."""
        for product in self.products:
            price = _jsonld_product_price(product, self)
            if price:
                return product, price
        return (self.products[0] if self.products else None), None

    def currency(self, value: object) -> str | None:
        """A currency as written in structured data: a code, or failing that a sign."""
        if not isinstance(value, str):
            return None
        return iso_code(value) or currency_from_symbol(value)

    def visible_price(self, text: str, *, adjacent_only: bool) -> _Price | None:
        """The first usable amount in visible text whose currency is written there too."""
        if self.yen_backslash:
            text = text.replace("\\", "\u00a5")
        for candidate in price_candidates(text, self.page_currency or self.country_currency):
            if candidate.amount is None or not candidate.explicit:
                continue
            if candidate.adjacent or not adjacent_only:
                return candidate.amount, candidate.currency
        return None


# -------------------------------------------------------------------------------- price


def _price(page: _ProductPage) -> tuple[Decimal, str | None, str] | None:
    steps: tuple[tuple[str, Callable[[_ProductPage], _Price | None]], ...] = (
        ("json-ld", lambda page: page.main_product[1]),
        ("microdata", _microdata_price),
        ("opengraph", _meta_price),
        ("text", _text_price),
    )
    for source, step in steps:
        found = _guard(step, page, None)
        if found:
            return found[0], found[1], source
    return None


def _jsonld_product_price(product: dict[str, Any], page: _ProductPage) -> _Price | None:
    """The first offer with a usable price (list order, nested AggregateOffer offers after
    their parent); sellers list offers in their own order and the first is what shows."""
    queue = [product.get("offers")]
    for _ in range(ELEMENT_LIMIT):
        if not queue:
            break
        item = queue.pop(0)
        if isinstance(item, list):
            queue[:0] = item[:ELEMENT_LIMIT]
        elif isinstance(item, dict):
            found = _offer_price(item, page)
            if found:
                return found
            queue.append(item.get("offers"))
    return None


def _offer_price(offer: dict[str, Any], page: _ProductPage) -> _Price | None:
    currency = page.currency(offer.get("priceCurrency"))
    aggregate = "aggregateoffer" in jsonld_types(offer)
    for key in ("lowPrice", "price") if aggregate else ("price", "lowPrice"):
        amount, written = _json_amount(offer.get(key))
        if amount:
            return amount, currency or written or page.page_currency
    for spec in _price_specifications(offer.get("priceSpecification")):
        amount, written = _json_amount(spec.get("price"))
        if amount:
            spec_currency = page.currency(spec.get("priceCurrency"))
            return amount, spec_currency or currency or written or page.page_currency
    return None


def _price_specifications(value: object) -> Iterator[dict[str, Any]]:
    """Specifications in order, components of compound ones included; list and
    strikethrough prices are what you would have paid, so they are skipped."""
    for spec in json_objects(value):
        for part in [spec, *json_objects(spec.get("priceComponent"))]:
            price_type = str(part.get("priceType", "")).lower()
            if not any(word in price_type for word in ("listprice", "strikethrough", "srp")):
                yield part


def _json_amount(value: object) -> tuple[Decimal | None, str | None]:
    """An amount from JSON-LD: a number, a string in any format parse_price reads, or a
    {"@value": ...} wrapper."""
    for _ in range(5):
        if isinstance(value, dict):
            value = value.get("@value")
        elif isinstance(value, list) and value:
            value = value[0]
    if isinstance(value, bool):
        return None, None
    if isinstance(value, int | Decimal):
        return valid_amount(Decimal(value)), None
    if isinstance(value, float):
        return valid_amount(Decimal(repr(value))), None
    if isinstance(value, str):
        return parse_price(value)
    return None, None


def _microdata_price(page: _ProductPage) -> _Price | None:
    """itemprop=price (or lowPrice): in a Product scope first, then in an Offer, then
    anywhere; document order within each."""
    props = page.itemprops("price", "lowprice")
    props.sort(key=lambda prop: 0 if prop.within(_PRODUCT_TYPES) else 1 if prop.scope else 2)
    for prop in props:
        if _struck_or_old(prop.element):
            continue
        raw = itemprop_value(prop.element)
        if prop.element.has_attr("content"):
            amount, written = parse_price(raw)
        else:
            found = page.visible_price(raw, adjacent_only=False)
            amount, written = found if found else parse_price(raw)
        if amount:
            return amount, _microdata_currency(prop, page) or written or page.page_currency
    return None


def _microdata_currency(price: MicrodataProp, page: _ProductPage) -> str | None:
    """priceCurrency of the same scope as the price."""
    for prop in page.itemprops("pricecurrency"):
        if prop.scope is price.scope and (code := page.currency(itemprop_value(prop.element))):
            return code
    return None


def _meta_price(page: _ProductPage) -> _Price | None:
    for prefix in ("product:price", "og:price"):
        for raw in page.meta.get(f"{prefix}:amount", []):
            amount, written = parse_price(raw)
            if amount:
                currencies = page.meta.get(f"{prefix}:currency", [])
                currency = next(filter(None, map(page.currency, currencies)), None)
                return amount, currency or written or page.page_currency
    return None


def _text_price(page: _ProductPage) -> _Price | None:
    """Elements labelled as a price (not an old one) first, then the text after the <h1>."""
    for element in page.soup.find_all(_is_price_element, limit=ELEMENT_LIMIT):
        if _struck_or_old(element):
            continue
        found = page.visible_price(
            visible_text(element, 500, skip=_is_old_element), adjacent_only=False
        )
        if found:
            return found
    heading = page.soup.find("h1")
    if isinstance(heading, Tag):
        # Further from a labelled element, so only an amount with its currency right
        # next to it counts.
        return page.visible_price(
            text_from(heading, _NEAR_H1_CHARS, skip=_is_old_element), adjacent_only=True
        )
    return None


def _is_old_token(token: str) -> bool:
    low = token.lower()
    if low in _OLD_TOKENS or any(s in low for s in ("list-price", "listprice", "list_price")):
        return True
    words = [word.lower() for word in _LABEL_SPLIT.split(token) if word]
    return "price" in low and any(word.startswith(_OLD_WORDS) for word in words)


def _is_price_element(tag: Tag) -> bool:
    if tag.name in NOT_TEXT or tag.name in _STRUCK:
        return False
    tokens = labels(tag)
    return any("price" in t.lower() for t in tokens) and not any(map(_is_old_token, tokens))


def _is_old_element(tag: Tag) -> bool:
    """Is this <del>/<s>/<strike> or an element labelled as an old price? Its text is
    not the price you pay now."""
    return tag.name in _STRUCK or any(map(_is_old_token, labels(tag)))


def _struck_or_old(element: Tag) -> bool:
    """Is this inside <del>/<s>/<strike> or an element labelled as an old price?"""
    # Old-price markers wrap the amount closely, so a bounded walk up is enough.
    chain = itertools.chain([element], element.parents)
    return any(map(_is_old_element, itertools.islice(chain, ANCESTOR_LIMIT)))


# -------------------------------------------------------------------------------- title


def _title(page: _ProductPage) -> str | None:
    steps: tuple[Callable[[_ProductPage], str | None], ...] = (
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


def _microdata_name(page: _ProductPage) -> str | None:
    for prop in page.itemprops("name"):
        if scope_types(prop.scope) & _PRODUCT_TYPES:  # not the brand's or the seller's
            return itemprop_value(prop.element)
    return None


def _h1_text(soup: BeautifulSoup) -> str | None:
    heading = soup.find("h1")
    return visible_text(heading, 2_000) if isinstance(heading, Tag) else None


def _document_title(page: _ProductPage) -> str | None:
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


def _image(page: _ProductPage) -> str | None:
    steps: tuple[Callable[[_ProductPage], list[object]], ...] = (
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


def _microdata_images(page: _ProductPage) -> list[object]:
    props = page.itemprops("image")
    props.sort(key=lambda prop: not scope_types(prop.scope) & _PRODUCT_TYPES)
    return [itemprop_value(prop.element) for prop in props]
