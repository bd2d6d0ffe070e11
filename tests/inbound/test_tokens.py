"""The reply token, found but not verified."""

from __future__ import annotations

from discountmarket.inbound import message as mime
from discountmarket.inbound import tokens


def parse(headers: str, body: str = "hello") -> object:
    return mime.parse(f"From: s@shop.example\r\n{headers}\r\n{body}\r\n".encode())


def test_from_any_recipient_header() -> None:
    for name in ("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To"):
        message = parse(f"{name}: Shop <reply+AbC123xyz@in.discountmarket.test>\r\n")
        assert tokens.find(message, "") == "AbC123xyz", name  # type: ignore[arg-type]


def test_from_in_reply_to_or_references() -> None:
    message = parse(
        "To: requests@discountmarket.test\r\nReferences: <a@b.example> "
        "<dispatch-42.AbC123xyz@discountmarket.test>\r\n"
    )
    assert tokens.find(message, "") == "AbC123xyz"  # type: ignore[arg-type]


def test_tokens_with_url_safe_characters() -> None:
    message = parse("To: reply+aB-c_D.9=@in.discountmarket.test\r\n")
    assert tokens.find(message, "") == "aB-c_D.9="  # type: ignore[arg-type]


def test_from_a_forwarded_reply_to_line() -> None:
    text = (
        "FYI\n\n---------- Forwarded message ---------\nFrom: DiscountMarket\n"
        "Reply-To: <reply+Fw9@in.discountmarket.test>\n"
    )
    assert tokens.find(parse("To: requests@discountmarket.test\r\n"), text) == "Fw9"  # type: ignore[arg-type]


def test_unsubscribe_and_lookalike_addresses_are_not_tokens() -> None:
    message = parse(
        "To: unsubscribe+Zz9@in.discountmarket.test, noreply+x@shop.example, "
        "myreply+Q@x.example\r\n"
    )
    assert (
        tokens.find(message, "List-Unsubscribe: <mailto:unsubscribe+Zz9@in.discountmarket.test>")
        is None
    )  # type: ignore[arg-type]


def test_a_bounce_takes_the_returned_originals_message_id_not_its_unsubscribe_token() -> None:
    raw = (
        b"From: MAILER-DAEMON@mx.example\r\nTo: requests@discountmarket.test\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
        b"--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        b"List-Unsubscribe: <mailto:unsubscribe+Unsub1@in.discountmarket.test>\r\n"
        b"Message-ID: <dispatch-7.Orig1@discountmarket.test>\r\n\r\n--B--\r\n"
    )
    message = mime.parse(raw)
    assert tokens.find_in_bounce(message, mime.body_text(message)) == "Orig1"


def test_a_bounce_addressed_to_our_return_path_uses_it() -> None:
    message = mime.parse(
        b"From: MAILER-DAEMON@mx.example\r\nTo: reply+Own1@in.discountmarket.test\r\n\r\nx"
    )
    assert (
        tokens.find_in_bounce(message, "Message-ID: <dispatch-7.Other@discountmarket.test>")
        == "Own1"
    )


def test_a_plain_bounce_quoting_the_original_headers() -> None:
    message = mime.parse(
        b"From: MAILER-DAEMON@mx.example\r\nTo: requests@discountmarket.test\r\n\r\nx"
    )
    text = (
        "--- copy ---\nList-Unsubscribe: <mailto:unsubscribe+U@x.example>\n"
        "Message-ID: <dispatch-9.Plain9@discountmarket.test>\n"
    )
    assert tokens.find_in_bounce(message, text) == "Plain9"
