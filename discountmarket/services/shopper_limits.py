"""How much one shopper can make us send: requests a day (more once they have shown they
buy), and stores new to us a day (each new store is a new inbox we would write to).

Counted from the requests themselves, over the last 24 hours: nothing to keep in step.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Product, RequestStatus, Store, User
from discountmarket.services.errors import ServiceError

DAY = timedelta(days=1)
TRUSTED_AFTER = timedelta(days=30)  # an account this old is no throwaway


class LimitReached(ServiceError):
    """The shopper has asked as much as a day allows."""


def check(shopper: User, store: Store, now: datetime | None = None) -> None:
    """Raise ``LimitReached`` when one more request (to ``store``) would pass a limit."""
    now = now or datetime.now(UTC)
    config = current_app.config
    since = now - DAY
    posted = db.session.scalar(
        sa.select(sa.func.count(DiscountRequest.id)).where(
            DiscountRequest.shopper_id == shopper.id, DiscountRequest.created_at > since
        )
    )
    allowed = (
        config["TRUSTED_SHOPPER_REQUESTS_PER_DAY"]
        if is_trusted(shopper, now)
        else config["SHOPPER_REQUESTS_PER_DAY"]
    )
    if (posted or 0) >= allowed:
        raise LimitReached(
            _l(
                "You have posted %(count)d requests today; please come back tomorrow.",
                count=allowed,
            )
        )
    if store.created_at is not None and store.created_at <= since:
        return  # a store we knew already: no new inbox
    introduced = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Store.id)))
        .join(Product, Product.store_id == Store.id)
        .join(DiscountRequest, DiscountRequest.product_id == Product.id)
        .where(
            DiscountRequest.shopper_id == shopper.id,
            DiscountRequest.created_at > since,
            Store.created_at > since,
            Store.id != store.id,
        )
    )
    if (introduced or 0) >= config["SHOPPER_NEW_STORES_PER_DAY"]:
        raise LimitReached(
            _l("You have asked several shops new to us today; please come back tomorrow.")
        )


def is_trusted(shopper: User, now: datetime) -> bool:
    """An older account, or one that has completed a deal."""
    if shopper.created_at is not None and shopper.created_at <= now - TRUSTED_AFTER:
        return True
    fulfilled = db.session.scalar(
        sa.select(DiscountRequest.id)
        .where(
            DiscountRequest.shopper_id == shopper.id,
            DiscountRequest.status == RequestStatus.FULFILLED,
        )
        .limit(1)
    )
    return fulfilled is not None
