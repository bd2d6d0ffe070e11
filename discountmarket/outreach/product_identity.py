"""Which product a page is about, in terms two shops share: GTIN (as GTIN-14), the maker's
part number, brand, model, colour and size, plus the shop's own SKU and its category path.

Sources, most trustworthy first: the page's main schema.org product in JSON-LD (and its
offers, where many shop themes put the GTIN), microdata and RDFa properties of a product,
product meta tags (OpenGraph ``product:*``), then labelled visible text
(``identity_labels.py``). A GTIN whose check digit fails is dropped wherever it comes from.
No network; nothing here raises on what a page contains.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from bs4 import Tag

from discountmarket.outreach.identity_labels import labelled_codes
from discountmarket.outreach.jsonld import json_objects, json_text
from discountmarket.outreach.markup import ELEMENT_LIMIT, itemprop_value, visible_text
from discountmarket.outreach.product_codes import normal_gtin
from discountmarket.outreach.product_page import PRODUCT_TYPES, ProductPage

__all__ = ["ProductIdentity", "read_identity"]

log = logging.getLogger(__name__)

_GTIN_KEYS = ("gtin14", "gtin13", "gtin12", "gtin8", "gtin", "isbn", "ean", "upc")
_GTIN_META = ("product:ean", "product:upc", "product:isbn", "product:gtin", "og:upc", "og:ean")
_TEXT_LIMIT = 120


@dataclass(frozen=True)
class ProductIdentity:
    """What identifies the product on one page. Any field may be missing."""

    gtin: str | None = None  # GTIN-14, check digit valid
    mpn: str | None = None  # as written
    sku: str | None = None  # the shop's own code: never compared across shops
    brand: str | None = None
    model: str | None = None
    color: str | None = None
    size: str | None = None
    # The page sells the product in sizes or other variants (a picker, or offers with their
    # own codes): its GTIN and part number may be those of the variant it shows.
    variants: bool = False

    def as_dict(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in _CODE_FIELDS}


_CODE_FIELDS = ("gtin", "mpn", "sku", "brand", "model", "color", "size")
# A picker of a product's variants, by its name, id, class or label: sizes in the shops'
# languages, and the platforms' own names (WooCommerce attribute_pa_*, Magento
# super_attribute, PrestaShop group[…], Shopify options[…]).
_VARIANT_PICKER = re.compile(
    r"size|variant|option|attribute|group|combination|swatch|taille|gr(?:ö|oe)(?:ss|ß)e|talla|"
    r"taglia|tamanho|rozmiar|velikost|maat|storlek|størrelse|koko|размер|розмір",
    re.IGNORECASE,
)
_NOT_A_VARIANT = re.compile(r"qty|quantity|lang|currency|country|sort|limit|menge|anzahl", re.I)


def read_identity(page: ProductPage) -> ProductIdentity:
    """The product's identity as the page states it. Never raises on page content."""
    found: dict[str, str | None] = dict.fromkeys(_CODE_FIELDS)
    for source in (_from_json_ld, _from_properties, _from_meta, _from_labels):
        try:
            for name, value in source(page):
                if found[name] is None and value:
                    found[name] = value
        except Exception:
            log.exception("identity source %s failed on %s", source.__name__, page.base_url)
    try:
        variants = _sold_in_variants(page)
    except Exception:
        log.exception("variant reading failed on %s", page.base_url)
        variants = False
    return ProductIdentity(**found, variants=variants)


def _sold_in_variants(page: ProductPage) -> bool:
    """Offers with codes of their own, or a picker of two or more variants outside the
    page's header, navigation and footer."""
    product = page.main_product[0]
    if product:
        offers = _offers(product)
        codes = {
            _first_gtin(offer.get(key) for key in _GTIN_KEYS) or _text(offer.get("sku"))
            for offer in offers
        } - {None}
        if len(codes) > 1 or product.get("hasVariant"):
            return True
    for picker in page.soup.find_all("select", limit=ELEMENT_LIMIT):
        if picker.find_parent(["header", "nav", "footer"]):
            continue
        named = " ".join(
            str(picker.get(attribute) or "")
            for attribute in ("name", "id", "class", "aria-label", "data-attribute_name")
        )
        if _VARIANT_PICKER.search(named) and not _NOT_A_VARIANT.search(named):
            choices = [o for o in picker.find_all("option", limit=200) if o.get("value")]
            if len(choices) >= 2:
                return True
    return False


