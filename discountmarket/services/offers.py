"""Stores' answers: offers and declines, their validation, edits (with history), withdrawal."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from discountmarket import jobs, numbers
from discountmarket.extensions import db
from discountmarket.i18n import format_money
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Offer,
    OfferKind,
    OfferRevision,
    OfferStatus,
    Product,
    Store,
    User,
)
from discountmarket.services import board_counters, escalation, notifications, reputation
from discountmarket.services.asked_about import AskedAbout, asked_about
from discountmarket.services.errors import NotAllowed, ServiceError

MAX_VALIDITY = timedelta(days=90)
MIN_PERCENT, MAX_PERCENT = Decimal(1), Decimal(90)
# A discount a shopper asks for or a store offers, as stored: two places, the range above.
DISCOUNT_PERCENT = numbers.NumberRule(places=2, low=MIN_PERCENT, high=MAX_PERCENT)
LIVE_STATUSES = (OfferStatus.ACTIVE, OfferStatus.DECLINED)
_TERM_FIELDS = (
    "kind",
    "price",
    "currency",
    "percent",
    "coupon_code",
    "terms",
    "extras",
    "valid_until",
)


class OfferInvalid(ServiceError):
    """The answer breaks a rule; ``errors`` maps form fields to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class Answer:
    kind: OfferKind
    price: Decimal | None = None
    percent: Decimal | None = None
    currency: str | None = None
    coupon_code: str | None = None
    terms: str | None = None  # for a decline: the message to the shopper
    extras: str | None = None
    valid_until: datetime | None = None
    errors: dict[str, str] = field(default_factory=dict)


def validate(
    request: DiscountRequest,
    answer: Answer,
    now: datetime | None = None,
    *,
    store: Store | None = None,
) -> None:
    """Raise OfferInvalid with a message per field; fills in the currency of the product as
    the answering store sells it (its own listing's, for a competitor)."""
    now = now or datetime.now(UTC)
    errors: dict[str, str] = {}
    product: Product | AskedAbout = request.product
    if store is not None and store.id != request.product.store_id:
        product = asked_about(request, store)
    if not (answer.terms or "").strip():
        errors["terms"] = str(
            _l("Say what the shopper must do to get this price.")
            if answer.kind == OfferKind.OFFER
            else _l("Write a short message to the shopper.")
        )
    if answer.kind == OfferKind.OFFER:
        if (answer.price is None) == (answer.percent is None):
            errors["price"] = str(_l("Give either a price or a percentage off."))
        if answer.price is not None:
            if not answer.price.is_finite() or answer.price <= 0:
                errors["price"] = str(_l("The price must be more than zero."))
            elif not numbers.PRICE.contains(answer.price):
                errors["price"] = str(_l("This price is too high."))
            elif product.price is not None and answer.price > product.price:
                errors["price"] = str(
                    _l(
                        "This is above the product's price on your site (%(price)s).",
                        price=format_money(product.price, product.currency),
                    )
                )
        if answer.percent is not None and not DISCOUNT_PERCENT.contains(answer.percent):
            errors["percent"] = str(_l("The discount must be between 1 and 90 percent."))
        if product.currency:
            if answer.currency and answer.currency.upper() != product.currency:
                errors["currency"] = str(
                    _l("Use the product's currency, %(currency)s.", currency=product.currency)
                )
            answer.currency = product.currency
        elif answer.price is not None and not answer.currency:
            errors["currency"] = str(_l("Choose the currency of the price."))
        if answer.valid_until is None:
            errors["valid_until"] = str(_l("Say until when the offer is valid."))
        elif answer.valid_until <= now:
            errors["valid_until"] = str(_l("The offer must be valid in the future."))
        elif answer.valid_until > now + MAX_VALIDITY:
            errors["valid_until"] = str(_l("An offer can be valid for 90 days at most."))
    if errors:
        raise OfferInvalid(errors)
    if answer.currency:
        answer.currency = answer.currency.upper()


def live_answer(request_id: int, store_id: int) -> Offer | None:
    """The store's current answer (offer or decline) to the request, if any."""
    return db.session.scalar(
        sa.select(Offer).where(
            Offer.request_id == request_id,
            Offer.store_id == store_id,
            Offer.status.in_(LIVE_STATUSES),
        )
    )


