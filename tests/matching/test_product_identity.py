"""A product's identity as real shop pages state it: JSON-LD (themes put the GTIN on the
offer), microdata, RDFa Lite, OpenGraph product tags and labelled text in many languages."""

from __future__ import annotations

import json

import pytest
from stdnum import ean

from discountmarket.outreach.product_identity import ProductIdentity, read_identity
from discountmarket.outreach.product_page import ProductPage

EAN13 = "400638133393" + ean.calc_check_digit("400638133393")
GTIN14 = "0" + EAN13
WRONG = EAN13[:-1] + str((int(EAN13[-1]) + 3) % 10)


def identity(body: str, url: str = "https://shop.example/p/1") -> ProductIdentity:
    page = ProductPage.load(f"<html><body>{body}</body></html>", url)
    assert page is not None
    return read_identity(page)


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_json_ld_product_with_the_gtin_on_its_offer_and_a_brand_object() -> None:
    found = identity(
        json_ld(
            {
                "@context": "https://schema.org",
                "@type": "Product",
                "name": "Moka Express 6",
                "sku": "BIA-6",
                "mpn": "0001162",
                "brand": {"@type": "Brand", "name": "Bialetti"},
                "offers": [{"@type": "Offer", "price": "39.90", "gtin13": EAN13}],
            }
        )
    )
    assert found == ProductIdentity(gtin=GTIN14, mpn="0001162", sku="BIA-6", brand="Bialetti")


def test_a_failing_check_digit_is_dropped_and_the_next_source_is_used() -> None:
    found = identity(
        json_ld({"@type": "Product", "name": "X", "gtin13": WRONG, "offers": {"price": 5}})
        + f"<table><tr><th>EAN</th><td>{EAN13}</td></tr></table>"
    )
    assert found.gtin == GTIN14


def test_product_id_with_a_scheme_and_the_manufacturer_as_brand() -> None:
    found = identity(
        json_ld(
            {
                "@graph": [
                    {"@type": "WebPage", "name": "page"},
                    {
                        "@type": "Product",
                        "name": "Book",
                        "productID": "isbn:0306406152",
                        "manufacturer": {"@type": "Organization", "name": "Plenum"},
                        "offers": {"@type": "Offer", "price": "10"},
                    },
                ]
            }
        )
    )
    assert (found.gtin, found.brand) == ("09780306406157", "Plenum")


def test_microdata_of_the_product_not_of_its_seller() -> None:
    found = identity(
        '<div itemscope itemtype="https://schema.org/Product">'
        '<h1 itemprop="name">Encore ESP</h1>'
        '<div itemprop="brand" itemscope itemtype="https://schema.org/Brand">'
        '<span itemprop="name">Baratza</span></div>'
        f'<meta itemprop="gtin13" content="{EAN13}"><span itemprop="mpn">ENC-ESP-1</span>'
        "</div>"
    )
    assert (found.gtin, found.mpn) == (GTIN14, "ENC-ESP-1")


def test_rdfa_lite_with_and_without_a_prefix() -> None:
    found = identity(
        '<div vocab="https://schema.org/" typeof="Product">'
        '<h1 property="name">Dripper</h1><span property="brand">Hario</span>'
        f'<meta property="schema:gtin13" content="{EAN13}"><span property="mpn">VDC-02W</span>'
        "</div>"
    )
    assert (found.gtin, found.brand, found.mpn) == (GTIN14, "Hario", "VDC-02W")


