"""Before a competitor is asked, its own listing of the product is looked for (the worker's
work, never the web request's): a competitor whose listing was found is asked about that
page and its own price; one that clearly does not sell the product is not asked; one whose
listing could not be told for sure is asked only when the shopper also wanted stores that
may sell an equivalent, and then about the product by name and identifiers alone.

Competitor dispatches wait in status ``matching`` until this decides (the rules here; the
worker's loop that searches and commits is ``listings.match_competitors``); the own store's
dispatch never waits.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    MatchStatus,
    ProductMatch,
)

__all__ = [
    "MATCH_FRESH_FOR",
    "fresh_match",
    "release",
    "skip",
    "stale_matching_request_ids",
    "waiting_dispatch_ids",
]

MATCH_FRESH_FOR = timedelta(days=1)  # a match decided since is used again without searching
STALE_AFTER = timedelta(minutes=10)  # a dispatch still matching after this lost its task


def waiting_dispatch_ids(request_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Dispatch.id)
            .where(Dispatch.request_id == request_id, Dispatch.status == DispatchStatus.MATCHING)
            .order_by(Dispatch.id)
        )
    )


def fresh_match(request: DiscountRequest, dispatch: Dispatch) -> ProductMatch | None:
    """A decision about this product at this store we may reuse: an operator's, or one
    made within the day."""
    match = db.session.scalar(
        sa.select(ProductMatch).where(
            ProductMatch.product_id == request.product_id,
            ProductMatch.store_id == dispatch.store_id,
        )
    )
    if match is None:
        return None
    operators = match.status in (MatchStatus.CONFIRMED, MatchStatus.REJECTED)
    fresh = match.decided_at >= datetime.now(UTC) - MATCH_FRESH_FOR
    return match if operators or fresh else None


def release(request: DiscountRequest, dispatch: Dispatch, match: ProductMatch | None) -> bool:
    """Pending with the store's own listing, pending about the product by name (an
    equivalent), or skipped with the reason; True when it goes out."""
    if match is not None and match.usable and match.listing is not None:
        listing, product = match.listing, request.product
        same_currency = listing.currency and listing.currency == product.currency
        target = request.target_price
        if same_currency and target is not None and listing.price and listing.price <= target:
            skip(dispatch, "already_cheaper")  # the shopper sees that price on the request
            return False
        dispatch.listing = listing
    elif match is not None and match.status == MatchStatus.ABSENT:
        skip(dispatch, "not_sold")
        return False
    elif not request.ask_equivalents:
        skip(dispatch, "no_match")
        return False
    now = datetime.now(UTC)
    dispatch.status = DispatchStatus.PENDING
    dispatch.next_attempt_at = now
    dispatch.updated_at = now
    return True


def skip(dispatch: Dispatch, reason: str) -> None:
    dispatch.status = DispatchStatus.SKIPPED
    dispatch.skip_reason = reason
    dispatch.next_attempt_at = None
    dispatch.updated_at = datetime.now(UTC)


def stale_matching_request_ids(now: datetime, limit: int) -> list[int]:
    """Requests with a competitor dispatch still matching long after it was planned: the
    task that was to decide it was lost (a stopped worker); the sweep queues it again."""
    return list(
        db.session.scalars(
            sa.select(Dispatch.request_id)
            .where(
                Dispatch.status == DispatchStatus.MATCHING,
                Dispatch.updated_at < now - STALE_AFTER,
            )
            .group_by(Dispatch.request_id)
            .limit(limit)
        )
    )
