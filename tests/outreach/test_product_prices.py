"""The price sources after JSON-LD, each on its own: microdata, meta tags and the visible
text, and the labels that mark a price as one you would not pay now. The order in which
extraction asks them, and whole shop pages, are in test_products.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from discountmarket.outreach.product_page import ProductPage
from discountmarket.outreach.product_prices import meta_price, microdata_price, text_price

BASE = "https://shop.example/lamps/nice-lamp"


def load(html: str, base: str = BASE) -> ProductPage:
    page = ProductPage.load(html, base)
    assert page is not None
    return page


def price(amount: str, currency: str | None) -> tuple[Decimal, str | None]:
    return Decimal(amount), currency


# ------------------------------------------------------------------------------ microdata


def test_microdata_prefers_the_products_own_price() -> None:
    page = load(
        """<span itemprop="price" content="1">loose</span>
           <div itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="2">
             <meta itemprop="priceCurrency" content="CHF"></div>
           <div itemscope itemtype="https://schema.org/Product">
             <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
               <meta itemprop="price" content="3"><meta itemprop="priceCurrency" content="EUR">
             </div></div>"""
    )
    assert microdata_price(page) == price("3.00", "EUR")


def test_microdata_in_an_offer_beats_a_loose_price() -> None:
    page = load(
        """<span itemprop="price" content="1">loose</span>
           <div itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="2">
             <meta itemprop="priceCurrency" content="CHF"></div>"""
    )
    assert microdata_price(page) == price("2.00", "CHF")


def test_microdata_currency_comes_from_the_same_scope_only() -> None:
    page = load(
        """<div itemscope itemtype="https://schema.org/Offer"><meta itemprop="priceCurrency"
             content="USD"></div>
           <div itemscope itemtype="https://schema.org/Offer"><meta itemprop="price"
             content="12 €"></div>"""
    )
    # Not the other offer's USD: the amount's own text says EUR.
    assert microdata_price(page) == price("12.00", "EUR")


def test_struck_microdata_prices_are_skipped() -> None:
    page = load(
        """<del><span itemprop="price">15 €</span></del>
           <span class="regular-price"><span itemprop="price">14 €</span></span>
           <span itemprop="price">12 €</span>"""
    )
    assert microdata_price(page) == price("12.00", "EUR")


def test_microdata_text_is_read_as_visible_text() -> None:
    page = load('<span itemprop="price">Now only <b>1 299 Kč</b> (VAT 21 %)</span>')
    assert microdata_price(page) == price("1299.00", "CZK")
    assert microdata_price(load("<p>No microdata</p>")) is None


# ---------------------------------------------------------------------------- meta tags


def test_meta_product_price_before_opengraph() -> None:
    page = load(
        '<meta property="og:price:amount" content="20"><meta property="og:price:currency"'
        ' content="USD"><meta property="product:price:amount" content="0">'
        '<meta property="product:price:amount" content="18,50">'
        '<meta property="product:price:currency" content="€">'
    )
    # The first usable product: amount, its currency read from a sign.
    assert meta_price(page) == price("18.50", "EUR")


def test_meta_currency_falls_back_to_the_amount_then_the_page() -> None:
    assert meta_price(load('<meta property="og:price:amount" content="12 zł">')) == price(
        "12.00", "PLN"
    )
    page = load(
        '<meta property="og:price:amount" content="12">'
        '<span itemprop="priceCurrency" content="HUF"></span>'
    )
    assert meta_price(page) == price("12.00", "HUF")
    assert meta_price(load('<meta property="og:price:amount" content="free">')) is None


# ---------------------------------------------------------------------------- visible text


@pytest.mark.parametrize(
    "label",
    [
        'class="regularPrice"',  # camelCase words
        'class="price_before"',
        'class="product-price-save"',
        'class="price savings"',
        'id="msrp-price"',
        'class="price line-through"',
        'class="listprice"',
    ],
)
def test_labels_of_prices_you_would_not_pay(label: str) -> None:
    page = load(f'<h1>Lamp</h1><span {label}>15 €</span><span class="price">12 €</span>')
    assert text_price(page) == price("12.00", "EUR")


@pytest.mark.parametrize(
    "label", ['class="price-now"', 'class="sale-price"', 'id="ProductPrice"', 'class="a PRICE"']
)
def test_labels_of_the_price_you_pay(label: str) -> None:
    page = load(f"<h1>Lamp</h1><p>Ships in 2 days, 5 €</p><span {label}>12 €</span>")
    assert text_price(page) == price("12.00", "EUR")


def test_old_amounts_inside_a_price_element_are_skipped() -> None:
    page = load('<div class="price"><s>15 €</s> <span class="was">14 €</span> 12 €</div>')
    assert text_price(page) == price("12.00", "EUR")


def test_a_price_label_on_a_form_control_is_no_price() -> None:
    page = load('<textarea class="price">99 €</textarea><h1>Lamp</h1><p>12 €</p>')
    assert text_price(page) == price("12.00", "EUR")


def test_after_the_heading_only_an_amount_beside_its_currency_counts() -> None:
    beside = load("<h1>Lamp</h1><p>Rated 4.5 of 5</p><p>Now 12,90 EUR</p>")
    assert text_price(beside) == price("12.90", "EUR")
    apart = load("<h1>Lamp</h1><p>Prices in €.</p><p>Only 12,90 today</p>")
    assert text_price(apart) is None
    assert text_price(load("<p>12 € but no heading</p>")) is None
