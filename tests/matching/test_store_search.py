"""Where a shop can be searched, from its home page: platform JSON search, the advertised
SearchAction or OpenSearch template, the search form, the platform's search path."""

from __future__ import annotations

import json

from protego import Protego

from discountmarket.outreach.markup import Page
from discountmarket.outreach.store_search import (
    fill,
    opensearch_link,
    opensearch_template,
    search_endpoints,
)

HOME = "https://shop.example/"


def endpoints(html: str, **kwargs: str) -> list[tuple[str, str, str]]:
    page = Page.load(html, HOME)
    assert page is not None
    return [(e.source, e.template, e.reads) for e in search_endpoints(page, html, **kwargs)]


def test_shopify_is_searched_through_its_predictive_search_first() -> None:
    html = '<script src="//cdn.shopify.com/s/files/theme.js"></script><h1>Shop</h1>'
    found = endpoints(html)
    assert found[0] == (
        "platform",
        "https://shop.example/search/suggest.json?q={q}&resources[type]=product"
        "&resources[limit]=10",
        "shopify_json",
    )
    assert found[-1] == ("platform_path", "https://shop.example/search?q={q}&type=product", "html")


def test_woocommerce_through_the_store_api() -> None:
    html = '<body class="home woocommerce-page"><link href="/wp-content/plugins/woocommerce/x.css">'
    assert endpoints(html)[0] == (
        "platform",
        "https://shop.example/wp-json/wc/store/v1/products?search={q}&per_page=10",
        "woo_json",
    )


def test_the_advertised_search_action_with_an_entry_point_or_a_plain_target() -> None:
    for target in (
        {"@type": "EntryPoint", "urlTemplate": "https://shop.example/find?text={term}"},
        "https://shop.example/find?text={term}",
    ):
        data = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "url": HOME,
            "potentialAction": {
                "@type": "SearchAction",
                "target": target,
                "query-input": "required name=term",
            },
        }
        html = f'<script type="application/ld+json">{json.dumps(data)}</script>'
        assert endpoints(html) == [("search_action", "https://shop.example/find?text={q}", "html")]


def test_a_search_template_on_another_site_is_never_used() -> None:
    data = {
        "@type": "WebSite",
        "potentialAction": {
            "@type": "SearchAction",
            "target": "https://search.elsewhere.example/?q={s}",
            "query-input": "required name=s",
        },
    }
    html = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    assert all("elsewhere" not in template for _, template, _ in endpoints(html))


def test_opensearch_description() -> None:
    page = Page.load(
        '<link rel="search" type="application/opensearchdescription+xml" href="/os.xml">', HOME
    )
    assert page is not None
    assert opensearch_link(page) == "https://shop.example/os.xml"
    xml = (
        '<?xml version="1.0"?><OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">'
        '<Url type="application/x-suggestions+json" template="/suggest?q={searchTerms}"/>'
        '<Url type="text/html" template="https://shop.example/hledani?q={searchTerms}'
        '&amp;p={startPage?}"/></OpenSearchDescription>'
    )
    assert opensearch_template(xml, "https://shop.example/os.xml") == (
        "https://shop.example/hledani?q={q}&p="
    )


def test_the_search_form_keeps_its_hidden_fields() -> None:
    html = (
        '<header><form action="/recherche" method="get" role="search">'
        '<input type="hidden" name="controller" value="search">'
        '<input type="search" name="s" placeholder="Rechercher"><button>OK</button></form>'
        "</header>"
    )
    assert endpoints(html) == [
        ("search_form", "https://shop.example/recherche?controller=search&s={q}", "html")
    ]


def test_platform_paths_and_a_common_one_when_nothing_is_known() -> None:
    magento = '<script type="text/x-magento-init">{"*": {"Magento_Ui/js/core/app": {}}}</script>'
    assert endpoints(magento) == [
        ("platform_path", "https://shop.example/catalogsearch/result/?q={q}", "html")
    ]
    assert endpoints("<h1>A plain shop</h1>") == [
        ("platform_path", "https://shop.example/search?q={q}", "html")
    ]


def test_queries_are_encoded_into_the_template() -> None:
    page = Page.load("<p>x</p>", HOME)
    assert page is not None
    [endpoint] = search_endpoints(page, "<p>x</p>")
    assert fill(endpoint, "Moka & Co 6/3 #1") == (
        "https://shop.example/search?q=Moka%20%26%20Co%206%2F3%20%231"
    )


# Shopify's default robots.txt (the lines that matter): RFC 9309 picks the longest match,
# so its predictive search stays open while /search itself is closed to robots.
SHOPIFY_ROBOTS = """
User-agent: *
Disallow: /admin
Disallow: /cart
Disallow: /checkout
Disallow: /collections/*sort_by*
Disallow: /search
Allow: /search/
Disallow: /search/?*
Disallow: /apple-app-site-association
"""


def test_shopify_robots_txt_is_read_by_the_longest_match() -> None:
    rules = Protego.parse(SHOPIFY_ROBOTS)
    assert rules.can_fetch(
        "https://shop.example/search/suggest.json?q=x&resources[type]=product", "DiscountMarketBot"
    )
    assert not rules.can_fetch("https://shop.example/search?q=x", "DiscountMarketBot")
    assert not rules.can_fetch("https://shop.example/search/?q=x", "DiscountMarketBot")
