"""Mail that comes back, through a provider's HTTP forwarding: a store's reply answers its
dispatch and reaches the shopper's page; a bounce marks the address and tries the form; the
same message twice is one; only the provider with the secret may post."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    InboundMail,
    Role,
    StoreContact,
    Suppression,
)
from discountmarket.outreach.tokens import reply_token
from discountmarket.services import escalation, inbound_mail
from tests.blueprints.conftest import ADDRESS, AUTH, reply_to
from tests.conftest import AuthActions, FormPoster
from tests.factories import (
    UserFactory,
    answer_token,
    tampered,
)
from tests.mailbox import messages_to


def bounce_of(dispatch: Dispatch) -> bytes:
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mx.kettles.example>\r\n"
        f"To: reply+{reply_token(dispatch.id)}@in.discountmarket.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <b1@mx.kettles.example>\r\nAuto-Submitted: auto-replied\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.kettles.example\r\n\r\n"
        f"Final-Recipient: rfc822; {ADDRESS}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "--B--\r\n"
    ).encode()


def post(app: Flask, raw: bytes, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return app.test_client().post(
        "/inbound/mime", data=raw, headers=AUTH if headers is None else headers
    )


def test_a_stores_reply_answers_its_dispatch_and_reaches_the_shopper(
    inbound_app: Flask, sent: Dispatch
) -> None:
    body = "We can do EUR 80.00 <b>for you</b> this week."
    response = post(inbound_app, reply_to(sent, body))
    assert response.status_code == 201 and response.get_json()["kind"] == "reply"
    db.session.expire_all()
    assert sent.status == DispatchStatus.ANSWERED
    assert db.session.scalar(sa.select(Escalation.status)) == EscalationStatus.RESOLVED
    (stored,) = db.session.scalars(sa.select(InboundMail)).all()
    assert stored.dispatch_id == sent.id and stored.text == body  # the quote is gone
    forms = FormPoster(inbound_app.test_client())
    AuthActions(forms).login("s@example.com")
    page = forms.client.get(f"/my/requests/{sent.request_id}").get_data(as_text=True)
    assert "Answers by e-mail" in page and "Kettle &amp; Co" in page
    assert "&lt;b&gt;for you&lt;/b&gt;" in page and "<b>for you</b>" not in page  # escaped

    again = post(inbound_app, reply_to(sent, body))  # the provider retries: handled once
    assert again.status_code == 200 and again.get_json()["duplicate"] is True
    assert db.session.scalar(sa.select(sa.func.count(InboundMail.id))) == 1


def test_a_bounce_marks_the_address_and_tries_the_form(inbound_app: Flask, sent: Dispatch) -> None:
    response = post(inbound_app, bounce_of(sent))
    assert response.get_json()["kind"] == "bounce"
    db.session.expire_all()
    assert sent.status == DispatchStatus.FAILED
    contact = db.session.scalar(sa.select(StoreContact).filter_by(value=ADDRESS))
    assert contact.bounced
    assert db.session.scalar(sa.select(Suppression.value)) == ADDRESS
    form = db.session.scalar(
        sa.select(Dispatch).filter_by(request_id=sent.request_id, channel=Channel.FORM)
    )
    assert form is not None  # the same request, through the store's form


def test_a_forged_or_unknown_token_changes_nothing(inbound_app: Flask, sent: Dispatch) -> None:
    forged = reply_to(sent, "We can do EUR 1.00").replace(
        reply_token(sent.id).encode(), tampered(reply_token(sent.id)).encode()
    )
    assert post(inbound_app, forged).status_code == 201
    db.session.expire_all()
    assert sent.status == DispatchStatus.SENT
    assert db.session.scalar(sa.select(InboundMail.dispatch_id)) is None  # kept, tied to nothing


def test_only_the_provider_may_post(inbound_app: Flask, sent: Dispatch, make_app) -> None:  # type: ignore[no-untyped-def]
    raw = reply_to(sent, "Yes")
    assert post(inbound_app, raw, headers={}).status_code == 401
    assert post(inbound_app, raw, headers={"Authorization": "Bearer wrong"}).status_code == 401
    too_large = b"Subject: x\r\n\r\n" + b"x" * (inbound_mail.MAX_BYTES + 1)
    assert post(inbound_app, too_large).status_code == 413
    assert db.session.scalar(sa.select(sa.func.count(InboundMail.id))) == 0
    without_secret = make_app()
    assert without_secret.test_client().post("/inbound/mime", data=raw).status_code == 404


def test_an_unreadable_message_is_kept_and_answered(inbound_app: Flask) -> None:
    response = post(inbound_app, b"\x00\x01 not a message at all")
    assert response.status_code == 201
    assert db.session.scalar(sa.select(InboundMail.kind)) in ("unreadable", "other")


def test_the_reply_shows_on_the_stores_page_and_to_operators(
    inbound_app: Flask, sent: Dispatch
) -> None:
    post(inbound_app, reply_to(sent, "Ask for Pavel, he can do 10% <i>today</i>."))
    token = answer_token(sent.request, sent.store)
    page = inbound_app.test_client().get(f"/store/answer/{token}").get_data(as_text=True)
    assert "Your e-mail replies" in page and "Ask for Pavel" in page
    assert "&lt;i&gt;today&lt;/i&gt;" in page
    UserFactory(email="ops@example.com", role=Role.OPERATOR)
    escalation = Escalation(store=sent.store, reason="no answer")  # a new one after the reply
    db.session.add(escalation)
    db.session.commit()
    forms = FormPoster(inbound_app.test_client())
    AuthActions(forms).login("ops@example.com")
    ops = forms.client.get(f"/ops/escalations/{escalation.id}").get_data(as_text=True)
    assert "Mail from the store" in ops and "a reply" in ops and "Ask for Pavel" in ops


def test_an_out_of_office_reply_stops_the_chase_until_the_store_is_back(
    inbound_app: Flask, sent: Dispatch
) -> None:
    """The SLA clock waits until the named day's end; named alternates go to operators."""
    until = (datetime.now(UTC) + timedelta(days=10)).date()
    raw = (
        f"From: {ADDRESS}\r\nTo: reply+{reply_token(sent.id)}@in.discountmarket.example\r\n"
        "Subject: Automatic reply: A shopper asks Kettle & Co\r\nAuto-Submitted: auto-replied\r\n"
        f"Message-ID: <ooo-1@kettles.example>\r\nDate: {format_datetime(datetime.now(UTC))}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"I am out of the office until {until.strftime('%d %B %Y')}. "
        "For urgent matters please write to olga@kettles.example.\r\n"
    ).encode()
    assert post(inbound_app, raw).get_json()["kind"] == "auto_reply"
    db.session.expire_all()
    assert sent.store.away_until is not None
    assert sent.store.away_until.date() in (until, until + timedelta(days=1))
    sent.sent_at = datetime.now(UTC) - timedelta(days=30)  # long silent, but away
    db.session.execute(sa.delete(Escalation))
    db.session.commit()
    report = escalation.sla_sweep(datetime.now(UTC))
    assert (report.retried, report.escalated) == (0, 0)
    later = escalation.sla_sweep(datetime.now(UTC) + timedelta(days=12))  # back: chased again
    assert later.escalated == 1
    UserFactory(email="ops@example.com", role=Role.OPERATOR)
    db.session.commit()
    case = db.session.scalar(sa.select(Escalation))
    forms = FormPoster(inbound_app.test_client())
    AuthActions(forms).login("ops@example.com")
    ops = forms.client.get(f"/ops/escalations/{case.id}").get_data(as_text=True)
    assert "olga@kettles.example" in ops and "an automatic reply" in ops


