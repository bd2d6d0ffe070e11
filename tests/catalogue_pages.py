"""The pages of the catalogue shops (tests/catalogue.py) other than product pages: home,
categories, service pages and search results, each in the shop's language, price format and
platform markup (tests/catalogue_skins.py). Like real shops' pages they are full of links
that are not search results (menus, categories, pagination, "recently viewed"), so readers
must pick the results out."""

# ruff: noqa: RUF001 — interface words in Cyrillic are the point here.

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from collections.abc import Callable
from decimal import Decimal
from urllib.parse import urlencode

from tests.catalogue import ShopProduct, active, shop_products
from tests.catalogue_skins import SKINS

__all__ = [
    "PAGE_SIZE",
    "category_page",
    "category_path",
    "fill",
    "home_page",
    "info_page",
    "info_paths",
    "layout",
    "link",
    "listing_id",
    "price_text",
    "product_list",
    "results_page",
    "slug",
    "words",
]

PAGE_SIZE = 6  # search results per page
_DASHES = {"woocommerce": "&#8211;"}  # WordPress writes the dashes it makes of " - " so
_KEYS = (
    "home catalog cart account contact shipping privacy search results empty related viewed "
    "next brand sku gtin mpn stock buy specs"
)
# fmt: off
_WORDS = {
    "en": "Home|All products|Cart|My account|Contact us|Shipping & returns|Privacy policy|Search|"
          "Search results for|No products matched your search.|You may also like|"
          "Recently viewed|Next|Brand|SKU|Barcode|Manufacturer part number|In stock|Add to cart|"
          "Specifications",
    "de": "Startseite|Alle Produkte|Warenkorb|Mein Konto|Kontakt|Versand & Rückgabe|"
          "Datenschutzerklärung|Suche|Suchergebnisse für|Es wurden keine Produkte gefunden, die "
          "deiner Auswahl entsprechen.|Ähnliche Produkte|Zuletzt angesehen|Weiter|Marke|"
          "Artikelnummer|EAN|Herstellernummer|Vorrätig|In den Warenkorb|Zusätzliche Informationen",
    "ru": "Главная|Каталог|Корзина|Личный кабинет|Контакты|Доставка и оплата|"
          "Политика конфиденциальности|Поиск|Результаты поиска по запросу|По вашему запросу "
          "ничего не найдено.|Похожие товары|Вы смотрели|Следующая|Бренд|Артикул|Штрихкод|"
          "Код производителя|В наличии|В корзину|Характеристики",
    "cs": "Úvod|Všechny produkty|Košík|Můj účet|Kontakt|Doprava a platba|Ochrana osobních údajů|"
          "Hledat|Výsledky hledání pro|Hledanému výrazu neodpovídají žádné produkty.|"
          "Související produkty|Naposledy prohlížené|Další|Značka|Kód|EAN|Kód výrobce|Skladem|"
          "Do košíku|Parametry",
    "fr": "Accueil|Tous les produits|Panier|Mon compte|Nous contacter|Livraison et retours|"
          "Politique de confidentialité|Rechercher|Résultats de recherche pour|Aucun produit ne "
          "correspond à votre recherche.|Produits associés|Vus récemment|Suivant|Marque|Référence|"
          "EAN|Référence fabricant|En stock|Ajouter au panier|Caractéristiques",
    "es": "Inicio|Todos los productos|Carrito|Mi cuenta|Contacte con nosotros|"
          "Envíos y devoluciones|Política de privacidad|Buscar|Resultados de búsqueda para|"
          "No hay productos que coincidan con su búsqueda.|Productos relacionados|"
          "Vistos recientemente|Siguiente|Marca|Referencia|ean13|mpn|En stock|Añadir al carrito|"
          "Referencias específicas",
    "pl": "Strona główna|Wszystkie produkty|Koszyk|Moje konto|Kontakt|Dostawa i zwroty|"
          "Polityka prywatności|Szukaj|Wyniki wyszukiwania dla|Nie ma produktów, które spełniają "
          "kryteria wyszukiwania.|Produkty powiązane|Ostatnio oglądane|Następna|Producent|"
          "Kod produktu|EAN|Kod producenta|Dostępny|Dodaj do koszyka|Specyfikacja",
    "it": "Home|Tutti i prodotti|Carrello|Il mio account|Contatti|Spedizioni e resi|"
          "Informativa sulla privacy|Cerca|Risultati della ricerca per|Nessun prodotto "
          "corrisponde alla ricerca.|Prodotti correlati|Visti di recente|Successiva|Marca|Codice|"
          "EAN|Codice produttore|Disponibile|Aggiungi al carrello|Caratteristiche",
}
# shop -> (before, after, decimals, decimal mark, thousands mark), as each writes prices
_PRICE_STYLES = {
    "shopify": ("$", "", 2, ".", ","),
    "woocommerce": ("", "\u00a0€", 2, ",", "."),
    "search_action": ("", " ₽", 0, ",", " "),
    "opensearch": ("", "\u00a0Kč", 0, ",", "\u00a0"),
    "search_form": ("", "\u00a0€", 2, ",", "\u202f"),
    "magento": ("£", "", 2, ".", ","),
    "prestashop": ("", "\u00a0€", 2, ",", "."),
    "opencart": ("", " zł", 2, ",", " "),
    "bitrix": ("", " руб.", 0, ",", " "),
    "teashop": ("£", "", 2, ".", ","),
    "robots_blocked": ("€\u00a0", "", 2, ",", "."),
}
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", (
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
).replace("-", "").split(" "), strict=True))
# fmt: on


