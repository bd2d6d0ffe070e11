"""The queries the listing finder sends a shop's own search (discountmarket/outreach/
listing_finder.py): a shop whose search wants every word finds nothing for our descriptive
name, so the brand and line alone are asked next."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest

from discountmarket.outreach import robots
from discountmarket.outreach.http import GuardedClient
from discountmarket.outreach.listing_finder import ListingFinder
from discountmarket.outreach.product_identity import ProductIdentity
from discountmarket.outreach.product_titles import name_query
from tests.sites import Page, StoreSite, _Routes, product_page, search_page, serve

TITLE = "Gardena Sileno City 500 robotic lawn mower for small gardens"
HOME = (
    '<html><body><form action="/search" method="get" role="search">'
    '<input type="search" name="q"></form></body></html>'
)


@pytest.fixture
def every_word_shop() -> Iterator[StoreSite]:
    site = StoreSite()
    site.pages = _Routes(site)
    short = " ".join(name_query(TITLE, "Gardena").split()[:3])
    site.pages.update(
        {
            "/": Page(HOME),
            "/search": search_page(),  # nothing holds every word of a long query
            f"/search?q={quote(short, safe='')}": search_page(
                ("/p/sileno-city-500", "Robot koszący GARDENA SILENO city 500")
            ),
            "/p/sileno-city-500": product_page(
                "Robot koszący GARDENA SILENO city 500", "3999.00", "PLN", brand="Gardena"
            ),
        }
    )
    with serve(site):
        robots.reset_for_tests()
        yield site


def test_a_name_that_finds_nothing_is_asked_again_by_its_brand_and_line(
    every_word_shop: StoreSite,
) -> None:
    with GuardedClient(
        user_agent="DiscountMarketBot/1.0", allow_hosts=("127.0.0.1",), min_interval=0
    ) as client:
        report = ListingFinder(client, max_searches=4).find(
            TITLE, ProductIdentity(brand="Gardena"), every_word_shop.base + "/"
        )
    asked = [p for p in every_word_shop.paths_requested() if p.startswith("/search?")]
    assert len(asked) == 2 and len(asked[0]) > len(asked[1])
    assert report.match is not None
    assert report.match.url == every_word_shop.url("/p/sileno-city-500")
