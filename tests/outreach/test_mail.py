"""The SMTP backend against a real (local) server; composing safe messages."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator

import pytest
from flask import Flask

from discountmarket.outreach import mail
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


def test_a_long_list_unsubscribe_stays_literal_on_the_wire() -> None:
    """RFC 2369/8058: the URLs stay between angle brackets as written. The email package
    used to fold a long value into encoded-words (=?utf-8?q?...?=), which strict clients
    do not decode: their one-click opt-out broke."""
    url = "https://discountmarket.example/store/optout/" + "a1B2c3D4" * 20
    mailbox = "unsubscribe+" + "x" * 100 + "@in.discountmarket.example"
    value = f"<{url}>, <mailto:{mailbox}>"
    message = mail.Mail(
        to=["sales@shop.example"],
        subject="A shopper asks",
        text="Hello",
        sender="DiscountMarket <noreply@discountmarket.example>",
        headers={"List-Unsubscribe": value, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        message_id="<1@discountmarket.example>",
    )
    raw = message.as_bytes()
    (line,) = [line for line in raw.split(b"\n") if line.startswith(b"List-Unsubscribe:")]
    assert line.rstrip(b"\r") == b"List-Unsubscribe: " + value.encode()
    assert b"=?" not in raw.split(b"\n\n", 1)[0]
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert str(parsed["List-Unsubscribe"]) == value


@pytest.mark.parametrize(
    "subject",
    [
        "Зерно и пар: покупатель просит скидку на Кофемолка Kallisto 40 и таймер помола на выбор",
        "Kávovar: zákazník žádá slevu na mlýnek na kávu s kónickými kameny a časovačem mletí",
        "Короткая тема",
    ],
)
def test_a_long_non_ascii_subject_keeps_every_space(subject: str) -> None:
    """The package folded such a subject into encoded-words with a space between them,
    which decoders drop ("покупательпросит"); each word now carries its own spaces and
    stays within RFC 2047's 75 characters."""
    message = mail.Mail(
        to=["sales@shop.example"],
        subject=subject,
        text="Hello",
        sender="DiscountMarket <noreply@discountmarket.example>",
        message_id="<2@discountmarket.example>",
    )
    raw = message.as_bytes()
    assert str(email.message_from_bytes(raw, policy=email.policy.default)["Subject"]) == subject
    head = raw.split(b"\n\n", 1)[0]
    words = re.findall(rb"=\?[^?]+\?[bqBQ]\?[^?]*\?=", head)
    assert words and max(len(word) for word in words) <= 75
    lines = [line.rstrip(b"\r") for line in head.split(b"\n") if b"=?" in line]
    assert max(len(line) for line in lines) <= 76  # RFC 2047: lines with encoded-words
