"""The category path a product page states: breadcrumbs in any of their forms, else the
product's schema.org category."""

from __future__ import annotations

import json

import pytest

from discountmarket.outreach.products import extract_product

URL = "https://shop.example/p/1"


def categories(body: str) -> tuple[str, ...]:
    return extract_product(f"<html><body>{body}<h1>Encore ESP</h1></body></html>", URL).categories


def test_json_ld_breadcrumbs_in_position_order_without_home_or_the_product() -> None:
    trail = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 3, "name": "Grinders"},
            {"@type": "ListItem", "position": 1, "item": {"@id": "/", "name": "Home"}},
            {"@type": "ListItem", "position": 2, "item": {"@id": "/c", "name": "Coffee"}},
            {"@type": "ListItem", "position": 4, "name": "Encore ESP"},
        ],
    }
    body = f'<script type="application/ld+json">{json.dumps(trail)}</script>'
    assert categories(body) == ("Coffee", "Grinders")


@pytest.mark.parametrize(
    "body",
    [
        '<nav aria-label="Breadcrumb"><ol><li><a href="/">Главная</a></li>'
        '<li><a href="/c">Coffee</a></li><li><a href="/g">Grinders</a></li>'
        "<li>Encore ESP</li></ol></nav>",
        '<ol itemscope itemtype="https://schema.org/BreadcrumbList">'
        '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
        '<a itemprop="item" href="/c"><span itemprop="name">Coffee</span></a></li>'
        '<li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">'
        '<span itemprop="name">Grinders</span></li></ol>',
        '<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/c">Coffee</a> &rsaquo;'
        ' <a href="/g">Grinders</a></div>',
        '<script type="application/ld+json">{"@type": "Product", "name": "Encore ESP",'
        ' "category": "Coffee > Grinders", "offers": {"price": "10"}}</script>',
    ],
)
def test_every_way_shops_state_it(body: str) -> None:
    assert categories(body) == ("Coffee", "Grinders")


def test_no_path_at_all() -> None:
    assert categories("<p>Just a page.</p>") == ()
