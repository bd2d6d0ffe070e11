"""How the catalogue shops search, and the machine-readable search answers some platforms
give: Shopify's predictive search JSON, the WooCommerce Store API's product list, an
OpenSearch description and its suggestions.

The search is a plain relevance search, as most shop software does it: the query's words
(case and accents ignored; words of one or two letters without a digit left out, as most
shops' minimum word length does) against the words of the fields the shop indexes; a
product is a hit when at least half of the words (and at least one) are found, or when the
query is one of its codes compared without hyphens and spaces; most words found first. Only the
shops whose platforms index barcodes find a product by its GTIN (as they write it)."""

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from typing import Any

from tests.catalogue import ShopProduct, active, shop_products
from tests.catalogue_pages import category_path, listing_id, price_text

__all__ = [
    "opensearch_description",
    "opensearch_suggestions",
    "search_catalogue",
    "shopify_suggest",
    "woo_store_products",
]


def _fold(text: str) -> str:
    """Lower case without accents (as search engines fold them)."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def _compact(text: str) -> str:
    """A code without hyphens and spaces (nor the punctuation around it): "mzv9p2t0bw"."""
    return re.sub(r"^\W+|\W+$", "", re.sub(r"[\s-]+", "", _fold(text)))


def _index(product: ShopProduct) -> tuple[set[str], set[str]]:
    """The words and the whole codes the product is found by in its shop's search."""
    fields = active().shops[product.shop].fields
    texts = [product.title]
    texts += [product.brand] if "brand" in fields else []
    texts += [active().categories[product.family]["en"]] if "type" in fields else []
    codes = [product.sku] if "sku" in fields else []
    codes += [product.mpn] if "mpn" in fields and product.mpn else []
    found = {word for text in texts + codes for word in re.findall(r"\w+", _fold(text))}
    found |= {_compact(token) for text in texts for token in text.split()}  # "wh1000xm5"
    whole = {_compact(code) for code in codes}
    return found, whole | ({product.barcode} if "gtin" in fields else set())


def _counts(token: str) -> bool:
    """Whether a query word is searched for: a number, or a word of three letters or more."""
    letters = re.sub(r"\W", "", token)
    return len(letters) >= 3 or any(c.isdigit() for c in letters)


