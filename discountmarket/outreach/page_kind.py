"""Whether a page is one product's page, or some other page of a shop (its contact page,
a category, search results, the cart, a sign-in page, the home page).

A request is only worth a store's time when it names one product: sending a store its own
contact page "at a discount" teaches it to ignore us. Two readings, from what shop
platforms really publish:

* the URL, before anything is fetched: the paths the common platforms (Shopify,
  WooCommerce, Magento, PrestaShop, OpenCart, Shopware, Bitrix, Tilda, Wix) give their
  non-product pages, and a site's root;
* the page, once read: the page type it declares (schema.org ``ContactPage``,
  ``CollectionPage``, ``SearchResultsPage``, ``CheckoutPage``, ``AboutPage``, an
  ``ItemList`` of several products, ``og:type`` website on a home page), set against what
  a product page declares (a schema.org ``Product`` with an offer, ``og:type`` product).

Structured product data wins over a path: ``/catalog/lamp-123`` is a product page on many
shops. No network, no database.
"""

from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qsl, urlsplit

from bs4 import Tag

from discountmarket.outreach.jsonld import jsonld_types, typed_objects
from discountmarket.outreach.markup import ANCESTOR_LIMIT, scope_types
from discountmarket.outreach.product_page import PRODUCT_TYPES, ProductPage

CONTACT, CATEGORY, SEARCH, CART, ACCOUNT, HOME, INFO = (
    "contact",
    "category",
    "search",
    "cart",
    "account",
    "home",
    "info",
)

# Path segments that name a non-product page on the common platforms, in several languages.
_PATH_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"^(?:{words})$", re.IGNORECASE))
    for kind, words in (
        (
            CONTACT,
            r"contacts?|contact-us|contactus|kontakt[ey]?|kontakty|contacto|contactez-nous|"
            r"contatti|impressum|imprint|kontaktformular|обратная-связь|контакты",
        ),
        (
            CART,
            r"cart|basket|checkout|warenkorb|kasse|panier|carrito|carrello|kosik|košík|"
            r"koszyk|korzina|personal_cart|order|корзина",
        ),
        (
            ACCOUNT,
            r"login|log-in|signin|sign-in|register|account|my-account|customer|wishlist|"
            r"auth|anmelden|konto|connexion|mon-compte|lk|personal|личный-кабинет",
        ),
        (SEARCH, r"search|suche|recherche|buscar|cerca|hledat|szukaj|poisk|catalogsearch|поиск"),
        (
            INFO,
            r"about|about-us|pages|blog|news|faq|help|delivery|shipping|returns|privacy|"
            r"terms|agb|datenschutz|o-nas|about_us|o-kompanii|dostavka|oplata",
        ),
    )
)
# A listing, not a product: these segments as the *last* part of the path. Shopify's
# /collections/x/products/y is a product, /collections/x is not.
_LISTING_LAST = re.compile(
    r"^(?:collections?|categor(?:y|ies)|catalog(?:ue)?|shop|products|product-category|"
    r"kategorie|kategorien|categorie|categoria|kategorija|katalog|sale|brands?)$",
    re.IGNORECASE,
)
_LISTING_PARENT = re.compile(
    r"^(?:collections|category|categories|product-category|kategorie|categorie|categoria|"
    r"brands?|tag|product-tag)$",
    re.IGNORECASE,
)
_SEARCH_PARAMS = frozenset({"q", "s", "search", "query", "search_query", "keyword", "keywords"})
_ROUTE_PARAM = re.compile(
    r"^(?:checkout|account|information|common)/|^product/(?:search|category)$", re.IGNORECASE
)

_PAGE_TYPES = {
    "contactpage": CONTACT,
    "aboutpage": INFO,
    "faqpage": INFO,
    "collectionpage": CATEGORY,
    "searchresultspage": SEARCH,
    "checkoutpage": CART,
    "profilepage": ACCOUNT,
}


def kind_of_url(url: str) -> str | None:
    """What non-product page the URL names, by the shop platforms' conventions; None when
    it may well be a product page."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    route = query.get("route", "")  # OpenCart: index.php?route=product/product&product_id=
    if route:
        if route.lower() == "product/product":
            return None
        if _ROUTE_PARAM.search(route):
            return SEARCH if "search" in route.lower() else CATEGORY
    if _SEARCH_PARAMS & {name.lower() for name in query} and not _looks_like_item(segments):
        return SEARCH
    if not segments or (len(segments) == 1 and re.fullmatch(r"index\.\w+", segments[0])):
        return None if query else HOME
    words = [re.sub(r"\.(html?|php|aspx?)$", "", segment) for segment in segments]
    for kind, pattern in _PATH_KINDS:
        if any(pattern.match(word) for word in words[:3]):
            return kind
    if _LISTING_LAST.match(words[-1]):
        return CATEGORY
    if len(words) == 2 and _LISTING_PARENT.match(words[0]):
        return CATEGORY
    return None


def kind_of_page(page: ProductPage, has_price: bool) -> str | None:
    """What non-product page this is, by what it declares (and, when it declares no
    product, by its URL); None for a product page or a page that does not say."""
    declared = _declared_product(page) and has_price
    for values in page.json_ld:
        for node, _ in typed_objects(values, frozenset(_PAGE_TYPES)):
            if not declared:
                return _PAGE_TYPES[_first_type(node)]
    if _several_products(page):
        return CATEGORY
    if declared:
        return None
    og_type = next(iter(page.meta.get("og:type", [])), "").strip().lower()
    if og_type == "website" and not urlsplit(page.base_url).path.strip("/"):
        return HOME
    return kind_of_url(page.base_url)


def _declared_product(page: ProductPage) -> bool:
    if page.main_product[1] is not None:
        return True
    if any("product" in value.lower() for value in page.meta.get("og:type", [])):
        return True
    return any(prop.within(PRODUCT_TYPES) for prop in page.itemprops("price", "offers"))


def _several_products(page: ProductPage) -> bool:
    """A listing: several top-level products with prices and no main one among them, or
    an ItemList of products."""
    for values in page.json_ld:
        for _node, _ in typed_objects(values, frozenset({"itemlist", "offercatalog"})):
            listed = [item for item, nested in typed_objects(_node, PRODUCT_TYPES) if nested]
            if len(listed) >= 2:
                return True
    return _priced_product_scopes(page) >= 3


def _priced_product_scopes(page: ProductPage) -> int:
    """How many distinct microdata products carry a price (a listing shows many)."""
    products = set()
    for prop in page.itemprops("price"):
        ancestors = itertools.islice(prop.element.parents, ANCESTOR_LIMIT)
        owner = next(
            (tag for tag in ancestors if tag.has_attr("itemscope") and _is_product(tag)), None
        )
        if owner is not None:
            products.add(id(owner))
    return len(products)


def _is_product(scope: Tag) -> bool:
    return bool(scope_types(scope) & PRODUCT_TYPES)


def _looks_like_item(segments: list[str]) -> bool:
    return any(re.search(r"\d{3,}|product|item|\bp\b", segment, re.I) for segment in segments)


def _first_type(node: dict) -> str:
    return next(name for name in jsonld_types(node) if name in _PAGE_TYPES)
