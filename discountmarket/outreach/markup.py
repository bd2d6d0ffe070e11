"""Reading a shop's HTML: text to a parsed ``Page``, and the generic ways to read it (meta
tags, microdata, the text a visitor sees, URLs in attributes).

Bytes become text in ``decoding.py`` and JSON-LD values are read by ``jsonld.py``; ``Page``
brings them together. This module knows nothing about products or prices; readers that look
for something specific (``product_page.py``, ``contacts.py``, the form modules) build on it.
Everything here is fed hostile, broken markup and never raises on it, and every walk over
the tree is bounded so that deeply nested garbage stays cheap.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PageElement
from bs4.exceptions import ParserRejectedMarkup

from discountmarket.outreach.decoding import JAPANESE_LEGACY, decode
from discountmarket.outreach.jsonld import load_json

__all__ = [
    "ANCESTOR_LIMIT",
    "ELEMENT_LIMIT",
    "NOT_TEXT",
    "OTHER_PRODUCTS_WORDS",
    "MicrodataProp",
    "Page",
    "absolute_url",
    "among_other_products",
    "itemprop_value",
    "labels",
    "scope_types",
    "text_after",
    "visible_text",
]

log = logging.getLogger(__name__)

ANCESTOR_LIMIT = 100  # bounds parent walks so deeply nested garbage stays cheap
ELEMENT_LIMIT = 200  # candidates examined per strategy, for the same reason
_MAX_URL = 2048  # longer "image URLs" are inlined data or junk, never something to link to
_XML_DECLARATION = re.compile(r"<\?xml\s[^>]*>", re.IGNORECASE)
# Elements whose content a visitor does not read as text.
NOT_TEXT = frozenset(
    {"script", "style", "template", "noscript", "svg", "math", "textarea", "select"}
) | {"option", "iframe", "object", "head", "title"}
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset"}
) | {"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header"}
_BLOCKS |= {"hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr"}
_BLOCKS |= {"ul"}
# Class/id words of blocks that show *other* products than the page's own.
OTHER_PRODUCTS_WORDS = ("related", "upsell", "up-sell", "cross-sell", "crosssell", "recommend")
OTHER_PRODUCTS_WORDS += ("recently", "viewed", "similar", "also-bought", "alsobought")
_URL_JUNK = re.compile(r"[\t\n\r]")
_URL_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")

# ------------------------------------------------------------------------------ the page


class Page:
    """One parsed page plus what several readers share, computed once."""

    def __init__(self, soup: BeautifulSoup, base_url: str, yen_backslash: bool) -> None:
        self.soup = soup
        self.base_url = base_url
        # Japanese legacy encodings put the yen sign on the backslash byte; pages show it
        # as "¥" but Python decodes it as "\".
        self.yen_backslash = yen_backslash

    @classmethod
    def load(cls, html: str | bytes, base_url: str, encoding: str | None = None) -> Self | None:
        """Parse ``html`` (text, or bytes decoded as described on ``decoding.decode``); None when
        there is no markup to read."""
        codec = None
        if isinstance(html, bytes | bytearray):
            text, codec = decode(bytes(html), encoding)
        elif isinstance(html, str):
            text = html
        else:
            return None
        # An XML declaration makes bs4 warn (XMLParsedAsHTMLWarning) and carries nothing we use.
        text = _XML_DECLARATION.sub("", text)
        if "<" not in text:
            return None  # no markup, nothing to find (and bs4 would warn it looks like a path)
        try:
            soup = BeautifulSoup(text, "html.parser")
        except ParserRejectedMarkup:
            log.info("html.parser rejected page %s", base_url)
            return None
        return cls(soup, base_url if isinstance(base_url, str) else "", codec in JAPANESE_LEGACY)

    @cached_property
    def resolve_base(self) -> str:
        """Relative URLs resolve against <base href> when the page has one, like browsers."""
        base = self.soup.find("base", href=True)
        href = base.get("href") if isinstance(base, Tag) else None
        resolved = absolute_url(href, self.base_url) if isinstance(href, str) else None
        return resolved or self.base_url

    @cached_property
    def meta(self) -> dict[str, list[str]]:
        """<meta> contents by property or name (lower-case), in document order."""
        found: dict[str, list[str]] = {}
        for tag in self.soup.find_all("meta", limit=2_000):
            key = tag.get("property") or tag.get("name")
            content = tag.get("content")
            if isinstance(key, str) and isinstance(content, str) and content.strip():
                found.setdefault(key.strip().lower(), []).append(content.strip())
        return found

    @cached_property
    def json_ld(self) -> list[list[Any]]:
        """The JSON values of each JSON-LD script, one list per script, in document order.
        (Per script, so that a walk's node limit applies to each script on its own.)"""
        scripts: list[list[Any]] = []
        for script in self.soup.find_all("script", limit=500):
            kind = script.get("type")
            if not isinstance(kind, str) or kind.split(";")[0].strip().lower() != (
                "application/ld+json"
            ):
                continue
            scripts.append(load_json(script.get_text()))
        return scripts

    @cached_property
    def microdata(self) -> list[MicrodataProp]:
        """Every microdata property on the page (document order), indexed once so that
        nested scopes cannot make lookups quadratic."""
        found = []
        for element in self.soup.find_all(attrs={"itemprop": True}, limit=ELEMENT_LIMIT * 5):
            names = frozenset(str(element.get("itemprop") or "").lower().split())
            found.append(MicrodataProp(element, names, _owner_scope(element)))
        return found

    def itemprops(self, *names: str) -> list[MicrodataProp]:
        """The microdata properties with any of ``names`` (lower-case), document order."""
        return [prop for prop in self.microdata if prop.names.intersection(names)]


# ---------------------------------------------------------------------------------- URLs


def absolute_url(value: object, base_url: str) -> str | None:
    """``value`` resolved against ``base_url`` if that gives an http(s) URL."""
    if not isinstance(value, str):
        return None
    # Browsers drop these anywhere in a URL; leaving them in would hide e.g. "java\nscript:".
    value = _URL_JUNK.sub("", _URL_EDGES.sub("", value))
    if not value or len(value) > _MAX_URL:
        return None
    try:
        url = urljoin(base_url, value)
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url if len(url) <= _MAX_URL else None


# ----------------------------------------------------------------------------- microdata


@dataclass(frozen=True)
class MicrodataProp:
    """One microdata property: the element, its itemprop names (lower-case) and the
    itemscope it belongs to."""

    element: Tag
    names: frozenset[str]
    scope: Tag | None

    def within(self, types: frozenset[str]) -> bool:
        """Is this property inside (however deep) an itemscope of one of ``types``?"""
        scopes = itertools.islice(self.element.parents, ANCESTOR_LIMIT)
        return any(scope_types(tag) & types for tag in scopes if tag.has_attr("itemscope"))


def scope_types(scope: Tag | None) -> set[str]:
    """An itemscope's itemtype names, lower-case ("https://schema.org/Product" -> "product")."""
    if scope is None:
        return set()
    names = str(scope.get("itemtype") or "").split()
    return {re.split(r"[/:#]", name)[-1].lower() for name in names}


def _owner_scope(element: Tag) -> Tag | None:
    """The itemscope a property belongs to: the nearest *ancestor* with itemscope (an
    element with both itemprop and itemscope is a value of its parent's scope)."""
    for parent in itertools.islice(element.parents, ANCESTOR_LIMIT):
        if parent.has_attr("itemscope"):
            return parent
    return None


def itemprop_value(element: Tag) -> str:
    """A microdata property's value, per the microdata spec (plus the common habit of
    putting ``content`` on any element)."""
    attribute = {"meta": "content", "a": "href", "area": "href", "link": "href"}.get(
        element.name, "src" if element.name in {"img", "audio", "video", "source"} else None
    )
    if element.name in {"data", "meter"}:
        attribute = "value"
    for name in ("content", attribute):
        value = element.get(name) if name else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return visible_text(element, 2_000)


# -------------------------------------------------------------------------- visible text


def among_other_products(tag: Tag) -> bool:
    """Is ``tag`` inside a sidebar or a block of related, recommended or recently viewed
    products? Prices and links there belong to other products."""
    for parent in itertools.islice(tag.parents, ANCESTOR_LIMIT):
        if parent.name == "aside":
            return True
        words = " ".join(labels(parent)).lower()
        if any(word in words for word in OTHER_PRODUCTS_WORDS):
            return True
    return False


def labels(tag: Tag) -> list[str]:
    """A tag's class names and id: the words authors label elements with."""
    classes = tag.get("class") or []
    tokens = list(classes) if isinstance(classes, list) else str(classes).split()
    ident = tag.get("id")
    return [*tokens, ident] if isinstance(ident, str) else tokens


def _visible_strings(root: PageElement, skip: Callable[[Tag], bool] | None) -> Iterator[str]:
    """Text a reader sees under ``root``, in order, with a newline at block boundaries.
    Iterative, so absurd nesting cannot exhaust the stack."""
    stack: list[PageElement | None] = [root]
    while stack:
        node = stack.pop()
        if node is None:
            yield "\n"
        elif isinstance(node, Tag):
            if node is not root and (node.name in NOT_TEXT or (skip is not None and skip(node))):
                continue
            if node.name in _BLOCKS:
                yield "\n"
                stack.append(None)
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:  # not comments, CDATA, script bodies, <rt>
            yield str(node)


def visible_text(
    root: PageElement, limit: int, *, skip: Callable[[Tag], bool] | None = None
) -> str:
    """Up to ``limit`` characters a reader sees under ``root``; elements below it for
    which ``skip`` is true are left out with everything inside them."""
    parts: list[str] = []
    size = 0
    for part in _visible_strings(root, skip):
        parts.append(part)
        size += len(part)
        if size >= limit:
            break
    return "".join(parts)[:limit]


def text_after(start: Tag, limit: int, *, skip: Callable[[Tag], bool] | None = None) -> str:
    """Visible text after ``start`` in document order (its later siblings, then its
    ancestors' later siblings), up to ``limit`` characters."""
    parts = [""]
    size = len(parts[0])
    node: PageElement | None = start
    while node is not None and size < limit:
        for sibling in node.next_siblings:
            text = visible_text(sibling, limit - size, skip=skip)
            parts.append(text)
            size += len(text)
            if size >= limit:
                break
        node = node.parent
    return "".join(parts)
