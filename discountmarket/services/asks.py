"""Whether a request is ready to go to stores: its product is known (read from its page,
or typed by the shopper when the page could not be read) and what the shopper asks for is
plausible — below the listed price and not below a floor (``ASK_FLOOR``, half the listed
price by default). A store that is asked for 1e12 or for a tenth of its price learns to
ignore us; the shopper is told why instead, and can change the ask."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_UP, Decimal

from flask import current_app
from flask_babel import lazy_gettext as _l

from discountmarket.i18n import format_money
from discountmarket.models import DiscountRequest, FetchStatus, Product
from discountmarket.services import catalog

PRODUCT_BEING_READ, PRODUCT_UNKNOWN, NOT_A_PRODUCT, ABOVE_LISTED, BELOW_FLOOR = (
    "product_being_read",
    "product_unknown",
    "not_a_product",
    "above_listed",
    "below_floor",
)


@dataclass(frozen=True)
class Problem:
    """Why a request waits, and what the shopper should do about it."""

    code: str
    listed: Decimal | None = None
    lowest: Decimal | None = None  # the lowest plausible ask

    @property
    def waits_for_the_shopper(self) -> bool:
        return self.code != PRODUCT_BEING_READ  # that one is our work, not theirs

    @property
    def shopper_can_fix_the_ask(self) -> bool:
        return self.code in (ABOVE_LISTED, BELOW_FLOOR)


def floor_share() -> Decimal:
    return Decimal(str(current_app.config["ASK_FLOOR"]))


def problem_with(
    product: Product, target_price: Decimal | None, target_percent: Decimal | None
) -> Problem | None:
    """What keeps an ask for this product from going to stores, if anything."""
    if catalog.is_not_a_product(product):
        return Problem(NOT_A_PRODUCT)
    if product.fetch_status == FetchStatus.PENDING:
        return Problem(PRODUCT_BEING_READ)
    if not catalog.is_known(product):
        return Problem(PRODUCT_UNKNOWN)
    listed, floor = product.price, floor_share()
    assert listed is not None  # is_known
    lowest = (listed * floor).quantize(Decimal("0.01"), rounding=ROUND_UP)
    if target_price is not None and target_price >= listed:
        return Problem(ABOVE_LISTED, listed, lowest)
    if target_price is not None and target_price < lowest:
        return Problem(BELOW_FLOOR, listed, lowest)
    if target_percent is not None and target_percent > (1 - floor) * 100:
        return Problem(BELOW_FLOOR, listed, lowest)
    return None


def problem_of(request: DiscountRequest) -> Problem | None:
    return problem_with(request.product, request.target_price, request.target_percent)


def explain(problem: Problem, currency: str | None) -> str:
    """The shopper's sentence for a problem with the ask, amounts in the product's currency."""

    def currency_format(amount: Decimal | None) -> str:
        return format_money(amount, currency)

    if problem.code == ABOVE_LISTED:
        return str(
            _l(
                "The store lists it at %(listed)s: ask for less than that.",
                listed=currency_format(problem.listed),
            )
        )
    if problem.code == BELOW_FLOOR:
        return str(
            _l(
                "Stores do not answer asks this far below their price: ask for at least "
                "%(lowest)s (the store lists it at %(listed)s).",
                lowest=currency_format(problem.lowest),
                listed=currency_format(problem.listed),
            )
        )
    return ""
