"""Delivery failures: RFC 3464 reports and plain-text notices."""

from __future__ import annotations

from discountmarket.inbound import bounce
from discountmarket.inbound import message as mime


def report(
    action: str, status: str, recipient: str = "info@shop.example", extra: str = ""
) -> bytes:
    return (
        "From: MAILER-DAEMON@mx.example\r\nTo: reply+T0k@in.discountmarket.test\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status;"
        ' boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/plain\r\n\r\nThe mail system\r\n\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n{action}{status}{extra}\r\n--B--\r\n"
    ).encode()


def detect(raw: bytes) -> bounce.Bounce | None:
    return bounce.detect(mime.parse(raw))


def test_failed_with_a_5xx_status_is_permanent() -> None:
    found = detect(report("Action: failed\r\n", "Status: 5.1.1\r\n"))
    assert found == bounce.Bounce(permanent=True, status="5.1.1", recipients=("info@shop.example",))


def test_delayed_4xx_is_soft() -> None:
    found = detect(report("Action: delayed\r\n", "Status: 4.4.7\r\n"))
    assert found is not None and not found.permanent and found.status == "4.4.7"


def test_action_failed_without_a_status_is_permanent() -> None:
    found = detect(report("Action: failed\r\n", ""))
    assert found is not None and found.permanent and found.status is None


def test_a_5xx_status_is_permanent_even_when_the_action_is_missing() -> None:
    found = detect(report("", "Status: 5.2.1\r\n"))
    assert found is not None and found.permanent


def test_our_own_addresses_are_never_bounced_recipients() -> None:
    found = detect(
        report("Action: failed\r\n", "Status: 5.1.1\r\n", "reply+T0k@in.discountmarket.test")
    )
    assert found is not None and found.recipients == ()


def test_an_ordinary_message_is_no_bounce() -> None:
    assert (
        detect(b"From: a@shop.example\r\nSubject: Re: hello\r\n\r\nThe mail system is down.")
        is None
    )


def test_plain_postfix_style_notice() -> None:
    raw = (
        b"From: MAILER-DAEMON@mx.example (Mail Delivery System)\r\nReturn-Path: <>\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\n\r\nThe mail system\r\n\r\n"
        b"<Info@Shop.example>: host mx.shop.example said: 550 5.1.1 User unknown\r\n"
    )
    assert detect(raw) == bounce.Bounce(
        permanent=True, status="5.1.1", recipients=("info@shop.example",)
    )


def test_plain_notice_with_only_a_basic_smtp_code() -> None:
    raw = (
        b"From: postmaster@mx.example\r\nSubject: Returned mail: see transcript for details\r\n\r\n"
        b"----- The following addresses had permanent fatal errors -----\r\n<a@shop.example>\r\n"
        b"550 Requested action not taken: mailbox unavailable\r\n"
    )
    found = detect(raw)
    assert found is not None and found.permanent and found.status is None
    assert found.recipients == ("a@shop.example",)


def test_a_version_number_or_an_ip_address_is_no_status() -> None:
    raw = (
        b"From: MAILER-DAEMON@mx.example\r\nSubject: failure notice\r\n\r\n"
        b"I'm afraid I wasn't able to deliver your message (server 2.4.10, 203.0.113.5).\r\n"
    )
    found = detect(raw)
    assert found is not None and found.status is None


def test_addresses_in_the_returned_header_are_not_recipients_in_any_language() -> None:
    raw = (
        b"From: postmaster@shop.example\r\nSubject: Unzustellbar: Rabattanfrage\r\n\r\n"
        b"Die Zustellung an folgende Empfaenger ist fehlgeschlagen:\r\n\r\nkauf@shop.example\r\n"
        b"#550 5.1.1 RESOLVER.ADR.RecipientNotFound ##\r\n\r\nKopfzeilen:\r\n\r\n"
        b"From: DiscountMarket <requests@discountmarket.test>\r\nTo: kauf@shop.example\r\n"
        b"Message-ID: <dispatch-1.T@discountmarket.test>\r\n"
    )
    found = detect(raw)
    assert found is not None and found.recipients == ("kauf@shop.example",)
