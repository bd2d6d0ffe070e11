# ruff: noqa: RUF001 — currency signs and words in Cyrillic and Persian are the point here.
"""Currency signs, words and codes: ``currency_from_symbol``, the markers the price reader
pairs with amounts, ISO codes and the country hints that settle ambiguous signs."""

from __future__ import annotations

import pytest

from discountmarket.outreach.currencies import (
    COUNTRY_CURRENCY,
    Marker,
    currency_from_symbol,
    domain_currency,
    find_markers,
    iso_code,
    normalise_text,
    pick_currency,
)

# ---------------------------------------------------------------- currency_from_symbol


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("$", None, "USD"),
        ("$", "US", "USD"),
        ("$", "CA", "CAD"),
        ("$", "au", "AUD"),
        ("$", "DE", "USD"),
        ("US$", "CA", "USD"),  # not ambiguous
        ("C$", None, "CAD"),
        ("CA$", None, "CAD"),
        ("A$", None, "AUD"),
        ("AU$", None, "AUD"),
        ("R$", None, "BRL"),
        ("€", None, "EUR"),
        ("EUR", None, "EUR"),
        ("eur", None, "EUR"),  # priceCurrency values are often lower-case
        ("RUR", None, "RUB"),  # retired code, still seen
        ("£", None, "GBP"),
        ("¥", None, "JPY"),
        ("¥", "CN", "CNY"),
        ("円", None, "JPY"),
        ("₽", None, "RUB"),
        ("руб.", None, "RUB"),
        ("р.", None, "RUB"),
        ("₴", None, "UAH"),
        ("грн", None, "UAH"),
        ("kr", None, "DKK"),  # "kr" alone: the hint first, then DKK
        ("kr.", "SE", "SEK"),
        ("kr", "NO", "NOK"),
        ("kr", "IS", "ISK"),
        ("kr", "DK", "DKK"),
        ("kr", "DE", "DKK"),
        ("Kč", None, "CZK"),
        ("zł", None, "PLN"),
        ("Ft", None, "HUF"),
        ("₺", None, "TRY"),
        ("TL", None, "TRY"),
        ("lei", None, "RON"),
        ("lei", "MD", "MDL"),
        ("лв", None, "BGN"),
        ("₹", None, "INR"),
        ("Rs.", "PK", "PKR"),
        ("﷼", None, "IRR"),
        ("ریال", None, "IRR"),
        ("ريال", "SA", "SAR"),
        ("تومان", None, "IRR"),
        ("CHF", None, "CHF"),
        ("Fr.", None, "CHF"),
        ("Price: 12 €", None, "EUR"),
        ("", None, None),
        ("price", None, None),
        ("XYZ", None, None),  # not an ISO code
        ("ALL", None, "ALL"),  # a weak code still counts when it is all there is
    ],
)
def test_currency_from_symbol(text: str, country: str | None, expected: str | None) -> None:
    assert currency_from_symbol(text, country_hint=country) == expected


def test_currency_from_symbol_tolerates_non_strings() -> None:
    assert currency_from_symbol(None) is None  # type: ignore[arg-type]
    assert currency_from_symbol("$", country_hint=42) == "USD"  # type: ignore[arg-type]


def test_a_strong_marker_beats_a_weak_code_before_it() -> None:
    assert currency_from_symbol("ALL sizes: 49 €") == "EUR"
    assert currency_from_symbol("AMD Ryzen 7, 299 zł") == "PLN"
    assert currency_from_symbol("\u200f\ufdfc\u200f") == "IRR"  # bidi marks around the sign


# ---------------------------------------------------------------------------- iso codes


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("EUR", "EUR"),
        (" usd ", "USD"),
        ("Sek", "SEK"),
        ("RMB", "CNY"),
        ("NIS", "ILS"),
        ("RUR", "RUB"),
        ("EURO", None),
        ("XYZ", None),
        ("€", None),
        (978, None),
        (None, None),
    ],
)
def test_iso_code(value: object, code: str | None) -> None:
    assert iso_code(value) == code


# ------------------------------------------------------------------------------ markers


def test_markers_in_order_and_longest_first() -> None:
    hits = find_markers("US$ 5, then 4 € or 3 $ and 2 руб.")
    assert [(hit.start, hit.marker.currency) for hit in hits] == [
        (0, "USD"),
        (14, "EUR"),
        (21, "USD"),
        (29, "RUB"),
    ]
    assert hits[2].marker.family[:2] == ("USD", "CAD")  # the bare dollar is ambiguous
    assert hits[0].marker.family == ()  # "US$" is not


@pytest.mark.parametrize("text", ["Sleigh", "krone", "Hallo Leipzig", "Kčs", "TLC", "Europe"])
def test_letter_markers_are_whole_words(text: str) -> None:
    assert find_markers(text) == []


def test_codes_that_are_everyday_words_are_weak() -> None:
    hits = find_markers("ALL 49 EUR TOP")
    assert [(hit.marker.currency, hit.marker.weak) for hit in hits] == [
        ("ALL", True),
        ("EUR", False),
        ("TOP", True),
    ]


def test_the_toman_counts_ten_rial() -> None:
    [hit] = find_markers("۱۲۰ تومان")
    assert (hit.marker.currency, hit.marker.factor) == ("IRR", 10)


@pytest.mark.parametrize(
    ("preferred", "expected"), [("SEK", "SEK"), ("NOK", "NOK"), ("EUR", "DKK"), (None, "DKK")]
)
def test_pick_currency_stays_within_the_family(preferred: str | None, expected: str) -> None:
    kroner = Marker("DKK", ("DKK", "SEK", "NOK", "ISK"))
    assert pick_currency(kroner, preferred) == expected
    assert pick_currency(Marker("EUR"), preferred) == "EUR"  # no family: nothing to pick


def test_country_hints() -> None:
    assert (COUNTRY_CURRENCY["SE"], COUNTRY_CURRENCY["CN"], COUNTRY_CURRENCY["MD"]) == (
        "SEK",
        "CNY",
        "MDL",
    )
    assert "CO" not in COUNTRY_CURRENCY  # .co shops are mostly not Colombian


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("۱۲٬۹۹۰", "12'990"),  # Persian digits, Arabic thousands separator
        ("١٢٣", "123"),  # Arabic-Indic digits
        ("１，２９９．５０", "1,299.50"),  # full-width
        ("\u200f49\u00a0€\u200e", "49\u00a0€"),  # bidi marks go, the no-break space stays
    ],
)
def test_normalise_text(text: str, normal: str) -> None:
    assert normalise_text(text) == normal


@pytest.mark.parametrize(
    ("host", "currency"),
    [
        ("lampy.ru", "RUB"),
        ("shop.de", "EUR"),
        ("shop.co.uk", "GBP"),
        ("obchod.cz", "CZK"),
        ("shop.com", None),
        ("127.0.0.1", None),
        ("localhost", None),
    ],
)
def test_a_country_domain_says_what_a_shop_sells_in(host: str, currency: str | None) -> None:
    assert domain_currency(host) == currency
