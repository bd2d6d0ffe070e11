"""Reading HTML in general: loading a ``Page``, its <base>, meta tags, JSON-LD scripts and
microdata, microdata values, URLs from attributes, and the text a visitor sees."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.markup import (
    Page,
    absolute_url,
    itemprop_value,
    labels,
    scope_types,
    text_after,
    visible_text,
)

BASE = "https://shop.example/lamps/nice-lamp"


def load(html: str | bytes, base: str = BASE) -> Page:
    page = Page.load(html, base)
    assert page is not None
    return page


def tag(html: str) -> Tag:
    found = BeautifulSoup(html, "html.parser").find(True)
    assert isinstance(found, Tag)
    return found


# ----------------------------------------------------------------------------- the page


@pytest.mark.parametrize("html", ["", "just text, no markup", None, 42, ["<p>"]])
def test_nothing_to_read_gives_no_page(html: object) -> None:
    assert Page.load(html, BASE) is None  # type: ignore[arg-type]


def test_an_xml_declaration_is_dropped_without_a_warning() -> None:
    # pytest turns warnings into errors here: bs4's XMLParsedAsHTMLWarning would fail this.
    page = load('<?xml version="1.0" encoding="utf-8"?><html><h1>Lamp</h1></html>')
    assert page.soup.find("h1").get_text() == "Lamp"
    assert "xml" not in str(page.soup)


def test_the_yen_flag_follows_the_encoding_the_bytes_were_read_in() -> None:
    japanese = '<meta charset="shift_jis"><p>\\1,000</p>'.encode("shift_jis")
    assert load(japanese).yen_backslash is True
    assert load("<p>\\1,000</p>").yen_backslash is False
    assert load(b"<p>\\1,000</p>").yen_backslash is False
    assert load("<p>x</p>", None).base_url == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("head", "base"),
    [
        ("", BASE),
        ('<base href="/static/">', "https://shop.example/static/"),
        ('<base href="https://cdn.example/v2/">', "https://cdn.example/v2/"),
        ('<base href="javascript:alert(1)">', BASE),
        ('<base target="_blank">', BASE),
    ],
)
def test_resolve_base(head: str, base: str) -> None:
    assert load(f"<html><head>{head}</head><body></body></html>").resolve_base == base


def test_meta_by_property_or_name_in_document_order() -> None:
    page = load(
        '<meta property="OG:Image" content=" /a.jpg "><meta name="og:image" content="/b.jpg">'
        '<meta property="og:title" content="  "><meta name="description">'
        '<meta property="product:price:amount" content="12">'
    )
    assert page.meta == {"og:image": ["/a.jpg", "/b.jpg"], "product:price:amount": ["12"]}


def test_json_ld_is_read_per_script() -> None:
    page = load(
        '<script type="application/ld+json">{"a": 1}{"b": 2}</script>'
        '<script type="text/javascript">{"c": 3}</script>'
        '<script type="Application/LD+JSON; charset=utf-8">[{"d": 4}]</script>'
        '<script type="application/ld+json">not json</script>'
    )
    assert page.json_ld == [[{"a": 1}, {"b": 2}], [[{"d": 4}]], []]


# ------------------------------------------------------------------------------ microdata


def test_microdata_properties_and_their_scopes() -> None:
    page = load(
        """<div itemscope itemtype="https://schema.org/Product" id="product">
             <span itemprop="name description">Lamp</span>
             <div itemprop="offers" itemscope itemtype="https://schema.org/Offer" id="offer">
               <meta itemprop="price" content="12">
             </div>
           </div>
           <span itemprop="price">9</span>"""
    )
    name, offers, offer_price, loose_price = page.microdata
    assert name.names == frozenset({"name", "description"})
    # An element with both itemprop and itemscope is a value of its *parent's* scope.
    assert offers.scope is not None and offers.scope.get("id") == "product"
    assert offer_price.scope is not None and offer_price.scope.get("id") == "offer"
    assert loose_price.scope is None
    assert page.itemprops("price") == [offer_price, loose_price]
    assert page.itemprops("description") == [name]
    product = frozenset({"product"})
    assert (offer_price.within(product), loose_price.within(product)) == (True, False)


@pytest.mark.parametrize(
    ("itemtype", "types"),
    [
        ("https://schema.org/Product", {"product"}),
        ("http://schema.org/Product https://schema.org/Thing", {"product", "thing"}),
        ("schema:IndividualProduct", {"individualproduct"}),
        ("", set()),
    ],
)
def test_scope_types(itemtype: str, types: set[str]) -> None:
    assert scope_types(tag(f'<div itemscope itemtype="{itemtype}"></div>')) == types
    assert scope_types(None) == set()


@pytest.mark.parametrize(
    ("html", "value"),
    [
        ('<meta itemprop="price" content=" 12.50 ">', "12.50"),
        ('<a itemprop="url" href="/lamp">the lamp</a>', "/lamp"),
        (
            '<link itemprop="availability" href="https://schema.org/InStock">',
            "https://schema.org/InStock",
        ),
        ('<img itemprop="image" src="/l.jpg" alt="Lamp">', "/l.jpg"),
        ('<data itemprop="price" value="12">twelve</data>', "12"),
        ('<span itemprop="price" content="12">twelve</span>', "12"),  # the common habit
        ('<span itemprop="price" content=" ">12 €</span>', "12 €"),
        ('<span itemprop="name">Nice <b>Lamp</b><script>x()</script></span>', "Nice Lamp"),
    ],
)
def test_itemprop_value(html: str, value: str) -> None:
    assert itemprop_value(tag(html)) == value


# ----------------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("/img/l.jpg", "https://shop.example/img/l.jpg"),
        ("l.jpg", "https://shop.example/lamps/l.jpg"),
        ("//cdn.example/l.jpg", "https://cdn.example/l.jpg"),
        ("\n  https://cdn.example/l.jpg \t", "https://cdn.example/l.jpg"),
        ("https://cdn.exa\tmple/l.jpg", "https://cdn.example/l.jpg"),  # browsers drop tabs
        ("java\nscript:alert(1)", None),
        ("mailto:info@shop.example", None),
        ("data:image/png;base64,AAAA", None),
        ("http://[::1/l.jpg", None),
        ("/" + "a" * 2100, None),
        ("", None),
        (None, None),
    ],
)
def test_absolute_url(value: object, url: str | None) -> None:
    assert absolute_url(value, BASE) == url


# --------------------------------------------------------------------------- visible text


def test_labels_are_classes_and_id() -> None:
    assert labels(tag('<span class="price now" id="p1">')) == ["price", "now", "p1"]
    assert labels(tag("<span>")) == []


def test_visible_text_is_what_a_reader_sees() -> None:
    root = tag(
        "<div><h2>Lamp</h2>Only<!-- hidden --> <b>12 €</b><script>var p = 99;</script>"
        "<style>.x{}</style><template>T</template><select><option>S</option></select>"
        "<p>In stock</p></div>"
    )
    assert visible_text(root, 1_000).split() == ["Lamp", "Only", "12", "€", "In", "stock"]
    assert "\n" in visible_text(root, 1_000)  # block elements break lines
    assert visible_text(root, 4) == "\n\nLa"  # the div and the h2 each open a line


def test_visible_text_can_skip_elements() -> None:
    root = tag('<p><del class="old">15 €</del> <ins>12 €</ins></p>')
    text = visible_text(root, 100, skip=lambda element: element.name == "del")
    assert text.split() == ["12", "€"]
    # The root itself is never skipped.
    assert visible_text(root.find("del"), 100, skip=lambda e: True) == "15 €"


def test_text_after_reads_on_in_document_order() -> None:
    soup = BeautifulSoup(
        "<div><section><h1>Lamp</h1><p>Rated 4.5</p></section><p>12 €</p></div><p>Footer</p>",
        "html.parser",
    )
    heading = soup.find("h1")
    assert isinstance(heading, Tag)
    assert text_after(heading, 1_000).split() == ["Rated", "4.5", "12", "€", "Footer"]
    assert len(text_after(heading, 10)) <= 12  # stops once the limit is reached
