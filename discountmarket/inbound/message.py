"""Reading a raw message safely: headers, addresses, dates and the text of its parts.

Everything here is bounded (input size, parts walked, text length) and never raises on
malformed input except ``UnreadableMessage`` for bytes that are no message at all.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import warnings
from collections.abc import Iterator
from datetime import date, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from bs4 import (
    BeautifulSoup,
    MarkupResemblesLocatorWarning,
    NavigableString,
    PageElement,
    Tag,
    XMLParsedAsHTMLWarning,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_PARTS = 200
MAX_TEXT = 200_000  # characters kept of one part's text
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:", re.MULTILINE)
# An e-mail address in running text: bounded parts (RFC 5321's 64 and 63), so that a long run
# of letters costs linear time, and a dotted domain ending in a name.
EMAIL_ADDRESS = re.compile(
    r"(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]{1,64}"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,63}(?![A-Za-z0-9\-])"
)
_SKIPPED = frozenset({"script", "style", "head", "title", "template"})
_BLOCKS = ("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "blockquote", "table", "hr")


class UnreadableMessage(ValueError):
    """The bytes are not an RFC 5322 message we can read."""


def parse(raw: bytes) -> EmailMessage:
    if not isinstance(raw, bytes | bytearray):
        raise UnreadableMessage("the message must be bytes")
    if not raw.strip():
        raise UnreadableMessage("the message is empty")
    if len(raw) > MAX_BYTES:
        raise UnreadableMessage(f"the message is larger than {MAX_BYTES} bytes")
    head = raw[:65536].lstrip()
    if head.startswith(b"From ") and b"\n" in head:  # an mbox "From " line
        head = head.split(b"\n", 1)[1]
    if not _HEADER_LINE.match(head):
        raise UnreadableMessage("the message does not start with a header field")
    try:
        message = BytesParser(policy=policy.default).parsebytes(bytes(raw))
    except Exception as error:  # the parser is lenient; this is a last resort
        raise UnreadableMessage(f"the message could not be parsed: {error}") from error
    if not list(message.raw_items()):
        raise UnreadableMessage("the message has no header fields")
    return message  # type: ignore[return-value]


def _decode_header_text(value: str) -> str:
    value = re.sub(r"\r?\n[ \t]+", " ", value).strip()
    with contextlib.suppress(UnicodeError):
        value = value.encode("ascii", "surrogateescape").decode("utf-8", "replace")
    try:
        return str(make_header(decode_header(value)))
    except Exception:
        return value


def headers(message: Message, name: str) -> list[str]:
    """Every value of the header field ``name``, decoded, in order."""
    wanted = name.lower()
    found = []
    try:
        items = list(message.raw_items())
    except Exception:
        return []
    for key, value in items[:500]:
        if key.lower() == wanted:
            found.append(_decode_header_text(str(value))[:4000])
    return found


def header(message: Message, name: str) -> str:
    values = headers(message, name)
    return values[0] if values else ""


def addresses(message: Message, *names: str) -> list[str]:
    """The e-mail addresses in the named header fields, lower-cased, in order, unique."""
    found: list[str] = []
    for name in names:
        values = headers(message, name)
        try:
            pairs = getaddresses(values)
        except Exception:
            pairs = []
        for _, address in pairs:
            address = address.strip().strip("<>").lower()
            if "@" in address and address not in found:
                found.append(address)
    return found


def sent_date(message: Message) -> date | None:
    value = header(message, "Date")
    if not value:
        return None
    try:
        moment: datetime = parsedate_to_datetime(value)
    except Exception:
        return None
    return moment.date() if moment else None


def content_type(part: Message) -> str:
    try:
        return part.get_content_type()
    except Exception:
        return "text/plain"


def is_attachment(part: Message) -> bool:
    disposition = header(part, "Content-Disposition").lower()
    return disposition.startswith("attachment")


def walk(message: Message, into_messages: bool = True) -> Iterator[Message]:
    """The message's parts, depth first, at most ``MAX_PARTS``; message/* parts are entered
    only when ``into_messages``."""
    stack = [message]
    seen = 0
    while stack and seen < MAX_PARTS:
        part = stack.pop()
        seen += 1
        yield part
        entered = part is message or not content_type(part).startswith("message/")
        if not (entered or into_messages):
            continue
        try:
            children = part.get_payload() if part.is_multipart() else []
        except Exception:
            children = []
        if isinstance(children, list):
            stack.extend(reversed([c for c in children if isinstance(c, Message)]))


def payload(part: Message) -> object:
    """The part's payload as parsed (a list of parts, a string), None when unreadable."""
    try:
        return part.get_payload()
    except Exception:
        return None


