"""Outgoing e-mail written straight to its wire form (RFC 5322, MIME, RFC 2047).

We send one shape of message: a few known headers, a UTF-8 text part and, usually, its
HTML alternative. The email package builds a tree of header objects to write that, and
composing was three quarters of the sending thread's time; the bytes are written here
directly, seven-bit clean, so they pass any relay (with or without 8BITMIME):

* bodies in quoted-printable or base64, whichever is shorter (plain 7bit when they can);
* a header that is not printable ASCII (or that holds ``=?``) as encoded-words of at most
  75 characters on lines of at most 76, each word carrying its own spaces;
* addresses with their domain in IDNA (``info@кофе.рф`` → ``info@xn--e1ajmy.xn--p1ai``): the
  package wrote such a domain as an encoded-word, which no server can deliver to;
* the List-* headers literal, as RFC 2369/8058 clients read them;
* a Date, which RFC 5322 requires and spam filters look for.

A CR or LF in a header is refused (ValueError): no header or recipient can be injected.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from datetime import UTC, datetime
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.utils import format_datetime, getaddresses
from functools import lru_cache

import idna

CRLF = "\r\n"
ADDRESS_HEADERS = frozenset({"from", "to", "cc", "reply-to", "sender"})
_LITERAL_HEADERS = frozenset({"list-unsubscribe", "list-unsubscribe-post"})
# Written once by the writer: a second one (a caller's) would leave readers to pick one.
_OWN_HEADERS = frozenset(
    {"from", "to", "subject", "message-id", "date", "mime-version", "content-type"}
    | {"content-transfer-encoding"}
)
_FIELD_NAME = re.compile(r"[!-9;-~]+")  # RFC 5322 §3.6.8: printable ASCII but the colon
_PLAIN = re.compile(r"[ -~]*")  # printable ASCII: a header value written as it is
_ASCII_DOMAIN = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
)
_BARE_ADDRESS = re.compile(r"[^\s<>(),;:\"\[\]\\]+@[^\s<>(),;:\"\[\]\\@]+")
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")

# RFC 5322: lines SHOULD be at most 78 characters and MUST be at most 998; RFC 2047: a
# line holding encoded-words at most 76, a word at most 75.
_FOLD_AT = 78
_MAX_LINE = 998
_WORD_LINE = 76
_WORD_FRAME = len("=?utf-8?b??=")


def write_message(
    *,
    sender: str,
    to: list[str],
    subject: str,
    message_id: str,
    text: str,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    date: datetime | None = None,
) -> bytes:
    """The message's bytes, CRLF line ends, ready for SMTP DATA."""
    for address in [sender, *to]:
        envelope_address(address)  # one address each: the header says what SMTP does
    lines = [
        header("From", sender),
        header("To", ", ".join(to)),
        header("Subject", " ".join(subject.split())),
        header("Message-ID", message_id),
        header("Date", format_datetime(date or datetime.now(UTC))),
        "MIME-Version: 1.0",
    ]
    for name, value in (headers or {}).items():
        if name.lower() in _OWN_HEADERS:
            raise ValueError(f"the {name} header is the writer's own")
        lines.append(header(name, value))
    if not html:  # no HTML alternative: one text part
        lines += _part("plain", text)
    else:
        boundary = _boundary(text, html)
        lines += [f'Content-Type: multipart/alternative; boundary="{boundary}"', ""]
        for subtype, body in (("plain", text), ("html", html)):
            lines += [f"--{boundary}", *_part(subtype, body)]
        lines.append(f"--{boundary}--")
    return (CRLF.join(lines) + CRLF).encode("ascii")


def envelope_address(value: str) -> str:
    """The bare address of ``Name <address>`` as SMTP's MAIL FROM or RCPT TO takes it;
    ValueError unless ``value`` is exactly one address (the header and the envelope would
    otherwise name different people)."""
    found = _addresses(value)
    if len(found) != 1:
        raise ValueError(f"not one address: {value!r}")
    return found[0][1]


def header(name: str, value: str) -> str:
    """One header field, folded, without its final CRLF."""
    if not _FIELD_NAME.fullmatch(name):
        raise ValueError(f"not a header name: {name!r}")
    value = str(value)
    if "\r" in value or "\n" in value:
        raise ValueError(f"a line break in the {name} header")
    lowered = name.lower()
    if lowered in ADDRESS_HEADERS:
        return _address_field(name, value)
    if lowered in _LITERAL_HEADERS or (_is_plain(value) and len(f"{name}: {value}") <= _FOLD_AT):
        return f"{name}: {value}"
    if _is_plain(value):
        folded = _fold(name, value)
        if folded is not None:
            return folded
    return f"{name}: " + (CRLF + " ").join(encoded_words(value, name))


def encoded_words(
    text: str, header_name: str = "Subject", *, first_column: int | None = None
) -> list[str]:
    """``text`` as RFC 2047 encoded-words of UTF-8, one per line (the first after the
    header's name), none split inside a character, each carrying its own spaces: decoders
    drop the whitespace between two encoded-words ("покупательпросит")."""
    if first_column is None:
        first_column = len(header_name) + len(": ")
    first = _WORD_LINE - first_column
    budgets = [_bytes_for(first), _bytes_for(_WORD_LINE - 1)]  # continuation lines: " "
    data, words, start = text.encode(), [], 0
    while start < len(data) or not words:
        end = min(start + max(budgets[min(len(words), 1)], 0), len(data))
        while start < end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1  # not inside a character: back to its first byte
        if end == start and start < len(data):  # a budget smaller than one character
            end += 1
            while end < len(data) and data[end] & 0xC0 == 0x80:
                end += 1
        words.append(data[start:end])
        start = end
    return [f"=?utf-8?b?{base64.b64encode(word).decode('ascii')}?=" for word in words]


