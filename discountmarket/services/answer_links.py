"""Signed answer links: one per store and request, no account needed, revocable.

The token carries the link's id and a nonce; revoking rotates the nonce, so every copy of
the old link stops working. A link is bound to its request's life: it answers while the
request is open (``closed`` once it is not), shows the outcome read-only for RESULT_GRACE
after the request ends (its close, or its expiry while still open), then is ``expired``.
The token itself never lives longer than MAX_AGE, whatever the request does.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import AnswerLink, DiscountRequest, Store, User
from discountmarket.outreach.tokens import TokenError, TokenExpired, make_token, read_token
from discountmarket.services import stores
from discountmarket.services.audit import audit
from discountmarket.services.errors import ServiceError
from discountmarket.services.persistence import get_or_create
from discountmarket.urls import external_url

_PURPOSE = "store-answer"
# How long a store may still look at the outcome once the request has ended.
RESULT_GRACE = timedelta(days=14)
# The longest a request runs: 30 days (requesting.MAX_DAYS), re-opened once for 7 more.
LONGEST_REQUEST = timedelta(days=37)
# A token older than this is refused even if its request runs on (51 days); a later
# message to the store (digest, reminder, resend) carries a freshly signed one.
MAX_AGE = int((LONGEST_REQUEST + RESULT_GRACE).total_seconds())


class LinkRefused(ServiceError):
    """The answer link cannot be used; ``reason`` is expired | revoked | closed | invalid."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def token_for(request: DiscountRequest, store: Store) -> str:
    """The store's answer link for the request, created in the caller's unit of work."""
    link = get_or_create(
        AnswerLink,
        {"request_id": request.id, "store_id": store.id},
        nonce=secrets.token_hex(8),
    )
    # Re-issuing after a revocation: the nonce was rotated, so old copies stay dead.
    link.revoked_at = None
    db.session.flush()  # the link's id goes into the token
    return make_token(_PURPOSE, {"l": link.id, "n": link.nonce})


def url_for_store(request: DiscountRequest, store: Store) -> str:
    return external_url("store.answer", token=token_for(request, store))


def ends_at(request: DiscountRequest) -> datetime:
    """When the request stopped (or stops) taking answers."""
    if not request.is_open and request.closed_at is not None:
        return min(request.closed_at, request.expires_at)
    return request.expires_at


def answerable(request: DiscountRequest) -> bool:
    """Whether stores may still answer: open and not overdue (the sweep may lag)."""
    return request.is_open and request.expires_at > datetime.now(UTC)


def resolve(token: str, *, to_answer: bool = False) -> AnswerLink:
    """The link behind a token, or LinkRefused saying why not. ``to_answer``: the store
    wants to answer or withdraw, which only an open request allows."""
    try:
        payload = read_token(_PURPOSE, token, MAX_AGE)
    except TokenExpired as error:
        raise LinkRefused("expired", _l("This answer link has expired.")) from error
    except TokenError as error:
        raise LinkRefused("invalid", _l("This answer link is not valid.")) from error
    link = db.session.get(AnswerLink, payload.get("l"))
    if link is None or not secrets.compare_digest(link.nonce, str(payload.get("n", ""))):
        raise LinkRefused("revoked", _l("This answer link was replaced or withdrawn."))
    if link.revoked_at is not None:
        raise LinkRefused("revoked", _l("This answer link was withdrawn."))
    request = link.request
    now = datetime.now(UTC)
    if ends_at(request) + RESULT_GRACE <= now:
        raise LinkRefused("expired", _l("This request has expired."))
    if to_answer and not answerable(request):
        raise LinkRefused("closed", _l("This request is closed; it cannot be answered any more."))
    return link


def link_of(request_id: int, store_id: int) -> AnswerLink | None:
    return db.session.scalar(
        sa.select(AnswerLink).filter_by(request_id=request_id, store_id=store_id)
    )


def revoke(request: DiscountRequest, store: Store, actor: User | None = None) -> bool:
    """Stop every copy of the store's link to the request (audited); False when none was
    ever issued. A later message to the store carries a new link."""
    revoked = _revoke(request, store, actor)
    jobs.commit()
    return revoked


def revoke_by_reference(
    request_id: int, store_ref: str, actor: User | None = None
) -> tuple[Store, bool]:
    """``revoke`` for the command line: the store by id or by a domain as typed."""
    request = db.session.get(DiscountRequest, request_id)
    if request is None:
        raise ServiceError(f"no request {request_id}")
    ref = store_ref.strip()
    store = db.session.get(Store, int(ref)) if ref.isdigit() else stores.find_for_address(ref)
    if store is None:
        raise ServiceError(f"no store {ref}")
    revoked = _revoke(request, store, actor)
    jobs.commit()
    return store, revoked


def _revoke(request: DiscountRequest, store: Store, actor: User | None) -> bool:
    link = link_of(request.id, store.id)
    if link is None:
        return False
    link.revoked_at = datetime.now(UTC)
    link.nonce = secrets.token_hex(8)
    audit(
        actor,
        "revoke_answer_link",
        store,
        after={"request_id": request.id, "link_id": link.id},
    )
    return True
