"""JSON-LD as shops write it: ``load_json`` on broken script bodies, and the walks over the
values (typed objects, @type names, one-or-many values, text values)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from discountmarket.outreach.jsonld import (
    json_objects,
    json_text,
    jsonld_types,
    load_json,
    typed_objects,
)


@pytest.mark.parametrize(
    ("body", "values"),
    [
        ('{"a": 1}', [{"a": 1}]),
        ('  <!-- {"a": 1} -->  ', [{"a": 1}]),
        ('//<![CDATA[\n{"a": 1}\n//]]>', [{"a": 1}]),
        ('{"a": 1}\n{"b": 2}', [{"a": 1}, {"b": 2}]),  # values back to back
        ('{"a": 1};{"b": 2},', [{"a": 1}, {"b": 2}]),
        ('{"a": [1, 2,],}', [{"a": [1, 2]}]),  # trailing commas, on the second try
        ('{"a": 1} <p>oops</p>', [{"a": 1}]),  # junk after a value
        ('{"a": "line\nbreak"}', [{"a": "line\nbreak"}]),  # control characters in strings
        ('{"a": NaN, "b": Infinity}', [{"a": None, "b": None}]),
        ("", []),
        ("var x = 1;", []),
        ("[" * 100_000, []),  # nesting deep enough to exhaust the parser
    ],
)
def test_load_json(body: str, values: list[object]) -> None:
    assert load_json(body) == values


def test_numbers_are_decimals() -> None:
    [value] = load_json('{"price": 0.1, "count": 3}')
    assert value == {"price": Decimal("0.1"), "count": 3}
    assert isinstance(value["price"], Decimal)


def test_typed_objects_in_document_order_with_nesting() -> None:
    [data] = load_json(
        """{"@graph": [
            {"@type": "WebPage", "mainEntity": {"@type": "Product", "name": "A",
                "isRelatedTo": {"@type": "Product", "name": "B"}}},
            {"@type": ["Thing", "schema:Product"], "name": "C"}
        ]}"""
    )
    found = [(node["name"], nested) for node, nested in typed_objects(data, frozenset({"product"}))]
    assert found == [("A", False), ("B", True), ("C", False)]


def test_typed_objects_stop_after_a_bounded_walk() -> None:
    data = [{"@type": "Product"}] * 30_000
    found = sum(1 for _ in typed_objects(data, frozenset({"product"})))
    assert 0 < found < 30_000


@pytest.mark.parametrize(
    ("node", "types"),
    [
        ({"@type": "Product"}, {"product"}),
        ({"@type": "schema:Product"}, {"product"}),
        ({"@type": " http://schema.org/Offer "}, {"offer"}),
        ({"@type": "https://schema.org/#AggregateOffer"}, {"aggregateoffer"}),
        ({"@type": ["Product", "Car", 3]}, {"product", "car"}),
        ({"@type": None}, set()),
        ({}, set()),
    ],
)
def test_jsonld_types(node: dict[str, object], types: set[str]) -> None:
    assert jsonld_types(node) == types


def test_json_objects_takes_one_or_many() -> None:
    assert json_objects({"a": 1}) == [{"a": 1}]
    assert json_objects([{"a": 1}, "x", None, {"b": 2}]) == [{"a": 1}, {"b": 2}]
    assert json_objects("x") == []
    assert json_objects(None) == []


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("Lamp &amp; Shade", "Lamp & Shade"),  # entities no HTML parser decodes in <script>
        ("&lt;b&gt;", "<b>"),
        ({"@value": "Lampe", "@language": "de"}, "Lampe"),
        (["First", "Second"], "First"),
        ([{"@value": "Nested"}], "Nested"),
        (42, None),
        ([], None),
        (None, None),
    ],
)
def test_json_text(value: object, text: str | None) -> None:
    assert json_text(value) == text
