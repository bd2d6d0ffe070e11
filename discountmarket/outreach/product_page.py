"""A product page as every product reader sees it: the parsed page, the currency its shop's
country and its structured data suggest, its JSON-LD products and the main one among them.

The main product is the first JSON-LD product with a usable offer price, so reading JSON-LD
offers (the most trusted price source) lives here too. The other price sources are in
``product_prices.py``; ``products.py`` puts them and the title and image readers in order.
No network, no database; nothing here raises on what a page contains.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from bs4 import Tag

from discountmarket.outreach.currencies import (
    COUNTRY_CURRENCY,
    country_of,
    currency_from_symbol,
    iso_code,
    language_country,
)
from discountmarket.outreach.jsonld import json_objects, jsonld_types, typed_objects
from discountmarket.outreach.markup import ELEMENT_LIMIT, Page, itemprop_value
from discountmarket.outreach.prices import parse_price, price_candidates, valid_amount

__all__ = ["PRODUCT_TYPES", "Price", "ProductPage"]

PRODUCT_TYPES = frozenset(
    {"product", "productgroup", "productmodel", "individualproduct", "someproducts"}
) | {"vehicle", "car", "motorcycle"}
Price = tuple[Decimal, str | None]  # an amount and its ISO currency, if known


class ProductPage(Page):
    """A parsed page plus what the product steps share about it, computed once."""

    @cached_property
    def country_currency(self) -> str | None:
        """The currency an ambiguous sign ("kr", "$") means here: from the country the page's
        language tag states ("sv-SE"), else its ccTLD, else where its language is mostly
        spoken ("kr" on a Swedish page of a .com shop is SEK, not DKK)."""
        stated, likely = language_country(self._language())
        try:
            host = urlsplit(self.base_url).hostname or ""
        except ValueError:
            host = ""
        for country in (stated, country_of(host) if host else None, likely):
            if country and country in COUNTRY_CURRENCY:
                return COUNTRY_CURRENCY[country]
        return None

    def _language(self) -> str:
        html = self.soup.find("html")
        lang = html.get("lang") if isinstance(html, Tag) else None
        if isinstance(lang, str) and lang.strip():
            return lang[:35]
        return next(iter(self.meta.get("og:locale", [])), "")[:35]

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
            for node, in_product in typed_objects(values, PRODUCT_TYPES):
                (nested if in_product else outer).append(node)
        return outer + nested

    @cached_property
    def main_product(self) -> tuple[dict[str, Any] | None, Price | None]:
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

    def visible_price(self, text: str, *, adjacent_only: bool) -> Price | None:
        """The first usable amount in visible text whose currency is written there too."""
        if self.yen_backslash:
            text = text.replace("\\", "\u00a5")
        for candidate in price_candidates(text, self.page_currency or self.country_currency):
            if candidate.amount is None or not candidate.explicit:
                continue
            if candidate.adjacent or not adjacent_only:
                return candidate.amount, candidate.currency
        return None


# ----------------------------------------------------------------------------- JSON-LD offers


def _jsonld_product_price(product: dict[str, Any], page: ProductPage) -> Price | None:
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


def _offer_price(offer: dict[str, Any], page: ProductPage) -> Price | None:
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
