"""Price text: the amount a human-written price says ("1 299,00 €", "₹1,29,999",
"۱۲٬۹۹۰ تومان") and the currency written next to it.

Pure text in, values out: no HTML, no network. ``parse_price`` reads one price;
``price_candidates`` gives every plausible amount in a longer text, for readers that must
choose among them (the product page reader). Which currency a sign, word or code means is
``currencies.py``'s call; the separator rules are documented on ``_to_decimal``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from discountmarket.outreach.currencies import (
    Hit,
    find_markers,
    iso_code,
    normalise_text,
    pick_currency,
)

__all__ = ["PriceCandidate", "parse_price", "price_candidates", "valid_amount"]

_CENT = Decimal("0.01")
_MAX_AMOUNT = Decimal(10) ** 12  # anything above is a parsing accident, not a price
_MAX_PRICE_TEXT = 10_000  # parse_price reads one price; a page's worth of text is not that

_ARABIC_DECIMAL = "\u066b"
_GROUP_SPACES = " \u00a0\u202f\u2009\u2007"
_NUMBER_RE = re.compile(
    rf"(?<!\d)\d+(?:[.,'\u2019{_ARABIC_DECIMAL}]\d+|[{_GROUP_SPACES}]\d{{3}}(?!\d))*"
)
_GAP_BEFORE = re.compile(r"[\s:]*[-\u2212]?")  # "€ 49", "USD: 49", "€-5"
_GAP_AFTER = re.compile(r"\s*(?:[.,]\s*[-\u2013\u2014]+)?\s*")  # "49 €", "49,- Kč"
_MINUS = "-\u2212"
_RANGE_GAP = re.compile(r"\s*[-\u2013\u2014]\s*")


def _to_decimal(token: str) -> Decimal | None:
    """Read one number token using the separator rules.

    Spaces and apostrophes always group thousands; the Arabic decimal separator is always
    decimal. Otherwise: when both '.' and ',' occur, the last one is the decimal separator;
    one kind occurring more than once groups thousands; one kind occurring once is a
    thousands separator when exactly 3 digits follow and 1-3 non-zero-led digits precede
    ("1.299", "1,299"), else decimal ("12,50", "1299.000", "0.500").
    """
    digits = token.translate({ord(c): None for c in _GROUP_SPACES + "'\u2019"})
    if _ARABIC_DECIMAL in digits:
        whole, _, fraction = digits.partition(_ARABIC_DECIMAL)
        whole = whole.replace(".", "").replace(",", "")
    elif "." in digits and "," in digits:
        decimal_sep = "." if digits.rfind(".") > digits.rfind(",") else ","
        if digits.count(decimal_sep) > 1:
            return None  # "1.299.00,00.5": no reading is better than a wrong one
        whole, _, fraction = digits.replace("," if decimal_sep == "." else ".", "").partition(
            decimal_sep
        )
    elif "." in digits or "," in digits:
        sep = "." if "." in digits else ","
        whole, _, fraction = digits.partition(sep)
        grouped = len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0")
        if digits.count(sep) > 1 or grouped:
            whole, fraction = digits.replace(sep, ""), ""
    else:
        whole, fraction = digits, ""
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return None
    try:
        return Decimal(f"{whole}.{fraction or '0'}")
    except InvalidOperation:
        return None


def valid_amount(value: Decimal | None) -> Decimal | None:
    """A price is finite, > 0 and not absurd; quantized to cents."""
    if value is None or not value.is_finite() or value <= 0 or value > _MAX_AMOUNT:
        return None
    cents = value.quantize(_CENT, rounding=ROUND_HALF_UP)
    return cents if cents > 0 else None


@dataclass(frozen=True)
class PriceCandidate:
    """One number found in a text, read as a price."""

    amount: Decimal | None  # None when the number is not a usable price
    currency: str | None
    explicit: bool  # the currency was written in the text, not taken from a hint
    adjacent: bool  # ... and written right next to this amount


def _glued(text: str, start: int, end: int, hit_starts: set[int], hit_ends: set[int]) -> bool:
    """Digits stuck to letters ("S23", "7950X3D") are model numbers, unless the letters
    are a currency ("499kr", "12,800円", "USD1299")."""
    before = start > 0 and text[start - 1].isalpha() and start not in hit_ends
    after = end < len(text) and text[end].isalpha() and end not in hit_starts
    return before or after


def _minus_before(text: str, index: int) -> bool:
    # "1299-1499" is a range, not a negative amount.
    return index > 0 and text[index - 1] in _MINUS and (index < 2 or not text[index - 2].isdigit())


def _adjacent_hit(
    text: str, start: int, end: int, hits: list[Hit], claimed: set[int]
) -> tuple[int | None, bool]:
    """The index of the marker written next to the number at start:end (a strong one
    beats a weak code, then the closer one wins, ties go to the one before; a marker
    already used as the previous amount's suffix is not reused), and whether the amount
    is negative."""
    before = after = None
    for index, hit in enumerate(hits):
        if hit.start >= end:
            after = index if _GAP_AFTER.fullmatch(text, end, hit.start) else None
            break
        if (
            hit.end <= start
            and index not in claimed
            and _GAP_BEFORE.fullmatch(text, hit.end, start)
        ):
            before = index
    negative = _minus_before(text, start)
    if before is not None and (
        after is None
        or (hits[before].marker.weak, start - hits[before].end)
        <= (hits[after].marker.weak, hits[after].start - end)
    ):
        hit = hits[before]
        negative = negative or _minus_before(text, hit.start) or "-" in text[hit.end : start]
        return before, negative
    return after, negative


@dataclass
class _Number:
    start: int
    end: int
    token: str
    hit: int | None  # index of the currency marker written next to it
    negative: bool


def _numbers(text: str, hits: list[Hit]) -> list[_Number]:
    hit_starts = {hit.start for hit in hits}
    hit_ends = {hit.end for hit in hits}
    claimed: set[int] = set()
    numbers = []
    for match in _NUMBER_RE.finditer(text):
        start, end = match.span()
        if _glued(text, start, end, hit_starts, hit_ends):
            continue
        index, negative = _adjacent_hit(text, start, end, hits, claimed)
        if index is not None:
            claimed.add(index)
        numbers.append(_Number(start, end, match.group(), index, negative))
    # "1 299 - 1 499 €": the low end of a range is written in the high end's currency.
    for low, high in reversed(list(itertools.pairwise(numbers))):
        if (
            low.hit is None
            and high.hit is not None
            and hits[high.hit].start >= high.end
            and _RANGE_GAP.fullmatch(text, low.end, high.start)
            and _same_shape_and_lower(low.token, high.token)
        ):
            low.hit = high.hit
    return numbers


def _same_shape_and_lower(low: str, high: str) -> bool:
    """Range ends are written alike ("12,90 - 19,90"); "Size 42 - 59,90 €" is no range."""
    low_value, high_value = _to_decimal(low), _to_decimal(high)
    if low_value is None or high_value is None:
        return False
    same_shape = low_value.as_tuple().exponent == high_value.as_tuple().exponent
    return same_shape and low_value < high_value


def price_candidates(text: str, currency_hint: str | None) -> list[PriceCandidate]:
    """Every plausible amount in ``text``: those with a strong currency marker next to
    them first, then weakly marked, then unmarked ones; document order within each."""
    text = normalise_text(text[:_MAX_PRICE_TEXT])
    hits = find_markers(text)
    anywhere = next((hit for hit in hits if not hit.marker.weak), None)
    ranked: list[tuple[int, PriceCandidate]] = []
    for number in _numbers(text, hits):
        hit = hits[number.hit] if number.hit is not None else anywhere
        amount = _to_decimal(number.token)
        if amount is not None and hit is not None:
            amount *= hit.marker.factor
        amount = None if number.negative else valid_amount(amount)
        currency = pick_currency(hit.marker, currency_hint) if hit is not None else currency_hint
        adjacent = number.hit is not None
        rank = (0 if hit is not None and not hit.marker.weak else 1) if adjacent else 2
        ranked.append((rank, PriceCandidate(amount, currency, hit is not None, adjacent)))
    ranked.sort(key=lambda pair: pair[0])  # stable: document order within a rank
    return [candidate for _, candidate in ranked]


def parse_price(
    text: str, *, currency_hint: str | None = None
) -> tuple[Decimal | None, str | None]:
    """Read one human-written price: its amount (> 0, at most 10^12, quantized to cents)
    and ISO currency.

    The amount written next to a currency sign/word/code wins over bare numbers around it
    ("Save 20%: 49 €" is 49). ``currency_hint`` (an ISO code) is the currency when the
    text names none, and picks among the currencies of an ambiguous sign ("kr 49" with
    "SEK" is SEK). Toman amounts are converted to rial (x10), as ISO 4217 has only IRR.
    No number at all gives (None, None); an unusable amount (zero, negative, absurd)
    gives (None, currency).
    """
    if not isinstance(text, str):
        return None, None
    candidates = price_candidates(text, iso_code(currency_hint))
    for candidate in candidates:
        if candidate.amount is not None:
            return candidate.amount, candidate.currency
    return None, candidates[0].currency if candidates else None
