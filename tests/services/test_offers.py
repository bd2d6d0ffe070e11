"""Stores' answers: the rules an offer must meet, editing with history, withdrawal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    Offer,
    OfferKind,
    OfferRevision,
    OfferStatus,
    RequestStatus,
)
from discountmarket.services import escalation, offers, requesting
from discountmarket.services.errors import ServiceError
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    StoreFactory,
    UserFactory,
)
from tests.services.conftest import assert_only_the_owner_finds


def in_days(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def an_offer(**changes) -> offers.Answer:  # type: ignore[no-untyped-def]
    fields = {
        "kind": OfferKind.OFFER,
        "price": Decimal("89.00"),
        "terms": "Order by phone and quote this offer.",
        "valid_until": in_days(5),
    }
    return offers.Answer(**{**fields, **changes})


def a_decline(terms: str = "Sorry, our prices are fixed this month.") -> offers.Answer:
    return offers.Answer(kind=OfferKind.DECLINE, terms=terms)


@pytest.fixture
def request_(app: Flask) -> DiscountRequest:
    """An open request for a product at €100.00."""
    request = DiscountRequestFactory()
    db.session.commit()
    return request


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"terms": "   "}, "terms", "what the shopper must do"),
        ({"price": None}, "price", "either a price or a percentage"),
        ({"percent": Decimal("10")}, "price", "either a price or a percentage"),
        ({"price": Decimal("0")}, "price", "more than zero"),
        ({"price": Decimal("100.01")}, "price", "above the product's price"),
        ({"price": None, "percent": Decimal("0.5")}, "percent", "between 1 and 90"),
        ({"price": None, "percent": Decimal("91")}, "percent", "between 1 and 90"),
        ({"currency": "USD"}, "currency", "product's currency, EUR"),
        ({"valid_until": None}, "valid_until", "until when"),
        ({"valid_until": in_days(-0.01)}, "valid_until", "in the future"),
        ({"valid_until": in_days(91)}, "valid_until", "90 days at most"),
    ],
)
def test_an_offer_breaking_a_rule_names_the_field(
    request_: DiscountRequest, changes: dict, field: str, message: str
) -> None:
    with pytest.raises(offers.OfferInvalid) as refused:
        offers.validate(request_, an_offer(**changes))
    assert list(refused.value.errors) == [field]
    assert message in refused.value.errors[field]
    with pytest.raises(offers.OfferInvalid):  # answer() checks the same rules ...
        offers.answer(request_, request_.product.store, an_offer(**changes))
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0  # ... and writes nothing


def test_every_broken_rule_is_reported_at_once(request_: DiscountRequest) -> None:
    answer = an_offer(terms="", price=Decimal("-1"), currency="GBP", valid_until=None)
    with pytest.raises(offers.OfferInvalid) as refused:
        offers.validate(request_, answer)
    assert set(refused.value.errors) == {"terms", "price", "currency", "valid_until"}


@pytest.mark.parametrize(
    "changes",
    [
        {"price": Decimal("100.00")},  # the product's own price is allowed
        {"price": None, "percent": Decimal("1")},
        {"price": None, "percent": Decimal("90")},
        {"valid_until": in_days(89.9)},
        {"currency": "eur"},
    ],
)
def test_offers_on_the_limits_are_accepted_and_take_the_products_currency(
    request_: DiscountRequest, changes: dict
) -> None:
    answer = an_offer(**changes)
    offers.validate(request_, answer)
    assert answer.currency == "EUR"


def test_without_a_product_currency_a_price_needs_one(app: Flask) -> None:
    request = DiscountRequestFactory(product__currency=None, product__price=None)
    db.session.commit()
    with pytest.raises(offers.OfferInvalid) as refused:
        offers.validate(request, an_offer(price=Decimal("5000")))
    assert list(refused.value.errors) == ["currency"]
    answer = an_offer(price=Decimal("5000"), currency="czk")
    offers.validate(request, answer)
    assert answer.currency == "CZK"


def test_a_decline_needs_only_a_message(request_: DiscountRequest) -> None:
    offers.validate(request_, a_decline())
    with pytest.raises(offers.OfferInvalid) as refused:
        offers.validate(request_, a_decline(terms=""))
    assert list(refused.value.errors) == ["terms"]


# --- answering -----------------------------------------------------------------------------


def test_an_offer_is_posted_and_the_stores_dispatches_count_as_answered(
    request_: DiscountRequest,
) -> None:
    store = request_.product.store
    rival = StoreFactory()
    mine = DispatchFactory(request=request_, store=store, status=DispatchStatus.SENT)
    theirs = DispatchFactory(request=request_, store=rival, status=DispatchStatus.SENT)
    author = UserFactory()
    db.session.commit()

    offer = offers.answer(request_, store, an_offer(coupon_code="  KETTLE5 "), author=author)
    assert (offer.status, offer.price, offer.currency) == (OfferStatus.ACTIVE, 89, "EUR")
    assert offer.coupon_code == "KETTLE5" and offer.author_id == author.id and offer.version == 1
    assert offers.live_answer(request_.id, store.id).id == offer.id
    db.session.expire_all()
    assert db.session.get(Dispatch, mine.id).status == DispatchStatus.ANSWERED
    assert db.session.get(Dispatch, theirs.id).status == DispatchStatus.SENT


def test_answering_resolves_the_stores_open_escalation(request_: DiscountRequest) -> None:
    store = request_.product.store
    escalation.open_escalation(store, escalation.REASON_SILENT)
    db.session.commit()
    offers.answer(request_, store, a_decline())
    case = db.session.scalar(sa.select(Escalation))
    assert case.status == EscalationStatus.RESOLVED and case.resolution == "the store answered"


def test_a_decline_keeps_only_its_message(request_: DiscountRequest) -> None:
    declined = offers.answer(request_, request_.product.store, a_decline())
    assert declined.status == OfferStatus.DECLINED and declined.kind == OfferKind.DECLINE
    assert (declined.price, declined.currency, declined.valid_until) == (None, None, None)
    assert declined.terms == "Sorry, our prices are fixed this month."


def test_editing_keeps_the_old_terms_and_an_unchanged_answer_is_no_new_version(
    request_: DiscountRequest,
) -> None:
    store = request_.product.store
    valid_until = in_days(5)
    first = offers.answer(request_, store, an_offer(valid_until=valid_until))
    same = offers.answer(request_, store, an_offer(valid_until=valid_until))
    assert same.id == first.id and same.version == 1
    assert db.session.scalar(sa.select(sa.func.count(OfferRevision.id))) == 0

    editor = UserFactory()
    cheaper = offers.answer(
        request_, store, an_offer(price=Decimal("79.00"), valid_until=valid_until), author=editor
    )
    assert cheaper.id == first.id and cheaper.version == 2 and cheaper.price == 79
    assert cheaper.edited_at is not None
    (revision,) = db.session.scalars(sa.select(OfferRevision)).all()
    assert revision.terms["price"] == "89.00" and revision.author_id == editor.id

    # Changing the offer into a decline is an edit of the same answer, too.
    declined = offers.answer(request_, store, a_decline())
    assert declined.id == first.id and declined.status == OfferStatus.DECLINED
    assert declined.version == 3 and declined.price is None
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 1


@pytest.mark.parametrize(
    "closing",
    [
        {"status": RequestStatus.FULFILLED},
        {"status": RequestStatus.CANCELLED},
        {"expires_at": datetime.now(UTC) - timedelta(seconds=1)},
    ],
)
def test_a_closed_or_overdue_request_cannot_be_answered(app: Flask, closing: dict) -> None:
    request = DiscountRequestFactory(**closing)
    db.session.commit()
    with pytest.raises(ServiceError, match="closed"):
        offers.answer(request, request.product.store, an_offer())
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


def test_an_accepted_offer_cannot_be_edited(request_: DiscountRequest) -> None:
    store = request_.product.store
    offer = offers.answer(request_, store, an_offer())
    requesting.accept(offer.id, request_.shopper)
    with pytest.raises(ServiceError, match="closed"):
        offers.answer(request_, store, an_offer(price=Decimal("50")))
    db.session.expire_all()
    offer = db.session.get(Offer, offer.id)
    assert (offer.status, offer.price, offer.version) == (OfferStatus.ACCEPTED, 89, 1)


# --- withdrawing ---------------------------------------------------------------------------


def test_withdrawing_keeps_a_copy_and_a_new_answer_starts_afresh(
    request_: DiscountRequest,
) -> None:
    store = request_.product.store
    offer = offers.answer(request_, store, an_offer())
    author = UserFactory()
    offers.withdraw(offer, author=author)
    db.session.refresh(offer)
    assert offer.status == OfferStatus.WITHDRAWN and offer.version == 2
    (revision,) = offer.revisions
    assert revision.author_id == author.id and revision.terms["terms"] == offer.terms
    assert offers.live_answer(request_.id, store.id) is None

    with pytest.raises(ServiceError, match="can no longer be withdrawn"):
        offers.withdraw(offer)
    assert len(db.session.scalars(sa.select(OfferRevision)).all()) == 1

    again = offers.answer(request_, store, an_offer(price=Decimal("88.00")))
    assert again.id != offer.id and again.status == OfferStatus.ACTIVE


def test_a_decline_can_be_withdrawn(request_: DiscountRequest) -> None:
    declined = offers.answer(request_, request_.product.store, a_decline())
    offers.withdraw(declined)
    db.session.refresh(declined)
    assert declined.status == OfferStatus.WITHDRAWN


def test_answers_to_a_closed_request_stay_as_they_are(app: Flask) -> None:
    offer = OfferFactory(request__status=RequestStatus.FULFILLED, status=OfferStatus.ACCEPTED)
    db.session.commit()
    with pytest.raises(ServiceError, match="closed"):
        offers.withdraw(offer)
    db.session.refresh(offer)
    assert offer.status == OfferStatus.ACCEPTED and offer.revisions == []


def test_a_store_sees_only_its_own_offers(app: Flask) -> None:
    offer = OfferFactory()
    other = StoreFactory()
    db.session.commit()
    assert_only_the_owner_finds(
        offers.store_offer, offer, offer.store_id, other.id, "No such offer"
    )
