"""Where a shop can be searched for a product, read from its home page, in the order worth
trying:

1. the platform's JSON search where one exists (Shopify's predictive search, the
   WooCommerce Store API), which answers with product URLs, titles and prices;
2. the search the site advertises: schema.org ``WebSite`` → ``potentialAction``
   ``SearchAction`` ``urlTemplate``, or an OpenSearch description (``<link rel="search">``,
   whose template the caller fetches and passes to ``opensearch_template``);
3. the search form on the page (a GET form of kind ``search``);
4. the search path of the platform the page is built with (Magento, PrestaShop, OpenCart,
   Shopware, Bitrix, BigCommerce, Shoptet, WooCommerce…).

Templates hold ``{q}`` where the query goes. No network here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urljoin, urlsplit

from bs4 import Tag

from discountmarket.outreach.forms import analyse_forms
from discountmarket.outreach.jsonld import json_objects, json_text, jsonld_types, typed_objects
from discountmarket.outreach.markup import Page, absolute_url

__all__ = [
    "OPENSEARCH_TYPE",
    "SearchEndpoint",
    "fill",
    "opensearch_link",
    "opensearch_template",
    "search_endpoints",
]

OPENSEARCH_TYPE = "application/opensearchdescription+xml"
_QUERY = "{q}"
_MAX_ENDPOINTS = 6
_COMMON_PATH = "/search?q={q}"  # what most other shop software answers
_MARK = "\x00"

# Platform -> what its pages carry, and its search (JSON first where it has one).
_PLATFORMS: tuple[tuple[str, re.Pattern[str], tuple[tuple[str, str], ...]], ...] = (
    (
        "shopify",
        re.compile(r"cdn\.shopify\.com|Shopify\.shop|myshopify\.com|shopify-section", re.I),
        (
            (
                "shopify_json",
                "/search/suggest.json?q={q}&resources[type]=product&resources[limit]=10",
            ),
            ("html", "/search?q={q}&type=product"),
        ),
    ),
    (
        "woocommerce",
        re.compile(r"woocommerce|wc-block|/wp-json/wc/", re.I),
        (
            ("woo_json", "/wp-json/wc/store/v1/products?search={q}&per_page=10"),
            ("html", "/?s={q}&post_type=product"),
        ),
    ),
    (
        "magento",
        re.compile(r"Magento_|mage/cookies|catalogsearch|/static/version\d", re.I),
        (("html", "/catalogsearch/result/?q={q}"),),
    ),
    (
        "prestashop",
        re.compile(r"prestashop|/modules/ps_", re.I),
        (("html", "/index.php?controller=search&s={q}"),),
    ),
    (
        "opencart",
        re.compile(r"route=common/home|catalog/view/theme|route=product/", re.I),
        (("html", "/index.php?route=product/search&search={q}"),),
    ),
    (
        "shopware",
        re.compile(r"shopware|sw-skin|/bundles/storefront/", re.I),
        (("html", "/search?search={q}"),),
    ),
    (
        "bitrix",
        re.compile(r"/bitrix/(?:templates|js|cache)/|BX\.setJSList", re.I),
        (("html", "/search/?q={q}"),),
    ),
    (
        "bigcommerce",
        re.compile(r"bigcommerce\.com|cdn11\.bigcommerce", re.I),
        (("html", "/search.php?search_query={q}"),),
    ),
    (
        "shoptet",
        re.compile(r"cdn\.myshoptet\.com|shoptet", re.I),
        (("html", "/vyhledavani/?string={q}"),),
    ),
)


@dataclass(frozen=True)
class SearchEndpoint:
    """One way to search a shop: where, and how its answer is read."""

    source: str  # "platform", "search_action", "opensearch", "search_form", "platform_path"
    template: str  # absolute URL with {q}
    reads: str  # "shopify_json", "woo_json" or "html"


def fill(endpoint: SearchEndpoint, query: str) -> str:
    return endpoint.template.replace(_QUERY, quote(query, safe=""))


def platform(html: str) -> str | None:
    """The shop platform the page is built with, from its markup's fingerprints."""
    for name, marks, _ in _PLATFORMS:
        if marks.search(html[:500_000]):
            return name
    return None


