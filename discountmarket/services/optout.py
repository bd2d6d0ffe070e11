"""A store's opt-out: one click (RFC 8058) stops every message to it."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    WAITING,
    Dispatch,
    DispatchStatus,
    Store,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.outreach.tokens import TokenError, read_token
from discountmarket.services.errors import ServiceError
from discountmarket.services.persistence import get_or_create

_PURPOSE = "store-opt-out"
MAX_AGE = 10 * 365 * 24 * 3600  # an opt-out link in an old message must still work


def store_for_token(token: str) -> tuple[Store, str | None]:
    try:
        payload = read_token(_PURPOSE, token, MAX_AGE)
    except TokenError as error:
        raise ServiceError(_l("This opt-out link is not valid.")) from error
    store = db.session.get(Store, payload.get("s"))
    if store is None:
        raise ServiceError(_l("This opt-out link is not valid."))
    return store, payload.get("a")


def opt_out(token: str) -> Store:
    """Stop all outreach to the store at once; pending messages are skipped. Idempotent."""
    store, address = store_for_token(token)
    now = datetime.now(UTC)
    if address:
        get_or_create(
            Suppression,
            {"kind": SuppressionKind.ADDRESS, "value": address.lower()},
            reason=f"opt-out link of store {store.id}",
        )
    stop_stores([store], now)
    jobs.commit()
    return store


def stop_stores(stores: list[Store], now: datetime) -> None:
    """Opt the stores out and skip what was waiting for them, in the caller's unit of work."""
    for store in stores:
        if store.status != StoreStatus.DO_NOT_CONTACT:
            store.status = StoreStatus.OPTED_OUT
    if not stores:
        return
    db.session.execute(
        sa.update(Dispatch)
        .where(
            Dispatch.store_id.in_([store.id for store in stores]),
            Dispatch.status.in_(WAITING),
        )
        .values(status=DispatchStatus.SKIPPED, skip_reason="opted_out", updated_at=now)
        .execution_options(synchronize_session=False)
    )
