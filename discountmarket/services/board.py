"""Read models for the bid board: open requests, a request's offers ranked best first."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    Offer,
    OfferKind,
    OfferStatus,
    Product,
    RequestStatus,
    StoreMembership,
)

PAGE_SIZE = 20


@dataclass(frozen=True)
class BoardRow:
    request: DiscountRequest
    offer_count: int
    best_price: Decimal | None


def open_requests(page: int = 1, per_page: int = PAGE_SIZE) -> tuple[list[BoardRow], bool]:
    """One page of open requests, newest first, with offer counts; and whether more exist."""
    live_offers = (
        sa.select(
            Offer.request_id,
            sa.func.count(Offer.id).label("offer_count"),
            sa.func.min(Offer.price).label("best_price"),
        )
        .where(Offer.kind == OfferKind.OFFER, Offer.status == OfferStatus.ACTIVE)
        .group_by(Offer.request_id)
        .subquery()
    )
    query = (
        sa.select(DiscountRequest, live_offers.c.offer_count, live_offers.c.best_price)
        .outerjoin(live_offers, live_offers.c.request_id == DiscountRequest.id)
        .where(DiscountRequest.status == RequestStatus.OPEN)
        .options(selectinload(DiscountRequest.product).selectinload(Product.store))
        .order_by(DiscountRequest.created_at.desc(), DiscountRequest.id.desc())
        .limit(per_page + 1)
        .offset((max(page, 1) - 1) * per_page)
    )
    rows = [BoardRow(req, count or 0, best) for req, count, best in db.session.execute(query)]
    return rows[:per_page], len(rows) > per_page


def request_by_slug(slug: str) -> DiscountRequest | None:
    return db.session.scalar(
        sa.select(DiscountRequest)
        .where(DiscountRequest.public_slug == slug)
        .options(selectinload(DiscountRequest.product).selectinload(Product.store))
    )


def effective_price(offer: Offer, list_price: Decimal | None) -> Decimal | None:
    """What the shopper would pay per item under this offer, when it can be known."""
    if offer.price is not None:
        return offer.price
    if offer.percent is not None and list_price is not None:
        return (list_price * (100 - offer.percent) / 100).quantize(Decimal("0.01"))
    return None


def ranked_offers(request: DiscountRequest) -> list[Offer]:
    """Live and accepted offers best first; declines last; withdrawn/expired left out."""
    offers = db.session.scalars(
        sa.select(Offer)
        .where(
            Offer.request_id == request.id,
            Offer.status.in_([OfferStatus.ACTIVE, OfferStatus.ACCEPTED, OfferStatus.DECLINED]),
        )
        .options(selectinload(Offer.store))
    ).all()
    list_price = request.product.price

    def rank(offer: Offer) -> tuple:
        price = effective_price(offer, list_price)
        return (
            offer.kind == OfferKind.DECLINE,
            offer.status != OfferStatus.ACCEPTED,
            price is None,
            price or Decimal(0),
            offer.created_at,
        )

    return sorted(offers, key=rank)


def shopper_requests(shopper_id: int) -> list[DiscountRequest]:
    return list(
        db.session.scalars(
            sa.select(DiscountRequest)
            .where(DiscountRequest.shopper_id == shopper_id)
            .options(selectinload(DiscountRequest.product).selectinload(Product.store))
            .order_by(DiscountRequest.created_at.desc())
        )
    )


def requests_for_manager(user_id: int, limit: int = 50) -> list[DiscountRequest]:
    """Open requests that reached any store this manager answers for."""
    managed = sa.select(StoreMembership.store_id).where(StoreMembership.user_id == user_id)
    reached = sa.select(Dispatch.request_id).where(Dispatch.store_id.in_(managed))
    return list(
        db.session.scalars(
            sa.select(DiscountRequest)
            .where(DiscountRequest.id.in_(reached), DiscountRequest.status == RequestStatus.OPEN)
            .options(selectinload(DiscountRequest.product).selectinload(Product.store))
            .order_by(DiscountRequest.created_at.desc())
            .limit(limit)
        )
    )
