"""Mail backends: the capture backend keeps messages; SMTP delivers to a real (local) server."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import CapturedMail, MailMessage, MailStatus
from discountmarket.outreach import mail
from discountmarket.services import mailing
from discountmarket.services.mail_capture import CaptureBackend
from tests.conftest import free_port
from tests.smtp import RecordingHandler
from tests.smtp import smtp_server as smtp_server_at


@pytest.fixture
def smtp_server() -> Iterator[tuple[RecordingHandler, int]]:
    port = free_port()
    with smtp_server_at(port) as handler:
        yield handler, port


def sample(**overrides) -> mail.Mail:  # type: ignore[no-untyped-def]
    values = {
        "to": ["shop@store.example"],
        "subject": "A shopper would buy your headphones",
        "text": "Hello,\nplain text body",
        "html": "<p>Hello, <b>HTML</b> body</p>",
        "sender": "DiscountMarket <noreply@discountmarket.local>",
        "headers": {"List-Unsubscribe": "<https://dm.example/u/abc>"},
        "message_id": "<test-1@discountmarket.local>",
    }
    values.update(overrides)
    return mail.Mail(**values)


def test_capture_backend_keeps_the_message_once(app: Flask) -> None:
    backend = CaptureBackend()
    backend.send(sample())
    backend.send(sample())  # a retried task must not store a second copy
    jobs.commit()
    (stored,) = db.session.scalars(sa.select(CapturedMail)).all()
    assert stored.recipients == "shop@store.example"
    assert stored.subject == "A shopper would buy your headphones"
    assert stored.html_body == "<p>Hello, <b>HTML</b> body</p>"
    assert stored.headers == {"List-Unsubscribe": "<https://dm.example/u/abc>"}


def test_capture_is_the_default_and_recorded_mail_uses_it(app: Flask) -> None:
    mailing.queue(sample(message_id="<task@discountmarket.local>"), kind="test")
    jobs.commit()
    assert db.session.scalar(
        sa.select(CapturedMail.subject).where(
            CapturedMail.message_id == "<task@discountmarket.local>"
        )
    )


def test_smtp_backend_delivers_text_html_and_headers(smtp_server) -> None:  # type: ignore[no-untyped-def]
    handler, port = smtp_server
    mail.SMTPBackend(f"smtp://127.0.0.1:{port}").send(sample())
    (received,) = handler.messages
    assert received["Subject"] == "A shopper would buy your headphones"
    assert received["To"] == "shop@store.example"
    assert received["Message-ID"] == "<test-1@discountmarket.local>"
    assert received["List-Unsubscribe"] == "<https://dm.example/u/abc>"
    assert received.get_body(("plain",)).get_content().splitlines() == ["Hello,", "plain text body"]
    assert "<b>HTML</b>" in received.get_body(("html",)).get_content()
    assert handler.envelopes[0].rcpt_tos == ["shop@store.example"]


def test_one_connection_serves_a_batch(smtp_server) -> None:  # type: ignore[no-untyped-def]
    handler, port = smtp_server
    for n in range(3):
        mail.SMTPBackend(f"smtp://127.0.0.1:{port}").send(sample(message_id=f"<b{n}@x>"))
    assert len(handler.messages) == 3
    assert len(handler.sessions) == 1


def test_a_dropped_connection_is_reopened(smtp_server) -> None:  # type: ignore[no-untyped-def]
    handler, port = smtp_server
    backend = mail.SMTPBackend(f"smtp://127.0.0.1:{port}")
    backend.send(sample(message_id="<c1@x>"))
    backend._cached().sock.shutdown(socket.SHUT_RDWR)  # the idle connection was dropped
    backend.send(sample(message_id="<c2@x>"))
    assert [m["Message-ID"] for m in handler.messages] == ["<c1@x>", "<c2@x>"]
    assert len(handler.sessions) == 2


def test_smtp_through_the_app_config(make_app, smtp_server) -> None:  # type: ignore[no-untyped-def]
    handler, port = smtp_server
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{port}")
    with app.app_context():
        mailing.queue(sample(), kind="test")
        jobs.commit()
    assert len(handler.messages) == 1
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(CapturedMail.id))) == 0


def test_refused_connection_is_a_transient_error() -> None:
    with pytest.raises(mail.MailError) as raised:
        mail.SMTPBackend(f"smtp://127.0.0.1:{free_port()}", timeout=3).send(sample())
    assert raised.value.permanent is False


def test_5xx_is_permanent_4xx_is_transient(smtp_server) -> None:  # type: ignore[no-untyped-def]
    handler, port = smtp_server
    backend = mail.SMTPBackend(f"smtp://127.0.0.1:{port}")
    handler.reply = "550 5.7.1 Message rejected"
    with pytest.raises(mail.MailError) as raised:
        backend.send(sample())
    assert raised.value.permanent is True
    handler.reply = "451 4.3.0 Try again later"
    with pytest.raises(mail.MailError) as raised:
        backend.send(sample())
    assert raised.value.permanent is False


@pytest.mark.parametrize(
    "overrides",
    [
        {"headers": {"X-Note": "ok\r\nBcc: victim@example.com"}},
        {"to": ["a@example.com\r\nBcc: victim@example.com"]},
        {"sender": "Evil\nBcc: victim@example.com <a@example.com>"},
    ],
)
def test_header_injection_is_refused(overrides) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        sample(**overrides).to_mime()


def test_newlines_in_a_subject_are_folded_not_injected() -> None:
    message = sample(subject="Hello\r\nBcc: victim@example.com").to_mime()
    assert message["Subject"] == "Hello Bcc: victim@example.com"
    assert message["Bcc"] is None


def test_display_names_are_quoted() -> None:
    assert mail.display_address('Shop "Best"\nBcc: x', "a@example.com") == (
        '"Shop \\"Best\\" Bcc: x" <a@example.com>'
    )


def test_compose_renders_both_parts_in_the_recipients_language(app: Flask) -> None:
    with app.test_request_context():
        message = mail.compose(
            "reset_password",
            "a@example.com",
            "Reset",
            locale="en",
            reset_url="https://dm.example/auth/reset/abc",
            max_age_minutes=60,
        )
    assert "https://dm.example/auth/reset/abc" in message.text
    assert message.html and 'href="https://dm.example/auth/reset/abc"' in message.html
    assert message.message_id.startswith("<") and message.message_id.endswith(
        "@discountmarket.local>"
    )


def test_a_refused_message_is_recorded_not_lost(make_app, smtp_server) -> None:  # type: ignore[no-untyped-def]
    handler, port = smtp_server
    handler.reply = "550 5.1.1 No such user here"
    app = make_app(SMTP_URL=f"smtp://127.0.0.1:{port}")
    with app.app_context():
        mail_id = mailing.queue(sample(), kind="test").id
        jobs.commit()  # the job runs in-process in tests
        db.session.expire_all()
        record = db.session.get(MailMessage, mail_id)
        assert (record.status, record.attempts) == (MailStatus.FAILED, 1)
        assert "550" in record.last_error
        assert mailing.send_recorded(mail_id) == MailStatus.FAILED  # never tried again
    assert handler.messages == []
