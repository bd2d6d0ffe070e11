"""Numbers people type and URLs carry: plain decimal notation only, finite and bounded.

One parser for every number that comes from outside (form fields, hidden fields, query
strings). It accepts what a shopper or a store in our locales writes — ``1234.50``,
``1234,50``, ``1,234.50``, ``1.234,50``, ``1 234,50`` — and refuses everything else before
``Decimal`` or ``int`` ever sees it: ``NaN``, ``sNaN``, ``Infinity``, exponents (``1e400``),
more than ``MAX_LENGTH`` characters, more decimal places than the column keeps, and digits
other than ASCII 0 to 9 (``int("\u0663")`` is 3 in Python; here it is refused, never guessed).
Pure: no Flask, no database, so forms, views and services all use it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal

MAX_LENGTH = 32  # characters, sign, separators and spaces included
GROUP_SPACES = " \u00a0\u202f\u2009"  # space, no-break, narrow no-break, thin
_PLAIN = re.compile(r"[0-9]*")


class Refusal(enum.StrEnum):
    NOT_A_NUMBER = "not_a_number"  # letters, NaN, Infinity, exponents, stray signs
    NOT_ASCII_DIGITS = "not_ascii_digits"  # Arabic-Indic, full-width, … digits
    AMBIGUOUS_GROUPING = "ambiguous_grouping"  # "1,500": 1500 in English, 1.5 in Russian
    TOO_LONG = "too_long"
    TOO_MANY_PLACES = "too_many_places"
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"


class NumberRefused(ValueError):
    def __init__(self, refusal: Refusal, rule: NumberRule) -> None:
        super().__init__(f"{refusal.value}: {rule}")
        self.refusal = refusal
        self.rule = rule


@dataclass(frozen=True)
class NumberRule:
    """What one input may hold: ``places`` decimal places, between ``low`` and ``high``
    (excluded when ``low_open``/``high_open``)."""

    places: int
    low: Decimal
    high: Decimal
    low_open: bool = False
    high_open: bool = False

    def parse(self, text: str) -> Decimal:
        """The value, exact to ``places``; raises ``NumberRefused``."""
        negative, whole, fraction = _split(text, self)
        whole = whole.lstrip("0")
        fraction = fraction.rstrip("0")
        if len(fraction) > self.places:
            raise NumberRefused(Refusal.TOO_MANY_PLACES, self)
        if len(whole) > len(str(int(max(abs(self.low), abs(self.high))))):
            raise NumberRefused(Refusal.TOO_SMALL if negative else Refusal.TOO_LARGE, self)
        value = Decimal(f"{'-' if negative else ''}{whole or '0'}.{fraction or '0'}")
        if value < self.low or (self.low_open and value == self.low):
            raise NumberRefused(Refusal.TOO_SMALL, self)
        if value > self.high or (self.high_open and value == self.high):
            raise NumberRefused(Refusal.TOO_LARGE, self)
        return value.quantize(Decimal(1).scaleb(-self.places)) + 0  # no "-0"

    def parse_int(self, text: str) -> int:
        if self.places:
            raise TypeError("parse_int needs a rule without decimal places")
        return int(self.parse(text))

    def checked_int(self, value: int | None) -> int | None:
        """For services handed an int by a caller: ``None`` when outside the rule."""
        if value is None or isinstance(value, bool) or not isinstance(value, int):
            return None
        return value if self.contains(Decimal(value)) else None

    def contains(self, value: Decimal | int) -> bool:
        """True for a finite value within the bounds and places (a service's own check)."""
        if isinstance(value, bool) or not isinstance(value, Decimal | int):
            return False
        value = Decimal(value)
        if not value.is_finite():
            return False
        if value < self.low or (self.low_open and value == self.low):
            return False
        if value > self.high or (self.high_open and value == self.high):
            return False
        _, digits, exponent = value.as_tuple()
        trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        return int(exponent) + trailing_zeros >= -self.places


def integers(low: int, high: int) -> NumberRule:
    return NumberRule(places=0, low=Decimal(low), high=Decimal(high))


# Numeric(12, 2): ten digits before the point.
PRICE = NumberRule(places=2, low=Decimal(0), high=Decimal(10) ** 10, low_open=True, high_open=True)
PERCENT = NumberRule(places=2, low=Decimal(0), high=Decimal(100), low_open=True, high_open=True)
# The INTEGER columns of the schema (ids, an offer's version): 32 bits on PostgreSQL.
ROW_ID = integers(1, 2**31 - 1)
NON_NEGATIVE = integers(0, 2**31 - 1)
PAGE = integers(1, 100_000)


def _split(text: str, rule: NumberRule) -> tuple[bool, str, str]:
    """(negative, whole digits, fraction digits) of plain decimal notation."""
    text = text.strip() if isinstance(text, str) else ""
    if len(text) > MAX_LENGTH:
        raise NumberRefused(Refusal.TOO_LONG, rule)
    negative = text[:1] == "-"
    body = text[1:] if text[:1] in "+-" else text
    if not body:
        raise NumberRefused(Refusal.NOT_A_NUMBER, rule)
    for char in body:
        if char not in "0123456789.," and char not in GROUP_SPACES:
            unicode_digit = char.isdigit() or char.isdecimal()
            refusal = Refusal.NOT_ASCII_DIGITS if unicode_digit else Refusal.NOT_A_NUMBER
            raise NumberRefused(refusal, rule)
    point, group = _separators(body, rule)
    whole, _, fraction = body.partition(point) if point else (body, "", "")
    if not _PLAIN.fullmatch(fraction) or not (whole or fraction):
        raise NumberRefused(Refusal.NOT_A_NUMBER, rule)
    if group:
        groups = re.split(f"[{re.escape(group)}]", whole)
        well_formed = (
            1 <= len(groups[0]) <= 3
            and groups[0][0] != "0"
            and all(len(g) == 3 for g in groups[1:])
            and all(_PLAIN.fullmatch(g) for g in groups)
        )
        if not well_formed:
            raise NumberRefused(Refusal.NOT_A_NUMBER, rule)
        whole = "".join(groups)
    elif not _PLAIN.fullmatch(whole):
        raise NumberRefused(Refusal.NOT_A_NUMBER, rule)
    return negative, whole, fraction


def _separators(body: str, rule: NumberRule) -> tuple[str, str]:
    """(decimal point, grouping characters); either may be empty."""
    spaces = "".join(sorted({c for c in body if c in GROUP_SPACES}))
    marks = [c for c in body if c in ".,"]
    kinds = set(marks)
    if len(kinds) == 2:  # "1,234.50" or "1.234,50": the last mark is the point
        point = marks[-1]
        if marks.count(point) != 1 or spaces:
            raise NumberRefused(Refusal.NOT_A_NUMBER, rule)
        return point, "," if point == "." else "."
    if not kinds:
        return "", spaces
    (mark,) = kinds
    if len(marks) > 1:  # "1,000,000": only grouping repeats
        if spaces:
            raise NumberRefused(Refusal.NOT_A_NUMBER, rule)
        return "", mark
    whole, _, fraction = body.partition(mark)
    # "1,500" or "1.500": a thousand and a half, or one and a half? Neither is guessed.
    looks_grouped = len(fraction) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0"
    if looks_grouped and not spaces and rule.places < 3:
        raise NumberRefused(Refusal.AMBIGUOUS_GROUPING, rule)
    return mark, spaces
