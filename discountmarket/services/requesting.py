"""Posting, cancelling, accepting, re-opening and expiring discount requests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from discountmarket import jobs, numbers
from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Offer,
    OfferKind,
    OfferStatus,
    Product,
    RequestStatus,
    User,
)
from discountmarket.outreach.http import FetchError, check_url_syntax
from discountmarket.services import asks, board_counters, catalog, fanout, shopper_limits
from discountmarket.services.errors import NotAllowed, ServiceError
from discountmarket.services.offers import DISCOUNT_PERCENT

MIN_DAYS, MAX_DAYS = 1, 30
FETCH_GRACE = timedelta(minutes=3)  # how long delivery waits for the product page


class InvalidProductUrl(ServiceError):
    """The product URL cannot be used; the message says why."""


class ImplausibleAsk(ServiceError):
    """The wanted price or percent is not one a store would answer; the message says why."""


class DuplicateRequest(ServiceError):
    """The shopper already has an open request for this product."""

    def __init__(self, existing: DiscountRequest) -> None:
        super().__init__(_l("You already have an open request for this product."))
        self.existing = existing


@dataclass(frozen=True)
class NewRequest:
    url: str
    target_price: Decimal | None = None
    target_percent: Decimal | None = None
    quantity: int = 1
    note: str | None = None
    ask_competitors: bool = True
    ask_equivalents: bool = False
    share_contact: bool = False
    valid_days: int = 7
    shopper_location: str | None = None


def post_request(shopper: User, data: NewRequest) -> DiscountRequest:
    """Record a request; its product page is fetched in the background afterwards."""
    if data.target_price is not None and data.target_percent is not None:
        raise ServiceError(_l("Give a target price or a percentage, not both."))
    if not MIN_DAYS <= data.valid_days <= MAX_DAYS:
        raise ServiceError(_l("A request stays open for 1 to 30 days."))
    targets = ((data.target_price, numbers.PRICE), (data.target_percent, DISCOUNT_PERCENT))
    if any(value is not None and not rule.contains(value) for value, rule in targets):
        raise ServiceError(_l("The target price or percentage is out of range."))
    try:
        url = check_url_syntax(data.url, current_app.config["OUTREACH_ALLOW_HOSTS"])
    except FetchError as error:
        raise InvalidProductUrl(catalog.fetch_error_message(error.code)) from error
    refusal = catalog.url_refusal(url)
    if refusal:
        raise InvalidProductUrl(refusal)

    product = catalog.product_for_url(url)
    if catalog.is_not_a_product(product):
        db.session.rollback()
        raise InvalidProductUrl(catalog.fetch_error_message(product.fetch_error))
    _check_ask(product, data.target_price, data.target_percent)
    existing = open_request_for(shopper.id, product.id)
    if existing is not None:
        db.session.rollback()
        raise DuplicateRequest(existing)
    try:
        shopper_limits.check(shopper, product.store)
    except shopper_limits.LimitReached:
        db.session.rollback()  # not even the new store or product stays
        raise
    now = datetime.now(UTC)
    request = DiscountRequest(
        shopper_id=shopper.id,
        product=product,
        target_price=data.target_price,
        target_percent=data.target_percent,
        quantity=data.quantity,
        note=(data.note or "").strip() or None,
        ask_competitors=data.ask_competitors,
        ask_equivalents=data.ask_competitors and data.ask_equivalents,
        share_contact=data.share_contact,
        shopper_location=(data.shopper_location or "").strip() or None,
        expires_at=now + timedelta(days=data.valid_days),
    )
    db.session.add(request)
    # Dispatch rows belong to the request's transaction: no request without its outbox.
    dispatches = fanout.plan_dispatches(request)
    fetch_first = catalog.needs_fetch(product)
    if fetch_first:
        # The sweep leaves them alone while the product page is read; the fetch task
        # hands them to the queue as soon as it is done (so messages name the product).
        for dispatch in dispatches:
            if dispatch.next_attempt_at is not None:
                dispatch.next_attempt_at = now + FETCH_GRACE
    try:
        db.session.flush()  # the request's id, for its jobs
        if fetch_first:
            jobs.later("fetch_product_then_deliver", product.id, request.id)
        else:
            jobs.later("deliver_request", request.id)
        jobs.commit()
    except IntegrityError:  # a double submit raced us past the check above
        db.session.rollback()
        existing = open_request_for(shopper.id, product.id)
        if existing is None:
            raise
        raise DuplicateRequest(existing) from None
    return request


def _check_ask(
    product: Product, target_price: Decimal | None, target_percent: Decimal | None
) -> None:
    """Refuse an implausible ask at once when the product's price is known already."""
    problem = asks.problem_with(product, target_price, target_percent)
    if problem is not None and problem.shopper_can_fix_the_ask:
        currency = product.currency
        db.session.rollback()
        raise ImplausibleAsk(asks.explain(problem, currency))