def search_endpoints(
    page: Page, html: str, *, opensearch: str | None = None
) -> list[SearchEndpoint]:
    """Every way to search the shop whose home page this is, best first, without
    repeats. ``opensearch`` is the template from its OpenSearch description, if any."""
    found: list[SearchEndpoint] = []
    name = platform(html)
    paths = next((paths for key, _, paths in _PLATFORMS if key == name), ())
    base = page.resolve_base
    for reads, path in paths:
        if reads != "html":
            found.append(SearchEndpoint("platform", urljoin(base, path), reads))
    action = _search_action(page)
    if action:
        found.append(SearchEndpoint("search_action", action, "html"))
    if opensearch:
        found.append(SearchEndpoint("opensearch", opensearch, "html"))
    form = _search_form(html, page.base_url)
    if form:
        found.append(SearchEndpoint("search_form", form, "html"))
    for reads, path in paths:
        if reads == "html":
            found.append(SearchEndpoint("platform_path", urljoin(base, path), reads))
    if not found:
        found.append(SearchEndpoint("platform_path", urljoin(base, _COMMON_PATH), "html"))
    return _distinct(found, urlsplit(page.base_url).hostname)[:_MAX_ENDPOINTS]


def _distinct(endpoints: list[SearchEndpoint], host: str | None) -> list[SearchEndpoint]:
    """Without repeats, and only on the shop's own host: a template pointing elsewhere
    would make us search (and trust) another site."""
    seen: set[str] = set()
    kept = []
    for endpoint in endpoints:
        if endpoint.template not in seen and urlsplit(endpoint.template).hostname == host:
            seen.add(endpoint.template)
            kept.append(endpoint)
    return kept


def _search_action(page: Page) -> str | None:
    """schema.org WebSite → potentialAction SearchAction → target (EntryPoint urlTemplate
    or a plain string), its placeholder named by ``query-input``."""
    for values in page.json_ld:
        for site, _ in typed_objects(values, frozenset({"website"})):
            for action in json_objects(site.get("potentialAction")):
                if "searchaction" not in jsonld_types(action):
                    continue
                template = _action_target(action)
                name = _placeholder(action)
                if template and name and "{" + name + "}" in template:
                    url = absolute_url(template.replace("{" + name + "}", _QUERY), page.base_url)
                    if url:
                        return url
    return None


def _action_target(action: dict) -> str | None:
    for target in json_objects(action.get("target")) or [action.get("target")]:
        text = json_text(target.get("urlTemplate")) if isinstance(target, dict) else target
        if isinstance(text, str):
            return text
    return None


def _placeholder(action: dict) -> str | None:
    """ "required name=search_term_string" (or the PropertyValueSpecification form)."""
    spec = action.get("query-input") or action.get("query")
    if isinstance(spec, dict):
        spec = spec.get("valueName")
        return spec if isinstance(spec, str) else None
    match = re.search(r"name=(\w+)", spec) if isinstance(spec, str) else None
    return match.group(1) if match else None


def opensearch_link(page: Page) -> str | None:
    """The URL of the page's OpenSearch description."""
    for link in page.soup.find_all("link", limit=200):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        kind = str(link.get("type") or "").lower()
        if "search" in [r.lower() for r in rels] and kind == OPENSEARCH_TYPE:
            return absolute_url(link.get("href"), page.resolve_base)
    return None


def opensearch_template(xml: str, base_url: str) -> str | None:
    """The text/html ``Url`` template of an OpenSearch description, {searchTerms} -> {q}."""
    # Read as markup, as the page reader reads everything: no entity expansion, no DTDs.
    description = Page.load(xml[:200_000], base_url)
    if description is None:
        return None
    for url in description.soup.find_all("url", limit=20):
        if not isinstance(url, Tag) or str(url.get("type") or "").lower() != "text/html":
            continue
        template = str(url.get("template") or "")
        if "{searchTerms}" in template or "{searchterms}" in template.lower():
            template = re.sub(r"\{searchTerms\}", _QUERY, template, flags=re.I)
            template = re.sub(r"\{[^}]*\?\}", "", template)  # optional parameters left out
            return absolute_url(template, base_url)
    return None


def _search_form(html: str, page_url: str) -> str | None:
    """A GET search form's URL with its text field as {q} and its hidden fields kept."""
    for plan in analyse_forms(html, page_url, limit=30):
        if plan.kind != "search" or plan.method != "get":
            continue
        text = next(
            (f.name for f in plan.all_fields if f.type in ("text", "search") and not f.honeypot),
            None,
        )
        if text is None:
            continue
        query = urlencode([*plan.hidden.items(), (text, _MARK)]).replace("%00", _QUERY)
        action = plan.action.split("?", 1)[0].split("#", 1)[0]
        return f"{action}?{query}"
    return None
