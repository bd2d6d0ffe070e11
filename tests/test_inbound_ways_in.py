"""The inbound corpus fed end to end through each way in — the SMTP listener (smtplib), the
IMAP poller (a private Dovecot) and the provider's HTTP forwarding — each message addressed
to a real dispatch (its corpus token swapped for a genuine one): replies answer the
dispatch and those naming a price become drafts, out-of-office answers pause the store's
clock, permanent bounces mark the address and plan the contact form, other mail changes
nothing."""

from __future__ import annotations

import json
import smtplib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import inbound_smtp
from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    Dispatch,
    DispatchStatus,
    InboundMail,
    StoreContact,
)
from discountmarket.outreach.tokens import reply_token
from discountmarket.services import inbound_mail, reply_offers
from tests.conftest import free_port
from tests.factories import DiscountRequestFactory, DispatchFactory, StoreFactory
from tests.imap import Dovecot, dovecot_server

CORPUS = Path(__file__).resolve().parent / "fixtures" / "inbound"
DOMAIN = "in.discountmarket.test"  # the corpus's inbound domain
SECRET = "provider-shared-secret-0123456789"


def corpus() -> list[Path]:
    """Corpus messages whose token is written out (not inside an encoded part), so a
    genuine one can take its place; at most four of each kind keeps this quick."""
    chosen = []
    for folder in sorted(CORPUS.iterdir()):
        usable = [
            path
            for path in sorted(folder.glob("*.eml"))
            if _expected(path)["token"] and _expected(path)["token"].encode() in path.read_bytes()
        ]
        chosen += usable[:4]
    return chosen


def _expected(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.fixture
def inbound_app(make_app) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    app = make_app(INBOUND_DOMAIN=DOMAIN, INBOUND_SECRET=SECRET)
    with app.app_context():
        yield app
        db.session.remove()


def through_smtp(app: Flask, raw: bytes, to: str) -> None:
    port = free_port()
    listener = inbound_smtp.controller(app, "127.0.0.1", port)
    listener.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
            client.sendmail("sender@shop.example", [to], raw)
    finally:
        listener.stop()


def through_http(app: Flask, raw: bytes, to: str) -> None:
    response = app.test_client().post(
        "/inbound/mime",
        data=raw,
        headers={"Authorization": f"Bearer {SECRET}", "Content-Type": "message/rfc822"},
    )
    assert response.status_code in (200, 201, 202), response.get_data(as_text=True)


@pytest.fixture(scope="module")
def imap_server() -> Iterator[Dovecot]:
    with dovecot_server() as running:
        yield running


def through_imap(app: Flask, raw: bytes, to: str, server: Dovecot) -> None:
    """Delivered into an ordinary mailbox, read by one pass of ``flask inbound imap``."""
    with server.client() as client:
        client.append("INBOX", raw)
    app.config["INBOUND_IMAP_URL"] = server.url()
    result = app.test_cli_runner().invoke(args=["inbound", "imap", "--once"])
    assert result.exit_code == 0 and "Processed 1 message(s)." in result.output, result.output


WAYS_IN: dict[str, Callable[..., None]] = {
    "smtp": through_smtp,
    "http": through_http,
    "imap": through_imap,
}


def a_sent_dispatch() -> Dispatch:
    store = StoreFactory(last_probed_at=datetime.now(UTC))
    store.form_plan = {"submittable": True, "action": "https://shop.example/contact"}
    request = DiscountRequestFactory(product__store=store)
    dispatch = DispatchFactory(
        request=request,
        store=store,
        channel=Channel.EMAIL,
        status=DispatchStatus.SENT,
        sent_at=datetime.now(UTC),
    )
    db.session.commit()
    return dispatch


@pytest.mark.parametrize("way", sorted(WAYS_IN))
@pytest.mark.parametrize("path", corpus(), ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_each_message_lands_where_it_belongs(
    inbound_app: Flask, way: str, path: Path, request: pytest.FixtureRequest
) -> None:
    expected = _expected(path)
    dispatch = a_sent_dispatch()
    genuine = reply_token(dispatch.id)
    raw = path.read_bytes().replace(expected["token"].encode(), genuine.encode())
    bounce = expected["bounce"] or {}
    for address in bounce.get("recipients") or []:  # the store's own address bounced
        dispatch.store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=address))
    db.session.commit()

    server = [request.getfixturevalue("imap_server")] if way == "imap" else []
    WAYS_IN[way](inbound_app, raw, f"reply+{genuine}@{DOMAIN}", *server)

    db.session.expire_all()
    (stored,) = db.session.scalars(sa.select(InboundMail)).all()
    assert (stored.source, stored.kind, stored.dispatch_id) == (way, expected["kind"], dispatch.id)
    dispatch = db.session.get(Dispatch, dispatch.id)
    if expected["kind"] == "reply":
        assert dispatch.status == DispatchStatus.ANSWERED
        draft = reply_offers.draft_for(dispatch.request_id, dispatch.store_id)
        assert (draft is not None) == _names_a_usable_offer(expected["reply"]["offer"])
    elif expected["kind"] == "auto_reply":
        until = (expected["auto_reply"] or {}).get("until")
        assert dispatch.status == DispatchStatus.SENT
        away = dispatch.store.away_until
        assert (away is not None) == bool(until)  # the clock waits (never beyond 60 days)
        if until and _within_pause(date.fromisoformat(until)):
            assert away.date() >= date.fromisoformat(until)
    elif expected["kind"] == "bounce" and bounce.get("permanent"):
        assert dispatch.status == DispatchStatus.FAILED
        bounced = {c.value for c in dispatch.store.contacts if c.bounced}
        assert bounced == {address.lower() for address in bounce["recipients"]}
        form = db.session.scalar(
            sa.select(Dispatch).filter_by(request_id=dispatch.request_id, channel=Channel.FORM)
        )
        assert form is not None and form.status == DispatchStatus.PENDING
    else:  # a soft bounce or other mail: nothing changes yet
        assert dispatch.status == DispatchStatus.SENT


def _names_a_usable_offer(offer: dict | None) -> bool:
    if not offer:
        return False
    price = offer.get("price")
    return bool(offer.get("coupon") or offer.get("percent") or (price and float(price) > 0))


def _within_pause(until: date) -> bool:
    today = datetime.now(UTC).date()
    return today <= until <= today + timedelta(days=inbound_mail.MAX_AWAY.days)
