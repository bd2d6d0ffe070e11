"""Mail that comes back to us, accepted and acted on: one function for every way in
(the HTTP endpoint today; an SMTP listener and an IMAP poller use the same).

What it does with a message, once its reply token verifies (``outreach.tokens``):

* a store's **reply**: its dispatches for that request are answered, the escalation ladder
  stops for the store, and the new text is kept to show the shopper and operators;
* a permanent **bounce** (or the third temporary one for a dispatch): the address is marked
  bounced and suppressed, the dispatch failed, and the store's form is tried instead;
* an **auto-reply**: kept (never answered: RFC 3834), nothing else changes yet.

Everything received is stored (the raw message capped at ``RAW_KEPT`` bytes) and is
idempotent by its Message-ID: the same message arriving twice is handled once.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.inbound import message as mime
from discountmarket.inbound.classify import Classification, classify
from discountmarket.inbound.message import UnreadableMessage
from discountmarket.models import (
    ContactKind,
    Dispatch,
    DispatchStatus,
    InboundMail,
    Suppression,
    SuppressionKind,
)
from discountmarket.outreach.tokens import dispatch_of_reply_token
from discountmarket.services import business_hours, escalation, fallback, offers
from discountmarket.services.errors import ServiceError
from discountmarket.services.persistence import get_or_create

logger = logging.getLogger(__name__)
MAX_BYTES = 10 * 1024 * 1024  # what we accept at all (the classifier's own cap)
RAW_KEPT = 1024 * 1024  # what we keep of it for operators
MAX_AWAY = timedelta(days=60)  # an out-of-office date further off is not believed
SOFT_BOUNCES_PERMANENT = 3  # temporary failures for one dispatch that count as a hard one


class TooLarge(ServiceError):
    """The message is over ``MAX_BYTES``."""


def accept(raw: bytes, source: str) -> tuple[InboundMail, bool]:
    """Store and act on one raw message; returns it and whether it was new."""
    if len(raw) > MAX_BYTES:
        raise TooLarge(_l("The message is too large."))
    headers = _headers(raw)
    key = headers["Message-ID"][:255] or "sha256:" + hashlib.sha256(raw).hexdigest()
    known = db.session.scalar(sa.select(InboundMail).where(InboundMail.message_key == key))
    if known is not None:
        return known, False
    received = InboundMail(
        message_key=key,
        source=source[:8],
        sender=headers["From"][:320],
        subject=headers["Subject"][:998],
        raw=raw[:RAW_KEPT],
    )
    _understand(received, raw)
    jobs.commit()
    logger.info("inbound %s from %s: %s", received.kind, source, received.message_key)
    return received, True


def replay(inbound_id: int) -> tuple[str, str] | None:
    """Read a stored message again with today's classifier (after an improvement, say) and
    act on it when it is now understood differently: (kind before, kind now); None when
    there is no such message. A message read the same way is left alone, so nothing it
    caused is done twice. Commits."""
    received = db.session.get(InboundMail, inbound_id)
    if received is None:
        return None
    before = received.kind
    if _kind_of(_classified(received.raw)) != before:
        _understand(received, received.raw)
    jobs.commit()
    return before, received.kind


def _classified(raw: bytes) -> Classification | None:
    try:
        return classify(raw)
    except UnreadableMessage:
        return None


def _kind_of(found: Classification | None) -> str:
    return found.kind if found else "unreadable"


def _understand(received: InboundMail, raw: bytes) -> None:
    """Classify the message, record what it is and act on it (in the caller's unit of work;
    the look-ups come first, before the record joins the session)."""
    found = _classified(raw)
    dispatch = _dispatch_of(found)
    received.kind = _kind_of(found)
    received.dispatch_id = dispatch.id if dispatch else None
    received.text = found.reply.text if found and found.reply else None
    received.classification = found.to_json() if found else None
    db.session.add(received)  # only now: it is complete when the session flushes it
    if dispatch is None or found is None:
        return
    _act_on(found, dispatch)
    if found.kind == "reply":
        db.session.flush()
        jobs.later("tell_shopper_store_replied", received.id, owed=True)
        if found.reply is not None and found.reply.offer is not None:
            jobs.later("acknowledge_reply_offer", received.id, owed=True)  # services/reply_offers


def replies_for(request_id: int, store_id: int | None = None) -> list[InboundMail]:
    """Stores' e-mail replies to one request (one store's, if given), oldest first."""
    query = (
        sa.select(InboundMail)
        .join(Dispatch, Dispatch.id == InboundMail.dispatch_id)
        .where(Dispatch.request_id == request_id, InboundMail.kind == "reply")
        .order_by(InboundMail.received_at)
    )
    if store_id is not None:
        query = query.where(Dispatch.store_id == store_id)
    return list(db.session.scalars(query))


def from_store(store_id: int, limit: int = 20) -> list[InboundMail]:
    """What came back from a store (replies, auto-replies, bounces), newest first, for the
    operator's escalation page."""
    return list(
        db.session.scalars(
            sa.select(InboundMail)
            .join(Dispatch, Dispatch.id == InboundMail.dispatch_id)
            .where(Dispatch.store_id == store_id)
            .order_by(InboundMail.received_at.desc())
            .limit(limit)
        )
    )


