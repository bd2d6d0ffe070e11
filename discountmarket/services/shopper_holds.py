"""Operators hold a shopper's requests for review (an outside review: a shopper's requests
could not be stopped short of closing every one). While held, nothing of theirs goes to a
store: delivery refuses it (``delivery.refusal``) and tries again later. Releasing puts
their waiting dispatches back in the queue at once. Both are audited."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Dispatch, DispatchStatus, Role, User
from discountmarket.services.audit import audit

REQUESTS_SHOWN = 50


def find_shopper(user_id: int) -> User | None:
    """The shopper's account with this id; None for any other account."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.role == Role.SHOPPER else None


def requests_of(shopper: User) -> list[DiscountRequest]:
    """The shopper's latest requests, newest first."""
    return list(
        db.session.scalars(
            sa.select(DiscountRequest)
            .where(DiscountRequest.shopper_id == shopper.id)
            .order_by(DiscountRequest.created_at.desc(), DiscountRequest.id.desc())
            .limit(REQUESTS_SHOWN)
        )
    )


def hold(shopper: User, operator: User) -> bool:
    """Hold the shopper's requests for review; False when they already were."""
    if shopper.requests_held_at is not None:
        return False
    shopper.requests_held_at = datetime.now(UTC)
    audit(operator, "hold_shopper", shopper, after={"held": True})
    jobs.commit()
    return True


def release(shopper: User, operator: User) -> bool:
    """Let the shopper's requests go again, the waiting ones at once; False when they were
    not held."""
    if shopper.requests_held_at is None:
        return False
    shopper.requests_held_at = None
    audit(operator, "release_shopper", shopper, before={"held": True}, after={"held": False})
    now = datetime.now(UTC)
    waiting = db.session.scalars(
        sa.select(Dispatch)
        .join(DiscountRequest, DiscountRequest.id == Dispatch.request_id)
        .where(
            DiscountRequest.shopper_id == shopper.id,
            Dispatch.status == DispatchStatus.PENDING,
            Dispatch.held_for_digest.is_(False),
        )
    ).all()
    for dispatch in waiting:
        dispatch.next_attempt_at = now
        jobs.later("deliver", dispatch.id)
    jobs.commit()
    return True
