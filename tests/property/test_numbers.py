"""The number parser, property-based: whatever the text, a bounded finite value or a
refusal with a reason; and every number we would write ourselves reads back."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from discountmarket import numbers
from discountmarket.numbers import NumberRefused, NumberRule
from discountmarket.services.offers import DISCOUNT_PERCENT
from tests.property.hostile_numbers import hostile_numbers

FAST = settings(max_examples=300, deadline=None, database=None, derandomize=True)
RULES = [
    numbers.PRICE,
    numbers.PERCENT,
    DISCOUNT_PERCENT,
    numbers.ROW_ID,
    numbers.PAGE,
    numbers.integers(1, 99),
]


@FAST
@given(text=st.one_of(hostile_numbers, st.text(max_size=50)), rule=st.sampled_from(RULES))
def test_any_text_is_a_bounded_value_or_a_refusal(text: str, rule: NumberRule) -> None:
    try:
        value = rule.parse(text)
    except NumberRefused:
        return
    assert value.is_finite() and rule.contains(value)
    assert value.as_tuple().exponent == -rule.places


prices = st.decimals(
    min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), places=2, allow_nan=False
)


@FAST
@given(price=prices)
def test_every_price_reads_back_however_it_is_grouped(price: Decimal) -> None:
    english = f"{price:,.2f}"
    russian = english.replace(",", "\u00a0").replace(".", ",")
    german = english.replace(",", "_").replace(".", ",").replace("_", ".")
    for text in (str(price), f"{price:.2f}".replace(".", ","), english, russian, german):
        assert numbers.PRICE.parse(text) == price, text


@FAST
@given(value=st.integers(min_value=-(10**25), max_value=10**25))
def test_ids_from_any_int(value: int) -> None:
    checked = numbers.ROW_ID.checked_int(value)
    assert checked == (value if 1 <= value < 2**31 else None)
    try:
        assert numbers.ROW_ID.parse_int(str(value)) == checked
    except NumberRefused:
        assert checked is None
