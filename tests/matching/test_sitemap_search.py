"""A shop's product pages read from its sitemaps (discountmarket/outreach/sitemap_search.py):
the platforms' real shapes (Shopify's index with image titles, WooCommerce's wp-sitemap,
one gzipped list), within bounds, through the guarded client and robots.txt, and the
finder's use of them when a shop's search is closed to robots."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from discountmarket.outreach import robots, sitemap_search
from discountmarket.outreach.http import GuardedClient
from discountmarket.outreach.listing_finder import ListingFinder
from discountmarket.outreach.product_identity import ProductIdentity
from discountmarket.outreach.search_results import Candidate
from discountmarket.outreach.sitemap_search import read_sitemap, slug_title
from tests.sites import Page, StoreSite, product_page, serve

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
IMAGE_NS = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'


def urlset(*entries: str) -> str:
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f"{head}<urlset {NS} {IMAGE_NS}>{''.join(entries)}</urlset>"


def index(*locations: str) -> str:
    sitemaps = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locations)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex {NS}>{sitemaps}</sitemapindex>'


def shopify_entry(base: str, handle: str, title: str) -> str:
    """Shopify's product sitemap: the product's title is its image's."""
    return (
        f"<url><loc>{base}/products/{handle}</loc><lastmod>2026-11-30T10:00:00Z</lastmod>"
        f"<image:image><image:loc>https://cdn.shopify.example/{handle}.jpg</image:loc>"
        f"<image:title>{title}</image:title></image:image></url>"
    )


def test_a_list_gives_its_pages_titled_by_image_or_address() -> None:
    base = "https://shop.example"
    xml = urlset(
        shopify_entry(base, "moka-6", "Bialetti Moka Express 6 tazze &amp; more"),
        f"<url><loc>{base}/prodotto/robot-tagliaerba-gardena-sileno-city-500</loc></url>",
        f"<url><loc><![CDATA[{base}/p/12345/kaffeemuehle-encore.html]]></loc></url>",
    )
    sitemap = read_sitemap(xml.encode(), base + "/sitemap.xml")
    assert sitemap.children == [] and not sitemap.cut
    assert sitemap.pages == [
        (f"{base}/products/moka-6", "Bialetti Moka Express 6 tazze & more"),
        (
            f"{base}/prodotto/robot-tagliaerba-gardena-sileno-city-500",
            "robot tagliaerba gardena sileno city 500",
        ),
        (f"{base}/p/12345/kaffeemuehle-encore.html", "kaffeemuehle encore"),
    ]


def test_an_index_gives_its_sitemaps_and_gzip_is_read_within_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sitemap = read_sitemap(
        index("/a.xml", "https://shop.example/b.xml.gz").encode(),
        "https://shop.example/sitemap.xml",
    )
    assert sitemap.children == ["https://shop.example/a.xml", "https://shop.example/b.xml.gz"]
    entries = [f"<url><loc>https://shop.example/p/item-{n}</loc></url>" for n in range(50)]
    packed = gzip.compress(urlset(*entries).encode())
    assert len(read_sitemap(packed, "https://shop.example/s.xml.gz").pages) == 50
    monkeypatch.setattr(sitemap_search, "MAX_PAGES", 10)
    cut = read_sitemap(packed, "https://shop.example/s.xml.gz")
    assert len(cut.pages) == 10 and cut.cut
    monkeypatch.setattr(sitemap_search, "MAX_XML_BYTES", 1000)
    assert read_sitemap(packed, "https://shop.example/s.xml.gz").cut
    assert read_sitemap(b"\x1f\x8b not gzip at all", "https://shop.example/s.xml.gz").pages == []
    assert read_sitemap(b"<urlset><url><loc>", "https://shop.example/s.xml").pages == []


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("https://s.example/products/dyson-v15-detect-absolute", "dyson v15 detect absolute"),
        ("https://s.example/catalog/item/123456/", "item"),
        ("https://s.example/123456", ""),
        (
            "https://s.example/p/%D0%BA%D0%BE%D1%84%D0%B5%D0%BC%D0%BE%D0%BB%D0%BA%D0%B0-x1.html",
            "кофемолка x1",
        ),
    ],
)
def test_a_page_address_gives_its_words(url: str, title: str) -> None:
    assert slug_title(url) == title


def test_only_pages_sharing_a_model_number_or_the_brand_are_ranked() -> None:
    pages = [
        ("https://s.example/p/gardena-sileno-city-250", "gardena sileno city 250"),
        ("https://s.example/p/gardena-sileno-city-500", "gardena sileno city 500"),
        ("https://s.example/p/husqvarna-automower-305", "husqvarna automower 305"),
        ("https://s.example/p/garden-hose", "garden hose"),
    ]
    candidates = [Candidate(url, title) for url, title in pages]
    found = sitemap_search.ranked("GARDENA Sileno City 500 robotic mower", "Gardena", candidates)
    assert [c.url.rsplit("/", 1)[1] for c in found] == [
        "gardena-sileno-city-500",
        "gardena-sileno-city-250",
    ]


