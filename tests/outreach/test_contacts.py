"""E-mail addresses and phones on their own: ranking addresses across pages, what is not an
address, normalising and comparing phone numbers, and the order sources are read in.
Extraction from whole pages in many languages is in test_discovery.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from discountmarket.outreach.contacts import (
    emails_in,
    extract_emails,
    merge_phones,
    normalise_phone,
    phones_in,
    presented_emails_in,
    rank_emails,
    same_phone,
)

# --- e-mail ------------------------------------------------------------------------------


def test_rank_emails_across_pages() -> None:
    ranked = rank_emails(
        [
            (False, ["eva@shop.cz", "info@shop.cz", "jobs@shop.cz"]),
            (True, ["support@shop.cz", "noreply@shop.cz", "petr@shop.cz"]),
        ]
    )
    # Contact-page addresses first (then by tier), low-value after, no-reply last.
    assert ranked == [
        "support@shop.cz",
        "petr@shop.cz",
        "info@shop.cz",
        "eva@shop.cz",
        "jobs@shop.cz",
        "noreply@shop.cz",
    ]


def test_an_address_keeps_its_best_place() -> None:
    ranked = rank_emails([(False, ["eva@shop.cz", "info@shop.cz"]), (True, ["eva@shop.cz"])])
    assert ranked == ["eva@shop.cz", "info@shop.cz"]  # eva was also on the contact page


def test_tiers_read_the_local_part() -> None:
    # A +tag keeps the tier of the part before it; "no-reply" with anything after is no-reply.
    assert rank_emails([(False, ["eva@shop.cz", "sales+eshop@shop.cz"])]) == [
        "sales+eshop@shop.cz",
        "eva@shop.cz",
    ]
    assert rank_emails([(False, ["no-reply.orders@shop.cz", "eva@shop.cz"])]) == [
        "eva@shop.cz",
        "no-reply.orders@shop.cz",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a" * 65 + "@shop.cz",  # local part over 64 characters
        "info..sales@shop.cz",
        "printer@office.local",
        "test@shop.invalid",
        "web@example.co.uk",
        "0123456789abcdef0123@errors.shop.cz",  # a tracker key
        "icon@2x.webp",
    ],
)
def test_what_is_no_address(text: str) -> None:
    assert extract_emails(f"<p>{text}</p>") == []


def test_test_domains_are_addresses() -> None:
    # Fixtures and local demos use .test/.example hosts: they stay usable.
    assert extract_emails("<p>shop@store.test</p>") == ["shop@store.test"]


def test_sources_are_read_links_first_then_json_ld_then_text() -> None:
    soup = BeautifulSoup(
        '<p>text@shop.fi</p><script type="application/ld+json">{"email": "ld@shop.fi"}</script>'
        '<a href="MAILTO:link@shop.fi">write</a><span data-mail="data@shop.fi"></span>',
        "html.parser",
    )
    assert emails_in(soup) == ["link@shop.fi", "data@shop.fi", "ld@shop.fi", "text@shop.fi"]


def test_a_broken_cloudflare_code_is_ignored() -> None:
    html = '<span data-cfemail="zz">x</span><span data-cfemail="1b">y</span><p>a@shop.fi</p>'
    assert extract_emails(html) == ["a@shop.fi"]


# --- phones --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("+420 603 123 456", "+420603123456"),
        ("00420 603 123 456", "+420603123456"),
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("020 7946 0958", "02079460958"),
        ("(0)20 7946 0958", "02079460958"),  # national: the (0) is part of the number
        ("\u200e+98 912 345 6789\u200f", "+989123456789"),
        ("۰۹۱۲ ۳۴۵ ۶۷۸۹", "09123456789"),
        ("123 456", None),  # too short
        ("+1 234 567 890 123 456", None),  # too long
        ("call us", None),
    ],
)
def test_normalise_phone(raw: str, phone: str | None) -> None:
    assert normalise_phone(raw) == phone


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("+420603123456", "+420603123456", True),
        ("+420603123456", "603123456", True),
        ("+441142726093", "01142726093", True),  # trunk 0
        ("+78005553535", "88005553535", True),  # trunk 8
        ("0601234567", "0701234567", False),
        ("+4912345678", "12345678", True),
        ("+4912345678", "345678", False),  # a tail too short to be a number
        ("603123456", "0603123456", True),
    ],
)
def test_same_phone(a: str, b: str, same: bool) -> None:
    assert same_phone(a, b) is same
    assert same_phone(b, a) is same


def test_merge_phones_keeps_first_place_and_the_international_form() -> None:
    merged = merge_phones([["603123456", "0301234567"], ["+420603123456", "+493012345670"]])
    assert merged == ["+420603123456", "0301234567", "+493012345670"]


def test_phone_sources_and_faxes() -> None:
    soup = BeautifulSoup(
        "<p>Tel: 030 1234567</p><p>Fax: +49 30 7654321</p><p>Telefax +49 30 7654322</p>"
        '<a href="tel:+49-30-1111111">call</a>',
        "html.parser",
    )
    assert phones_in(soup) == ["+49301111111", "0301234567"]


PRESENTED_PAGE = """<html><body>
<header><a href="mailto:sales@shop.example">sales@shop.example</a></header>
<main><article><h1>Our new grinder</h1>
  <section class="comments"><p>Great! Write to me at victim@elsewhere.example</p></section>
</article>
<div class="reviews"><p>Mail reviewer@other.example for photos</p></div></main>
<div id="site-footer">Questions? owner.shop@gmail.example</div>
<address>Impressum: Shop GmbH, post@shop-gmbh.example</address>
</body></html>"""


def test_presented_addresses_are_the_sites_own_not_its_content() -> None:
    soup = BeautifulSoup(PRESENTED_PAGE, "html.parser")
    assert set(presented_emails_in(soup)) == {
        "sales@shop.example",
        "owner.shop@gmail.example",
        "post@shop-gmbh.example",
    }
    assert {"victim@elsewhere.example", "reviewer@other.example"} <= set(emails_in(soup))


def test_on_a_contact_page_all_but_what_visitors_wrote_is_presented() -> None:
    page = """<body><h1>Contact</h1><p>Write to owner.shop@gmail.example</p>
    <div class="product-reviews"><p>ask me: buyer@mail.example</p></div></body>"""
    soup = BeautifulSoup(page, "html.parser")
    assert presented_emails_in(soup, contact_page=True) == ["owner.shop@gmail.example"]
    assert presented_emails_in(soup) == []  # elsewhere, only the site's own blocks count