def words(language: str) -> dict[str, str]:
    """The shop interface's words in a language."""
    return dict(zip(_KEYS.split(), _WORDS[language].split("|"), strict=True))


def price_text(shop: str, amount: Decimal) -> str:
    """A price as the shop shows it: "$44.99", "1 299 Kč", "39,90 €"…"""
    before, after, decimals, mark, thousands = _PRICE_STYLES[shop]
    whole, _, cents = f"{amount:,.{decimals}f}".partition(".")
    return before + whole.replace(",", thousands) + (mark + cents if decimals else "") + after


def slug(text: str) -> str:
    """A URL slug: transliterated, without accents, words joined by hyphens."""
    text = "".join(_CYRILLIC.get(c, c) for c in text.lower().replace("ł", "l").replace("ß", "ss"))
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def fill(template: str, **values: object) -> str:
    """The template with each {name} it has a value for replaced (JSON braces stay)."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m[1], m[0])), template)


def link(shop: str, base: str, path: str) -> str:
    """A link to one of the shop's pages, as the shop writes its links (escaped)."""
    return html.escape(base + path if SKINS[shop].absolute else path)


def listing_id(product: ShopProduct) -> int:
    """The shop's own numeric id of a product (from its URL when the URL has one)."""
    found = re.search(r"product_id=(\d+)|/(\d+)-", product.path)
    if found:
        return int(found[1] or found[2])
    return 1000 + zlib.crc32(product.path.encode()) % 9000


def category_path(shop: str, family: str) -> str:
    names = active().categories
    name = names[family][active().shops[shop].language]
    return fill(SKINS[shop].category, slug=slug(name), n=list(names).index(family) + 3)


def info_paths(shop: str) -> dict[str, str]:
    """The paths of the shop's cart, account, contact, shipping and privacy pages."""
    keys = ("cart", "account", "contact", "shipping", "privacy")
    return dict(zip(keys, SKINS[shop].info.split(), strict=True))


def _categories(shop: str, base: str) -> str:
    """The shop's categories as a list of links."""
    families = dict.fromkeys(p.family for p in shop_products(shop))
    return "".join(
        f'<li><a href="{link(shop, base, category_path(shop, f))}">'
        f"{html.escape(active().categories[f][active().shops[shop].language])}</a></li>"
        for f in families
    )


def product_list(
    shop: str,
    base: str,
    products: list[ShopProduct],
    url: Callable[[int, ShopProduct], str] | None = None,
) -> str:
    """Products in the platform's list markup; search results when ``url`` is given (it
    gives a result's link from its position and product)."""
    skin = SKINS[shop]
    template = skin.search_item if url and skin.search_item else skin.item
    items = []
    for position, product in enumerate(products, 1):
        net = (product.price / Decimal("1.23")).quantize(Decimal("0.01"))
        values = {
            "url": link(shop, base, url(position, product) if url else product.path),
            "title": html.escape(product.title).replace("\u2013", _DASHES.get(shop, "\u2013")),
            "price": price_text(shop, product.price),
            "net": price_text(shop, net),
            "amount": f"{product.price:.0f}",
            "img": product.product,
            "id": listing_id(product),
            "base": base,
            "cat": category_path(shop, product.family),
            "cat_name": html.escape(active().categories[product.family][product.language]),
        }
        items.append(fill(template, **values))
    return skin.list_open + "\n".join(items) + skin.list_close


