"""The one parser of numbers from outside: what it accepts, what it refuses, and why."""

from __future__ import annotations

from decimal import Decimal

import pytest

from discountmarket import numbers
from discountmarket.numbers import NumberRefused, NumberRule, Refusal

PRICE, PERCENT, ROW_ID = numbers.PRICE, numbers.PERCENT, numbers.ROW_ID
QUANTITY = numbers.integers(1, 99)


@pytest.mark.parametrize(
    ("rule", "text", "value"),
    [
        (PRICE, "89", Decimal("89.00")),
        (PRICE, "89.5", Decimal("89.50")),
        (PRICE, "89,5", Decimal("89.50")),  # the Russian decimal comma
        (PRICE, " 89.00 ", Decimal("89.00")),
        (PRICE, "+89", Decimal("89.00")),
        (PRICE, ".5", Decimal("0.50")),
        (PRICE, "5.", Decimal("5.00")),
        (PRICE, "0089.10", Decimal("89.10")),
        (PRICE, "1.50000", Decimal("1.50")),  # trailing zeros are not places
        (PRICE, "1,234.50", Decimal("1234.50")),
        (PRICE, "1.234,50", Decimal("1234.50")),
        (PRICE, "1 234,50", Decimal("1234.50")),
        (PRICE, "1\u00a0234\u00a0567,5", Decimal("1234567.50")),
        (PRICE, "1\u202f234", Decimal("1234.00")),
        (PRICE, "1,000,000", Decimal("1000000.00")),
        (PRICE, "1.000.000", Decimal("1000000.00")),
        (PRICE, "9999999999.99", Decimal("9999999999.99")),
        (PRICE, "0.01", Decimal("0.01")),
        (PERCENT, "99.99", Decimal("99.99")),
        (PERCENT, "12,5", Decimal("12.50")),
        (QUANTITY, "7", 7),
        (QUANTITY, "7.0", 7),
        (QUANTITY, "99", 99),
        (ROW_ID, "2147483647", 2**31 - 1),
    ],
)
def test_accepted(rule: NumberRule, text: str, value: Decimal | int) -> None:
    parsed = rule.parse_int(text) if isinstance(value, int) else rule.parse(text)
    assert parsed == value and type(parsed) is type(value)
    if isinstance(value, Decimal):
        assert parsed.as_tuple().exponent == -rule.places and parsed.is_finite()