def param(part: Message, name: str) -> str:
    """A Content-Type parameter, lower-cased; "" when absent or unreadable."""
    try:
        return str(part.get_param(name) or "").lower()
    except Exception:
        return ""


def part_text(part: Message) -> str:
    """The decoded text of a leaf part (transfer encoding and charset undone)."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        try:
            raw = part.get_payload()
        except Exception:
            return ""
        return raw[:MAX_TEXT] if isinstance(raw, str) else ""
    if not isinstance(payload, bytes):
        return ""
    return decode_bytes(payload[: MAX_TEXT * 4], _charset(part))[:MAX_TEXT]


def _charset(part: Message) -> str:
    try:
        charset = part.get_content_charset() or part.get_param("charset") or ""
    except Exception:
        charset = ""
    return str(charset).strip().strip('"').lower() or "utf-8"


def decode_bytes(payload: bytes, charset: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    if charset in ("us-ascii", "ascii"):
        charset = "utf-8"
    try:
        return payload.decode(charset)
    except UnicodeDecodeError:
        pass
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return payload.decode(charset if charset != "utf-8" else "cp1252", "replace")


def bodies(message: Message) -> tuple[str | None, str | None]:
    """(the first text/plain body, the first text/html body) outside attachments and
    enclosed messages; either may be None."""
    plain = html = None
    for part in walk(message, into_messages=False):
        if part.is_multipart() or is_attachment(part):
            continue
        kind = content_type(part)
        if part is not message and kind.startswith("message/"):
            continue
        if kind == "text/plain" and plain is None:
            plain = part_text(part)
        elif kind == "text/html" and html is None:
            html = part_text(part)
    return plain, html


def soup(html: str) -> BeautifulSoup:
    """The parsed HTML; bs4's hints ("looks like a URL", "looks like XML") are no concern of a
    mail body's and would only be noise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html[:MAX_TEXT], "html.parser")


def soup_text(document: BeautifulSoup) -> str:
    """Readable text of a parsed HTML document, one line per block (one pass, no recursion:
    deeply nested markup costs linear time)."""
    pieces: list[str] = []
    stack: list[PageElement | str] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            pieces.append(node)  # a line break queued when a block closes
        elif type(node) is NavigableString:
            pieces.append(str(node))
        elif isinstance(node, Tag) and node.name not in _SKIPPED:
            if node.name in _BLOCKS:
                pieces.append("\n")
                if node.name != "br":
                    stack.append("\n")
            stack.extend(reversed(node.contents))
    return tidy("".join(pieces))


def html_text(html: str) -> str:
    return soup_text(soup(html))


def tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    return "\n".join(out).strip()


def body_text(message: Message) -> str:
    """The message's own readable text: text/plain, else HTML converted."""
    plain, html = bodies(message)
    if plain and plain.strip():
        return tidy(plain)
    return html_text(html) if html else ""


def parse_headers(text: str) -> Message:
    """A block of header fields (as in a delivery-status part) as a message."""
    try:
        return BytesParser(policy=policy.default).parsebytes(
            text.strip().encode("utf-8", "replace") + b"\n\n", headersonly=True
        )
    except Exception:
        return EmailMessage()
