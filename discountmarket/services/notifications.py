"""Messages about requests and offers: the shopper's offer digest, the stores' news.

Each message is recorded and queued on its own (``mailing.queue_template``), so a retry of
one delivery never repeats another.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    InboundMail,
    Offer,
    OfferStatus,
    Store,
    StoreMembership,
    User,
)
from discountmarket.services import deals, fanout, mailing, recipient_caps
from discountmarket.services.suppression import is_suppressed
from discountmarket.urls import external_url

logger = logging.getLogger(__name__)
DIGEST_INTERVAL = timedelta(hours=1)


def digest_delay(request: DiscountRequest, now: datetime | None = None) -> float:
    """Seconds until the next offer digest may go: a minute to batch a burst of offers, or
    what is left of the hour since the last one."""
    now = now or datetime.now(UTC)
    if request.last_offer_notice_at is None:
        return 60.0
    due = request.last_offer_notice_at + DIGEST_INTERVAL
    return max(60.0, (due - now).total_seconds())


def send_offer_digest(request_id: int, now: datetime | None = None) -> bool:
    """Mail the shopper what arrived since the last digest; at most one per hour."""
    now = now or datetime.now(UTC)
    request = db.session.get(DiscountRequest, request_id)
    if request is None or not request.notify_offers or not request.is_open:
        return False
    previous = request.last_offer_notice_at
    if previous is not None and now - previous < DIGEST_INTERVAL:
        return False
    since = previous or request.created_at
    news = db.session.scalars(
        sa.select(Offer)
        .where(
            Offer.request_id == request_id,
            Offer.status.in_([OfferStatus.ACTIVE, OfferStatus.DECLINED]),
            Offer.updated_at > since,
        )
        .order_by(Offer.updated_at)
    ).all()
    if not news:
        return False
    # Compare-and-set: of two digest tasks running at once, only one sends.
    claimed = db.session.execute(
        sa.update(DiscountRequest)
        .where(
            DiscountRequest.id == request_id,
            DiscountRequest.last_offer_notice_at.is_(None)
            if previous is None
            else DiscountRequest.last_offer_notice_at == previous,
        )
        .values(last_offer_notice_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed == 1:
        shopper = request.shopper
        mailing.queue_template(
            "offer_digest",
            shopper.email,
            _l("New answers to your discount request"),
            locale=shopper.locale,
            request=request,
            offers=news,
            request_url=external_url("shopper.request_detail", request_id=request.id),
        )
    jobs.commit()
    return claimed == 1


def schedule_offer_digest(request: DiscountRequest) -> None:
    """Queue the shopper's offer digest (after the caller's commit) for when it may go."""
    if request.notify_offers:
        jobs.later("send_offer_digest", request.id, delay=digest_delay(request), owed=True)


def tell_store_offer_accepted(offer_id: int) -> int:
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.status != OfferStatus.ACCEPTED:
        return 0
    request = offer.request
    sent = _mail_store(
        offer.store,
        "offer_accepted",
        _l("A shopper accepted your offer"),
        request=request,
        offer=offer,
        # Only with the shopper's consent does the store learn who they are.
        shopper_email=request.shopper.email if request.share_contact else None,
        portal_url=external_url("store.portal"),
    )
    jobs.commit()
    return sent


def tell_shopper_deal(offer_id: int) -> bool:
    """The shopper's summary of the deal they accepted: how to buy from the winner."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.status != OfferStatus.ACCEPTED:
        return False
    shopper = offer.request.shopper
    mailing.queue_template(
        "deal_summary",
        shopper.email,
        _l("Your deal with %(store)s", store=offer.store.name),
        locale=shopper.locale,
        request=offer.request,
        offer=offer,
        how=deals.how_to_buy(offer),
        request_url=external_url("shopper.request_detail", request_id=offer.request_id),
    )
    jobs.commit()
    return True


def tell_shopper_store_replied(inbound_id: int) -> bool:
    """A store answered the shopper's request by e-mail: the shopper reads its words."""
    received = db.session.get(InboundMail, inbound_id)
    if received is None or received.kind != "reply" or received.dispatch is None:
        return False
    request = received.dispatch.request
    if not request.notify_offers or not request.is_open:
        return False
    shopper = request.shopper
    mailing.queue_template(
        "store_replied",
        shopper.email,
        _l("%(store)s replied to your request", store=received.dispatch.store.name),
        locale=shopper.locale,
        request=request,
        store=received.dispatch.store,
        text=received.text or "",
        request_url=external_url("shopper.request_detail", request_id=request.id),
    )
    jobs.commit()
    return True


def tell_stores_request_closed(request_id: int, winner_store_id: int | None) -> int:
    """Tell every other store that answered or was contacted that the request is closed."""
    request = db.session.get(DiscountRequest, request_id)
    if request is None:
        return 0
    answered = sa.select(Offer.store_id).where(Offer.request_id == request_id)
    contacted = sa.select(Dispatch.store_id).where(
        Dispatch.request_id == request_id,
        Dispatch.status.in_([DispatchStatus.SENT, DispatchStatus.ANSWERED]),
    )
    stores = db.session.scalars(
        sa.select(Store).where(sa.or_(Store.id.in_(answered), Store.id.in_(contacted)))
    ).all()
    sent = 0
    for store in stores:
        if store.id == winner_store_id:
            continue
        sent += _mail_store(
            store, "request_closed", _l("A discount request has closed"), request=request
        )
    jobs.commit()
    return sent


def store_addresses(store: Store) -> list[str]:
    """Where to write to a store: its managers, then the addresses outreach may use."""
    managers = db.session.scalars(
        sa.select(User.email)
        .join(StoreMembership, StoreMembership.user_id == User.id)
        .where(StoreMembership.store_id == store.id, User.active.is_(True))
    ).all()
    seen: dict[str, None] = {}
    for address in [*managers, *fanout.usable_addresses(store)]:
        if not is_suppressed(address):
            seen.setdefault(address, None)
    return list(seen)


def _mail_store(store: Store, template: str, subject: object, **context: object) -> int:
    if not store.contactable:
        return 0
    sent = 0
    for address in store_addresses(store):
        # Notices count against the recipient's daily cap like every message to a store.
        if not recipient_caps.reserve(recipient_caps.email_recipient(address)):
            logger.info("no %s notice to %s: its daily cap is reached", template, address)
            continue
        mailing.queue_template(
            template, address, subject, locale=store.locale, store=store, **context
        )
        sent += 1
    return sent
