"""A shop's search answer as candidate product pages: only result items on its own site."""

from __future__ import annotations

import json
from decimal import Decimal

from discountmarket.outreach.search_results import Candidate, read_results

SEARCH = "https://shop.example/search?q=moka"


def test_shopify_predictive_search() -> None:
    body = json.dumps(
        {
            "resources": {
                "results": {
                    "products": [
                        {
                            "title": "Moka Express 6 cups",
                            "url": "/products/moka-express-6?_pos=1&_sid=a1&_ss=r",
                            "price": "39.90",
                            "vendor": "Bialetti",
                        },
                        {"title": "", "url": "/products/nameless"},
                        {"title": "Elsewhere", "url": "https://other.example/products/x"},
                    ]
                }
            }
        }
    )
    assert read_results("shopify_json", body, SEARCH) == [
        Candidate(
            "https://shop.example/products/moka-express-6?_pos=1&_sid=a1&_ss=r",
            "Moka Express 6 cups",
            Decimal("39.90"),
        )
    ]


def test_woocommerce_store_api_prices_in_minor_units_and_names_with_entities() -> None:
    body = json.dumps(
        [
            {
                "name": "Moka Express &#8211; 6 Tassen",
                "permalink": "https://shop.example/produkt/moka-express-6/",
                "prices": {"price": "3990", "currency_code": "EUR", "currency_minor_unit": 2},
            },
            {
                "name": "Yen item",
                "permalink": "https://shop.example/produkt/yen/",
                "prices": {"price": "4500", "currency_code": "JPY", "currency_minor_unit": 0},
            },
            {"name": "Broken", "permalink": "https://shop.example/produkt/b/", "prices": "x"},
        ]
    )
    assert read_results("woo_json", body, SEARCH) == [
        Candidate(
            "https://shop.example/produkt/moka-express-6/",
            "Moka Express \u2013 6 Tassen",
            Decimal("39.90"),
            "EUR",
        ),
        Candidate("https://shop.example/produkt/yen/", "Yen item", Decimal("4500.00"), "JPY"),
        Candidate("https://shop.example/produkt/b/", "Broken"),
    ]


def test_html_results_leave_out_the_pages_chrome_and_non_product_links() -> None:
    body = """
    <header><a href="/">Home</a><a href="/products/bestseller">Our bestseller</a></header>
    <nav><a href="/collections/coffee">Coffee makers</a></nav>
    <main>
      <ol class="products list">
        <li class="product-item"><a href="/moka-express-6.html"><img alt="Moka Express 6"></a>
          <a class="product-item-link" href="/moka-express-6.html">Bialetti Moka Express 6</a>
          <span class="price">£39.90</span></li>
        <li class="product-item"><a href="/moka-express-3.html">Bialetti Moka Express 3</a></li>
      </ol>
      <a href="/cart">Cart</a> <a href="/search?q=moka&page=2">Next</a>
      <a href="https://ads.example/moka">Moka ad</a>
      <div class="recently-viewed"><a href="/grinder.html">Encore grinder</a></div>
    </main>
    <aside><a href="/kettle.html">Kettle</a></aside>
    <footer><a href="/contact">Contact</a></footer>
    """
    found = read_results("html", body, SEARCH)
    assert [(c.url, c.title) for c in found] == [
        ("https://shop.example/moka-express-6.html", "Bialetti Moka Express 6"),
        ("https://shop.example/moka-express-3.html", "Bialetti Moka Express 3"),
    ]


def test_garbage_answers_give_no_candidates() -> None:
    for reads, body in [
        ("shopify_json", "not json"),
        ("shopify_json", "[]"),
        ("woo_json", '{"code": "rest_no_route"}'),
        ("html", ""),
        ("woo_json", "[" * 100_000),
    ]:
        assert read_results(reads, body, SEARCH) == []