@pytest.fixture
def shop() -> Iterator[StoreSite]:
    """A Shopify-like shop: search closed to robots, an index naming its sitemaps."""
    site = StoreSite()
    with serve(site):
        base = site.base
        robots.reset_for_tests()
        products = urlset(
            shopify_entry(base, "sileno-city-500", "GARDENA smart SILENO city 500 m²"),
            shopify_entry(base, "sileno-city-250", "GARDENA smart SILENO city 250 m²"),
            shopify_entry(base, "garden-hose-20m", "Garden hose 20 m"),
            "<url><loc>https://elsewhere.example/products/sileno-city-500</loc></url>",
        )
        site.pages.update(
            {
                "/robots.txt": Page(
                    "User-agent: *\nDisallow: /search\nDisallow: /private/\n\n"
                    f"Sitemap: {base}/sitemap.xml\n",
                    content_type="text/plain",
                ),
                "/": Page("<html><body><h1>Garden shop</h1></body></html>"),
                "/sitemap.xml": Page(
                    index(
                        f"{base}/sitemap_pages_1.xml",
                        f"{base}/sitemap_products_1.xml",
                        f"{base}/private/sitemap_products_2.xml",
                    ),
                    content_type="application/xml",
                ),
                "/sitemap_pages_1.xml": Page(
                    urlset(f"<url><loc>{base}/pages/about</loc></url>"),
                    content_type="application/xml",
                ),
                "/sitemap_products_1.xml": Page(
                    gzip.compress(products.encode()), content_type="application/x-gzip"
                ),
                "/products/sileno-city-500": product_page(
                    "GARDENA smart SILENO city 500 m²",
                    "899.00",
                    currency="EUR",
                    gtin="4078500038881",
                ),
                "/products/sileno-city-250": product_page(
                    "GARDENA smart SILENO city 250 m²",
                    "699.00",
                    currency="EUR",
                    gtin="4078500038874",
                ),
            }
        )
        yield site


def client() -> GuardedClient:
    return GuardedClient(
        user_agent="DiscountMarketBot/1.0", allow_hosts=("127.0.0.1",), min_interval=0
    )


def test_a_shops_sitemaps_are_read_as_robots_txt_names_them(shop: StoreSite) -> None:
    with client() as guarded:
        pages = sitemap_search.shop_pages(guarded, shop.base + "/")
    assert [page.url for page in pages.pages] == [
        shop.url("/products/sileno-city-500"),
        shop.url("/products/sileno-city-250"),
        shop.url("/products/garden-hose-20m"),
    ]  # the product sitemap first; another site's page dropped
    assert pages.pages[0].title == "GARDENA smart SILENO city 500 m²"
    assert [e["code"] for e in pages.errors] == ["robots"]  # /private/ is closed to robots
    assert not pages.complete
    assert shop.url("/sitemap_pages_1.xml") not in pages.fetched  # pages, not products


def test_the_finder_finds_the_product_through_the_sitemap_not_the_search(shop: StoreSite) -> None:
    identity = ProductIdentity(gtin="04078500038881", brand="Gardena")
    with client() as guarded:
        finder = ListingFinder(guarded, max_searches=4)
        report = finder.find(
            "Gardena Sileno City 500 robotic lawn mower", identity, shop.base + "/"
        )
    assert report.match is not None and report.match.url == shop.url("/products/sileno-city-500")
    assert report.match.decision.by == "gtin"
    assert not [path for path in shop.paths_requested() if path.startswith("/search")]
    assert shop.url("/sitemap_products_1.xml") in report.searched
    assert report.searches == 1  # the sitemaps; searches robots.txt refused never left


def test_a_sitemap_larger_than_a_page_is_read_in_part(
    shop: StoreSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages are refused over the client's limit; a sitemap (up to 50 MB by the protocol)
    keeps its first bytes, and says it was cut."""
    entries = [f"<url><loc>{shop.base}/p/gardena-item-{n}</loc></url>" for n in range(3000)]
    shop.pages["/robots.txt"] = Page(f"Sitemap: {shop.base}/big.xml\n", content_type="text/plain")
    shop.pages["/big.xml"] = Page(urlset(*entries), content_type="application/xml")
    monkeypatch.setattr(sitemap_search, "MAX_DOWNLOAD_BYTES", 40_000)
    with GuardedClient(
        user_agent="DiscountMarketBot/1.0",
        allow_hosts=("127.0.0.1",),
        min_interval=0,
        max_bytes=20_000,
    ) as guarded:
        pages = sitemap_search.shop_pages(guarded, shop.base + "/")
    assert 500 < len(pages.pages) < 3000 and pages.errors == []
    assert not pages.complete


def test_an_entrys_own_address_is_read_wherever_its_image_stands() -> None:
    xml = urlset(
        "<url><image:image><image:loc>https://cdn.example/a.jpg</image:loc>"
        "<image:title>Tent UL2</image:title></image:image>"
        "<loc>https://shop.example/p/tent-ul2</loc></url>"
    )
    assert read_sitemap(xml.encode(), "https://shop.example/sitemap.xml").pages == [
        ("https://shop.example/p/tent-ul2", "Tent UL2")
    ]


def test_a_hostile_sitemap_is_read_in_bounded_time_and_space() -> None:
    """Entities that multiply (billion laughs), external entities and endless unclosed
    entries: expat refuses or reads them as a stream; nothing is expanded or fetched."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    laughs = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]>'
        "<urlset><url><loc>&lol9;</loc></url></urlset>"  # 10^9 "lol"s
    )
    hostile = read_sitemap(laughs.encode(), "https://shop.example/s.xml")
    assert hostile.pages == [] and hostile.cut
    external = (
        '<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<urlset><url><loc>https://shop.example/&x;</loc></url></urlset>"
    )
    assert read_sitemap(external.encode(), "https://shop.example/s.xml").pages == []
    unclosed = b"<urlset>" + b"<url><loc>https://shop.example/p/a" * 200_000
    assert read_sitemap(unclosed, "https://shop.example/s.xml").pages == []