def test_opengraph_product_tags() -> None:
    page = ProductPage.load(
        "<html><head>"
        f'<meta property="product:ean" content="{EAN13}">'
        '<meta property="product:brand" content="Sony">'
        '<meta property="product:mfr_part_no" content="WH1000XM5/B">'
        '<meta property="product:retailer_item_id" content="SONY-99">'
        "</head><body><h1>Headphones</h1></body></html>",
        "https://shop.example/p",
    )
    assert page is not None
    found = read_identity(page)
    assert (found.gtin, found.brand, found.mpn, found.sku) == (
        GTIN14,
        "Sony",
        "WH1000XM5/B",
        "SONY-99",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            f"<p>EAN: {EAN13}</p><p>Art.-Nr.: 10432</p><p>Marke: Bialetti</p>",
            (GTIN14, None, "10432", "Bialetti"),
        ),
        (
            f"<dl><dt>Штрихкод</dt><dd>{EAN13}</dd><dt>Артикул</dt><dd>1X-22</dd>"
            "<dt>Бренд</dt><dd>Bialetti</dd></dl>",
            (GTIN14, None, "1X-22", "Bialetti"),
        ),
        (
            f"<table><tr><th>Kód</th><td>5521</td></tr><tr><th>EAN</th><td>{EAN13}</td></tr>"
            "<tr><th>Značka</th><td>Bialetti</td></tr></table>",
            (GTIN14, None, "5521", "Bialetti"),
        ),
        (
            "<ul><li>Herstellernummer: 0001162</li>"
            "<li>Hersteller: Bialetti Industrie S.p.A.</li></ul>",
            (None, "0001162", None, "Bialetti Industrie S.p.A"),
        ),
        (
            f"<p>Manufacturer part number: MZ-V9P2T0BW</p><p>UPC {EAN13}</p>",
            (GTIN14, "MZ-V9P2T0BW", None, None),
        ),
    ],
)
def test_labelled_text_in_many_languages(body: str, expected: tuple) -> None:
    found = identity(body)
    assert (found.gtin, found.mpn, found.sku, found.brand) == expected


def test_prose_is_not_a_label() -> None:
    found = identity(
        "<p>Brand new in the box, never used.</p><p>Model railway fans love it.</p>"
        "<p>Part of our summer range.</p>"
    )
    assert found == ProductIdentity()


def test_hostile_markup_gives_nothing_rather_than_raising() -> None:
    deep = "<div>" * 5_000 + "EAN: 123" + "</div>" * 5_000
    assert identity(deep).gtin is None
    wrapped = {"@type": "Product", "gtin13": {"@value": [[[EAN13]]]}}  # unwrapped, bounded
    assert identity(json_ld(wrapped)).gtin == GTIN14


@pytest.mark.parametrize(
    "picker",
    [
        # WooCommerce, Magento, PrestaShop and Shopify name their variant pickers so.
        '<select name="attribute_pa_size"><option value="">Choose</option>'
        '<option value="s">S</option><option value="m">M</option></select>',
        '<select name="super_attribute[142]"><option value="5">38</option>'
        '<option value="6">39</option></select>',
        '<select name="group[1]" class="form-control"><option value="1">S</option>'
        '<option value="2">M</option></select>',
        '<select name="size" class="size-picker"><option value="S">S</option>'
        '<option value="M" selected>M</option><option value="L">L</option></select>',
        '<select id="velikost"><option value="41">41</option><option value="42">42</option>'
        "</select>",
    ],
)
def test_a_page_sold_in_sizes_says_so(picker: str) -> None:
    assert identity(f"<h1>Giro Syntax MIPS</h1>{picker}").variants


@pytest.mark.parametrize(
    "body",
    [
        '<select name="qty"><option value="1">1</option><option value="2">2</option></select>',
        '<header><select name="language"><option value="en">EN</option>'
        '<option value="de">DE</option></select></header>',
        '<select name="size"><option value="">Choose a size</option>'
        '<option value="one">One size</option></select>',
        json_ld({"@type": "Product", "name": "X", "offers": [{"gtin13": EAN13}]}),
    ],
)
def test_quantity_language_and_single_offers_are_no_variants(body: str) -> None:
    assert not identity(f"<h1>Helmet</h1>{body}").variants


def test_offers_with_codes_of_their_own_are_variants() -> None:
    other = "400638133394" + ean.calc_check_digit("400638133394")
    offers = [{"@type": "Offer", "gtin13": EAN13}, {"@type": "Offer", "gtin13": other}]
    found = identity(json_ld({"@type": "Product", "name": "Shoe", "offers": offers}))
    assert found.variants
