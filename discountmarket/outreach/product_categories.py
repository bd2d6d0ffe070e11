"""The category path a product page states: its breadcrumb trail (schema.org BreadcrumbList
in JSON-LD or microdata, or a breadcrumb navigation in the markup), else the product's
schema.org ``category`` (text such as "Home & Garden > Kitchen > Coffee Grinders", as
Google's product taxonomy writes it). The shop's home link and the product itself are left
out. No network; nothing here raises on what a page contains.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import Tag

from discountmarket.outreach.jsonld import json_objects, json_text, typed_objects
from discountmarket.outreach.markup import ELEMENT_LIMIT, itemprop_value, labels, visible_text
from discountmarket.outreach.product_page import ProductPage

__all__ = ["category_path"]

_MAX_LEVELS = 8
_MAX_NAME = 80
_HOME = re.compile(
    r"^(?:home|homepage|start|startseite|accueil|inicio|главная|domů|strona główna|"
    r"etusivu|hem|forside|home page|shop|store|магазин|каталог|catalog|catalogue)$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:>|\u203a|\u00bb|/|\|)\s*")  # the signs shops put between levels


def category_path(page: ProductPage, title: str | None = None) -> tuple[str, ...]:
    """The categories from the widest to the narrowest."""
    for reader in (_json_ld_trail, _microdata_trail, _markup_trail, _stated_category):
        try:
            found = _clean(reader(page), title)
        except Exception:  # a reader's bug must not cost the product its snapshot
            found = ()
        if found:
            return found
    return ()


def _json_ld_trail(page: ProductPage) -> list[str]:
    for values in page.json_ld:
        for trail, _ in typed_objects(values, frozenset({"breadcrumblist"})):
            items = json_objects(trail.get("itemListElement"))[:20]
            items.sort(key=lambda item: _position(item.get("position")))
            return [name for item in items if (name := _item_name(item))]
    return []


def _item_name(item: dict[str, Any]) -> str | None:
    inner = item.get("item")
    return json_text(item.get("name")) or (
        json_text(inner.get("name")) if isinstance(inner, dict) else None
    )


def _position(value: object) -> float:
    try:
        return float(str(value))
    except ValueError:
        return float("inf")


def _microdata_trail(page: ProductPage) -> list[str]:
    names = [
        itemprop_value(prop.element)
        for prop in page.itemprops("name")
        if prop.within(frozenset({"listitem"})) and _in_breadcrumb(prop.element)
    ]
    return names


def _in_breadcrumb(element: Tag) -> bool:
    for parent in list(element.parents)[:20]:
        if "breadcrumblist" in str(parent.get("itemtype") or "").lower():
            return True
    return False


def _markup_trail(page: ProductPage) -> list[str]:
    """A navigation labelled as breadcrumbs: its link and item texts in order."""
    for element in page.soup.find_all(_is_breadcrumb, limit=5):
        parts = [
            visible_text(item, _MAX_NAME * 2)
            for item in element.find_all(["a", "li", "span"], limit=ELEMENT_LIMIT)
            if item.name == "a" or not item.find(["a", "li", "span"])
        ]
        if parts:
            return parts
    return []


def _is_breadcrumb(tag: Tag) -> bool:
    label = str(tag.get("aria-label") or "").lower()
    words = " ".join(labels(tag)).lower()
    return "breadcrumb" in label or "breadcrumb" in words or "хлебн" in label


def _stated_category(page: ProductPage) -> list[str]:
    product = page.main_product[0]
    text = json_text(product.get("category")) if product else None
    if not text:
        props = page.itemprops("category")
        text = itemprop_value(props[0].element) if props else None
    return _SEPARATORS.split(text) if text and not text.startswith("http") else []


def _clean(names: list[str], title: str | None) -> tuple[str, ...]:
    """Names as shown, without the home link, the product itself and repeats."""
    kept: list[str] = []
    for raw in names:
        name = " ".join(str(raw).split())[:_MAX_NAME]
        if not name or _HOME.match(name) or name in kept:
            continue
        if title and name.casefold() == title.casefold()[: len(name)].casefold():
            continue  # the trail ends with the product's own name
        kept.append(name)
    return tuple(kept[:_MAX_LEVELS])