def layout(shop: str, base: str, title: str, main: str, *, page: str, head: str = "") -> str:
    """A whole page: head with the platform's fingerprints, header with the shop's search,
    the category menu, ``main`` and a footer."""
    skin, said = SKINS[shop], words(active().shops[shop].language)
    name = html.escape(active().shops[shop].name)
    info = info_paths(shop)
    home = link(shop, base, "/index.php?route=common/home" if shop == "opencart" else "/")
    footer = " ".join(
        f'<a href="{link(shop, base, info[key])}">{said[key]}</a>'
        for key in ("contact", "shipping", "privacy")
    )
    return f"""<!doctype html>
<html lang="{active().shops[shop].language}">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
{fill(skin.head, base=base, name=name, page=page)}
{head}
</head>
<body class="{fill(skin.body_class, page=page)}">
<header class="site-header">
<a class="site-logo" href="{home}">{name}</a>
{fill(skin.search_box, base=base)}
<a class="header-cart" href="{link(shop, base, info["cart"])}">{said["cart"]}</a>
<a class="header-account" href="{link(shop, base, info["account"])}">{said["account"]}</a>
</header>
<nav class="main-menu" aria-label="{said["catalog"]}"><ul>
<li><a href="{home}">{said["home"]}</a></li>{_categories(shop, base)}
</ul></nav>
<main id="content">
{main}
</main>
<footer class="site-footer">{footer}<p>© 2024 {name}</p></footer>
</body>
</html>"""


def home_page(shop: str, base: str, head: str = "") -> str:
    """The home page: a welcome, featured products and the categories."""
    name = active().shops[shop].name
    featured = product_list(shop, base, shop_products(shop)[:4])
    main = (
        f'<h1>{html.escape(name)}</h1>\n<section class="featured">{featured}</section>\n'
        f'<ul class="home-categories">{_categories(shop, base)}</ul>'
    )
    return layout(shop, base, name, main, page="index", head=head)


def category_page(shop: str, base: str, family: str | None) -> str:
    """A category's products (``None``: the whole catalogue)."""
    language = active().shops[shop].language
    name = active().categories[family][language] if family else words(language)["catalog"]
    found = [p for p in shop_products(shop) if family in (None, p.family)]
    main = f"<h1>{html.escape(name)}</h1>\n{product_list(shop, base, found)}"
    return layout(shop, base, f"{name} | {active().shops[shop].name}", main, page="category")


def info_page(shop: str, base: str, key: str) -> str:
    said = words(active().shops[shop].language)
    main = f"<h1>{said[key]}</h1>\n<p>{html.escape(active().shops[shop].name)}</p>"
    return layout(shop, base, f"{said[key]} | {active().shops[shop].name}", main, page="cms")


def result_link(shop: str, query: str) -> Callable[[int, ShopProduct], str]:
    """How the shop links a search result: Shopify adds its tracking parameters, OpenCart
    the search itself."""

    def url(position: int, product: ShopProduct) -> str:
        if shop == "shopify":
            sid = f"{zlib.crc32(query.encode()):08x}a"
            return f"{product.path}?_pos={position}&_sid={sid}&_ss=r"
        if shop == "opencart":
            return f"{product.path}&{urlencode({'search': query})}"
        return product.path

    return url


def results_page(
    shop: str, base: str, query: str, hits: list[ShopProduct], params: dict[str, str], path: str
) -> str:
    """A search results page: one page of hits (``params`` is the request's query, its page
    number under the skin's ``page_param``), pagination, the categories to refine by, and
    a "recently viewed" product."""
    skin, said = SKINS[shop], words(active().shops[shop].language)
    asked = params.get(skin.page_param, "1")
    number = int(asked) if asked.isdigit() and int(asked) > 0 else 1
    shown = hits[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    if shown:
        found = product_list(shop, base, shown, result_link(shop, query))
    else:
        found = f'<p class="alert alert-info no-results">{skin.empty or said["empty"]}</p>'
    pages = max(1, -(-len(hits) // PAGE_SIZE))

    def page_link(n: int, text: str) -> str:
        query = urlencode({**params, skin.page_param: n}, safe="/")
        target = link(shop, base, f"{path}?{query}")
        current = ' aria-current="page" class="current"' if n == number else ""
        return f'<a href="{target}"{current}>{text}</a>'

    numbers = " ".join(page_link(n, str(n)) for n in range(1, pages + 1))
    more = page_link(number + 1, said["next"] + " ›") if number < pages else ""
    seen = [p for p in shop_products(shop) if p not in shown][-1:] or shop_products(shop)[:1]
    recent = product_list(shop, base, seen)
    main = f"""<h1 class="page-title">{said["results"]} “{html.escape(query)}”</h1>
<aside class="sidebar filters"><h2>{said["catalog"]}</h2><ul>{_categories(shop, base)}</ul></aside>
<div class="search-results">{found}</div>
<nav class="pagination" role="navigation">{numbers} {more}</nav>
<section class="{skin.viewed}"><h2>{said["viewed"]}</h2>{recent}</section>"""
    return layout(shop, base, f"{said['search']}: {query}", main, page="search")