def plan_newly_found_competitors(request_id: int) -> int:
    """After the product page is read: competitors its categories revealed are planned too
    (an open request only). Commits; returns how many."""
    request = db.session.get(DiscountRequest, request_id)
    if request is None or request.status != RequestStatus.OPEN:
        return 0
    added = fanout.plan_newly_found(request)
    jobs.commit()
    return len(added)


def change_ask(
    request: DiscountRequest,
    shopper: User,
    target_price: Decimal | None,
    target_percent: Decimal | None,
) -> None:
    """A new ask for a request no store has seen yet (one held for an implausible ask);
    it goes to the stores at once when it is plausible."""
    if request.shopper_id != shopper.id:
        raise NotAllowed(_l("No such request."))
    if not request.is_open:
        raise ServiceError(_l("This request is no longer open."))
    if (target_price is None) == (target_percent is None):
        raise ServiceError(_l("Give a target price or a percentage, not both."))
    reached = db.session.scalar(
        sa.select(Dispatch.id).where(
            Dispatch.request_id == request.id,
            Dispatch.status.in_([DispatchStatus.SENT, DispatchStatus.ANSWERED]),
        )
    )
    if reached is not None:
        raise ServiceError(
            _l("Stores have this request already. Cancel it and post a new one to change the ask.")
        )
    _check_ask(request.product, target_price, target_percent)
    request.target_price, request.target_percent = target_price, target_percent
    jobs.later("deliver_request", request.id)
    jobs.commit()


def open_request_for(shopper_id: int, product_id: int) -> DiscountRequest | None:
    return db.session.scalar(
        sa.select(DiscountRequest).where(
            DiscountRequest.shopper_id == shopper_id,
            DiscountRequest.product_id == product_id,
            DiscountRequest.status == RequestStatus.OPEN,
        )
    )


def owned_request(request_id: int, shopper: User) -> DiscountRequest:
    """The shopper's own request; anybody else's is refused the same as a missing one."""
    request = db.session.get(DiscountRequest, request_id)
    if request is None or request.shopper_id != shopper.id:
        raise NotAllowed(_l("No such request."))
    return request


def cancel(request: DiscountRequest, shopper: User) -> None:
    if request.shopper_id != shopper.id:
        raise NotAllowed(_l("No such request."))
    closed = _close(request.id, RequestStatus.CANCELLED)
    if not closed:
        raise ServiceError(_l("This request is no longer open."))
    jobs.later("tell_stores_request_closed", request.id, None, owed=True)
    jobs.commit()


