"""The escalation queue over HTTP: only operators; take, call, senior contact, resolve."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import ContactLog, Escalation, EscalationStatus, Role, StoreContact
from discountmarket.services import escalation
from tests.conftest import AuthActions, FormPoster
from tests.factories import UserFactory
from tests.services.test_escalation import MONDAY_NOON, silent_dispatch


def signed_in(app: Flask, role: Role, email: str) -> FormPoster:
    UserFactory(email=email, role=role)
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login(email)
    return forms


@pytest.fixture
def case(app: Flask) -> Escalation:
    silent_dispatch(MONDAY_NOON - timedelta(days=10), name="Quiet Lamps")
    escalation.sla_sweep(MONDAY_NOON)
    return db.session.scalar(sa.select(Escalation))


def test_operator_works_an_escalation(app: Flask, case: Escalation) -> None:
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    assert "Quiet Lamps" in forms.client.get("/ops/queue").get_data(as_text=True)
    page = f"/ops/escalations/{case.id}"
    detail = forms.client.get(page).get_data(as_text=True)
    assert "sales@shop.example" in detail  # known contacts
    assert "Channels tried" in detail and "/ops/dispatches/" in detail  # with the inspector

    forms.post(f"{page}/claim", {}, page=page)
    follow_up = (datetime.now(UTC) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    forms.post(
        f"{page}/call",
        {"outcome": "promised_answer", "note": "Owner back Monday", "follow_up_at": follow_up},
        page=page,
    )
    log = db.session.scalar(sa.select(ContactLog))
    assert (log.outcome, log.note) == ("promised_answer", "Owner back Monday")
    assert (
        "Quiet Lamps"
        not in forms.client.get("/ops/queue").get_data(as_text=True).split("Paused")[0]
    )

    forms.post(f"{page}/contacts", {"email": "owner@shop.example", "label": "Owner"}, page=page)
    assert (
        db.session.scalar(sa.select(StoreContact).filter_by(value="owner@shop.example")).level == 1
    )
    forms.post(f"{page}/resolve", {"reason": "Owner promised an offer"}, page=page)
    db.session.refresh(case)
    assert case.status == EscalationStatus.RESOLVED and case.resolution == "Owner promised an offer"
    assert "Owner promised an offer" in forms.client.get(page).get_data(as_text=True)


def test_a_second_operator_cannot_take_it(app: Flask, case: Escalation) -> None:
    first = signed_in(app, Role.OPERATOR, "a@example.com")
    second = signed_in(app, Role.OPERATOR, "b@example.com")
    page = f"/ops/escalations/{case.id}"
    first.post(f"{page}/claim", {}, page=page)
    html = second.post(f"{page}/claim", {}, page=page, follow_redirects=True).get_data(as_text=True)
    assert "Another operator has taken this escalation" in html
    second.post(f"{page}/resolve", {"reason": "mine"}, page=page)
    db.session.refresh(case)
    assert case.status == EscalationStatus.OPEN and case.assignee.email == "a@example.com"


def test_shopper_reports_an_offer_not_honoured(app: Flask) -> None:
    from discountmarket.models import HonourReport, HonourStatus, OfferStatus
    from discountmarket.services import reputation
    from tests.factories import OfferFactory

    offer = OfferFactory(status=OfferStatus.ACCEPTED, request__shopper__email="s@example.com")
    db.session.commit()
    shopper = FormPoster(app.test_client())
    AuthActions(shopper).login("s@example.com")
    page = f"/my/requests/{offer.request_id}"
    assert "did not honour this offer" in shopper.client.get(page).get_data(as_text=True)
    shopper.post(f"/my/offers/{offer.id}/report", {"note": "They refused the coupon."}, page=page)
    html = shopper.post(
        f"/my/offers/{offer.id}/report", {"note": "again"}, page=page, follow_redirects=True
    ).get_data(as_text=True)
    assert "reported this offer already" in html
    report = db.session.scalar(sa.select(HonourReport))
    case = db.session.scalar(sa.select(Escalation))
    assert case.store_id == offer.store_id and case.reason == "offer not honoured"

    operator = signed_in(app, Role.OPERATOR, "op@example.com")
    detail = f"/ops/escalations/{case.id}"
    assert "They refused the coupon." in operator.client.get(detail).get_data(as_text=True)
    assert reputation.for_stores({offer.store_id})[offer.store_id].broken_promises == 0
    operator.post(f"/ops/reports/{report.id}/confirm", {}, page=detail)
    db.session.refresh(report)
    assert report.status == HonourStatus.CONFIRMED
    assert reputation.for_stores({offer.store_id})[offer.store_id].broken_promises == 1
    # Another shopper cannot report this offer; a shopper cannot decide reports.
    other = signed_in(app, Role.SHOPPER, "o@example.com")
    assert other.post(f"/my/offers/{offer.id}/report", {"note": "x"}, page="/").status_code == 404
    assert other.post(f"/ops/reports/{report.id}/dismiss", {}, page="/").status_code == 403
