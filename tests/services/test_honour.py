"""Reports that a store did not honour an accepted offer, and operators' decisions on them."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    AuditEntry,
    Escalation,
    EscalationStatus,
    HonourReport,
    HonourStatus,
    Offer,
    OfferStatus,
    Role,
    User,
)
from discountmarket.services import honour, reputation, requesting
from discountmarket.services.errors import NotAllowed, ServiceError
from tests.factories import OfferFactory, UserFactory
from tests.services.conftest import Bidding


@pytest.fixture
def accepted(bidding: Bidding) -> Offer:
    return requesting.accept(bidding.rival_offer.id, bidding.shopper)


@pytest.fixture
def operator(app: Flask) -> User:
    user = UserFactory(role=Role.OPERATOR)
    db.session.commit()
    return user


def reports() -> list[HonourReport]:
    return list(db.session.scalars(sa.select(HonourReport)))


def test_a_report_goes_to_the_operators(accepted: Offer) -> None:
    entry = honour.report(accepted.id, accepted.request.shopper, "They said the price was a typo.")
    assert (entry.offer_id, entry.store_id) == (accepted.id, accepted.store_id)
    assert entry.status == HonourStatus.OPEN and entry.note == "They said the price was a typo."
    assert honour.open_reports(accepted.store_id) == [entry]
    assert honour.find(entry.id) == entry and honour.find(entry.id + 100) is None
    (case,) = db.session.scalars(sa.select(Escalation)).all()
    assert (case.store_id, case.reason, case.status) == (
        accepted.store_id,
        honour.REASON,
        EscalationStatus.OPEN,
    )


def test_an_offer_is_reported_once(accepted: Offer) -> None:
    honour.report(accepted.id, accepted.request.shopper, "No reply to my calls.")
    with pytest.raises(ServiceError, match="reported this offer already"):
        honour.report(accepted.id, accepted.request.shopper, "Still nothing.")
    assert [r.note for r in reports()] == ["No reply to my calls."]
    assert db.session.scalar(sa.select(sa.func.count(Escalation.id))) == 1


def test_only_the_shopper_may_report_and_only_an_accepted_offer(bidding: Bidding) -> None:
    with pytest.raises(ServiceError, match="Only an accepted offer"):
        honour.report(bidding.own_offer.id, bidding.shopper, "Not accepted yet.")
    offer = requesting.accept(bidding.own_offer.id, bidding.shopper)
    with pytest.raises(NotAllowed, match="No such offer"):
        honour.report(offer.id, UserFactory(), "I am not the buyer.")
    with pytest.raises(NotAllowed, match="No such offer"):
        honour.report(offer.id + 100, bidding.shopper, "A made-up offer.")
    assert reports() == [] and db.session.scalar(sa.select(sa.func.count(Escalation.id))) == 0


@pytest.mark.parametrize(
    ("confirmed", "status", "action"),
    [
        (True, HonourStatus.CONFIRMED, "confirm_report"),
        (False, HonourStatus.DISMISSED, "dismiss_report"),
    ],
)
def test_an_operator_decides_once_and_it_is_audited(
    accepted: Offer,
    operator: User,
    confirmed: bool,
    status: HonourStatus,
    action: str,
) -> None:
    entry = honour.report(accepted.id, accepted.request.shopper, "Refused the coupon.")
    honour.decide(entry, operator, confirmed=confirmed)
    db.session.refresh(entry)
    assert (entry.status, entry.decided_by_id) == (status, operator.id)
    assert entry.decided_at is not None
    assert honour.open_reports(accepted.store_id) == []
    (audit,) = db.session.scalars(sa.select(AuditEntry)).all()
    assert (audit.action, audit.actor_id, audit.target_id) == (action, operator.id, entry.id)
    assert audit.after == {"status": status.value}

    with pytest.raises(ServiceError, match="decided already"):
        honour.decide(entry, operator, confirmed=not confirmed)
    db.session.refresh(entry)
    assert entry.status == status


def test_only_confirmed_reports_count_against_a_store(app: Flask, operator: User) -> None:
    offers = [OfferFactory(status=OfferStatus.ACCEPTED) for _ in range(3)]
    store_id = offers[0].store_id
    for offer in offers[1:]:
        offer.store = offers[0].store
    db.session.commit()
    entries = [honour.report(o.id, o.request.shopper, f"report {o.id}") for o in offers]
    honour.decide(entries[0], operator, confirmed=True)
    honour.decide(entries[1], operator, confirmed=False)
    assert reputation.for_stores({store_id})[store_id].broken_promises == 1
    assert reputation.for_stores({store_id + 100})[store_id + 100].broken_promises == 0
    assert reputation.for_stores(set()) == {}
    assert [e.id for e in honour.open_reports(store_id)] == [entries[2].id]
