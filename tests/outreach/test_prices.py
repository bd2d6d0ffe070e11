# ruff: noqa: RUF001 — prices in Cyrillic, Persian and Japanese are the point here.
"""Price text in many locales: ``parse_price``. Currency signs, words and codes on their own
are in test_currencies.py."""

from __future__ import annotations

from decimal import Decimal

import pytest

from discountmarket.outreach.prices import parse_price

# ------------------------------------------------------------------------- parse_price

PRICES = [
    # text, amount, currency
    ("$1,299.99", "1299.99", "USD"),
    ("$ 1,299.99", "1299.99", "USD"),
    ("1 299,00 €", "1299.00", "EUR"),
    ("1\u00a0299,00 €", "1299.00", "EUR"),  # no-break space
    ("1\u202f299,00 €", "1299.00", "EUR"),  # narrow no-break space
    ("1\u2009299,00 €", "1299.00", "EUR"),  # thin space
    ("1.299,00 €", "1299.00", "EUR"),
    ("1.299.000,50 €", "1299000.50", "EUR"),
    ("€1.299", "1299.00", "EUR"),  # one dot + exactly 3 digits: thousands
    ("€ 49", "49.00", "EUR"),
    ("€49", "49.00", "EUR"),
    ("49€", "49.00", "EUR"),
    ("12,50 €", "12.50", "EUR"),  # comma + 2 digits: decimal
    ("12,5 €", "12.50", "EUR"),
    ("49 Euro", "49.00", "EUR"),
    ("Price: 1 299,00 EUR incl. VAT", "1299.00", "EUR"),
    ("1299 EUR", "1299.00", "EUR"),
    ("EUR 1299", "1299.00", "EUR"),
    ("USD 1,299.00", "1299.00", "USD"),
    ("USD1299", "1299.00", "USD"),
    ("1,299.00 USD", "1299.00", "USD"),
    ("US$ 49.99", "49.99", "USD"),
    ("0.99 $", "0.99", "USD"),
    ("1,299", "1299.00", None),  # comma + exactly 3 digits: thousands
    ("1.299", "1299.00", None),
    ("1,29", "1.29", None),
    ("1299.000", "1299.00", None),  # 4 digits before: cannot be a thousands group
    ("0.500 KWD", "0.50", "KWD"),  # a leading 0 is never a thousands group
    ("1,234,567", "1234567.00", None),  # one kind, several times: thousands
    ("1.234.567", "1234567.00", None),
    ("£12.50", "12.50", "GBP"),
    ("GBP 12.50", "12.50", "GBP"),
    ("2 490 ₽", "2490.00", "RUB"),
    ("2 490 руб.", "2490.00", "RUB"),
    ("2 490 руб", "2490.00", "RUB"),
    ("2 490 рублей", "2490.00", "RUB"),
    ("2490 р.", "2490.00", "RUB"),
    ("2490р.", "2490.00", "RUB"),
    ("2 490 RUB", "2490.00", "RUB"),
    ("Kč 3 990", "3990.00", "CZK"),
    ("3 990 Kč", "3990.00", "CZK"),
    ("3 990,- Kč", "3990.00", "CZK"),
    ("kr. 499,95", "499.95", "DKK"),
    ("499,95 kr.", "499.95", "DKK"),
    ("499 kr", "499.00", "DKK"),
    ("499kr", "499.00", "DKK"),
    ("499 SEK", "499.00", "SEK"),
    ("12 990 ﷼", "12990.00", "IRR"),
    ("12 990 ریال", "12990.00", "IRR"),
    ("12 990 تومان", "129900.00", "IRR"),  # one toman is ten rial
    ("۱۲٬۹۹۰ تومان", "129900.00", "IRR"),  # Persian digits, Arabic thousands separator
    ("۱۲۹۹۰ ریال", "12990.00", "IRR"),
    ("١٢٬٩٩٠٫٥٠ ﷼", "12990.50", "IRR"),  # Arabic-Indic digits and decimal separator
    ("\u200f۱۲٬۹۹۰\u200f تومان", "129900.00", "IRR"),  # right-to-left marks
    ("49,-", "49.00", None),
    ("49,–", "49.00", None),
    ("49.-", "49.00", None),
    ("1'299.50 CHF", "1299.50", "CHF"),
    ("1’299.50 CHF", "1299.50", "CHF"),
    ("CHF 1'299.50", "1299.50", "CHF"),
    ("Fr. 49.90", "49.90", "CHF"),
    ("zł 129,99", "129.99", "PLN"),
    ("129,99 zł", "129.99", "PLN"),
    ("129,99 PLN", "129.99", "PLN"),
    ("¥12,800", "12800.00", "JPY"),
    ("￥12,800", "12800.00", "JPY"),  # full-width yen sign
    ("12,800円", "12800.00", "JPY"),
    ("１２，８００円", "12800.00", "JPY"),  # full-width digits
    ("99元", "99.00", "CNY"),
    ("₹1,29,999", "129999.00", "INR"),  # Indian grouping
    ("Rs. 1,299", "1299.00", "INR"),
    ("R$ 1.299,90", "1299.90", "BRL"),
    ("C$ 49.99", "49.99", "CAD"),
    ("CA$49.99", "49.99", "CAD"),
    ("A$ 49.99", "49.99", "AUD"),
    ("AU$49.99", "49.99", "AUD"),
    ("NZ$ 49", "49.00", "NZD"),
    ("HK$ 499", "499.00", "HKD"),
    ("₴ 999", "999.00", "UAH"),
    ("999 грн", "999.00", "UAH"),
    ("999 грн.", "999.00", "UAH"),
    ("4 990 Ft", "4990.00", "HUF"),
    ("₺1.299", "1299.00", "TRY"),
    ("1.299 TL", "1299.00", "TRY"),
    ("249 lei", "249.00", "RON"),
    ("99 лв", "99.00", "BGN"),
    ("99 лв.", "99.00", "BGN"),
    ("₩ 39,000", "39000.00", "KRW"),
    ("39,000원", "39000.00", "KRW"),
    ("₪ 199", "199.00", "ILS"),
    ("Rp 1.299.000", "1299000.00", "IDR"),
    ("1.299.000 ₫", "1299000.00", "VND"),
    ("RM 49.90", "49.90", "MYR"),
    ("฿ 1,290", "1290.00", "THB"),
    ("₱ 1,299.00", "1299.00", "PHP"),
    ("₸ 12 990", "12990.00", "KZT"),
    ("99 د.إ", "99.00", "AED"),
    ("99 ر.س", "99.00", "SAR"),
    ("from $49", "49.00", "USD"),
    ("Save 20%: 49 €", "49.00", "EUR"),  # the marked amount wins over a bare number
    ("Size 42 - 59,90 €", "59.90", "EUR"),
    ("iPhone 15 Pro 1 199 €", "1199.00", "EUR"),
    ("AMD Ryzen 7950X3D 599 €", "599.00", "EUR"),  # model numbers are not prices
    ("1 299 – 1 499 €", "1299.00", "EUR"),  # a range: its low end
    ("1299-1499 €", "1299.00", "EUR"),
    ("$10 - $20", "10.00", "USD"),
    ("1 299 € 1 499 €", "1299.00", "EUR"),
    ("$1,299 $1,499", "1299.00", "USD"),
    ("ALL 49 €", "49.00", "EUR"),  # a code that is also a word loses to a real sign
    ("Price 0,001 € ... 49 €", "49.00", "EUR"),
    ("1 000 000 000 000 €", "1000000000000.00", "EUR"),  # 10^12 itself is allowed
    ("12.345 €", "12345.00", "EUR"),
    ("1.2345 €", "1.23", "EUR"),
    ("1.235 €", "1235.00", "EUR"),
    ("1,005 €", "1005.00", "EUR"),
    ("1,00 €", "1.00", "EUR"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), PRICES)
