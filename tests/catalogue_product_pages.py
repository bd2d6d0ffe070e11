"""Product pages of the catalogue shops, each stating the product's identity the way its
platform does: JSON-LD (Shopify with the GTIN inside the offer, WooCommerce's @graph next to
Yoast's, PrestaShop, Magento without a GTIN), microdata, RDFa Lite, or visible text only.
Every page has breadcrumbs, an <h1>, a visible price and a related product with its price."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from tests.catalogue import ShopProduct, active, shop_products
from tests.catalogue_pages import category_path, layout, link, listing_id, price_text, product_list
from tests.catalogue_pages import words as words_in

__all__ = ["gtin_property", "product_page", "related_product"]

e = html.escape


def gtin_property(code: str) -> str:
    """schema.org's property for a GTIN of this length: gtin8, gtin12, gtin13 or gtin14."""
    return f"gtin{len(code)}"


def related_product(product: ShopProduct) -> ShopProduct:
    """What the shop shows next to a product: another of its family, else its first other."""
    others = [p for p in shop_products(product.shop) if p.product != product.product]
    return next((p for p in others if p.family == product.family), others[0])


def _without_nulls(data: Any) -> Any:
    """The data without the properties a page leaves out (None), at every depth."""
    if isinstance(data, dict):
        return {k: _without_nulls(v) for k, v in data.items() if v is not None}
    return [_without_nulls(v) for v in data] if isinstance(data, list) else data


def _jsonld(data: dict[str, Any]) -> str:
    text = json.dumps(_without_nulls(data), ensure_ascii=False)
    return f'<script type="application/ld+json">{text}</script>'


def _offer(p: ShopProduct, url: str, **extra: Any) -> dict[str, Any]:
    return {
        "@type": "Offer",
        "price": f"{p.price:.2f}",
        "priceCurrency": p.currency,
        "availability": "https://schema.org/InStock",
        "url": url,
        **extra,
    }


def _brand(p: ShopProduct) -> dict[str, Any] | None:
    return {"@type": "Brand", "name": p.brand} if p.shows_brand else None


def _gtin(p: ShopProduct) -> dict[str, str]:
    return {gtin_property(p.barcode): p.barcode} if p.shows_gtin else {}


def _mpn(p: ShopProduct) -> str | None:
    return p.mpn if p.shows_mpn else None


def _rows(p: ShopProduct, *, sku: bool = True, gtin: bool = True) -> list[tuple[str, str]]:
    """The (label, value) rows of a specification table, in the shop's language."""
    said = words_in(p.language)
    rows = [(said["brand"], p.brand)] if p.shows_brand else []
    rows += [(said["sku"], p.sku)] if sku else []
    rows += [(said["mpn"], p.mpn)] if p.shows_mpn and p.mpn else []
    return rows + ([(said["gtin"], p.barcode)] if gtin and p.shows_gtin else [])