def test_the_shopper_is_told_of_a_reply(inbound_app: Flask, sent: Dispatch) -> None:
    post(inbound_app, reply_to(sent, "We can do 10% off, just ask for Pavel."))
    (told,) = messages_to("s@example.com")
    assert told.subject == "Kettle & Co replied to your request"
    assert "ask for Pavel" in told.text_body and f"/my/requests/{sent.request_id}" in told.text_body


def soft_bounce_of(dispatch: Dispatch, n: int) -> bytes:
    return (
        bounce_of(dispatch)
        .replace(b"<b1@mx.kettles.example>", f"<soft{n}@mx.kettles.example>".encode())
        .replace(b"Action: failed\r\nStatus: 5.1.1", b"Action: delayed\r\nStatus: 4.2.2")
    )


def test_repeated_soft_bounces_count_as_a_hard_one(inbound_app: Flask, sent: Dispatch) -> None:
    contact = db.session.scalar(sa.select(StoreContact).filter_by(value=ADDRESS))
    for n in range(inbound_mail.SOFT_BOUNCES_PERMANENT):
        assert post(inbound_app, soft_bounce_of(sent, n)).get_json()["kind"] == "bounce"
        db.session.expire_all()
        assert contact.bounced == (n == inbound_mail.SOFT_BOUNCES_PERMANENT - 1), n


def test_a_stored_message_is_replayed_with_todays_classifier(inbound_app: Flask, sent) -> None:  # type: ignore[no-untyped-def]
    """A reply an older classifier filed as "other" is read again (`flask inbound replay`):
    the dispatch is answered and the shopper told, once however often it is replayed."""
    raw = reply_to(sent, "Yes, 10% off for you with code TEN.")
    stored = InboundMail(message_key="<r1@kettles.example>", source="http", kind="other", raw=raw)
    db.session.add(stored)
    db.session.commit()
    runner = inbound_app.test_cli_runner()
    first = runner.invoke(args=["inbound", "replay", str(stored.id)])
    assert first.exit_code == 0 and f"{stored.id}: other -> reply" in first.output
    again = runner.invoke(args=["inbound", "replay", str(stored.id)])
    assert again.exit_code == 0 and f"{stored.id}: reply" in again.output
    db.session.expire_all()
    assert db.session.get(Dispatch, sent.id).status == DispatchStatus.ANSWERED
    assert len(messages_to("s@example.com")) == 1  # the shopper is told once
    missing = runner.invoke(args=["inbound", "replay", "999999"])
    assert missing.exit_code != 0 and "No inbound message 999999" in missing.output
