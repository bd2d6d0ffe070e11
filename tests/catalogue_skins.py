"""The platform of each catalogue shop as its markup shows it: fingerprints in <head>, the
header's search (a form, a JavaScript widget or nothing a crawler can use), the markup of a
product in a list, and the paths of its categories and service pages. Templates take
{base}, {name}, {page}, {url}, {title}, {price}, {img}, {id}, {net}, {amount}, {cat} and
{cat_name} where they apply (see ``fill`` in tests/catalogue_pages.py)."""

# ruff: noqa: RUF001 — search widgets in Cyrillic are the point here.

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SKINS", "Skin"]


@dataclass(frozen=True)
class Skin:
    head: str
    body_class: str
    search_box: str
    list_open: str
    item: str
    list_close: str
    category: str  # category page path: {slug}, {n}
    info: str  # paths of the cart, account, contact, shipping and privacy pages
    viewed: str  # the class of the "recently viewed" block
    page_param: str = "page"
    absolute: bool = False  # links carry the whole base URL
    empty: str = ""  # the platform's own "nothing found" text, when it has one
    search_item: str = ""  # a search result, when results look unlike other lists


_CDN = "//cdn.shopify.com/s/files/1/0626/9918/4721"
_STATIC = "{base}/static/version1700000000/frontend/Magento/luma/en_GB"

