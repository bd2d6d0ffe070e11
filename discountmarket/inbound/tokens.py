"""The reply token a message carries, found but not verified (acceptance verifies it).

Our outgoing mail has the reply address ``reply+<token>@<inbound domain>`` (also its
Return-Path) and the Message-ID ``<dispatch-<id>.<token>@<domain>>``. A reply names the
address as a recipient, or quotes the Message-ID in In-Reply-To/References, or carries a
forwarded block with our Reply-To line. A bounce is addressed to the Return-Path, and returns
the original with its Message-ID and Reply-To. ``unsubscribe+…`` addresses are never tokens.
"""

from __future__ import annotations

import re
from email.message import Message

from discountmarket.inbound import message as mime

TOKEN_CHARS = r"[A-Za-z0-9_\-=.~]{1,120}"  # noqa: S105 — a pattern, not a secret
REPLY_ADDRESS = re.compile(rf"(?<![A-Za-z0-9_.+\-])reply\+({TOKEN_CHARS})@[A-Za-z0-9.\-]+", re.I)
DISPATCH_ID = re.compile(rf"<?dispatch-\d{{1,12}}\.({TOKEN_CHARS})@[A-Za-z0-9.\-]+>?", re.I)
FORWARDED_REPLY_TO = re.compile(r"^[> \t]*\*?reply-to\*?\s*:(.*)$", re.I | re.MULTILINE)
RECIPIENT_HEADERS = (
    "Delivered-To",
    "X-Original-To",
    "Envelope-To",
    "X-Envelope-To",
    "X-Original-Recipient",
    "Original-Recipient",
    "To",
    "Cc",
)
THREAD_HEADERS = ("In-Reply-To", "References")


def _clean(token: str) -> str:
    return token.rstrip(".")


def from_recipients(message: Message) -> str | None:
    for name in RECIPIENT_HEADERS:
        for value in mime.headers(message, name):
            match = REPLY_ADDRESS.search(value)
            if match:
                return _clean(match.group(1))
    return None


def from_thread(message: Message) -> str | None:
    for name in THREAD_HEADERS:
        for value in mime.headers(message, name):
            match = DISPATCH_ID.search(value)
            if match:
                return _clean(match.group(1))
    return None


def from_text(text: str) -> str | None:
    """A forwarded block's ``Reply-To: reply+…@…`` line."""
    for line in FORWARDED_REPLY_TO.finditer(text[:200_000]):
        match = REPLY_ADDRESS.search(line.group(1))
        if match:
            return _clean(match.group(1))
    return None


def find(message: Message, text: str) -> str | None:
    """The token of a reply or an auto-reply; ``text`` is the message's readable text."""
    return from_recipients(message) or from_thread(message) or from_text(text)


def _returned_originals(message: Message) -> list[Message]:
    found = []
    for part in mime.walk(message):
        kind = mime.content_type(part)
        if kind in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            found.append(part)
    return found


def _headers_of(part: Message) -> Message | None:
    kind = mime.content_type(part)
    if kind == "message/rfc822":
        payload = mime.payload(part)
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            return payload[0]
        return None
    return mime.parse_headers(mime.part_text(part))


def find_in_bounce(message: Message, text: str) -> str | None:
    """The token of a bounce: its own recipient (our Return-Path), else the returned
    original's Message-ID or Reply-To/From, else those lines in a plain-text bounce."""
    own = from_recipients(message)
    if own:
        return own
    for part in _returned_originals(message):
        original = _headers_of(part)
        if original is None:
            continue
        for name in ("Message-ID", "Reply-To", "Return-Path", "From", "Sender"):
            for value in mime.headers(original, name):
                match = DISPATCH_ID.search(value) or REPLY_ADDRESS.search(value)
                if match:
                    return _clean(match.group(1))
    for pattern in (
        re.compile(r"^[> \t]*message-id\s*:(.*)$", re.I | re.M),
        re.compile(r"^[> \t]*(?:reply-to|return-path|from)\s*:(.*)$", re.I | re.M),
    ):
        for line in pattern.finditer(text[:200_000]):
            match = DISPATCH_ID.search(line.group(1)) or REPLY_ADDRESS.search(line.group(1))
            if match:
                return _clean(match.group(1))
    return None
