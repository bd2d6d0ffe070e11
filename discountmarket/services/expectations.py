"""What usually happens to a request like this one: honest expectations, never a promise.

For the stores in the product's store's categories (all stores when it has none): of the
requests they received in the last 90 days, how many got at least one offer, and the median
discount offered (against the listed price). Shown to the shopper on the request page.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Offer,
    OfferKind,
    Product,
    Store,
    store_categories,
)

PERIOD = timedelta(days=90)
MIN_REQUESTS = 5  # fewer than this say nothing reliable: no figures are shown
MAX_SAMPLE = 2_000  # offers read for the median (the most recent)


@dataclass(frozen=True)
class Expectations:
    requests: int  # requests the stores received in the period
    answered: int  # of those, with at least one offer
    median_discount: Decimal | None  # percent, of the listed price


def for_request(request: DiscountRequest, now: datetime | None = None) -> Expectations | None:
    """The figures for stores like this request's, or None when there are too few."""
    since = (now or datetime.now(UTC)) - PERIOD
    stores = _comparable_stores(request.product.store)
    received = (
        sa.select(Dispatch.request_id)
        .where(
            Dispatch.store_id.in_(stores),
            Dispatch.status.in_([DispatchStatus.SENT, DispatchStatus.ANSWERED]),
            Dispatch.sent_at >= since,
        )
        .distinct()
    )
    requests = db.session.scalar(sa.select(sa.func.count()).select_from(received.subquery()))
    if not requests or requests < MIN_REQUESTS:
        return None
    offered = (
        sa.select(Offer.request_id, Offer.price, Offer.percent, Product.price.label("listed"))
        .join(DiscountRequest, DiscountRequest.id == Offer.request_id)
        .join(Product, Product.id == DiscountRequest.product_id)
        .where(
            Offer.request_id.in_(received),
            Offer.store_id.in_(stores),
            Offer.kind == OfferKind.OFFER,
        )
        .order_by(Offer.id.desc())
        .limit(MAX_SAMPLE)
    )
    rows = db.session.execute(offered).all()
    answered = len({row.request_id for row in rows})
    discounts = [d for d in (_discount(row.price, row.percent, row.listed) for row in rows) if d]
    median = Decimal(statistics.median(discounts)).quantize(Decimal("1")) if discounts else None
    return Expectations(requests=requests, answered=answered, median_discount=median)


def _comparable_stores(store: Store) -> sa.Select:
    category_ids = [category.id for category in store.categories]
    if not category_ids:
        return sa.select(Store.id)
    return sa.select(store_categories.c.store_id).where(
        store_categories.c.category_id.in_(category_ids)
    )


def _discount(
    price: Decimal | None, percent: Decimal | None, listed: Decimal | None
) -> Decimal | None:
    if percent is not None:
        return percent
    if price is not None and listed:
        return (listed - price) * 100 / listed
    return None