def test_parse_price(text: str, amount: str, currency: str | None) -> None:
    assert parse_price(text) == (Decimal(amount), currency)


def test_parse_price_amounts_are_quantized_to_cents() -> None:
    amount, _ = parse_price("€ 49")
    assert amount is not None
    assert amount.as_tuple().exponent == -2


UNUSABLE = [
    # text, currency still reported
    ("no number here", None),
    ("", None),
    ("€", None),  # no number at all: nothing
    ("$", None),
    ("-5 €", "EUR"),
    ("−5 €", "EUR"),  # U+2212 minus
    ("€-5", "EUR"),
    ("-€5", "EUR"),
    ("0 €", "EUR"),
    ("0,00 €", "EUR"),
    ("0,001 €", "EUR"),  # rounds to zero cents
    ("1 000 000 000 001 €", "EUR"),  # absurd: over 10^12
    ("99999999999999999999999999999999 $", "USD"),
    ("1,299.00.00 $", "USD"),  # unreadable number
    ("Model S23", None),
]


@pytest.mark.parametrize(("text", "currency"), UNUSABLE)
def test_parse_price_unusable(text: str, currency: str | None) -> None:
    assert parse_price(text) == (None, currency)


@pytest.mark.parametrize(
    ("text", "hint", "expected"),
    [
        ("1 299,00", "EUR", (Decimal("1299.00"), "EUR")),  # no currency written: the hint
        ("1 299,00", "eur", (Decimal("1299.00"), "EUR")),
        ("1 299,00", "nonsense", (Decimal("1299.00"), None)),
        ("1 299,00 €", "USD", (Decimal("1299.00"), "EUR")),  # written beats hinted
        ("kr. 499,95", "SEK", (Decimal("499.95"), "SEK")),  # the hint picks among krone
        ("kr. 499,95", "NOK", (Decimal("499.95"), "NOK")),
        ("kr. 499,95", "EUR", (Decimal("499.95"), "DKK")),  # not a krone: default
        ("$49", "CAD", (Decimal("49.00"), "CAD")),
        ("$49", "GBP", (Decimal("49.00"), "USD")),
        ("¥12,800", "CNY", (Decimal("12800.00"), "CNY")),
        ("12 990 ﷼", "SAR", (Decimal("12990.00"), "SAR")),
        ("Rs 1,299", "PKR", (Decimal("1299.00"), "PKR")),
    ],
)
def test_parse_price_currency_hint(
    text: str, hint: str, expected: tuple[Decimal | None, str | None]
) -> None:
    assert parse_price(text, currency_hint=hint) == expected


@pytest.mark.parametrize("value", [None, 1299, b"1299 EUR"])
def test_parse_price_tolerates_non_strings(value: object) -> None:
    assert parse_price(value) == (None, None)  # type: ignore[arg-type]
