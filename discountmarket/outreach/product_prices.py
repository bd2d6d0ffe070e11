"""The price sources of a product page after JSON-LD: microdata, OpenGraph/meta tags and the
visible text, and what marks a price as not the one you pay now (struck through, or labelled
as an old, list or savings price).

Each reader takes a ``ProductPage`` and returns an amount and its currency, or None;
``products.py`` asks them in order of trust. No network, no database; nothing here raises
on what a page contains.
"""

from __future__ import annotations

import itertools
import re

from bs4 import Tag

from discountmarket.outreach.markup import (
    ANCESTOR_LIMIT,
    ELEMENT_LIMIT,
    NOT_TEXT,
    MicrodataProp,
    among_other_products,
    itemprop_value,
    labels,
    text_after,
    visible_text,
)
from discountmarket.outreach.prices import parse_price
from discountmarket.outreach.product_page import PRODUCT_TYPES, Price, ProductPage

__all__ = ["meta_price", "microdata_price", "text_price"]

_NEAR_H1_CHARS = 3_000
_STRUCK = frozenset({"del", "s", "strike"})
# Class/id words that mark a price that is not the one you pay now (old, list, savings).
_OLD_WORDS = ("old", "was", "regular", "strike", "compare", "crossed", "original", "before")
_OLD_WORDS += ("save", "saving", "msrp", "rrp", "uvp")
_OLD_TOKENS = frozenset(_OLD_WORDS) | {"line-through", "strikethrough", "savings"}
_LABEL_SPLIT = re.compile(r"[\s\-_]+|(?<=[a-z])(?=[A-Z])")


def microdata_price(page: ProductPage) -> Price | None:
    """itemprop=price (or lowPrice): in a Product scope first, then in an Offer, then
    anywhere; document order within each."""
    props = page.itemprops("price", "lowprice")
    props.sort(
        key=lambda prop: (
            among_other_products(prop.element),
            0 if prop.within(PRODUCT_TYPES) else 1 if prop.scope else 2,
        )
    )
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


def _microdata_currency(price: MicrodataProp, page: ProductPage) -> str | None:
    """priceCurrency of the same scope as the price."""
    for prop in page.itemprops("pricecurrency"):
        if prop.scope is price.scope and (code := page.currency(itemprop_value(prop.element))):
            return code
    return None


def meta_price(page: ProductPage) -> Price | None:
    for prefix in ("product:price", "og:price"):
        for raw in page.meta.get(f"{prefix}:amount", []):
            amount, written = parse_price(raw)
            if amount:
                currencies = page.meta.get(f"{prefix}:currency", [])
                currency = next(filter(None, map(page.currency, currencies)), None)
                return amount, currency or written or page.page_currency
    return None


def text_price(page: ProductPage) -> Price | None:
    """Elements labelled as a price (not an old one, not another product's) first, then the
    text after the <h1> (not the <h1> itself: "PocketRocket 2" names a model, and "FKP 37"
    is no amount in Falkland pounds)."""
    for element in page.soup.find_all(_is_price_element, limit=ELEMENT_LIMIT):
        if _struck_or_old(element) or among_other_products(element):
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
            text_after(heading, _NEAR_H1_CHARS, skip=_is_old_element), adjacent_only=True
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
