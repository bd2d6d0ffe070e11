"""Operators judge the matches the rules were unsure of: a competitor's listing that may be
the product. Confirmed, it is used like a sure match (the competitor's dispatches skipped
for want of one are planned again, and it is asked about its own listing); rejected, it is
never used. Either way the operator's word outlasts the daily re-search. Audited."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    MatchStatus,
    ProductMatch,
    RequestStatus,
    User,
)
from discountmarket.services.audit import audit
from discountmarket.services.errors import ServiceError

__all__ = ["judge", "unsure_matches"]

PAGE = 100


def unsure_matches(limit: int = PAGE) -> list[ProductMatch]:
    """The matches waiting for an operator, the surest first."""
    return list(
        db.session.scalars(
            sa.select(ProductMatch)
            .where(ProductMatch.status == MatchStatus.UNSURE)
            .options(
                joinedload(ProductMatch.product),
                joinedload(ProductMatch.listing),
                joinedload(ProductMatch.store),
            )
            .order_by(ProductMatch.confidence.desc(), ProductMatch.id)
            .limit(limit)
        )
    )


def judge(match_id: int, same: bool, operator: User) -> ProductMatch:
    """Confirm or reject an unsure match; commits."""
    match = db.session.get(ProductMatch, match_id)
    if match is None or match.status != MatchStatus.UNSURE or match.listing_id is None:
        raise ServiceError(_l("This match is not waiting for a decision any more."))
    before = {"status": match.status.value, "confidence": str(match.confidence)}
    match.status = MatchStatus.CONFIRMED if same else MatchStatus.REJECTED
    match.decided_at = datetime.now(UTC)
    audit(operator, "match_" + match.status.value, match, before, {"status": match.status.value})
    for request_id in _replan(match) if same else []:
        jobs.later("match_competitors", request_id)  # queued once this is committed
    jobs.commit()
    return match


def _replan(match: ProductMatch) -> list[int]:
    """Open requests for the product whose dispatch to this store was skipped for want of
    a sure match wait for matching again (which now finds the confirmed listing)."""
    dispatches = db.session.scalars(
        sa.select(Dispatch)
        .join(DiscountRequest, DiscountRequest.id == Dispatch.request_id)
        .where(
            DiscountRequest.product_id == match.product_id,
            DiscountRequest.status == RequestStatus.OPEN,
            Dispatch.store_id == match.store_id,
            Dispatch.status == DispatchStatus.SKIPPED,
            Dispatch.skip_reason == "no_match",
        )
    ).all()
    now = datetime.now(UTC)
    for dispatch in dispatches:
        dispatch.status, dispatch.skip_reason = DispatchStatus.MATCHING, None
        dispatch.next_attempt_at = dispatch.updated_at = now
    return sorted({dispatch.request_id for dispatch in dispatches})
