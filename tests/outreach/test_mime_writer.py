"""Outgoing mail written straight to the wire (discountmarket/outreach/mime_writer.py): what
any reader's mail program parses back is exactly what we meant, whatever the text, and the
bytes are seven-bit, short-lined and closed to header injection."""

# ruff: noqa: RUF001 — Russian text, as stores receive it.

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discountmarket.outreach import mime_writer
from discountmarket.outreach.mail import Mail, SMTPBackend, display_address
from tests.conftest import free_port
from tests.smtp import RecordingHandler, smtp_server


def write(**overrides: object) -> bytes:
    values: dict = {
        "sender": "DiscountMarket <requests@dm.example>",
        "to": ["sales@shop.example"],
        "subject": "A shopper asks",
        "message_id": "<1@dm.example>",
        "text": "Hello",
        "html": "<p>Hello</p>",
    }
    return mime_writer.write_message(**(values | overrides))


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def body(message: EmailMessage, subtype: str) -> str:
    """A part's text with its line ends as the writer was given them ("\n")."""
    return message.get_body((subtype,)).get_content().replace("\r\n", "\n")  # type: ignore[union-attr]


def rfc2047_addresses(raw: bytes, name: str) -> list[tuple[str, str]]:
    """A header's addresses with their names decoded as RFC 2047 says: whitespace between
    two encoded-words is dropped (mail programs do; the package's header registry puts a
    space there in display names)."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii").replace("\r\n ", " ")
    (value,) = [line.split(": ", 1)[1] for line in head.split("\r\n") if line.startswith(name)]
    return [
        (str(make_header(decode_header(display))), address)
        for display, address in getaddresses([value])
    ]


def check_wire_form(raw: bytes) -> None:
    """Seven-bit, CRLF only, lines within RFC 5322's 998 and, where they hold encoded-words,
    RFC 2047's 76."""
    assert raw.isascii()
    assert b"\n" not in raw.replace(b"\r\n", b"") and b"\r" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 998
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 76 for line in head.split(b"\r\n") if b"=?" in line)


# Any text a template, a shopper or a store's name can bring: every script, line ends of
# all kinds, control characters, long words, lines that look like boundaries or SMTP's dot.
PIECES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["\r\n", "\n", "\r", ".", "--=_", "x" * 120, "Grüße ", "Привет "]
)
TEXT = st.lists(PIECES, max_size=20).map("".join)
NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(subject=TEXT, text=TEXT, html=st.none() | TEXT, display=NAME)
def test_what_a_reader_parses_is_what_was_written(
    subject: str, text: str, html: str | None, display: str
) -> None:
    raw = write(
        subject=subject,
        text=text,
        html=html,
        to=[display_address(display, "sales@shop.example")],
    )
    check_wire_form(raw)
    message = parse(raw)
    assert str(message["Subject"]) == " ".join(subject.split())
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    assert body(message, "plain").rstrip("\n") == normal.rstrip("\n")
    if html:  # an empty one is no alternative
        assert body(message, "html").rstrip("\n") == html.replace("\r\n", "\n").replace(
            "\r", "\n"
        ).rstrip("\n")
    else:
        assert message.get_content_type() == "text/plain"
    assert rfc2047_addresses(raw, "To") == [(" ".join(display.split()), "sales@shop.example")]


@pytest.mark.parametrize(
    ("subject", "encoded"),
    [
        ("A shopper asks", False),
        ("Nachfrage: ein Käufer möchte die Kaffeemühle günstiger", True),
        ("A subject holding =?utf-8?q?this?= as words", True),  # else read as an encoded-word
    ],
)
def test_a_subject_is_plain_only_when_plain_ascii(subject: str, encoded: bool) -> None:
    raw = write(subject=subject)
    (line,) = [line for line in raw.split(b"\r\n") if line.startswith(b"Subject:")]
    assert (b"=?utf-8?b?" in line) == encoded
    assert str(parse(raw)["Subject"]) == subject


def test_a_long_ascii_subject_is_folded_at_its_spaces() -> None:
    subject = " ".join(["discount"] * 40)
    raw = write(subject=subject)
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")
    start = next(n for n, line in enumerate(head) if line.startswith(b"Subject:"))
    folded = [head[start]] + [line for line in head[start + 1 :] if line.startswith(b" ")]
    assert len(folded) > 1 and all(len(line) <= 78 for line in folded)
    assert str(parse(raw)["Subject"]) == subject


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Hello,\nshort ASCII lines.", "7bit"),
        ("Hello,\n" + "a long line " * 20, "quoted-printable"),
        (
            "Guten Tag,\nein Käufer möchte die Kaffeemühle etwas günstiger kaufen. Haben Sie "
            "ein Angebot für ihn?",
            "quoted-printable",  # Latin text stays readable
        ),
        ("Здравствуйте!\nПокупатель просит скидку на кофемолку.", "base64"),
    ],
)
def test_bodies_take_the_shortest_seven_bit_encoding(text: str, encoding: str) -> None:
    message = parse(write(text=text, html=None))
    assert message["Content-Transfer-Encoding"] == encoding
    assert body(message, "plain").rstrip("\n") == text  # the message's last line end