def answer(
    request: DiscountRequest, store: Store, answer: Answer, author: User | None = None
) -> Offer:
    """Post the store's answer, or change its current one (the old terms are kept)."""
    if not request.is_open or request.expires_at <= datetime.now(UTC):
        raise ServiceError(_l("This request is closed; it cannot be answered any more."))
    validate(request, answer, store=store)
    board_counters.hold(request.id)
    offer = live_answer(request.id, store.id)
    now = datetime.now(UTC)
    values = _terms_of(answer)
    status = OfferStatus.ACTIVE if answer.kind == OfferKind.OFFER else OfferStatus.DECLINED
    if offer is None:
        offer = Offer(request=request, store=store, author=author, status=status, **values)
        db.session.add(offer)
        db.session.flush()
        reputation.count_answer(request.id, store.id, now)
    else:
        if _snapshot(offer) == _plain_terms(values):
            return offer  # nothing changed: no new version
        db.session.add(
            OfferRevision(
                offer=offer, author_id=author.id if author else None, terms=_snapshot(offer)
            )
        )
        changed = db.session.execute(
            sa.update(Offer)
            .where(
                Offer.id == offer.id,
                Offer.status.in_(LIVE_STATUSES),
                Offer.version == offer.version,
            )
            .values(
                status=status, edited_at=now, updated_at=now, version=offer.version + 1, **values
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed != 1:
            db.session.rollback()
            raise ServiceError(_l("This answer changed meanwhile (perhaps it was accepted)."))
    mark_dispatches_answered(request.id, store.id)
    board_counters.refresh([request.id])
    escalation.close_for_store(store.id, "the store answered")
    notifications.schedule_offer_digest(request)
    jobs.commit()
    db.session.refresh(offer)
    return offer


def withdraw(offer: Offer, author: User | None = None) -> None:
    if not offer.request.is_open:
        raise ServiceError(_l("This request is closed; its answers stay as they are."))
    board_counters.hold(offer.request_id)
    changed = db.session.execute(
        sa.update(Offer)
        .where(Offer.id == offer.id, Offer.status.in_(LIVE_STATUSES))
        .values(
            status=OfferStatus.WITHDRAWN, updated_at=datetime.now(UTC), version=Offer.version + 1
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise ServiceError(_l("This answer can no longer be withdrawn (it may be accepted)."))
    board_counters.refresh([offer.request_id])
    db.session.add(
        OfferRevision(
            offer_id=offer.id, author_id=author.id if author else None, terms=_snapshot(offer)
        )
    )
    jobs.commit()


def store_offer(offer_id: int, store_id: int) -> Offer:
    """An offer of this store; another store's offer is refused like a missing one."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or offer.store_id != store_id:
        raise NotAllowed(_l("No such offer."))
    return offer


def _terms_of(answer: Answer) -> dict[str, Any]:
    is_offer = answer.kind == OfferKind.OFFER
    return {
        "kind": answer.kind,
        "price": answer.price if is_offer else None,
        "percent": answer.percent if is_offer else None,
        "currency": answer.currency if is_offer else None,
        "coupon_code": (answer.coupon_code or "").strip() or None if is_offer else None,
        "terms": (answer.terms or "").strip() or None,
        "extras": (answer.extras or "").strip() or None if is_offer else None,
        "valid_until": answer.valid_until if is_offer else None,
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return getattr(value, "value", value)


def _plain_terms(terms: dict[str, Any]) -> dict[str, Any]:
    """Terms as JSON-ready plain values, for history and for comparing versions."""
    return {name: _plain(terms[name]) for name in _TERM_FIELDS}


def _snapshot(offer: Offer) -> dict[str, Any]:
    return _plain_terms({name: getattr(offer, name) for name in _TERM_FIELDS})


def mark_dispatches_answered(request_id: int, store_id: int) -> None:
    now = datetime.now(UTC)
    reached_before = reputation.reached(request_id, store_id)
    answered = db.session.execute(
        sa.update(Dispatch)
        .where(Dispatch.request_id == request_id, Dispatch.store_id == store_id)
        .values(status=DispatchStatus.ANSWERED, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if answered:
        board_counters.mark_reached(request_id, now)
        if not reached_before:
            reputation.count_asked(store_id)