Field = tuple[str, str | None]


def _from_json_ld(page: ProductPage) -> Iterator[Field]:
    product = page.main_product[0]
    if not product:
        return
    for node in [product, *_offers(product)]:
        yield "gtin", _first_gtin(node.get(key) for key in _GTIN_KEYS)
        yield "gtin", _gtin_from_product_id(node.get("productID"))
        yield "mpn", _text(node.get("mpn"))
        yield "sku", _text(node.get("sku"))
    yield "brand", _named(product.get("brand")) or _named(product.get("manufacturer"))
    yield "model", _named(product.get("model"))
    yield "color", _text(product.get("color"))
    yield "size", _named(product.get("size"))


def _offers(product: dict[str, Any]) -> list[dict[str, Any]]:
    offers = json_objects(product.get("offers"))
    nested = [inner for offer in offers[:50] for inner in json_objects(offer.get("offers"))]
    return (offers + nested)[:100]


def _from_properties(page: ProductPage) -> Iterator[Field]:
    """Microdata (``itemprop``) and RDFa (``property``) values inside a product's scope;
    RDFa names may carry a vocabulary prefix ("schema:gtin13")."""
    values: dict[str, list[str]] = {}
    for prop in page.microdata:
        if prop.within(PRODUCT_TYPES) or prop.scope is None:
            for name in prop.names:
                values.setdefault(name, []).append(itemprop_value(prop.element))
    for element in page.soup.find_all(attrs={"property": True}, limit=ELEMENT_LIMIT * 5):
        if element.name == "meta" and not element.find_parent(attrs={"typeof": True}):
            continue  # <meta property> in the head is OpenGraph: _from_meta reads it
        for name in str(element.get("property") or "").split():
            values.setdefault(name.rsplit(":", 1)[-1].lower(), []).append(_rdfa_value(element))
    yield "gtin", _first_gtin(value for key in _GTIN_KEYS for value in values.get(key, []))
    for name in ("mpn", "sku", "model", "color", "size"):
        yield name, _text(next(iter(values.get(name, [])), None))
    yield "brand", _text(next(iter(values.get("brand", [])), None))


def _rdfa_value(element: Tag) -> str:
    content = element.get("content")
    if isinstance(content, str) and content.strip():
        return content.strip()
    return visible_text(element, 500).strip()


def _from_meta(page: ProductPage) -> Iterator[Field]:
    meta = page.meta
    yield "gtin", _first_gtin(value for key in _GTIN_META for value in meta.get(key, []))
    yield "mpn", _text(next(iter(meta.get("product:mfr_part_no", [])), None))
    yield "sku", _text(next(iter(meta.get("product:retailer_item_id", [])), None))
    for key in ("product:brand", "og:brand", "brand"):
        yield "brand", _text(next(iter(meta.get(key, [])), None))


def _from_labels(page: ProductPage) -> Iterator[Field]:
    codes = labelled_codes(page)
    yield "gtin", _first_gtin(codes.gtins)
    yield "mpn", codes.mpn
    yield "model", codes.model
    yield "sku", codes.sku
    yield "brand", codes.brand


def _first_gtin(values: Iterator[object] | list[str]) -> str | None:
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if gtin := normal_gtin(json_text(item) if isinstance(item, dict) else item):
                return gtin
    return None


def _gtin_from_product_id(value: object) -> str | None:
    """schema.org productID written as "isbn:978…" or "gtin13:…"."""
    text = json_text(value)
    return normal_gtin(text.split(":", 1)[-1]) if text else None


def _named(value: object) -> str | None:
    """A Brand/Organization/ProductModel object's name, or the plain text given."""
    for item in json_objects(value) or [value]:
        text = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if text:
            return text
    return None


def _text(value: object) -> str | None:
    text = json_text(value) if not isinstance(value, str) else value
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(value)
    if not isinstance(text, str):
        return None
    text = " ".join(text.split())
    return text[:_TEXT_LIMIT] or None