@pytest.mark.parametrize(
    ("rule", "text", "refusal"),
    [
        (PRICE, "", Refusal.NOT_A_NUMBER),
        (PRICE, "   ", Refusal.NOT_A_NUMBER),
        (PRICE, "-", Refusal.NOT_A_NUMBER),
        (PRICE, ".", Refusal.NOT_A_NUMBER),
        (PRICE, "NaN", Refusal.NOT_A_NUMBER),
        (PRICE, "-NaN", Refusal.NOT_A_NUMBER),
        (PRICE, "sNaN", Refusal.NOT_A_NUMBER),
        (PRICE, "nan", Refusal.NOT_A_NUMBER),
        (PRICE, "Infinity", Refusal.NOT_A_NUMBER),
        (PRICE, "-Infinity", Refusal.NOT_A_NUMBER),
        (PRICE, "inf", Refusal.NOT_A_NUMBER),
        (PRICE, "1e400", Refusal.NOT_A_NUMBER),
        (PRICE, "1e10", Refusal.NOT_A_NUMBER),
        (PRICE, "1E2", Refusal.NOT_A_NUMBER),
        (PRICE, "0x10", Refusal.NOT_A_NUMBER),
        (PRICE, "1_000", Refusal.NOT_A_NUMBER),  # Python's own grouping
        (PRICE, "+-1", Refusal.NOT_A_NUMBER),
        (PRICE, "--1", Refusal.NOT_A_NUMBER),
        (PRICE, "1.2.3", Refusal.NOT_A_NUMBER),
        (PRICE, "1,2,3", Refusal.NOT_A_NUMBER),
        (PRICE, "1,234.5.6", Refusal.NOT_A_NUMBER),
        (PRICE, "12 34", Refusal.NOT_A_NUMBER),  # groups of three only
        (PRICE, "1 234.567 8", Refusal.NOT_A_NUMBER),
        (PRICE, "0,123,456", Refusal.NOT_A_NUMBER),
        (PRICE, "1 000,000,000", Refusal.NOT_A_NUMBER),
        (PRICE, "€5", Refusal.NOT_A_NUMBER),
        (PRICE, "5%", Refusal.NOT_A_NUMBER),
        (PRICE, "\u221212", Refusal.NOT_A_NUMBER),  # the minus sign, not hyphen-minus
        (PRICE, "1\x002", Refusal.NOT_A_NUMBER),
        (PRICE, "\u0661\u0662", Refusal.NOT_ASCII_DIGITS),  # Arabic-Indic
        (PRICE, "\u06f1\u06f2", Refusal.NOT_ASCII_DIGITS),  # Persian
        (PRICE, "\uff11\uff12", Refusal.NOT_ASCII_DIGITS),  # full-width
        (PRICE, "\u0967", Refusal.NOT_ASCII_DIGITS),  # Devanagari
        (PRICE, "\u00b2", Refusal.NOT_ASCII_DIGITS),  # superscript two
        (PRICE, "1,500", Refusal.AMBIGUOUS_GROUPING),  # 1500 in English, 1.5 in Russian
        (PRICE, "1.500", Refusal.AMBIGUOUS_GROUPING),
        (PRICE, "100,000", Refusal.AMBIGUOUS_GROUPING),
        (QUANTITY, "1,000", Refusal.AMBIGUOUS_GROUPING),
        (PRICE, "0.001", Refusal.TOO_MANY_PLACES),
        (PRICE, "0,125", Refusal.TOO_MANY_PLACES),
        (PRICE, "1 234,567", Refusal.TOO_MANY_PLACES),
        (QUANTITY, "1.5", Refusal.TOO_MANY_PLACES),
        (PRICE, "0", Refusal.TOO_SMALL),
        (PRICE, "0.00", Refusal.TOO_SMALL),
        (PRICE, "-0", Refusal.TOO_SMALL),
        (PRICE, "-3", Refusal.TOO_SMALL),
        (PRICE, "10000000000", Refusal.TOO_LARGE),  # Numeric(12, 2) keeps ten digits
        (PRICE, "10 000 000 000", Refusal.TOO_LARGE),
        (PERCENT, "0", Refusal.TOO_SMALL),
        (PERCENT, "100", Refusal.TOO_LARGE),
        (QUANTITY, "0", Refusal.TOO_SMALL),
        (QUANTITY, "100", Refusal.TOO_LARGE),
        (ROW_ID, "9223372036854775808", Refusal.TOO_LARGE),
        (ROW_ID, "0", Refusal.TOO_SMALL),
        (PRICE, "1" * 33, Refusal.TOO_LONG),
        (PRICE, "9" * 5_000, Refusal.TOO_LONG),
        (PRICE, "-" + "9" * 30, Refusal.TOO_SMALL),
        (PRICE, "9" * 31, Refusal.TOO_LARGE),
    ],
)
def test_refused(rule: NumberRule, text: str, refusal: Refusal) -> None:
    with pytest.raises(NumberRefused) as raised:
        rule.parse(text)
    assert raised.value.refusal == refusal


PRICES_INSIDE = ["89.00", "9999999999.99", "1.5E+1", "0.01"]
PRICES_OUTSIDE = ["10000000000", "0", "0.001", "NaN", "sNaN", "Infinity", "-Infinity", "1e400"]


@pytest.mark.parametrize(
    ("value", "inside"),
    [
        *((Decimal(text), True) for text in PRICES_INSIDE),
        *((Decimal(text), False) for text in [*PRICES_OUTSIDE, "1e-400"]),
        *[(7, True), (True, False), (1.5, False)],
    ],
)
def test_a_service_checks_a_value_it_was_handed(value: object, inside: bool) -> None:
    assert PRICE.contains(value) is inside  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "checked"),
    [
        (1, 1),
        (2**31 - 1, 2**31 - 1),
        (2**31, None),  # past PostgreSQL's INTEGER
        (2**63, None),
        (0, None),
        (-1, None),
        (10**4000, None),
        (True, None),
        (None, None),
        (1.0, None),
        ("1", None),
    ],
)
def test_ids_handed_to_a_service(value: object, checked: int | None) -> None:
    assert ROW_ID.checked_int(value) == checked  # type: ignore[arg-type]