def test_addresses_at_international_domains_are_written_in_idna() -> None:
    """A shop at кофе.рф: the package wrote its domain as an encoded-word, which no server
    can deliver to; SMTP and the header take the IDNA form."""
    mail = Mail(
        to=["Кофейня <info@кофе.рф>"],
        subject="Тема",
        text="Текст",
        sender="Скидки <noreply@dm.example>",
        message_id="<2@dm.example>",
    )
    assert mail.envelope() == ("noreply@dm.example", ["info@xn--e1ajmy.xn--p1ai"])
    german = Mail(to=["info@faß.de"], subject="x", text="x", sender="a@dm.example")
    assert german.envelope()[1] == ["info@xn--fa-hia.de"]  # IDNA 2008, not 2003's fass.de
    (address,) = parse(mail.as_bytes())["To"].addresses
    assert (address.display_name, address.domain) == ("Кофейня", "xn--e1ajmy.xn--p1ai")
    assert str(parse(mail.as_bytes())["From"].addresses[0].display_name) == "Скидки"


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Note": "ok\r\nBcc: victim@example.com"},
        {"X-Note": "ok\nBcc: victim@example.com"},
        {"X-Note\r\nBcc": "victim@example.com"},
        {"Bad: Name": "value"},
        {"Reply-To": "not an address"},
        {"to": "victim@example.com"},  # a second To (or From, Subject…) for readers to pick
        {"Content-Type": "text/html"},
    ],
)
def test_a_header_cannot_carry_another(headers: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        write(headers=headers)


@pytest.mark.parametrize(
    "to",
    [
        "ящик@shop.example",
        "a@example.com\r\nBcc: victim@example.com",
        "",
        "no-at-sign",
        "alice@example.com <bob@example.com>",  # two people: the header and SMTP would differ
        "shoppers: a@example.com, b@example.com;",
        "=?utf-8?q?x=0D=0ABcc:_v@evil.com?= <x@y.com>",
        "a b@example.com",
        "a\x00b@example.com",
    ],
)
def test_a_recipient_we_cannot_write_is_refused(to: str) -> None:
    with pytest.raises(ValueError):
        write(to=[to])


def test_the_message_is_dated_and_its_parts_separated() -> None:
    when = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
    message = parse(write(date=when, text="--=_ a line that starts like a boundary"))
    assert parsedate_to_datetime(str(message["Date"])) == when
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    assert body(message, "plain") == "--=_ a line that starts like a boundary"
    dated_now = parsedate_to_datetime(str(parse(write())["Date"]))
    assert abs((dated_now - datetime.now(UTC)).total_seconds()) < 60


@pytest.fixture
def server() -> Iterator[RecordingHandler]:
    port = free_port()
    with smtp_server(port) as handler:
        handler.port = port
        yield handler


def test_a_russian_message_to_an_international_domain_arrives_whole(
    server: RecordingHandler,
) -> None:
    mail = Mail(
        to=["info@кофе.рф"],
        subject="Покупатель купит кофемолку за 11 500 ₽",
        text="Здравствуйте!\n\nПокупатель просит скидку.\n.\nОдна точка в строке.",
        html="<p>Здравствуйте!</p>",
        sender="Скидки <noreply@dm.example>",
        headers={"List-Unsubscribe": "<https://dm.example/optout/abc>"},
        message_id="<3@dm.example>",
    )
    SMTPBackend(server.url).send(mail)
    (received,) = server.messages
    assert server.envelopes[0].rcpt_tos == ["info@xn--e1ajmy.xn--p1ai"]
    assert str(received["Subject"]) == mail.subject
    assert body(received, "plain") == mail.text
    assert "Здравствуйте!" in body(received, "html")
    assert re.fullmatch(r"<https://dm\.example/optout/abc>", str(received["List-Unsubscribe"]))


def test_several_long_non_ascii_names_keep_their_lines_within_76() -> None:
    to = [
        display_address(f"Интернет-магазин кофемолок и кофеварок номер {n}", f"s{n}@shop.example")
        for n in range(3)
    ]
    raw = write(to=to)
    check_wire_form(raw)
    assert [address for _, address in rfc2047_addresses(raw, "To")] == [
        f"s{n}@shop.example" for n in range(3)
    ]
