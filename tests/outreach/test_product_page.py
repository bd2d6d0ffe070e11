"""The product page every product reader shares: the currency its country and structured data
suggest, its JSON-LD products and the main one, and how JSON-LD offers give a price. What
the whole extraction makes of a page is in test_products.py."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from discountmarket.outreach.product_page import ProductPage

BASE = "https://shop.example/lamps/nice-lamp"


def load(html: str | bytes, base: str = BASE) -> ProductPage:
    page = ProductPage.load(html, base)
    assert page is not None
    return page


def ld(*values: object) -> str:
    return "".join(
        f'<script type="application/ld+json">{json.dumps(value)}</script>' for value in values
    )


def product(name: str, offers: object = None, **more: object) -> dict[str, object]:
    node: dict[str, object] = {"@type": "Product", "name": name, **more}
    if offers is not None:
        node["offers"] = offers
    return node


# --------------------------------------------------------------------------- currencies


@pytest.mark.parametrize(
    ("base", "currency"),
    [
        ("https://butik.example.se/lampa", "SEK"),
        ("https://shop.example.jp/", "JPY"),
        ("http://SHOP.EXAMPLE.NO:8080/x", "NOK"),
        ("https://shop.example.de/", None),  # no ambiguous sign to settle
        ("https://shop.example.co/", None),  # .co is left out on purpose
        ("not a url", None),
        ("http://[::1", None),
    ],
)
def test_country_currency_comes_from_the_cctld(base: str, currency: str | None) -> None:
    assert load("<p>x</p>", base).country_currency == currency


@pytest.mark.parametrize(
    ("html", "currency"),
    [
        ('<meta property="product:price:currency" content="czk">', "CZK"),
        ('<meta property="og:price:currency" content="€">', "EUR"),
        (
            '<meta property="og:price:currency" content="nonsense">'
            '<meta property="product:price:currency" content="PLN">',
            "PLN",  # product: is read first, whatever the document order
        ),
        ('<span itemprop="priceCurrency" content="SEK">kr</span>', "SEK"),
        ('<span itemprop="priceCurrency">£</span>', "GBP"),
        ("<p>Price: 12 €</p>", None),  # visible text declares nothing
    ],
)
def test_page_currency_is_declared_in_structured_data(html: str, currency: str | None) -> None:
    assert load(html).page_currency == currency


@pytest.mark.parametrize(
    ("value", "code"), [("usd", "USD"), ("US$", "USD"), ("zł", "PLN"), ("dollars", None), (7, None)]
)
def test_currency_as_written_in_structured_data(value: object, code: str | None) -> None:
    assert load("<p>x</p>").currency(value) == code


def test_visible_price_needs_a_written_currency() -> None:
    page = load('<meta property="og:price:currency" content="EUR">')
    assert page.visible_price("Now 12,90 €", adjacent_only=True) == (Decimal("12.90"), "EUR")
    assert page.visible_price("Only 12,90", adjacent_only=False) is None  # the hint alone
    # A currency elsewhere in the text counts, unless the amount must stand beside it.
    text = "Price in € incl. VAT: 12,90"
    assert page.visible_price(text, adjacent_only=False) == (Decimal("12.90"), "EUR")
    assert page.visible_price(text, adjacent_only=True) is None


def test_visible_price_reads_the_shops_country_for_ambiguous_signs() -> None:
    assert load("<p>x</p>", "https://butik.example.se/").visible_price(
        "499 kr", adjacent_only=True
    ) == (Decimal("499.00"), "SEK")


def test_a_backslash_is_a_yen_sign_in_japanese_legacy_pages() -> None:
    japanese = load('<meta charset="shift_jis"><p>x</p>'.encode("shift_jis"))
    assert japanese.visible_price("\\1,980", adjacent_only=True) == (Decimal("1980.00"), "JPY")
    assert load("<p>x</p>").visible_price("\\1,980", adjacent_only=True) is None


# ----------------------------------------------------------------------------- products


def test_products_nested_in_another_come_after_the_rest() -> None:
    group = {
        "@type": "ProductGroup",
        "name": "Group",
        "hasVariant": [product("Variant")],
    }
    page = load(ld({"@graph": [group, product("Loose")]}, [product("Second script")]))
    assert [node["name"] for node in page.products] == [
        "Group",
        "Loose",
        "Second script",
        "Variant",
    ]


def test_the_main_product_is_the_first_with_a_usable_price() -> None:
    page = load(
        ld(
            product("No offer"),
            product("Free", {"price": "0", "priceCurrency": "EUR"}),
            product("Lamp", {"price": "12.5", "priceCurrency": "EUR"}),
        )
    )
    main, price = page.main_product
    assert (main or {}).get("name") == "Lamp"
    assert price == (Decimal("12.50"), "EUR")


def test_without_a_price_the_main_product_is_the_first_one() -> None:
    page = load(ld(product("First"), product("Second")))
    assert (page.main_product[0] or {}).get("name") == "First"
    assert page.main_product[1] is None
    assert load("<p>no json-ld</p>").main_product == (None, None)


# ---------------------------------------------------------------------------- offers


def offer_price(offers: object, head: str = "") -> tuple[Decimal, str | None] | None:
    return load(head + ld(product("Lamp", offers))).main_product[1]


@pytest.mark.parametrize(
    ("offers", "price"),
    [
        # A plain offer's price before its lowPrice; an aggregate's lowPrice first.
        ({"price": "20", "lowPrice": "10", "priceCurrency": "EUR"}, ("20.00", "EUR")),
        (
            {"@type": "AggregateOffer", "price": "20", "lowPrice": "10", "priceCurrency": "EUR"},
            ("10.00", "EUR"),
        ),
        # An offer's own price before the offers nested in it.
        (
            {
                "@type": "AggregateOffer",
                "price": 30,
                "priceCurrency": "EUR",
                "offers": [{"price": 5, "priceCurrency": "EUR"}],
            },
            ("30.00", "EUR"),
        ),
        # List order: the first usable offer.
        ([{"price": "n/a"}, {"price": 7, "priceCurrency": "CHF"}], ("7.00", "CHF")),
        ({"price": True, "priceCurrency": "EUR"}, None),  # a boolean is no amount
        ({"price": [{"@value": "4.20"}], "priceCurrency": "EUR"}, ("4.20", "EUR")),
    ],
)
def test_offer_rules(offers: object, price: tuple[str, str] | None) -> None:
    expected = (Decimal(price[0]), price[1]) if price else None
    assert offer_price(offers) == expected


def test_price_specifications_skip_list_prices_and_read_components() -> None:
    offers = {
        "priceCurrency": "EUR",
        "priceSpecification": [
            {"priceType": "https://schema.org/ListPrice", "price": 99},
            {"priceType": "SRP", "price": 89},
            {
                "@type": "CompoundPriceSpecification",
                "priceComponent": [
                    {"priceType": "StrikethroughPrice", "price": 79},
                    {"price": 59, "priceCurrency": "CHF"},
                ],
            },
        ],
    }
    # The component's own currency wins over the offer's.
    assert offer_price(offers) == (Decimal("59.00"), "CHF")


def test_an_offer_without_a_currency_borrows_one() -> None:
    assert offer_price({"price": "49 zł"}) == (Decimal("49.00"), "PLN")  # written in the price
    head = '<meta property="og:price:currency" content="DKK">'
    assert offer_price({"price": 49}, head) == (Decimal("49.00"), "DKK")  # declared on the page
    assert offer_price({"price": 49}) == (Decimal("49.00"), None)
