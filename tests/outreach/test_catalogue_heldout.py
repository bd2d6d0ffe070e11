"""The held-out catalogues (tests/catalogue_heldout*.py) are sound: their codes carry check
digits, their families are new, their labels point at pages that exist, their servers
answer, and every labelled page can be found by its shop's own search with a simple query.
Otherwise a figure measured on them would say more about the fixture than about product
matching."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html import unescape
from urllib.parse import quote

import pytest

from tests.catalogue import CATALOGUE, SHOPS, Dataset, Pair, ShopProduct, active, valid_gtin
from tests.catalogue_heldout import HELDOUT, HELDOUT_PAIRS
from tests.catalogue_heldout2 import HELDOUT2, HELDOUT2_PAIRS
from tests.catalogue_heldout3 import HELDOUT3, HELDOUT3_PAIRS
from tests.catalogue_heldout4 import HELDOUT4, HELDOUT4_PAIRS, HELDOUT4_SIZED
from tests.catalogue_heldout5 import HELDOUT5, HELDOUT5_PAIRS, HELDOUT5_SIZED
from tests.catalogue_heldout6 import HELDOUT6, HELDOUT6_PAIRS, HELDOUT6_SIZED
from tests.catalogue_heldout7 import HELDOUT7, HELDOUT7_PAIRS, HELDOUT7_SIZED
from tests.catalogue_sites import SEARCHES, CatalogueShops, serve_catalogue

HELD_OUT: dict[str, tuple[Dataset, list[Pair]]] = {
    "1": (HELDOUT, HELDOUT_PAIRS),
    "2": (HELDOUT2, HELDOUT2_PAIRS),
    "3": (HELDOUT3, HELDOUT3_PAIRS),
    "4": (HELDOUT4, HELDOUT4_PAIRS),
    "5": (HELDOUT5, HELDOUT5_PAIRS),
    "6": (HELDOUT6, HELDOUT6_PAIRS),
    "7": (HELDOUT7, HELDOUT7_PAIRS),
}
# Pages offering sizes show the code of the one they have chosen, which differs by shop.
SIZED = {
    "1": "peg41-m-black",
    "2": "aw9-45",
    "3": "syntax-mips-black",
    "4": HELDOUT4_SIZED,
    "5": HELDOUT5_SIZED,
    "6": HELDOUT6_SIZED,
    "7": HELDOUT7_SIZED,
}


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


@pytest.fixture(scope="module", params=sorted(HELD_OUT))
def held(request: pytest.FixtureRequest) -> Iterator[tuple[str, CatalogueShops]]:
    dataset, _ = HELD_OUT[request.param]
    with serve_catalogue(dataset=dataset) as running:
        yield request.param, running


def expected(key: str) -> list[ShopProduct]:
    """Every page a pair is labelled with, once."""
    dataset, pairs = HELD_OUT[key]
    found = {}
    for pair in pairs:
        if pair.expected_path:
            page = dataset.listing(pair.target_shop, pair.product)
            assert page is not None and page.path == pair.expected_path
            found[pair.target_shop, pair.product] = page
    return list(found.values())


def simple_queries(dataset: Dataset, page: ShopProduct) -> list[str]:
    """What a person might type: the maker's name, its first words, a code."""
    name = dataset.products[page.product].name
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


@pytest.mark.parametrize("key", sorted(HELD_OUT))
def test_the_same_shops_sell_goods_of_new_families(key: str) -> None:
    dataset, _ = HELD_OUT[key]
    assert list(dataset.shops) == list(SHOPS)
    for name, shop in dataset.shops.items():
        same = SHOPS[name]
        assert (shop.language, shop.currency, shop.search) == (
            same.language,
            same.currency,
            same.search,
        )
    others = [CATALOGUE] + [other for k, (other, _) in HELD_OUT.items() if k != key]
    for other in others:
        assert not set(dataset.products) & set(other.products)
        families = set(dataset.categories) - {"tea", "teaware"}  # the tea shop's, as before
        assert not families & set(other.categories)
        gtins = {p.gtin for p in other.products.values()}
        assert not {p.gtin for p in dataset.products.values()} & gtins


@pytest.mark.parametrize("key", sorted(HELD_OUT))
def test_every_code_carries_its_check_digit_and_every_path_is_its_own(key: str) -> None:
    dataset, _ = HELD_OUT[key]
    assert all(valid_gtin(p.gtin) for p in dataset.products.values())
    pages = [p for shop in dataset.shops for p in dataset.shop_products(shop)]
    assert all(valid_gtin(p.barcode) for p in pages)
    assert len({p.path for p in pages}) == len(pages)
    gtins = [p.gtin for p in dataset.products.values()]
    assert len(set(gtins)) == len(gtins)


@pytest.mark.parametrize("key", sorted(HELD_OUT))
def test_pairs_mix_matches_near_misses_and_absent_products(key: str) -> None:
    dataset, pairs = HELD_OUT[key]
    sources = {(pair.source_shop, pair.source_path) for pair in pairs}
    assert len(pairs) == len(sources) * (len(dataset.shops) - 1) >= 100
    matches = [p for p in pairs if p.expected_path]
    assert 30 <= len(matches) < len(pairs) / 2
    near = [
        p
        for p in pairs
        if not p.expected_path
        and any(
            dataset.products[s.product].family == dataset.products[p.product].family
            for s in dataset.shop_products(p.target_shop)
        )
    ]
    assert len(near) >= 30  # the shop sells something of the family, but not the product
    sized = [dataset.listing(s, SIZED[key]) for s in ("shopify", "prestashop")]
    assert sized[0] and sized[1] and sized[0].barcode != sized[1].barcode


# --- The servers ----------------------------------------------------------------------------


def test_servers_answer_and_the_default_catalogue_stays_active(
    held: tuple[str, CatalogueShops],
) -> None:
    key, shops = held
    dataset, pairs = HELD_OUT[key]
    for shop in dataset.shops:
        status, _, html = get(shops[shop] + "/")
        assert status == 200 and dataset.shops[shop].name.split()[0] in unescape(html)
    assert active() is CATALOGUE
    for pair in pairs[:: len(dataset.shops) - 1]:  # every source page exists
        assert get(shops[pair.source_shop] + pair.source_path)[0] == 200


def test_each_labelled_page_exists_and_its_shops_search_finds_it(
    held: tuple[str, CatalogueShops],
) -> None:
    key, shops = held
    dataset, _ = HELD_OUT[key]
    for page in expected(key):
        status, _, html = get(shops[page.shop] + page.path)
        text = re.sub(r"<[^>]+>", "", unescape(html))
        assert status == 200 and page.title in text, page
        assert any(
            query and any(page.path in href for href in search_hits(shops, page.shop, query))
            for query in simple_queries(dataset, page)
        ), page
