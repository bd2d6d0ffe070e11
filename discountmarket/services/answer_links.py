"""Signed answer links: one per store and request, no account needed, revocable.

The token carries the link's id and a nonce; revoking rotates the nonce, so every copy of
the old link stops working. A link also stops with its request.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import AnswerLink, DiscountRequest, Store
from discountmarket.outreach.tokens import TokenError, TokenExpired, make_token, read_token
from discountmarket.services.errors import ServiceError
from discountmarket.services.persistence import get_or_create
from discountmarket.urls import external_url

_PURPOSE = "store-answer"
MAX_AGE = 120 * 24 * 3600  # beyond any request's life; the request's own expiry is checked


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


def resolve(token: str) -> AnswerLink:
    """The link behind a token, or LinkRefused saying why not."""
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
    if request.expires_at <= datetime.now(UTC) and request.is_open:
        raise LinkRefused("expired", _l("This request has expired."))
    return link


def revoke(request: DiscountRequest, store: Store) -> None:
    link = db.session.scalar(
        db.select(AnswerLink).filter_by(request_id=request.id, store_id=store.id)
    )
    if link is not None:
        link.revoked_at = datetime.now(UTC)
        link.nonce = secrets.token_hex(8)
        jobs.commit()