def _bytes_for(columns: int) -> int:
    """The most bytes whose base64, framed as an encoded-word, fits ``columns``."""
    return (columns - _WORD_FRAME) // 4 * 3


def _is_plain(value: str) -> bool:
    return bool(_PLAIN.fullmatch(value)) and "=?" not in value


def _fold(name: str, value: str) -> str | None:
    """A plain header folded before its words into lines of at most 78 characters where
    they allow it (never right after the name, never before an empty word, which would
    leave a line of spaces); None when a line would pass 998."""
    first, *words = value.split(" ")
    folded, current = [], f"{name}: {first}"
    for word in words:
        if word and len(current) + 1 + len(word) > _FOLD_AT:
            folded.append(current)
            current = " " + word
        else:
            current = f"{current} {word}"
    folded.append(current)
    if any(len(part) > _MAX_LINE for part in folded):
        return None
    return CRLF.join(folded)


@lru_cache(maxsize=4096)
def _address_field(name: str, value: str) -> str:
    """An address header; when its addresses do not fit one line, each on a line of its
    own. The same sender and stores recur from message to message, so it is kept."""
    found = _addresses(value)
    one_line = f"{name}: " + ", ".join(_mailbox(*pair, len(name) + 2) for pair in found)
    limit = _WORD_LINE if "=?" in one_line else _FOLD_AT
    if len(found) == 1 or (CRLF not in one_line and len(one_line) <= limit):
        return one_line
    columns = [len(name) + 2] + [1] * (len(found) - 1)  # each after the first on its line
    commas = [1] * (len(found) - 1) + [0]
    written = [
        _mailbox(*pair, at, comma) for pair, at, comma in zip(found, columns, commas, strict=True)
    ]
    return f"{name}: " + ("," + CRLF + " ").join(written)


@lru_cache(maxsize=4096)
def _addresses(value: str) -> tuple[tuple[str, str], ...]:
    """(display name, address with an IDNA domain) of every address in ``value``."""
    if _BARE_ADDRESS.fullmatch(value):  # most are: a reply address, a shop's mailbox
        return (("", _ascii_address(value)),)
    found = getaddresses([value])
    if not found or any(not address for _, address in found):
        raise ValueError(f"not an address list: {value!r}")
    return tuple((_decoded(display), _ascii_address(address)) for display, address in found)


def _decoded(display: str) -> str:
    """A display name with any encoded-words read (``formataddr`` writes them), so that
    every name is encoded once, here."""
    if "=?" not in display:
        return display
    try:
        return str(make_header(decode_header(display)))
    except (UnicodeError, LookupError, HeaderParseError):
        return display


def _ascii_address(address: str) -> str:
    """The address as SMTP takes it: a plain local part (RFC 5321 dot-atom), the domain in
    IDNA 2008 with UTS 46 mapping (``faß.de`` is ``xn--fa-hia.de``, not ``fass.de``)."""
    local, at, domain = address.rpartition("@")
    if not at or not _LOCAL_PART.fullmatch(local):
        if local and not local.isascii():
            raise ValueError(f"a non-ASCII mailbox name needs SMTPUTF8: {address!r}")
        raise ValueError(f"not an address: {address!r}")
    if domain.isascii():  # most are: the IDNA codec costs as much as writing the message
        if not _ASCII_DOMAIN.fullmatch(domain):
            raise ValueError(f"not a domain: {domain!r}")
        return f"{local}@{domain}"
    try:
        domain = idna.encode(domain, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as error:
        raise ValueError(f"not a domain: {domain!r}") from error
    return f"{local}@{domain}"


def _mailbox(display: str, address: str, column: int, after: int = 0) -> str:
    """``"Name" <address>`` starting at ``column`` (``after`` it: a comma, or nothing); a
    name that is not plain ASCII as encoded-words, the address on a line of its own when
    it would push theirs past 76."""
    display = " ".join(display.split())
    if not display:
        return address
    if _is_plain(display):
        quoted = display.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{address}>'
    words = encoded_words(display, first_column=column)
    last_line = (column if len(words) == 1 else 1) + len(words[-1])
    gap = " " if last_line + len(address) + 3 + after <= _WORD_LINE else CRLF + " "
    return (CRLF + " ").join(words) + f"{gap}<{address}>"


def _part(subtype: str, body: str) -> list[str]:
    """A text part's headers, the blank line and its encoded body lines."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    encoding, encoded = _encode_body(body)
    return [
        f'Content-Type: text/{subtype}; charset="utf-8"',
        f"Content-Transfer-Encoding: {encoding}",
        "",
        encoded,
    ]


def _encode_body(body: str) -> tuple[str, str]:
    """7bit when the text is short-lined ASCII; otherwise the shorter of quoted-printable
    and base64 (the package's choice): Latin text stays readable, Cyrillic compact."""
    lines = body.split("\n")
    if _PLAIN.fullmatch(body.replace("\n", "").replace("\t", "")) and all(
        len(line) <= _FOLD_AT for line in lines
    ):
        return "7bit", CRLF.join(lines)
    data = body.encode("utf-8")
    quoted = binascii.b2a_qp(data, istext=True).decode("ascii")
    packed = base64.encodebytes(data).decode("ascii").rstrip("\n")
    if len(quoted) <= len(packed):
        return "quoted-printable", quoted.replace("\n", CRLF)
    return "base64", packed.replace("\n", CRLF)


def _boundary(*parts: str) -> str:
    """A boundary no part holds ("=_" never appears in quoted-printable or base64)."""
    while True:
        boundary = "=_" + secrets.token_hex(16)
        if not any(boundary in part for part in parts):
            return boundary
