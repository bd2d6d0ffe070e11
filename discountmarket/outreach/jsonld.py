"""JSON-LD as shops write it: every value in a script body, however wrapped or broken, and
the generic ways to walk it (objects by @type, one-or-many values, text values).

Knows nothing about products; ``product_page.py`` builds on it. Every walk is bounded so
that deeply nested garbage stays cheap, and nothing here raises on what a page contains.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

__all__ = ["json_objects", "json_text", "jsonld_types", "load_json", "typed_objects"]

_JSON_NODE_LIMIT = 20_000
_JSON_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def load_json(text: str) -> list[Any]:
    """Every JSON value in a script body. Tolerates comment/CDATA wrappers, several
    values back to back, trailing junk and (on a second try) trailing commas."""
    text = _JSON_WRAPPER.sub("", text.strip())
    decoder = json.JSONDecoder(strict=False, parse_float=Decimal, parse_constant=lambda _: None)
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        values: list[Any] = []
        position = 0
        while position < len(attempt):
            while position < len(attempt) and attempt[position] in " \t\r\n;,":
                position += 1
            if position >= len(attempt):
                break
            try:
                value, position = decoder.raw_decode(attempt, position)
            except (ValueError, RecursionError):
                break
            values.append(value)
        if values:
            return values
    return []


def typed_objects(data: object, types: frozenset[str]) -> Iterator[tuple[dict[str, Any], bool]]:
    """Every object in ``data`` whose @type is one of ``types`` (depth first, document
    order: covers @graph, top-level lists, a WebPage's mainEntity...) and whether it sits
    inside another such object."""
    stack: list[tuple[object, bool]] = [(data, False)]
    visited = 0
    while stack and visited < _JSON_NODE_LIMIT:
        node, inside = stack.pop()
        visited += 1
        if isinstance(node, dict):
            is_typed = bool(jsonld_types(node) & types)
            if is_typed:
                yield node, inside
            children = reversed(list(node.values()))
            stack.extend((child, inside or is_typed) for child in children)
        elif isinstance(node, list):
            stack.extend((child, inside) for child in reversed(node))


def jsonld_types(node: dict[str, Any]) -> set[str]:
    """@type names, lower-case, without a vocabulary prefix ("schema:Product",
    "http://schema.org/Product")."""
    value = node.get("@type")
    names = value if isinstance(value, list) else [value]
    return {re.split(r"[/:#]", name.strip())[-1].lower() for name in names if isinstance(name, str)}


def json_objects(value: object) -> list[dict[str, Any]]:
    """The objects in a JSON value that may be one object or a list of them."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def json_text(value: object) -> str | None:
    """A JSON-LD string (maybe {"@value": ...} or a list). Some sites entity-encode text
    inside JSON, which no HTML parser decodes in a <script>, so we do."""
    for _ in range(5):
        if isinstance(value, dict):
            value = value.get("@value")
        elif isinstance(value, list) and value:
            value = value[0]
    return html_lib.unescape(value) if isinstance(value, str) else None