def _shopify(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    variant = f"{url}?variant={44_000_000_000_000 + listing_id(p)}"
    data = {
        "@context": "http://schema.org/",
        "@type": "Product",
        "name": p.title,
        "url": url,
        "sku": p.sku,
        "mpn": _mpn(p),
        "brand": _brand(p),
        "image": [f"https://cdn.shopify.com/s/files/1/0626/9918/4721/files/{p.product}.jpg"],
        "offers": [_offer(p, variant, sku=p.sku, **_gtin(p))],
    }
    body = (
        f'<p class="product__text caption-with-letter-spacing">{e(p.brand)}</p>'
        f'<h1>{e(p.title)}</h1><div class="price"><span class="price-item price-item--regular">'
        f'{price_text(p.shop, p.price)} USD</span></div><p class="product__sku">SKU: {e(p.sku)}</p>'
        '<button type="submit" name="add" class="product-form__submit button">Add to cart</button>'
    )
    return _jsonld(data), body


def _woocommerce(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    raw = p.title.replace(" \u2013 ", " - ")  # as typed in WordPress; pages show it texturized
    site, said = active().shops[p.shop].name, words_in(p.language)
    crumbs = [
        {"@type": "ListItem", "position": 1, "name": "Startseite", "item": f"{base}/"},
        {"@type": "ListItem", "position": 2, "name": raw},
    ]
    yoast = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": url, "url": url, "name": f"{raw} - {site}"},
            {"@type": "BreadcrumbList", "@id": f"{url}#breadcrumb", "itemListElement": crumbs},
            {"@type": "WebSite", "@id": f"{base}/#website", "url": f"{base}/", "name": site},
        ],
    }
    spec = {"price": f"{p.price:.2f}", "priceCurrency": p.currency, "valueAddedTaxIncluded": "true"}
    seller = {"@type": "Organization", "name": site, "url": base}
    offer = _offer(p, url, priceValidUntil="2025-12-31", priceSpecification=spec, seller=seller)
    product = {
        "@context": "https://schema.org/",
        "@type": "Product",
        "@id": f"{url}#product",
        "name": raw,
        "url": url,
        "description": raw,
        "image": f"{base}/wp-content/uploads/2024/03/{p.product}.jpg",
        "sku": p.sku,
        **_gtin(p),
        "brand": _brand(p),
        "offers": [offer],
    }
    woo = {"@context": "https://schema.org/", "@graph": [product]}
    symbol = '&nbsp;<span class="woocommerce-Price-currencySymbol">&euro;</span>'
    price = price_text(p.shop, p.price).replace("\u00a0€", symbol)
    rows = "".join(
        f'<tr class="woocommerce-product-attributes-item"><th class="woocommerce-product-'
        f'attributes-item__label">{e(k)}</th><td class="woocommerce-product-attributes-item__'
        f'value"><p>{e(v)}</p></td></tr>'
        for k, v in _rows(p, sku=False)
    )
    category = f'<a href="{e(base + category_path(p.shop, p.family))}" rel="tag">'
    kind = active().categories[p.family]["de"]
    title = e(p.title).replace("\u2013", "&#8211;")  # WordPress texturizes " - " so
    body = (
        f'<div class="summary entry-summary"><h1 class="product_title entry-title">'
        f'{title}</h1><p class="price"><span '
        f'class="woocommerce-Price-amount amount"><bdi>{price}</bdi></span></p><p class="stock '
        f'in-stock">{said["stock"]}</p><button type="submit" name="add-to-cart" '
        f'value="{listing_id(p)}" class="single_add_to_cart_button button alt">{said["buy"]}'
        f'</button><div class="product_meta"><span class="sku_wrapper">{said["sku"]}: <span '
        f'class="sku">{e(p.sku)}</span></span> <span class="posted_in">Kategorie: {category}'
        f'{e(kind)}</a></span></div></div><div class="woocommerce-tabs '
        f'wc-tabs-wrapper"><h2>{said["specs"]}</h2><table class="woocommerce-product-attributes '
        f'shop_attributes">{rows}</table></div>'
    )
    return _jsonld(yoast) + "\n" + _jsonld(woo), body


