"""The board's counters on each request (offers, best price, saving, when it became public),
kept in the caller's unit of work whenever an offer changes or a store first receives the
request. The board then sorts and filters through indexes instead of aggregating every
offer of every open request on each page view. Nothing here commits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Offer, OfferKind, OfferStatus, Product
from discountmarket.models.requests import NO_SAVING

_CENT = Decimal("0.01")
_BATCH = 500  # request ids per statement (SQLite allows 32,766 parameters; keep plans short)


def _best_prices(request_ids: list[int]) -> dict[int, tuple[int, Decimal | None, Decimal | None]]:
    """Per request: live offers, the best effective price in the list price's currency, and
    that list price."""
    # A competitor abroad answers in its own currency: the shopper sees that offer, but it
    # sets no best price (we hold no exchange rates).
    effective = sa.case(
        (Offer.currency.is_not(None) & (Offer.currency != Product.currency), None),
        (Offer.price.is_not(None), Offer.price),
        else_=Product.price * (100 - Offer.percent) / 100,
    )
    rows = db.session.execute(
        sa.select(
            DiscountRequest.id,
            sa.func.count(Offer.id),
            sa.func.min(effective),
            Product.price,
        )
        .join(Product, Product.id == DiscountRequest.product_id)
        .outerjoin(
            Offer,
            (Offer.request_id == DiscountRequest.id)
            & (Offer.kind == OfferKind.OFFER)
            & (Offer.status == OfferStatus.ACTIVE),
        )
        .where(DiscountRequest.id.in_(request_ids))
        .group_by(DiscountRequest.id, Product.price)
    ).all()
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def saving_of(best_price: Decimal | None, list_price: Decimal | None) -> Decimal:
    """Percent below the list price, or NO_SAVING when there is none to show."""
    if best_price is None or not list_price or best_price >= list_price:
        return NO_SAVING
    return ((list_price - Decimal(best_price)) * 100 / list_price).quantize(_CENT)


def refresh(request_ids: Iterable[int]) -> None:
    """Recount the given requests' offers: one read and one batched write per 500."""
    ids = sorted(set(request_ids))
    for start in range(0, len(ids), _BATCH):
        found = _best_prices(ids[start : start + _BATCH])
        values = [
            {
                "row_id": request_id,
                "offer_count": count,
                "best_price": None if best is None else Decimal(best).quantize(_CENT),
                "saving": saving_of(None if best is None else Decimal(best), list_price),
            }
            for request_id, (count, best, list_price) in found.items()
        ]
        if values:
            db.session.execute(
                sa.update(DiscountRequest.__table__)
                .where(DiscountRequest.__table__.c.id == sa.bindparam("row_id"))
                .values(
                    offer_count=sa.bindparam("offer_count"),
                    best_price=sa.bindparam("best_price"),
                    saving=sa.bindparam("saving"),
                ),
                values,
            )


def hold(request_id: int) -> None:
    """Lock the request's row before changing one of its offers. Accepting locks the request
    and then the offer; a change that locked the offer first and the request's counters
    second could deadlock with it (PostgreSQL; SQLite has one writer at a time)."""
    db.session.execute(
        sa.select(DiscountRequest.id).where(DiscountRequest.id == request_id).with_for_update()
    )


def mark_reached(request_id: int, now: datetime) -> None:
    """A store received the request: from now on it is public (once; later ones keep it)."""
    db.session.execute(
        sa.update(DiscountRequest)
        .where(DiscountRequest.id == request_id, DiscountRequest.public_at.is_(None))
        .values(public_at=now)
        .execution_options(synchronize_session=False)
    )
