"""Posting, cancelling, accepting and expiring discount requests."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, RequestStatus


def expire_overdue(now: datetime) -> int:
    """Mark open requests past their expiry as expired; returns how many changed."""
    result = db.session.execute(
        sa.update(DiscountRequest)
        .where(DiscountRequest.status == RequestStatus.OPEN, DiscountRequest.expires_at <= now)
        .values(status=RequestStatus.EXPIRED, closed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount
