"""A store that answers by pressing Reply and names a price gets a draft offer, never a
published one: our acknowledgement (to its own address, marked as an automatic reply)
links to its answer page with the offer filled in, and one press of "Send offer" puts it on
the bid board. Replies that decline, auto-replies and mail from strangers draft nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Offer, OfferKind, OfferStatus
from discountmarket.services import reply_offers
from tests.blueprints.conftest import ADDRESS, AUTH, reply_to
from tests.conftest import csrf_token_from
from tests.mailbox import messages_to


def post_mime(app: Flask, raw: bytes) -> None:
    response = app.test_client().post(
        "/inbound/mime", data=raw, headers={**AUTH, "Content-Type": "message/rfc822"}
    )
    assert response.status_code in (200, 201, 202), response.get_data(as_text=True)


def confirm_link(text: str) -> str:
    return next(word for word in text.split() if "/store/answer/" in word)


def test_a_reply_naming_a_price_becomes_a_draft_the_store_confirms_in_one_click(
    inbound_app: Flask, sent
) -> None:  # type: ignore[no-untyped-def]
    sent.request.product.price, sent.request.product.currency = Decimal("1299.00"), "EUR"
    db.session.commit()
    post_mime(inbound_app, reply_to(sent, "Hello, we can do it for 1 150,00 EUR with code LAMP5."))
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0  # nothing published

    (ack,) = messages_to(ADDRESS)
    assert ack.headers["Auto-Submitted"] == "auto-replied"
    assert ack.headers["In-Reply-To"] == "<r1@kettles.example>"
    assert "€1,150.00" in ack.text_body and "LAMP5" in ack.text_body
    link = confirm_link(ack.text_body)
    assert link.endswith("#make-offer")

    client = inbound_app.test_client()
    page = client.get(link.split("localhost", 1)[1].split("#")[0]).get_data(as_text=True)
    assert "We filled this in from your e-mail reply" in page and "1 150,00 EUR" in page
    assert 'value="1150.00"' in page and 'value="LAMP5"' in page

    # One click: the form is sent exactly as the page filled it in.
    fields = {
        "csrf_token": csrf_token_from(page),
        "kind": "offer",
        "price": "1150.00",
        "percent": "",
        "currency": "EUR",
        "coupon_code": "LAMP5",
        "terms": "As in our e-mail reply.",
        "extras": "",
        "valid_until": sent.request.expires_at.date().isoformat(),
    }
    for name, value in fields.items():
        if name not in ("csrf_token", "kind") and value:
            assert f'value="{value}"' in page or f"{value}</textarea>" in page, name
    response = client.post(link.split("localhost", 1)[1].split("#")[0], data=fields)
    errors = response.get_data(as_text=True)
    assert response.status_code == 302, errors[errors.find('class="field-error') :][:400]
    (offer,) = db.session.scalars(sa.select(Offer)).all()
    assert (offer.kind, offer.status, offer.price) == (
        OfferKind.OFFER,
        OfferStatus.ACTIVE,
        Decimal("1150.00"),
    )
    assert offer.coupon_code == "LAMP5"
    assert reply_offers.draft_for(sent.request_id, sent.store_id) is None  # answered now


@pytest.mark.parametrize(
    "body",
    [
        "Sorry, we cannot offer a discount on this model.",
        "Thanks for asking! We will think about it.\n\n--\nKettle & Co, Main St 12\n"
        "+44 20 7946 0000",
    ],
)
def test_a_reply_without_an_offer_drafts_nothing(inbound_app: Flask, sent, body: str) -> None:  # type: ignore[no-untyped-def]
    post_mime(inbound_app, reply_to(sent, body))
    assert messages_to(ADDRESS) == []
    assert reply_offers.draft_for(sent.request_id, sent.store_id) is None


def test_an_auto_reply_naming_a_price_is_never_answered(inbound_app: Flask, sent) -> None:  # type: ignore[no-untyped-def]
    raw = reply_to(sent, "I am away. Our sale price is 99 EUR until Friday.").replace(
        b"Subject: Re:", b"Auto-Submitted: auto-replied\r\nSubject: Automatic reply: Re:"
    )
    post_mime(inbound_app, raw)
    assert messages_to(ADDRESS) == []


def test_the_acknowledgement_goes_to_the_store_not_to_a_stranger(inbound_app: Flask, sent) -> None:  # type: ignore[no-untyped-def]
    """Whoever holds a forwarded copy cannot make us write to an address of theirs."""
    raw = reply_to(sent, "We can do 1 100 EUR.").replace(
        f"From: Kettle & Co <{ADDRESS}>".encode(), b"From: Someone <someone@elsewhere.example>"
    )
    post_mime(inbound_app, raw)
    assert messages_to("someone@elsewhere.example") == []
    (ack,) = messages_to(ADDRESS)  # the address we wrote to
    assert "1,100.00" in ack.text_body
