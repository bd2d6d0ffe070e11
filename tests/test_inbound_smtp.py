"""The inbound domain's SMTP listener, spoken to with smtplib: it takes mail only for our
genuine reply and opt-out addresses, stores and acts on what it takes, and refuses the rest
at RCPT time."""

from __future__ import annotations

import signal
import smtplib
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import inbound_smtp
from discountmarket.extensions import db
from discountmarket.models import Channel, DispatchStatus, InboundMail, StoreStatus
from discountmarket.outreach.tokens import reply_token
from discountmarket.services.store_messages import opt_out_token
from tests.conftest import free_port
from tests.factories import DiscountRequestFactory, DispatchFactory, StoreFactory, tampered
from tests.processes import ROOT, flask_command, worker_env

DOMAIN = "in.discountmarket.example"


@pytest.fixture
def listener(make_app) -> Iterator[tuple[Flask, int]]:  # type: ignore[no-untyped-def]
    app = make_app(INBOUND_DOMAIN=DOMAIN)
    port = free_port()
    running = inbound_smtp.controller(app, "127.0.0.1", port)
    running.start()
    try:
        with app.app_context():
            yield app, port
            db.session.remove()
    finally:
        running.stop()


def _message(to: str, body: str) -> bytes:
    return (
        f"From: sales@kettles.example\r\nTo: {to}\r\nSubject: Re: your request\r\n"
        "Message-ID: <smtp-1@kettles.example>\r\nContent-Type: text/plain\r\n\r\n"
        f"{body}\r\n"
    ).encode()


def test_a_reply_through_smtp_answers_its_dispatch(listener: tuple[Flask, int]) -> None:
    _app, port = listener
    request = DiscountRequestFactory()
    dispatch = DispatchFactory(
        request=request,
        store=request.product.store,
        channel=Channel.EMAIL,
        status=DispatchStatus.SENT,
        sent_at=datetime.now(UTC),
    )
    db.session.commit()
    to = f"reply+{reply_token(dispatch.id)}@{DOMAIN}"
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("sales@kettles.example", [to], _message(to, "Yes: 10% off with CODE10."))
    db.session.expire_all()
    assert dispatch.status == DispatchStatus.ANSWERED
    stored = db.session.scalar(sa.select(InboundMail))
    assert (stored.source, stored.kind, stored.dispatch_id) == ("smtp", "reply", dispatch.id)


def test_unknown_and_forged_addresses_are_refused_at_rcpt(listener: tuple[Flask, int]) -> None:
    _app, port = listener
    forged = f"reply+{tampered(reply_token(7))}@{DOMAIN}"
    for to in ("postmaster@" + DOMAIN, forged, f"reply+{reply_token(7)}@elsewhere.example"):
        with (
            smtplib.SMTP("127.0.0.1", port, timeout=10) as client,
            pytest.raises(smtplib.SMTPRecipientsRefused),
        ):
            client.sendmail("x@example.com", [to], _message(to, "hello"))
    assert db.session.scalar(sa.select(sa.func.count(InboundMail.id))) == 0


def test_a_mailto_opt_out_opts_the_store_out(listener: tuple[Flask, int]) -> None:
    """The List-Unsubscribe mailbox we advertise is read: mail to it opts the store out."""
    _app, port = listener
    store = StoreFactory()
    db.session.commit()
    to = f"unsubscribe+{opt_out_token(store, 'sales@' + store.domain)}@{DOMAIN}"
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("sales@" + store.domain, [to], _message(to, "unsubscribe"))
    db.session.expire_all()
    assert store.status == StoreStatus.OPTED_OUT


def test_malformed_input_never_crashes_the_listener(listener: tuple[Flask, int]) -> None:
    _app, port = listener
    request = DiscountRequestFactory()
    dispatch = DispatchFactory(request=request, store=request.product.store)
    db.session.commit()
    to = f"reply+{reply_token(dispatch.id)}@{DOMAIN}"
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:
        client.sendmail("x@example.com", [to], b"\xff\xfe\x00garbage without headers\r\n")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as client:  # still listening
        assert client.noop()[0] == 250


def test_the_command_listens_until_stopped(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`flask --app wsgi inbound smtp --port N` serves until SIGTERM, then exits cleanly."""
    app = make_app(HUEY_SQLITE_PATH=str(tmp_path / "queue.db"))
    port = free_port()
    env = worker_env(app, DISCOUNTMARKET_INBOUND_DOMAIN=DOMAIN)
    process = subprocess.Popen(
        flask_command("inbound", "smtp", "--port", str(port)),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with smtplib.SMTP("127.0.0.1", port, timeout=2) as client:
                    assert client.noop()[0] == 250
                    client.ehlo()
                    client.mail("x@example.com")
                    assert client.rcpt("nobody@" + DOMAIN)[0] == 550
                break
            except OSError:
                assert process.poll() is None, "the listener exited"
                assert time.monotonic() < deadline, "the listener did not start"
                time.sleep(0.2)
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