def search_catalogue(shop: str, query: str) -> list[ShopProduct]:
    """What the shop's search finds for ``query``, best first."""
    tokens = list(dict.fromkeys(t for t in _fold(query).split() if _counts(t)))
    if not tokens:
        return []
    needed = max(1, -(-len(tokens) // 2))
    scored = []
    for product in shop_products(shop):
        found, codes = _index(product)
        if _compact(query) in codes:
            scored.append((len(tokens), product))
            continue
        matched = sum(
            1
            for token in tokens
            if _compact(token) in codes | found
            or all(word in found for word in re.findall(r"\w+", token))
        )
        if matched >= needed:
            scored.append((matched, product))
    return [product for _, product in sorted(scored, key=lambda pair: -pair[0])]


def _number(params: dict[str, str], name: str, default: int) -> int:
    value = params.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def shopify_suggest(base: str, params: dict[str, str]) -> dict[str, Any]:
    """/search/suggest.json: the resources asked for (``resources[type]``), products as
    Shopify's predictive search lists them (at most ``resources[limit]``, 10 at most)."""
    query = params.get("q", "")
    hits = search_catalogue("shopify", query)[: min(10, _number(params, "resources[limit]", 10))]
    sid = f"{zlib.crc32(query.encode()):08x}a"
    cdn = "https://cdn.shopify.com/s/files/1/0626/9918/4721/files"
    products = []
    for position, p in enumerate(hits, 1):
        image = f"{cdn}/{p.product}.jpg?v=1700000000"
        price = f"{p.price:.2f}"
        products.append(
            {
                "available": True,
                "body": f"<p>{html.escape(p.title)}</p>",
                "compare_at_price_max": "0.00",
                "compare_at_price_min": "0.00",
                "featured_image": {"alt": p.title, "aspect_ratio": 1.0, "url": image},
                "handle": p.path.rsplit("/", 1)[1],
                "id": 8_000_000_000_000 + listing_id(p),
                "image": image,
                "price": price,
                "price_max": price,
                "price_min": price,
                "tags": [],
                "title": p.title,
                "type": active().categories[p.family]["en"],
                "url": f"{p.path}?_pos={position}&_sid={sid}&_ss=r",
                "vendor": p.brand,
            }
        )
    names = {"query": "queries", "product": "products", "collection": "collections"}
    names["page"] = "pages"
    asked = params.get("resources[type]", "query,product,collection,page").split(",")
    results: dict[str, list[Any]] = {names[kind]: [] for kind in asked if kind in names}
    if "products" in results:
        results["products"] = products
    return {"resources": {"results": results}}


def woo_store_products(base: str, params: dict[str, str]) -> tuple[list[dict[str, Any]], int]:
    """/wp-json/wc/store/v1/products: one page of products (``search``, ``per_page``,
    ``page``) as the Store API lists them, and how many there are in all."""
    size, page = min(100, _number(params, "per_page", 10)), _number(params, "page", 1)
    search = params.get("search")
    hits = search_catalogue("woocommerce", search) if search else shop_products("woocommerce")
    items = []
    for p in hits[(page - 1) * size : page * size]:
        name = html.escape(p.title, quote=False).replace("\u2013", "&#8211;")
        cents = str(int(p.price * 100))
        category = category_path("woocommerce", p.family)
        images = f"{base}/wp-content/uploads/2024/03/{p.product}"
        items.append(
            {
                "id": listing_id(p),
                "name": name,
                "slug": p.path.strip("/").rsplit("/", 1)[1],
                "parent": 0,
                "type": "simple",
                "variation": "",
                "permalink": base + p.path,
                "sku": p.sku,
                "short_description": "",
                "description": f"<p>{name}</p>",
                "on_sale": False,
                "prices": {
                    "price": cents,
                    "regular_price": cents,
                    "sale_price": cents,
                    "price_range": None,
                    "currency_code": "EUR",
                    "currency_symbol": "€",
                    "currency_minor_unit": 2,
                    "currency_decimal_separator": ",",
                    "currency_thousand_separator": ".",
                    "currency_prefix": "",
                    "currency_suffix": " €",
                },
                "price_html": f'<span class="woocommerce-Price-amount amount"><bdi>'
                f"{price_text('woocommerce', p.price)}</bdi></span>",
                "average_rating": "0",
                "review_count": 0,
                "images": [{"id": listing_id(p) + 1, "src": f"{images}.jpg", "alt": ""}],
                "categories": [
                    {
                        "id": list(active().categories).index(p.family) + 15,
                        "name": active().categories[p.family]["de"],
                        "slug": category.strip("/").rsplit("/", 1)[1],
                        "link": base + category,
                    }
                ],
                "tags": [],
                "brands": [],
                "attributes": [],
                "variations": [],
                "has_options": False,
                "is_purchasable": True,
                "is_in_stock": True,
                "is_on_backorder": False,
                "low_stock_remaining": None,
                "sold_individually": False,
                "add_to_cart": {
                    "text": "In den Warenkorb",
                    "description": f"„{name}“ zu deinem Warenkorb hinzufügen",
                    "url": f"?add-to-cart={listing_id(p)}",
                    "minimum": 1,
                    "maximum": 9999,
                    "multiple_of": 1,
                },
                "extensions": {},
            }
        )
    return items, len(hits)


def opensearch_description(base: str) -> str:
    """The OpenSearch description the Czech shop's home page links to."""
    name = active().shops["opensearch"].name
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/"
                       xmlns:moz="http://www.mozilla.org/2006/browser/search/">
  <ShortName>{name}</ShortName>
  <Description>Hledání v e-shopu {name}</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Image width="16" height="16" type="image/x-icon">{base}/favicon.ico</Image>
  <Url type="text/html" method="get" template="{base}/hledani?q={{searchTerms}}"/>
  <Url type="application/x-suggestions+json"
       template="{base}/hledani/naseptavac?q={{searchTerms}}"/>
  <moz:SearchForm>{base}/hledani</moz:SearchForm>
</OpenSearchDescription>
"""


def opensearch_suggestions(query: str) -> list[Any]:
    """The OpenSearch suggestions answer: [query, [completions]]."""
    return [query, [p.title for p in search_catalogue("opensearch", query)]]