def _microdata(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    said, price = words_in(p.language), price_text(p.shop, p.price)
    amount, _, sign = price.rpartition(" ")
    code = gtin_property(p.barcode)
    gtin = f'<meta itemprop="{code}" content="{p.barcode}">' if p.shows_gtin else ""
    brand = (
        f'<div class="product-card__brand">{said["brand"]}: <span itemprop="brand">'
        f"{e(p.brand)}</span></div>"
        if p.shows_brand
        else ""
    )
    props = "".join(
        f'<div class="props__row"><span class="props__name">{e(k)}</span> '
        f'<span class="props__value">{e(v)}</span></div>'
        for k, v in _rows(p)
    )
    body = (
        f'<div class="product-card" itemscope itemtype="https://schema.org/Product">'
        f'<h1 itemprop="name">{e(p.title)}</h1>{brand}<meta itemprop="sku" content="{e(p.sku)}">'
        f'{gtin}<link itemprop="url" href="{e(url)}"><div class="product-card__price" '
        f'itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price" '
        f'content="{p.price:.0f}">{amount}</span> <span itemprop="priceCurrency" '
        f'content="{p.currency}">{sign}</span><link itemprop="availability" '
        f'href="https://schema.org/InStock"></div><button type="button" class="btn btn--cart">'
        f'{said["buy"]}</button><div class="props"><h2>{said["specs"]}</h2>{props}</div></div>'
    )
    return "", body


def _text(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    said = words_in(p.language)
    lines = "".join(f"<p><strong>{e(k)}:</strong> {e(v)}</p>" for k, v in _rows(p))
    body = (
        f'<div class="p-detail"><h1>{e(p.title)}</h1><div class="p-detail-info">{lines}'
        f'<p class="availability">{said["stock"]}</p></div><div class="price-final"><strong>'
        f'{price_text(p.shop, p.price)}</strong> <span class="price-additional">vč. DPH</span>'
        f'</div><button class="btn add-to-cart-button">{said["buy"]}</button></div>'
    )
    return "", body


def _rdfa(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    """RDFa Lite when the page gives the product's GTIN; plain markup otherwise."""
    said, price = words_in(p.language), price_text(p.shop, p.price)
    if not p.shows_gtin:
        rows = "".join(f"<li>{e(k)} : {e(v)}</li>" for k, v in _rows(p))
        return "", (
            f'<div class="fiche-produit"><h1>{e(p.title)}</h1><p class="prix">{price}</p>'
            f'<ul class="caracteristiques">{rows}</ul><button>{said["buy"]}</button></div>'
        )
    mpn = f'<li>{said["mpn"]} : <span property="mpn">{e(p.mpn)}</span></li>' if _mpn(p) else ""
    body = (
        f'<div class="fiche-produit" vocab="https://schema.org/" typeof="Product"><h1 '
        f'property="name">{e(p.title)}</h1><ul class="caracteristiques"><li>{said["brand"]} : '
        f'<span property="brand" typeof="Brand"><span property="name">{e(p.brand)}</span></span>'
        f'</li><li>{said["sku"]} : <span property="sku">{e(p.sku)}</span></li>{mpn}<li>'
        f'{said["gtin"]} : {p.barcode}<meta property="{gtin_property(p.barcode)}" '
        f'content="{p.barcode}"></li></ul><div property="offers" typeof="Offer"><p class="prix">'
        f'<span property="price" content="{p.price:.2f}">{price}</span><meta '
        f'property="priceCurrency" content="{p.currency}"></p><link property="availability" '
        f'href="https://schema.org/InStock"></div><button>{said["buy"]}</button></div>'
    )
    return "", body


def _magento(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.title,
        "sku": p.sku,
        "mpn": _mpn(p),
        "brand": _brand(p),
        "image": f"{base}/media/catalog/product/{p.product}.jpg",
        "offers": _offer(p, url),
    }
    rows = "".join(
        f'<tr><th class="col label" scope="row">{e(k)}</th><td class="col data" '
        f'data-th="{e(k)}">{e(v)}</td></tr>'
        for k, v in _rows(p, sku=False, gtin=False)
    )
    body = (
        f'<div class="product-info-main"><div class="page-title-wrapper product"><h1 '
        f'class="page-title"><span class="base" data-ui-id="page-title-wrapper">{e(p.title)}'
        f'</span></h1></div><div class="product-info-price"><div class="price-box '
        f'price-final_price"><span class="price-container price-final_price tax weee"><span '
        f'id="product-price-{listing_id(p)}" data-price-amount="{p.price}" '
        f'data-price-type="finalPrice" class="price-wrapper "><span class="price">'
        f"{price_text(p.shop, p.price)}</span></span></span></div><div "
        f'class="product-info-stock-sku"><div class="stock available"><span>In stock</span>'
        f'</div><div class="product attribute sku"><strong class="type">SKU</strong> <div '
        f'class="value">{e(p.sku)}</div></div></div></div><button type="submit" title="Add to '
        f'Cart" class="action primary tocart"><span>Add to Cart</span></button></div><div '
        f'class="product info detailed"><table class="data table additional-attributes" '
        f'id="product-attribute-specs-table"><caption class="table-caption">More Information'
        f"</caption><tbody>{rows}</tbody></table></div>"
    )
    return _jsonld(data), body


def _prestashop(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    codes = {**_gtin(p), "mpn": _mpn(p) or p.sku}  # PrestaShop falls back to the reference
    seller = {"@type": "Organization", "name": active().shops[p.shop].name}
    data = {
        "@context": "https://schema.org/",
        "@type": "Product",
        "name": p.title,
        "category": active().categories[p.family]["es"],
        "image": f"{base}/{listing_id(p)}-large_default/{p.product}.jpg",
        "sku": p.sku,
        **codes,
        "brand": _brand(p),
        "offers": _offer(p, url, sku=p.sku, seller=seller),
    }
    said = words_in(p.language)
    barcode = "ean13" if len(p.barcode) == 13 else "upc"  # PrestaShop keeps both fields
    sheet = [(barcode, p.barcode)] * p.shows_gtin + [("mpn", p.mpn or "")] * p.shows_mpn
    features = "".join(f'<dt class="name">{k}</dt><dd class="value">{e(v)}</dd>' for k, v in sheet)
    brand = (
        f'<div class="product-manufacturer"><label class="label">{said["brand"]}</label> '
        f"<span>{e(p.brand)}</span></div>"
        if p.shows_brand
        else ""
    )
    body = (
        f'<div class="col-md-6"><h1 class="h1">{e(p.title)}</h1><div class="product-prices '
        f'js-product-prices"><div class="product-price h5"><div class="current-price"><span '
        f'class="current-price-value" content="{p.price:.2f}">{price_text(p.shop, p.price)}'
        f'</span></div></div><div class="tax-shipping-delivery-label">Impuestos incluidos</div>'
        f'</div><button class="btn btn-primary add-to-cart" data-button-action="add-to-cart" '
        f'type="submit">{said["buy"]}</button><div id="product-details" class="tab-pane">{brand}'
        f'<div class="product-reference"><label class="label">{said["sku"]} </label><span>'
        f'{e(p.sku)}</span></div><section class="product-features"><p class="h6">'
        f'{said["specs"]}</p><dl class="data-sheet">{features}</dl></section></div></div>'
    )
    return _jsonld(data), body


def _opencart(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    said = words_in(p.language)
    ean = f"<li>EAN: {p.barcode}</li>" if p.shows_gtin else ""
    net = price_text(p.shop, (p.price / 123 * 100).quantize(p.price))
    image = f"{base}/image/cache/catalog/{p.product}"
    body = (
        f'<div class="row"><div class="col-sm-8"><ul class="thumbnails"><li><a class="thumbnail" '
        f'href="{image}-500x500.jpg" title="{e(p.title)}"><img src="{image}-228x228.jpg" '
        f'alt="{e(p.title)}"></a></li></ul></div><div class="col-sm-4"><h1>{e(p.title)}</h1>'
        f'<ul class="list-unstyled"><li>{said["brand"]}: {e(p.brand)}</li><li>{said["sku"]}: '
        f"{e(p.sku)}</li>{ean}<li>Dostępność: {said['stock']}</li></ul><ul "
        f'class="list-unstyled"><li><h2>{price_text(p.shop, p.price)}</h2></li><li>Cena netto: '
        f'{net}</li></ul><button type="button" id="button-cart" class="btn btn-primary btn-lg '
        f'btn-block">{said["buy"]}</button></div></div>'
    )
    return "", body


def _plain_jsonld(p: ShopProduct, base: str, url: str) -> tuple[str, str]:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": p.title,
        "sku": p.sku,
        **_gtin(p),
        "mpn": _mpn(p),
        "brand": _brand(p),
        "offers": _offer(p, url),
    }
    rows = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _rows(p))
    body = (
        f'<article class="product"><h1>{e(p.title)}</h1><p class="price">'
        f"{price_text(p.shop, p.price)}</p><button>{words_in(p.language)['buy']}</button>"
        f'<table class="specs"><tbody>{rows}</tbody></table></article>'
    )
    return _jsonld(data), body


_STYLES: dict[str, Callable[[ShopProduct, str, str], tuple[str, str]]] = {
    "shopify": _shopify,
    "woocommerce": _woocommerce,
    "search_action": _microdata,
    "bitrix": _microdata,
    "opensearch": _text,
    "search_form": _rdfa,
    "magento": _magento,
    "prestashop": _prestashop,
    "opencart": _opencart,
    "teashop": _plain_jsonld,
    "robots_blocked": _plain_jsonld,
}
_CRUMBS = {"woocommerce": "woocommerce-breadcrumb", "magento": "breadcrumbs"}
_RELATED = {"woocommerce": "related products", "magento": "block related"}
_SEP = " \u203a "  # the breadcrumb separator


def _breadcrumbs(p: ShopProduct, base: str) -> str:
    """Home, category, product (OpenCart links the product to itself, as it does)."""
    said = words_in(p.language)
    home = link(p.shop, base, "/index.php?route=common/home" if p.shop == "opencart" else "/")
    category = link(p.shop, base, category_path(p.shop, p.family))
    last = f"<span>{e(p.title)}</span>"
    if p.shop == "opencart":
        last = f'<a href="{link(p.shop, base, p.path)}">{e(p.title)}</a>'
    return (
        f'<nav class="{_CRUMBS.get(p.shop, "breadcrumb")}" aria-label="Breadcrumb"><a '
        f'href="{home}">{said["home"]}</a>{_SEP}<a href="{category}">'
        f"{e(active().categories[p.family][p.language])}</a>{_SEP}{last}</nav>"
    )


def _sizes(p: ShopProduct) -> str:
    """The size picker of goods sold in sizes, the size whose codes the page gives (marked
    "*") chosen."""
    options = "".join(
        f'<option value="{e(size)}"{" selected" * chosen}>{e(size)}</option>'
        for chosen, size in ((s.startswith("*"), s.lstrip("*")) for s in p.variants)
    )
    return f'<select name="size" class="size-picker">{options}</select>' if options else ""


def product_page(p: ShopProduct, base: str) -> str:
    """The product's page in its shop: breadcrumbs, the product (and its sizes, if sold in
    sizes), and a related product."""
    url = base + p.path
    head, body = _STYLES[p.shop](p, base, url)
    body += _sizes(p)
    head += f'\n<link rel="canonical" href="{e(url)}">'
    related = product_list(p.shop, base, [related_product(p)])
    said = words_in(p.language)
    section = _RELATED.get(p.shop, "product-recommendations related-products")
    main = (
        f'{_breadcrumbs(p, base)}\n<div class="product-page" data-product-id="{listing_id(p)}">'
        f'{body}</div>\n<section class="{section}"><h2>{said["related"]}</h2>{related}</section>'
    )
    title = f"{p.title} | {active().shops[p.shop].name}"
    return layout(p.shop, base, title, main, page="product", head=head)


assert set(_STYLES) == set(active().shops)
