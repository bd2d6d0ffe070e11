"""Reading raw messages safely: bounds, charsets, transfer encodings, HTML to text."""

from __future__ import annotations

import base64

import pytest

from discountmarket.inbound import message as mime
from discountmarket.inbound.message import UnreadableMessage


def raw(
    body: str, content_type: str = 'text/plain; charset="utf-8"', cte: str = "8bit", extra: str = ""
) -> bytes:
    head = (
        "From: a@shop.example\r\nTo: b@x.example\r\nSubject: hi\r\n"
        f"{extra}MIME-Version: 1.0\r\nContent-Type: {content_type}\r\n"
        f"Content-Transfer-Encoding: {cte}\r\n\r\n"
    )
    return (
        head.encode() + body.encode("latin-1", "surrogateescape")
        if isinstance(body, str)
        else head.encode() + body
    )


@pytest.mark.parametrize(
    "data", [b"", b"   \r\n", b"\x00\x01\x02binary", b"<html>not mail</html>", b"text"]
)
def test_what_is_no_message_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableMessage):
        mime.parse(data)


def test_not_bytes_and_too_large_are_unreadable() -> None:
    with pytest.raises(UnreadableMessage):
        mime.parse("From: a@b\r\n\r\nx")  # type: ignore[arg-type]
    with pytest.raises(UnreadableMessage, match="larger"):
        mime.parse(b"From: a@b.example\r\n\r\n" + b"x" * (mime.MAX_BYTES + 1))


def test_an_mbox_from_line_is_tolerated() -> None:
    message = mime.parse(
        b"From MAILER-DAEMON Mon Jan  4 10:12:09 2027\nFrom: a@b.example\n\nhello\n"
    )
    assert mime.body_text(message) == "hello"


def test_base64_windows_1251_is_decoded() -> None:
    body = base64.b64encode("Скидка 10%".encode("cp1251")).decode()
    message = mime.parse(raw(body, 'text/plain; charset="windows-1251"', "base64"))
    assert mime.body_text(message) == "Скидка 10%"


def test_quoted_printable_koi8r_is_decoded() -> None:
    encoded = "".join(f"={b:02X}" for b in "Привет".encode("koi8-r"))
    message = mime.parse(raw(encoded, "text/plain; charset=koi8-r", "quoted-printable"))
    assert mime.body_text(message) == "Привет"


def test_an_unknown_or_wrong_charset_falls_back_without_crashing() -> None:
    message = mime.parse(
        raw("caf\u00e9".encode().decode("latin-1"), "text/plain; charset=x-unknown-42")
    )
    assert mime.body_text(message) == "café"
    wrong = mime.parse(
        raw("\xe9t\xe9", "text/plain; charset=utf-8")
    )  # latin-1 bytes labelled utf-8
    assert mime.body_text(wrong) == "été"


def test_encoded_words_and_raw_utf8_headers_are_decoded() -> None:
    message = mime.parse(
        (
            "From: =?utf-8?B?0JjQstCw0L0=?= <ivan@x.example>\r\nSubject: Caf\u00e9 "
            "cr\u00e8me\r\n\r\nx"
        ).encode()
    )
    assert mime.header(message, "From").startswith("Иван")
    assert mime.header(message, "Subject") == "Café crème"
    assert mime.addresses(message, "From") == ["ivan@x.example"]


def test_html_becomes_text_without_scripts_or_styles() -> None:
    html = (
        "<html><head><style>p{}</style></head><body><p>Hello &amp; "
        "welcome</p><script>x()</script><div>Line<br>two</div></body></html>"
    )
    assert mime.html_text(html) == "Hello & welcome\n\nLine\ntwo"


def test_parts_walked_are_capped() -> None:
    parts = "".join(
        f"--b\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n" for i in range(mime.MAX_PARTS * 3)
    )
    message = mime.parse(raw(parts + "--b--\r\n", 'multipart/mixed; boundary="b"'))
    assert len(list(mime.walk(message))) == mime.MAX_PARTS


def test_sent_date_tolerates_a_broken_date() -> None:
    assert mime.sent_date(mime.parse(b"From: a@b.example\r\nDate: not a date\r\n\r\nx")) is None
    good = mime.parse(b"From: a@b.example\r\nDate: Mon, 4 Jan 2027 23:30:00 -0100\r\n\r\nx")
    assert str(mime.sent_date(good)) == "2027-01-04"


def test_attachments_and_enclosed_messages_are_not_the_body() -> None:
    body = (
        "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; "
        "filename=a.txt\r\n\r\nattached\r\n"
        "--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: c@d.example\r\n\r\nenclosed\r\n"
        "--b\r\nContent-Type: text/plain\r\n\r\nthe body\r\n--b--\r\n"
    )
    plain, html = mime.bodies(mime.parse(raw(body, 'multipart/mixed; boundary="b"')))
    assert plain is not None and plain.strip() == "the body" and html is None


@pytest.mark.parametrize(
    "html", ["https://shop.example/deal", "offer.html", '<?xml version="1.0"?><a>x</a>']
)
def test_html_that_looks_like_a_locator_or_xml_gives_text_without_warnings(html: str) -> None:
    assert mime.html_text(html)  # the suite turns warnings into errors