@pytest.mark.parametrize(
    ("children", "first"),
    [
        (  # Yoast SEO
            [
                "post-sitemap.xml",
                "page-sitemap.xml",
                "product_cat-sitemap.xml",
                "product-sitemap.xml",
            ],
            "product-sitemap.xml",
        ),
        (  # WordPress's own, WooCommerce's products among them
            [
                "wp-sitemap-posts-post-1.xml",
                "wp-sitemap-posts-page-1.xml",
                "wp-sitemap-users-1.xml",
                "wp-sitemap-posts-product-1.xml",
            ],
            "wp-sitemap-posts-product-1.xml",
        ),
        (  # Shopify
            [
                "sitemap_pages_1.xml",
                "sitemap_collections_1.xml",
                "sitemap_blogs_1.xml",
                "sitemap_products_1.xml?from=1&to=999",
            ],
            "sitemap_products_1.xml?from=1&to=999",
        ),
    ],
)
def test_an_index_is_read_from_its_product_sitemaps(children: list[str], first: str) -> None:
    base = "https://vintage-heritage.example/"  # words in the host name no sitemap's
    ordered = sitemap_search._likeliest([base + child for child in children])
    assert ordered[0] == base + first
    assert not any("post-1" in c or "users" in c or "blogs" in c for c in ordered)


def test_a_dtd_is_refused_and_an_index_is_capped() -> None:
    with_dtd = (
        '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY p "/p/a">]>'
        + urlset("<url><loc>https://shop.example&p;</loc></url>").split("?>", 1)[1]
    )
    refused = read_sitemap(with_dtd.encode(), "https://shop.example/s.xml")
    assert refused.pages == [] and refused.cut
    many = index(*[f"https://shop.example/s{n}.xml" for n in range(5000)])
    children = read_sitemap(many.encode(), "https://shop.example/sitemap.xml").children
    assert len(children) == sitemap_search.MAX_CHILDREN


def test_a_sitemap_is_no_evidence_that_a_shop_does_not_sell_it(shop: StoreSite) -> None:
    """Its list may be partial and its pages are named by their addresses: a shop whose
    search is closed is never judged "does not carry it" from its sitemap."""
    identity = ProductIdentity(brand="Gardena")
    with client() as guarded:
        report = ListingFinder(guarded, max_searches=4).find(
            "Gardena Sileno Life 1000 robotic lawn mower", identity, shop.base + "/"
        )
    assert report.match is None and not report.absent


def test_sitemaps_that_cannot_be_read_are_not_kept_as_an_answer(shop: StoreSite) -> None:
    shop.pages["/sitemap.xml"] = Page("busy", status=503, content_type="text/plain")
    kept: dict[str, object] = {}

    def cache(url: str, search):  # type: ignore[no-untyped-def]
        if url not in kept:
            kept[url] = search()
        return kept[url]

    with client() as guarded:
        report = ListingFinder(guarded, max_searches=4, cache=cache).find(
            "Gardena Sileno City 500", ProductIdentity(brand="Gardena"), shop.base + "/"
        )
    assert report.match is None and kept == {}
    assert [e["code"] for e in report.errors][-1] == "http_error"


def test_a_relative_sitemap_line_is_read_and_a_bad_address_only_reported(shop: StoreSite) -> None:
    shop.pages["/robots.txt"] = Page(
        "User-agent: *\nDisallow: /search\n\nSitemap: /sitemap.xml\n", content_type="text/plain"
    )
    with client() as guarded:
        assert guarded.sitemaps(shop.base + "/") == [shop.url("/sitemap.xml")]
        assert guarded.sitemaps("ftp://shop.example/") == []
        report = ListingFinder(guarded, max_searches=4).find(
            "Gardena Sileno City 500", ProductIdentity(brand="Gardena"), "ftp://shop.example/"
        )
    assert report.match is None and report.errors
