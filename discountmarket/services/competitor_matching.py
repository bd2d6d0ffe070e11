"""Before a competitor is asked, its own listing of the product is looked for (the worker's
work, never the web request's): a competitor whose listing was found is asked about that
page and its own price; one that clearly does not sell the product is not asked; one whose
listing could not be told for sure is asked only when the shopper also wanted stores that
may sell an equivalent, and then about the product by name and identifiers alone.

Competitor dispatches wait in status ``matching`` until this decides; the own store's
dispatch never waits. Searches are limited per store and per request (config).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    MatchStatus,
    ProductMatch,
    RequestStatus,
)
from discountmarket.services import listings

__all__ = ["MATCH_FRESH_FOR", "match_request", "stale_matching_request_ids"]

MATCH_FRESH_FOR = timedelta(days=1)  # a match decided since is used again without searching
STALE_AFTER = timedelta(minutes=10)  # a dispatch still matching after this lost its task


def match_request(request_id: int) -> list[int]:
    """Decide every competitor dispatch of the request still waiting for its match; returns
    the ids released for delivery. Commits after each store (a store's search is one unit
    of work); ``SiteBusy`` when a competitor's site is another worker's now (the rest waits
    for the retry)."""
    request = db.session.get(DiscountRequest, request_id)
    if request is None:
        return []
    released: list[int] = []
    budget = current_app.config["PRODUCT_SEARCHES_PER_REQUEST"]
    for dispatch_id in _waiting(request_id):
        dispatch = db.session.get(Dispatch, dispatch_id)
        if dispatch is None or dispatch.status != DispatchStatus.MATCHING:
            continue
        if request.status != RequestStatus.OPEN:
            _skip(dispatch, "request_closed")
            jobs.commit()
            continue
        match = _fresh_match(request, dispatch)
        if match is None and budget > 0:
            outcome = listings.find_in_store(
                request.product,
                dispatch.store,
                max_searches=min(budget, current_app.config["PRODUCT_SEARCHES_PER_STORE"]),
            )
            budget -= outcome.report.searches
            match = outcome.match
            dispatch = db.session.get(Dispatch, dispatch_id)  # after the search's commits
            if dispatch is None or dispatch.status != DispatchStatus.MATCHING:
                continue
        if _release(request, dispatch, match):
            released.append(dispatch.id)
        jobs.commit()
    return released


def _waiting(request_id: int) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Dispatch.id)
            .where(Dispatch.request_id == request_id, Dispatch.status == DispatchStatus.MATCHING)
            .order_by(Dispatch.id)
        )
    )


def _fresh_match(request: DiscountRequest, dispatch: Dispatch) -> ProductMatch | None:
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


def _release(request: DiscountRequest, dispatch: Dispatch, match: ProductMatch | None) -> bool:
    """Pending with the store's own listing, pending about the product by name (an
    equivalent), or skipped with the reason; True when it goes out."""
    if match is not None and match.usable and match.listing is not None:
        listing, product = match.listing, request.product
        same_currency = listing.currency and listing.currency == product.currency
        target = request.target_price
        if same_currency and target is not None and listing.price and listing.price <= target:
            _skip(dispatch, "already_cheaper")  # the shopper sees that price on the request
            return False
        dispatch.listing = listing
    elif match is not None and match.status == MatchStatus.ABSENT:
        _skip(dispatch, "not_sold")
        return False
    elif not request.ask_equivalents:
        _skip(dispatch, "no_match")
        return False
    now = datetime.now(UTC)
    dispatch.status = DispatchStatus.PENDING
    dispatch.next_attempt_at = now
    dispatch.updated_at = now
    return True


def _skip(dispatch: Dispatch, reason: str) -> None:
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