def _headers(raw: bytes) -> dict[str, str]:
    """Message-ID, From and Subject ("" when missing or the message is unreadable; a
    message without a Message-ID is named by a digest of its bytes)."""
    names = ("Message-ID", "From", "Subject")
    try:
        parsed = mime.parse(raw)
    except UnreadableMessage:
        return dict.fromkeys(names, "")
    return {name: mime.header(parsed, name).strip() for name in names}


def _dispatch_of(found: Classification | None) -> Dispatch | None:
    """The dispatch the message's token names, when the token is genuine."""
    if found is None or not found.token:
        return None
    dispatch_id = dispatch_of_reply_token(found.token)
    return db.session.get(Dispatch, dispatch_id) if dispatch_id else None


def _act_on(found: Classification, dispatch: Dispatch) -> None:
    if found.kind == "reply":
        offers.mark_dispatches_answered(dispatch.request_id, dispatch.store_id)
        escalation.close_for_store(dispatch.store_id, "the store answered by e-mail")
    elif found.kind == "bounce" and found.bounce is not None:
        if found.bounce.permanent or _soft_bounces(dispatch) >= SOFT_BOUNCES_PERMANENT:
            _bounced(dispatch, found.bounce.recipients)
    elif found.kind == "auto_reply" and found.auto_reply and found.auto_reply.until:
        _away_until(dispatch, date.fromisoformat(found.auto_reply.until))


def _away_until(dispatch: Dispatch, until: date) -> None:
    """An out-of-office reply named the end of the absence: no chasing before the end of
    that day in the store's own time zone (never more than ``MAX_AWAY`` ahead)."""
    store = dispatch.store
    zone = business_hours.for_store(store).zone
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC)
    store.away_until = min(end, datetime.now(UTC) + MAX_AWAY)


def _soft_bounces(dispatch: Dispatch) -> int:
    """Delivery failures reported for this dispatch so far (this one included): a mailbox
    that is "full" or "unavailable" again and again is as good as gone."""
    db.session.flush()
    return (
        db.session.scalar(
            sa.select(sa.func.count(InboundMail.id)).where(
                InboundMail.dispatch_id == dispatch.id, InboundMail.kind == "bounce"
            )
        )
        or 0
    )


def _bounced(dispatch: Dispatch, recipients: tuple[str, ...]) -> None:
    """Only the store's own addresses are marked: a bounce cannot suppress anyone else."""
    named = {address.lower() for address in recipients} or {(dispatch.address or "").lower()}
    contacts = [
        contact
        for contact in dispatch.store.contacts
        if contact.kind == ContactKind.EMAIL and contact.value.lower() in named
    ]
    for contact in contacts:
        contact.bounced = True
        get_or_create(
            Suppression,
            {"kind": SuppressionKind.ADDRESS, "value": contact.value.lower()},
            reason=f"bounced (dispatch {dispatch.id})",
        )
    if dispatch.status in (DispatchStatus.SENT, DispatchStatus.SENDING):
        dispatch.status = DispatchStatus.FAILED
        dispatch.last_error = "bounced"
        dispatch.updated_at = datetime.now(UTC)
    if contacts:
        db.session.flush()
        fallback.use_other_channel(dispatch, datetime.now(UTC))
