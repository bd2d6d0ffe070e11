"""Shared by the inbound-mail tests: an app that takes forwarded mail, a dispatch sent to a
store by e-mail, and that store's reply to it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    Dispatch,
    DispatchStatus,
    Escalation,
    StoreContact,
)
from discountmarket.outreach.tokens import reply_token
from tests.factories import DiscountRequestFactory, DispatchFactory, StoreFactory, UserFactory

SECRET = "provider-shared-secret-0123456789"
AUTH = {"Authorization": f"Bearer {SECRET}"}
ADDRESS = "sales@kettles.example"


@pytest.fixture
def inbound_app(make_app):  # type: ignore[no-untyped-def]
    app = make_app(INBOUND_SECRET=SECRET, INBOUND_DOMAIN="in.discountmarket.example")
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def sent() -> Dispatch:
    shopper = UserFactory(email="s@example.com")
    store = StoreFactory(name="Kettle & Co", domain="kettles.example")
    store.form_plan = {"submittable": True, "action": "https://kettles.example/contact"}
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=ADDRESS))
    request = DiscountRequestFactory(shopper=shopper, product__store=store)
    dispatch = DispatchFactory(
        request=request,
        store=store,
        channel=Channel.EMAIL,
        address=ADDRESS,
        status=DispatchStatus.SENT,
        sent_at=datetime.now(UTC),
    )
    db.session.add(Escalation(store=store, reason="no answer"))
    db.session.commit()
    return dispatch


def reply_to(dispatch: Dispatch, body: str, message_id: str = "<r1@kettles.example>") -> bytes:
    return (
        f"From: Kettle & Co <{ADDRESS}>\r\n"
        f"To: reply+{reply_token(dispatch.id)}@in.discountmarket.example\r\n"
        "Subject: Re: A shopper asks Kettle & Co for a discount\r\n"
        f"Message-ID: {message_id}\r\nDate: Thu, 03 Dec 2026 12:00:00 +0000\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}\r\n\r\nOn Thu, 3 Dec 2026, DiscountMarket wrote:\r\n> A shopper would buy...\r\n"
    ).encode()
