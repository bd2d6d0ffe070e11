"""The held-out catalogue (tests/catalogue_heldout.py) is sound: its codes carry check digits,
its labels point at pages that exist, its servers answer, and every labelled page can be
found by its shop's own search with a simple query. Otherwise a figure measured on it
would say more about the fixture than about product matching."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html import unescape
from urllib.parse import quote

import pytest

from tests.catalogue import CATALOGUE, SHOPS, ShopProduct, active, valid_gtin
from tests.catalogue_heldout import (
    HELDOUT,
    HELDOUT_PAIRS,
    HELDOUT_PRODUCTS,
    HELDOUT_SHOPS,
    HELDOUT_SOURCES,
)
from tests.catalogue_sites import SEARCHES, CatalogueShops, serve_catalogue


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def get(url: str) -> tuple[int, str, str]:
    """Status, Location header and text of a GET, redirects not followed."""
    try:
        with _OPENER.open(url, timeout=5) as answer:
            return answer.status, "", answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode()


@pytest.fixture(scope="module")
def shops() -> Iterator[CatalogueShops]:
    with serve_catalogue(dataset=HELDOUT) as running:
        yield running


def expected() -> list[ShopProduct]:
    """Every page a pair is labelled with, once."""
    found = {}
    for pair in HELDOUT_PAIRS:
        if pair.expected_path:
            page = HELDOUT.listing(pair.target_shop, pair.product)
            assert page is not None and page.path == pair.expected_path
            found[pair.target_shop, pair.product] = page
    return list(found.values())


def simple_queries(page: ShopProduct) -> list[str]:
    """What a person might type: the maker's name, its first words, a code."""
    name = HELDOUT_PRODUCTS[page.product].name
    words = name.split()
    return [name, " ".join(words[:3]), " ".join(words[:2]), page.mpn or "", page.barcode]


def search_hits(shops: CatalogueShops, shop: str, query: str) -> list[str]:
    """The links of the first page of the shop's search results (not its menus)."""
    path, name, needs = SEARCHES[shop]
    params = "".join(f"{key}={value}&" for key, value in needs.items())
    status, location, html = get(f"{shops[shop]}{path}?{params}{name}={quote(query)}")
    if status == 302:  # WooCommerce sends a single result straight to its page
        return [location]
    results = html.split('<div class="search-results">', 1)[-1].split('<nav class="pagination"')
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', results[0])]


# --- The data -------------------------------------------------------------------------------


def test_the_same_shops_sell_other_goods() -> None:
    assert list(HELDOUT_SHOPS) == list(SHOPS)
    for key, shop in HELDOUT_SHOPS.items():
        same = SHOPS[key]
        assert (shop.language, shop.currency, shop.search) == (
            same.language,
            same.currency,
            same.search,
        )
    assert not set(HELDOUT_PRODUCTS) & set(CATALOGUE.products)
    families = set(HELDOUT.categories) - {"tea", "teaware"}  # the tea shop's, as before
    assert not families & set(CATALOGUE.categories)


def test_every_code_carries_its_check_digit_and_every_path_is_its_own() -> None:
    assert all(valid_gtin(p.gtin) for p in HELDOUT_PRODUCTS.values())
    pages = [p for shop in HELDOUT_SHOPS for p in HELDOUT.shop_products(shop)]
    assert all(valid_gtin(p.barcode) for p in pages)
    assert len({p.path for p in pages}) == len(pages)
    gtins = [p.gtin for p in HELDOUT_PRODUCTS.values()]
    assert len(set(gtins)) == len(gtins)


def test_pairs_mix_matches_near_misses_and_absent_products() -> None:
    assert len(HELDOUT_PAIRS) == len(HELDOUT_SOURCES) * (len(HELDOUT_SHOPS) - 1) >= 100
    matches = [p for p in HELDOUT_PAIRS if p.expected_path]
    assert 30 <= len(matches) < len(HELDOUT_PAIRS) / 2
    near = [
        p
        for p in HELDOUT_PAIRS
        if not p.expected_path
        and any(
            HELDOUT.products[s.product].family == HELDOUT.products[p.product].family
            for s in HELDOUT.shop_products(p.target_shop)
        )
    ]
    assert len(near) >= 30  # the shop sells something of the family, but not the product
    # a shoe page shows the code of the size it has chosen, which differs from shop to shop
    shoes = [HELDOUT.listing(s, "peg41-m-black") for s in ("shopify", "prestashop")]
    assert shoes[0] and shoes[1] and shoes[0].barcode != shoes[1].barcode


# --- The servers ----------------------------------------------------------------------------


def test_servers_answer_and_the_default_catalogue_stays_active(shops: CatalogueShops) -> None:
    for shop in HELDOUT_SHOPS:
        status, _, html = get(shops[shop] + "/")
        assert status == 200 and HELDOUT_SHOPS[shop].name.split()[0] in unescape(html)
    assert active() is CATALOGUE


@pytest.mark.parametrize("page", expected(), ids=lambda p: f"{p.shop}:{p.product}")
def test_each_labelled_page_exists_and_its_shops_search_finds_it(
    shops: CatalogueShops, page: ShopProduct
) -> None:
    status, _, html = get(shops[page.shop] + page.path)
    text = re.sub(r"<[^>]+>", "", unescape(html))
    assert status == 200 and page.title in text
    assert any(
        query and any(page.path in href for href in search_hits(shops, page.shop, query))
        for query in simple_queries(page)
    ), page


def test_source_pages_exist(shops: CatalogueShops) -> None:
    for pair in HELDOUT_PAIRS[:: len(HELDOUT_SHOPS) - 1]:
        assert get(shops[pair.source_shop] + pair.source_path)[0] == 200
