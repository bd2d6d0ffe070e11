"""The dispatch inspector: a next attempt only for work still to do, the message the store
was sent, and every time in the store's own zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    Dispatch,
    DispatchStatus,
    Role,
    StoreContact,
)
from discountmarket.services import delivery
from tests.blueprints.test_ops_queue import signed_in
from tests.factories import DispatchFactory


def facts(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    return {
        div.dt.get_text(strip=True): " ".join(div.dd.get_text(" ").split())
        for div in soup.select("article .facts > div")
    }


@pytest.mark.parametrize(
    "status",
    [DispatchStatus.ANSWERED, DispatchStatus.SENT, DispatchStatus.SKIPPED, DispatchStatus.FAILED],
)
def test_finished_dispatches_have_no_next_attempt(app: Flask, status: DispatchStatus) -> None:
    moment = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    dispatch = DispatchFactory(
        status=status,
        created_at=moment,
        sent_at=moment + timedelta(minutes=1),
        next_attempt_at=moment + timedelta(hours=1),
        lease_expires_at=moment + timedelta(minutes=5),
    )
    dispatch.store.timezone = "Asia/Tokyo"
    db.session.commit()
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    shown = facts(forms.client.get(f"/ops/dispatches/{dispatch.id}").get_data(as_text=True))
    assert "Next attempt" not in shown and "Lease expires" not in shown
    # 09:00 UTC is 18:00 in Tokyo: the store's zone, named.
    assert shown["Created"] == "Mar 2, 2026, 6:00 PM Asia/Tokyo"


def test_queued_work_shows_its_next_attempt(app: Flask) -> None:
    dispatch = DispatchFactory(status=DispatchStatus.PENDING)
    db.session.commit()
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    shown = facts(forms.client.get(f"/ops/dispatches/{dispatch.id}").get_data(as_text=True))
    assert shown["Next attempt"].endswith(" UTC")


def test_the_inspector_shows_the_e_mail_the_store_was_sent(app: Flask) -> None:
    dispatch = DispatchFactory(channel=Channel.EMAIL)
    dispatch.store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value="sales@shop.example"))
    dispatch.request.note = "Would buy two today."
    db.session.commit()
    delivery.deliver(dispatch.id)  # the capture backend keeps it (no SMTP_URL)
    assert db.session.get(Dispatch, dispatch.id).status == DispatchStatus.SENT
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    html = forms.client.get(f"/ops/dispatches/{dispatch.id}").get_data(as_text=True)
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("h2", string="What went to the store").find_parent("section")
    body = section.find("pre").get_text()
    assert dispatch.request.product.title in body and "Would buy two today." in body
    assert "sales@shop.example" in section.get_text()


def test_a_form_dispatch_says_its_text_is_not_recorded(app: Flask) -> None:
    dispatch = DispatchFactory(channel=Channel.FORM, status=DispatchStatus.SENT)
    db.session.commit()
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    html = forms.client.get(f"/ops/dispatches/{dispatch.id}").get_data(as_text=True)
    assert "not recorded" in html


@pytest.mark.parametrize(
    ("smtp_url", "said"),
    [
        (None, "With no SMTP server configured, every message is kept here"),
        ("smtp://127.0.0.1:2525", "Mail is sent through the SMTP server"),
    ],
)
def test_captured_mail_page_says_whether_mail_is_sent(make_app, smtp_url, said) -> None:  # type: ignore[no-untyped-def]
    """It said no SMTP server was configured when one was."""
    app = make_app(SMTP_URL=smtp_url)
    with app.app_context():
        operator = signed_in(app, Role.OPERATOR, "op@example.com")
        assert said in operator.client.get("/ops/mail").get_data(as_text=True)
        db.session.remove()