def offer_for(offer_id: int, shopper: User) -> Offer:
    """An offer on the shopper's own request; anybody else's is refused as missing."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.request.shopper_id != shopper.id:
        raise NotAllowed(_l("No such offer."))
    return offer


def accept(
    offer_id: int, shopper: User, seen_version: int | None = None, share_contact: bool = False
) -> Offer:
    """Accept one offer: the request is fulfilled and the store is told; it learns the
    shopper's e-mail address only with their consent (``share_contact``, or given before).

    Safe against double clicks, two tabs and a store withdrawing at the same moment: the
    request and the offer are changed by conditional updates, so exactly one accept wins.
    """
    offer = offer_for(offer_id, shopper)
    if offer.status == OfferStatus.ACCEPTED:
        return offer  # a second click changes nothing
    if offer.kind != OfferKind.OFFER:
        raise ServiceError(_l("A decline cannot be accepted."))
    now = datetime.now(UTC)
    request_id = offer.request_id
    if not _close(request_id, RequestStatus.FULFILLED, now, unexpired=True):
        db.session.rollback()
        raise ServiceError(_l("This request is no longer open."))
    conditions = [
        Offer.id == offer_id,
        Offer.status == OfferStatus.ACTIVE,
        sa.or_(Offer.valid_until.is_(None), Offer.valid_until > now),
    ]
    if seen_version is not None:
        conditions.append(Offer.version == seen_version)
    changed = db.session.execute(
        sa.update(Offer)
        .where(*conditions)
        .values(status=OfferStatus.ACCEPTED, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise ServiceError(
            _l("This offer changed, expired or was withdrawn a moment ago. Please look again.")
        )
    board_counters.refresh([request_id])
    if share_contact:  # the shopper's consent, given when accepting
        offer.request.share_contact = True
    jobs.later("tell_store_offer_accepted", offer_id, owed=True)
    jobs.later("tell_shopper_deal", offer_id, owed=True)
    jobs.later("tell_stores_request_closed", request_id, offer.store_id, owed=True)
    jobs.commit()
    db.session.refresh(offer)
    return offer


def reopen(request: DiscountRequest, shopper: User, days: int = 7) -> None:
    """An expired request may be opened again, once."""
    if request.shopper_id != shopper.id:
        raise NotAllowed(_l("No such request."))
    if request.status != RequestStatus.EXPIRED or request.reopened_at is not None:
        raise ServiceError(_l("Only an expired request can be re-opened, and only once."))
    if open_request_for(shopper.id, request.product_id) is not None:
        raise ServiceError(_l("You already have an open request for this product."))
    now = datetime.now(UTC)
    request.status = RequestStatus.OPEN
    request.reopened_at = now
    request.closed_at = None
    request.expires_at = now + timedelta(days=days)
    jobs.commit()


def set_offer_notifications(request: DiscountRequest, shopper: User, enabled: bool) -> None:
    if request.shopper_id != shopper.id:
        raise NotAllowed(_l("No such request."))
    request.notify_offers = enabled
    jobs.commit()


def expire_overdue(now: datetime) -> int:
    """Close open requests whose time is up and expire offers past their validity."""
    result = db.session.execute(
        sa.update(DiscountRequest)
        .where(DiscountRequest.status == RequestStatus.OPEN, DiscountRequest.expires_at <= now)
        .values(status=RequestStatus.EXPIRED, closed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    expired_offers = db.session.execute(
        sa.update(Offer)
        .where(Offer.status == OfferStatus.ACTIVE, Offer.valid_until <= now)
        .values(status=OfferStatus.EXPIRED, updated_at=now)
        .returning(Offer.request_id)
        .execution_options(synchronize_session=False)
    ).scalars()
    board_counters.refresh(expired_offers)
    jobs.commit()
    return result.rowcount


def _close(
    request_id: int, status: RequestStatus, now: datetime | None = None, *, unexpired: bool = False
) -> bool:
    """Move an open request to ``status``; False when it was not open (someone was first)."""
    now = now or datetime.now(UTC)
    conditions = [DiscountRequest.id == request_id, DiscountRequest.status == RequestStatus.OPEN]
    if unexpired:
        conditions.append(DiscountRequest.expires_at > now)
    changed = db.session.execute(
        sa.update(DiscountRequest)
        .where(*conditions)
        .values(status=status, closed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return changed == 1