SKINS: dict[str, Skin] = {
    "shopify": Skin(
        head=(
            '<link rel="preconnect" href="https://cdn.shopify.com" crossorigin>\n'
            f'<link href="{_CDN}/t/4/assets/base.css?v=1700000000" rel="stylesheet">\n'
            "<script>var Shopify = Shopify || {};\n"
            'Shopify.shop = "bean-and-gear.myshopify.com";\nShopify.locale = "en";\n'
            'Shopify.currency = {"active":"USD","rate":"1.0"};\n'
            'Shopify.theme = {"name":"Dawn","id":136251089123,"theme_store_id":887,'
            '"role":"main"};</script>\n'
            f'<script src="{_CDN}/t/4/assets/predictive-search.js?v=1700000000" defer></script>'
        ),
        body_class="gradient template-{page}",
        search_box=(
            '<details-modal class="header__search"><details><summary class="header__icon '
            'header__icon--search" aria-haspopup="dialog" aria-label="Search"><span>Search'
            '</span></summary><div class="search-modal modal__content" role="dialog" '
            'aria-modal="true" aria-label="Search"><predictive-search class="search-modal__form" '
            'data-loading-text="Loading..."><form action="/search" method="get" role="search" '
            'class="search search-modal__form"><div class="field"><input '
            'class="search__input field__input" id="Search-In-Modal" type="search" name="q" '
            'value="" placeholder="Search" role="combobox" aria-expanded="false" '
            'aria-owns="predictive-search-results" aria-autocomplete="list" autocomplete="off">'
            '<input type="hidden" name="options[prefix]" value="last"><button type="submit" '
            'class="search__button field__button" aria-label="Search">Search</button></div>'
            "</form></predictive-search></div></details></details-modal>"
        ),
        list_open=(
            '<ul id="product-grid" class="grid product-grid grid--2-col-tablet-down '
            'grid--4-col-desktop">'
        ),
        item=(
            '<li class="grid__item"><div class="card-wrapper product-card-wrapper">'
            '<div class="card card--standard card--media"><div class="card__inner">'
            f'<div class="card__media"><img src="{_CDN}/files/{{img}}.jpg?v=1700000000&amp;'
            'width=533" alt="{title}" loading="lazy" width="533" height="533"></div></div>'
            '<div class="card__content"><h3 class="card__heading h5" id="title-{id}">'
            '<a href="{url}" id="CardLink-{id}" class="full-unstyled-link">{title}</a></h3>'
            '<div class="card-information"><div class="price"><div class="price__regular">'
            '<span class="visually-hidden">Regular price</span><span class="price-item '
            'price-item--regular">{price} USD</span></div></div></div></div></div></div></li>'
        ),
        list_close="</ul>",
        category="/collections/{slug}",
        info="/cart /account /pages/contact /policies/shipping-policy /policies/privacy-policy",
        viewed="recently-viewed-products page-width",
        empty="No results found. Check the spelling or use a different word or phrase.",
    ),
    "woocommerce": Skin(
        head=(
            "<link rel='stylesheet' id='woocommerce-general-css' href='{base}/wp-content/"
            "plugins/woocommerce/assets/css/woocommerce.css?ver=8.5.2' media='all'>\n"
            '<link rel="https://api.w.org/" href="{base}/wp-json/">\n'
            '<meta name="generator" content="WooCommerce 8.5.2">\n'
            "<script src='{base}/wp-content/plugins/woocommerce/assets/js/frontend/"
            "woocommerce.min.js?ver=8.5.2' id='woocommerce-js' defer></script>"
        ),
        body_class="{page} theme-storefront woocommerce woocommerce-page woocommerce-js",
        search_box=(
            '<div class="site-search"><div class="widget woocommerce widget_product_search">'
            '<form role="search" method="get" class="woocommerce-product-search" '
            'action="{base}/"><label class="screen-reader-text" '
            'for="woocommerce-product-search-field-0">Suche nach:</label><input type="search" '
            'id="woocommerce-product-search-field-0" class="search-field" '
            'placeholder="Produkte durchsuchen …" value="" name="s"><button type="submit" '
            'value="Suche">Suche</button><input type="hidden" name="post_type" '
            'value="product"></form></div></div>'
        ),
        list_open='<ul class="products columns-4">',
        item=(
            '<li class="product type-product post-{id} status-publish instock '
            'has-post-thumbnail purchasable product-type-simple"><a href="{url}" '
            'class="woocommerce-LoopProduct-link woocommerce-loop-product__link"><img '
            'width="324" height="324" src="{base}/wp-content/uploads/2024/03/{img}-324x324.jpg" '
            'class="attachment-woocommerce_thumbnail" alt="" decoding="async"><h2 '
            'class="woocommerce-loop-product__title">{title}</h2><span class="price"><span '
            'class="woocommerce-Price-amount amount"><bdi>{price}</bdi></span></span></a>'
            '<a href="?add-to-cart={id}" data-quantity="1" class="button product_type_simple '
            'add_to_cart_button ajax_add_to_cart" data-product_id="{id}" rel="nofollow">'
            "In den Warenkorb</a></li>"
        ),
        list_close="</ul>",
        category="/produkt-kategorie/{slug}/",
        info="/warenkorb/ /mein-konto/ /kontakt/ /versand-und-rueckgabe/ /datenschutzerklaerung/",
        viewed="widget woocommerce widget_recently_viewed_products",
        page_param="paged",
        absolute=True,
    ),
    "search_action": Skin(
        head=(
            '<link rel="stylesheet" href="/assets/build/app.4f2a91.css">\n'
            '<meta name="yandex-verification" content="4b8d2e61c0a9f375">'
        ),
        body_class="page page--{page}",
        search_box=(
            '<div class="header-search js-search-popup"><input type="text" '
            'class="header-search__input" placeholder="Поиск по каталогу" autocomplete="off">'
            '<button type="button" class="header-search__btn" aria-label="Найти"></button>'
            '<div class="header-search__suggest"></div></div>'
        ),
        list_open='<div class="catalog-list catalog-list--grid">',
        item=(
            '<div class="catalog-item" data-id="{id}"><a class="catalog-item__image" '
            'href="{url}"><img src="/upload/goods/{img}.webp" alt="" loading="lazy"></a>'
            '<a class="catalog-item__title" href="{url}">{title}</a><div '
            'class="catalog-item__price">{price}</div><button type="button" class="btn '
            'btn--cart js-add-cart" data-id="{id}">В корзину</button></div>'
        ),
        list_close="</div>",
        category="/catalog/{slug}/",
        info="/personal/cart/ /personal/ /contacts/ /delivery/ /privacy/",
        viewed="goods-slider goods-slider--seen",
    ),
    "opensearch": Skin(
        head=(
            '<link rel="search" type="application/opensearchdescription+xml" '
            'href="/opensearch.xml" title="Kávový koutek">\n'
            '<link rel="stylesheet" href="/assets/css/app.min.css?v=20240311">'
        ),
        body_class="type-{page}",
        search_box=(
            '<button type="button" class="toggle-search" data-target="#search-overlay" '
            'aria-label="Hledat">Hledat</button><div id="search-overlay" class="overlay" hidden>'
            "</div>"
        ),
        list_open='<div id="products" class="products products-block">',
        item=(
            '<div class="product"><a href="{url}" class="image"><img '
            'src="/user/shop/detail/{img}.jpg" alt="{title}"></a><h2 class="name"><a '
            'href="{url}" title="{title}">{title}</a></h2><div class="prices"><div '
            'class="price-final"><strong>{price}</strong></div></div><p class="availability">'
            '<span class="show-tooltip">Skladem</span></p></div>'
        ),
        list_close="</div>",
        category="/{slug}/",
        info="/kosik/ /muj-ucet/ /kontakty/ /doprava-a-platba/ /ochrana-osobnich-udaju/",
        viewed="last-seen",
        page_param="strana",
    ),
    "search_form": Skin(
        head='<link rel="stylesheet" href="/css/comptoir.css?v=12">',
        body_class="page-{page}",
        search_box=(
            '<form action="/recherche" method="get" role="search" class="recherche"><input '
            'type="hidden" name="controller" value="search"><label for="recherche-s" '
            'class="sr-only">Rechercher</label><input type="search" id="recherche-s" name="s" '
            'placeholder="Rechercher un produit…" aria-label="Rechercher"><button '
            'type="submit">Rechercher</button></form>'
        ),
        list_open='<section class="liste-produits">',
        item=(
            '<article class="produit-vignette" data-ref="{id}"><a '
            'class="produit-vignette__image" href="{url}"><img src="/img/p/{img}.jpg" '
            'alt="{title}"></a><h2 class="produit-vignette__titre"><a href="{url}">{title}</a>'
            '</h2><span class="produit-vignette__prix">{price}</span></article>'
        ),
        list_close="</section>",
        category="/categorie/{slug}",
        info="/panier /mon-compte /nous-contacter /livraison-et-retours /confidentialite",
        viewed="deja-vus",
    ),
    "magento": Skin(
        head=(
            f'<link rel="stylesheet" type="text/css" media="all" href="{_STATIC}/mage/'
            'calendar.css">\n'
            f'<link rel="stylesheet" type="text/css" media="all" href="{_STATIC}/css/'
            'styles-m.css">\n'
            f'<link rel="icon" type="image/x-icon" href="{_STATIC}/Magento_Theme/favicon.ico">\n'
            '<script type="text/x-magento-init">{"*": {"Magento_PageCache/js/'
            'form-key-provider": {"isPaginationCacheEnabled": 0}}}</script>'
        ),
        body_class="{page} page-layout-2columns-left",
        search_box=(
            '<div class="block block-search"><div class="block block-content"><form '
            'class="form minisearch" id="search_mini_form" action="{base}/catalogsearch/result/" '
            'method="get"><div class="field search"><label class="label" for="search" '
            'data-role="minisearch-label"><span>Search</span></label><div class="control"><input '
            'id="search" type="text" name="q" value="" placeholder="Search entire store here..." '
            'class="input-text" maxlength="128" role="combobox" aria-autocomplete="both" '
            'autocomplete="off"></div></div><div class="actions"><button type="submit" '
            'title="Search" class="action search" aria-label="Search"><span>Search</span>'
            "</button></div></form></div></div>"
        ),
        list_open=(
            '<div class="products wrapper grid products-grid"><ol class="products list items '
            'product-items">'
        ),
        item=(
            '<li class="item product product-item"><div class="product-item-info" '
            'id="product-item-info_{id}" data-container="product-grid"><a href="{url}" '
            'class="product photo product-item-photo" tabindex="-1"><span '
            'class="product-image-container product-image-container-{id}"><img '
            'class="product-image-photo" src="{base}/media/catalog/product/cache/3a9f/{img}.jpg" '
            'loading="lazy" width="240" height="300" alt="{title}"></span></a><div '
            'class="product details product-item-details"><strong class="product name '
            'product-item-name"><a class="product-item-link" href="{url}">{title}</a></strong>'
            '<div class="price-box price-final_price" data-role="priceBox" '
            'data-product-id="{id}"><span class="price-container price-final_price tax weee">'
            '<span id="product-price-{id}" class="price-wrapper "><span class="price">{price}'
            "</span></span></span></div></div></div></li>"
        ),
        list_close="</ol></div>",
        category="/{slug}.html",
        info=(
            "/checkout/cart/ /customer/account/ /contact/ /shipping-returns "
            "/privacy-policy-cookie-restriction-mode"
        ),
        viewed="block widget block-viewed-products-grid",
        page_param="p",
        absolute=True,
        empty="Your search returned no results.",
    ),
    "prestashop": Skin(
        head=(
            '<link rel="stylesheet" href="{base}/themes/classic/assets/css/theme.css" '
            'type="text/css" media="all">\n<link rel="stylesheet" '
            'href="{base}/modules/ps_searchbar/ps_searchbar.css" type="text/css" media="all">\n'
            '<script type="text/javascript">var prestashop = {"currency":{"iso_code":"EUR",'
            '"sign":"\\u20ac","name":"Euro"},"language":{"iso_code":"es","locale":"es-ES"},'
            '"page":{"page_name":"{page}"},"shop":{"name":"{name}"},"urls":{"base_url":'
            '"{base}/","pages":{"search":"{base}/index.php?controller=search"}}};</script>'
        ),
        body_class="lang-es country-es currency-eur layout-left-column page-{page}",
        search_box=(
            '<div id="search_widget" class="search-widgets" '
            'data-search-controller-url="{base}/index.php?controller=search"><form method="get" '
            'action="{base}/index.php?controller=search"><input type="hidden" name="controller" '
            'value="search"><i class="material-icons search" aria-hidden="true">search</i><input '
            'type="text" name="s" value="" placeholder="Buscar en nuestro catálogo" '
            'aria-label="Buscar"><i class="material-icons clear" aria-hidden="true">clear</i>'
            "</form></div>"
        ),
        list_open='<div id="js-product-list"><div class="products row">',
        item=(
            '<div class="js-product product col-xs-12 col-sm-6 col-xl-4"><article '
            'class="product-miniature js-product-miniature" data-id-product="{id}" '
            'data-id-product-attribute="0"><div class="thumbnail-container"><div '
            'class="thumbnail-top"><a href="{url}" class="thumbnail product-thumbnail"><img '
            'src="{base}/{id}-home_default/{img}.jpg" alt="{title}" loading="lazy" width="250" '
            'height="250"></a></div><div class="product-description"><h2 class="h3 '
            'product-title"><a href="{url}" content="{url}">{title}</a></h2><div '
            'class="product-price-and-shipping"><span class="price" aria-label="Precio">{price}'
            "</span></div></div></div></article></div>"
        ),
        list_close="</div></div>",
        category="/{n}-{slug}",
        info="/carrito /mi-cuenta /contactenos /content/1-entrega /content/2-aviso-legal",
        viewed="featured-products clearfix mt-3",
        absolute=True,
    ),
    "opencart": Skin(
        head=(
            '<base href="{base}/">\n<link href="catalog/view/javascript/bootstrap/css/'
            'bootstrap.min.css" rel="stylesheet" media="screen">\n'
            '<link href="catalog/view/theme/default/stylesheet/stylesheet.css" rel="stylesheet">'
            '\n<script src="catalog/view/javascript/common.js"></script>'
        ),
        body_class="{page}",
        search_box=(
            '<div id="search" class="input-group"><input type="text" name="search" value="" '
            'placeholder="Szukaj" class="form-control input-lg"><span class="input-group-btn">'
            '<button type="button" class="btn btn-default btn-lg"><i class="fa fa-search"></i>'
            "</button></span></div>"
        ),
        list_open='<div class="row">',
        item=(
            '<div class="product-layout product-list col-xs-12"><div class="product-thumb"><div '
            'class="image"><a href="{url}"><img src="{base}/image/cache/catalog/{img}-228x228.jpg" '
            'alt="{title}" title="{title}" class="img-responsive"></a></div><div><div '
            'class="caption"><h4><a href="{url}">{title}</a></h4><p class="price">{price} <span '
            'class="price-tax">Netto: {net}</span></p></div><div class="button-group"><button '
            "type=\"button\" onclick=\"cart.add('{id}', '1');\"><span>Dodaj do koszyka</span>"
            "</button></div></div></div></div>"
        ),
        list_close="</div>",
        category="/index.php?route=product/category&path={n}",
        info=(
            "/index.php?route=checkout/cart /index.php?route=account/account "
            "/index.php?route=information/contact "
            "/index.php?route=information/information&information_id=6 "
            "/index.php?route=information/information&information_id=4"
        ),
        viewed="module-viewed",
        absolute=True,
    ),
    "bitrix": Skin(
        head=(
            '<link href="/bitrix/templates/aspro_max/styles.css?170000000012345" '
            'type="text/css" rel="stylesheet">\n'
            "<script>(window.BX||top.BX).message({'LANGUAGE_ID':'ru','SITE_ID':'s1'});</script>\n"
            "<script>BX.setJSList(['/bitrix/js/main/core/core.js',"
            "'/bitrix/templates/aspro_max/js/main.js']);</script>"
        ),
        body_class="site_s1 {page}",
        search_box=(
            '<div class="search-wrapper"><div id="title-search"><form action="/search/"><div '
            'class="search-input-div"><input class="search-input" id="title-search-input" '
            'type="text" name="q" value="" placeholder="Поиск" size="20" maxlength="50" '
            'autocomplete="off"></div><button class="btn btn-search" type="submit" name="s" '
            'value="Найти">Найти</button></form></div></div>'
        ),
        list_open='<div class="catalog_block items row">',
        item=(
            '<div class="catalog_item item_wrap" id="bx_3966226736_{id}"><div '
            'class="image_wrapper_block"><a href="{url}" class="thumb"><img '
            'src="/upload/resize_cache/iblock/{img}.jpg" alt="{title}" title="{title}"></a></div>'
            '<div class="item-title"><a href="{url}" class="dark_link"><span>{title}</span></a>'
            '</div><div class="cost prices"><div class="price" data-currency="RUB" '
            'data-value="{amount}"><span class="values_wrapper"><span class="price_value">{price}'
            "</span></span></div></div></div>"
        ),
        search_item=(
            '<div class="search-item"><h4><a href="{url}">{title}</a></h4><div '
            'class="search-preview">{title}. Товар в наличии. Доставка по всей России.</div>'
            '<div class="search-item-meta">Путь: <a href="/catalog/">Каталог</a>&nbsp;/&nbsp;'
            '<a href="{cat}">{cat_name}</a></div></div>'
        ),
        list_close="</div>",
        category="/catalog/{slug}/",
        info="/personal/cart/ /personal/ /contacts/ /help/delivery/ /include/licenses_detail.php",
        viewed="bx-catalog-products-viewed",
        page_param="PAGEN_1",
    ),
    "teashop": Skin(
        head='<link rel="stylesheet" href="/static/leaf.css">',
        body_class="{page}",
        search_box=(
            '<form action="/shop/search" method="get" class="search"><input type="search" '
            'name="query" placeholder="Search teas"><button>Go</button></form>'
        ),
        list_open='<ul class="results">',
        item='<li class="result"><a href="{url}">{title}</a> <span class="price">{price}</span>'
        "</li>",
        list_close="</ul>",
        category="/shop/category/{slug}",
        info="/basket /account /contact /delivery /privacy",
        viewed="recent",
    ),
    "robots_blocked": Skin(
        head='<link rel="stylesheet" href="/css/bottega.css">',
        body_class="{page}",
        search_box=(
            '<form action="/search" method="get" class="cerca"><input type="text" name="q" '
            'placeholder="Cerca nel negozio"><button type="submit">Cerca</button></form>'
        ),
        list_open='<div class="griglia-prodotti">',
        item=(
            '<div class="prodotto"><a href="{url}"><img src="/img/{img}.jpg" alt=""><h3>{title}'
            '</h3></a><span class="prezzo">{price}</span></div>'
        ),
        list_close="</div>",
        category="/categoria/{slug}",
        info="/carrello /account /contatti /spedizioni /privacy",
        viewed="visti-di-recente",
    ),
}
