"""The second held-out catalogue (tests/catalogue_heldout2.py) is sound: its codes carry check
digits, its families are new, its labels point at pages that exist, its servers answer, and
every labelled page can be found by its shop's own search with a simple query. Otherwise a
figure measured on it would say more about the fixture than about product matching."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest

from tests.catalogue import CATALOGUE, SHOPS, ShopProduct, active, valid_gtin
from tests.catalogue_heldout import HELDOUT
from tests.catalogue_heldout2 import (
    HELDOUT2,
    HELDOUT2_PAIRS,
    HELDOUT2_PRODUCTS,
    HELDOUT2_SHOPS,
    HELDOUT2_SOURCES,
)
from tests.catalogue_sites import CatalogueShops, serve_catalogue
from tests.outreach.test_catalogue_heldout import get, search_hits


@pytest.fixture(scope="module")
def shops() -> Iterator[CatalogueShops]:
    with serve_catalogue(dataset=HELDOUT2) as running:
        yield running


def expected() -> list[ShopProduct]:
    """Every page a pair is labelled with, once."""
    found = {}
    for pair in HELDOUT2_PAIRS:
        if pair.expected_path:
            page = HELDOUT2.listing(pair.target_shop, pair.product)
            assert page is not None and page.path == pair.expected_path
            found[pair.target_shop, pair.product] = page
    return list(found.values())


def simple_queries(page: ShopProduct) -> list[str]:
    """What a person might type: the maker's name, its first words, a code."""
    name = HELDOUT2_PRODUCTS[page.product].name
    words = name.split()
    return [name, " ".join(words[:3]), " ".join(words[:2]), page.mpn or "", page.barcode]


# --- The data -------------------------------------------------------------------------------


def test_the_same_shops_sell_goods_of_new_families() -> None:
    assert list(HELDOUT2_SHOPS) == list(SHOPS)
    for key, shop in HELDOUT2_SHOPS.items():
        same = SHOPS[key]
        assert (shop.language, shop.currency, shop.search) == (
            same.language,
            same.currency,
            same.search,
        )
    for other in (CATALOGUE, HELDOUT):
        assert not set(HELDOUT2_PRODUCTS) & set(other.products)
        families = set(HELDOUT2.categories) - {"tea", "teaware"}  # the tea shop's, as before
        assert not families & set(other.categories)
        assert not {p.gtin for p in HELDOUT2_PRODUCTS.values()} & {
            p.gtin for p in other.products.values()
        }


def test_every_code_carries_its_check_digit_and_every_path_is_its_own() -> None:
    assert all(valid_gtin(p.gtin) for p in HELDOUT2_PRODUCTS.values())
    pages = [p for shop in HELDOUT2_SHOPS for p in HELDOUT2.shop_products(shop)]
    assert all(valid_gtin(p.barcode) for p in pages)
    assert len({p.path for p in pages}) == len(pages)
    gtins = [p.gtin for p in HELDOUT2_PRODUCTS.values()]
    assert len(set(gtins)) == len(gtins)


def test_pairs_mix_matches_near_misses_and_absent_products() -> None:
    assert len(HELDOUT2_PAIRS) == len(HELDOUT2_SOURCES) * (len(HELDOUT2_SHOPS) - 1) >= 100
    matches = [p for p in HELDOUT2_PAIRS if p.expected_path]
    assert 30 <= len(matches) < len(HELDOUT2_PAIRS) / 2
    near = [
        p
        for p in HELDOUT2_PAIRS
        if not p.expected_path
        and any(
            HELDOUT2.products[s.product].family == HELDOUT2.products[p.product].family
            for s in HELDOUT2.shop_products(p.target_shop)
        )
    ]
    assert len(near) >= 30  # the shop sells something of the family, but not the product
    # a page offering band sizes shows the code of the one it has chosen
    watches = [HELDOUT2.listing(s, "aw9-45") for s in ("shopify", "prestashop")]
    assert watches[0] and watches[1] and watches[0].barcode != watches[1].barcode


# --- The servers ----------------------------------------------------------------------------


def test_servers_answer_and_the_default_catalogue_stays_active(shops: CatalogueShops) -> None:
    for shop in HELDOUT2_SHOPS:
        status, _, html = get(shops[shop] + "/")
        assert status == 200 and HELDOUT2_SHOPS[shop].name.split()[0] in unescape(html)
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
    for pair in HELDOUT2_PAIRS[:: len(HELDOUT2_SHOPS) - 1]:
        assert get(shops[pair.source_shop] + pair.source_path)[0] == 200
