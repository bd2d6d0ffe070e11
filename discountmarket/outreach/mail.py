"""Compose e-mail (text + HTML from templates/email/) and send it over SMTP.

Backends share one method, ``send(message)``: ``SMTPBackend`` talks to the server named by
SMTP_URL (stdlib smtplib). Which backend is used, and the capture backend that keeps mail
in the database when there is no SMTP server, belong to ``services.mailing``: this layer
writes nothing to the database.
"""

from __future__ import annotations

import base64
import contextlib
import smtplib
import ssl
import threading
from dataclasses import asdict, dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from functools import lru_cache
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale

from discountmarket.outreach import smtp_pipelining


class _OutgoingPolicy(policy.EmailPolicy):
    """The standard policy with two headers written by hand, where its folding goes wrong:

    * the List-* headers as they are: RFC 2369/8058 clients read their URLs literally
      between angle brackets, and the package turned a long one into encoded-words;
    * a non-ASCII subject as encoded-words of at most 75 characters (RFC 2047) that carry
      their spaces inside: the package put a space between two encoded-words, where
      decoders drop it ("покупательпросит")."""

    def fold(self, name: str, value: str) -> str:
        return self._by_hand(name, value) or super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        written = self._by_hand(name, value)
        return written.encode("ascii") if written else super().fold_binary(name, value)

    def _by_hand(self, name: str, value: str) -> str | None:
        if name.lower() in _LITERAL_HEADERS:
            return f"{name}: {value}{self.linesep}"
        if name.lower() == "subject" and not str(value).isascii():
            words = encoded_words(str(value), name)
            return f"{name}: {(self.linesep + ' ').join(words)}{self.linesep}"
        return None


# RFC 2047: a line holding encoded-words is at most 76 characters, a word at most 75.
_LINE = 76
_WORD_FRAME = len("=?utf-8?b??=")


def encoded_words(text: str, header_name: str = "Subject") -> list[str]:
    """``text`` as RFC 2047 encoded-words of UTF-8, one per line (the first after the
    header's name), none split inside a character, each carrying its own spaces: what the
    package's Header did, at a fourteenth of its cost (the subject was the dearest part of
    composing a message)."""
    first = _LINE - len(header_name) - len(": ")
    budgets = [_bytes_for(first), _bytes_for(_LINE - 1)]  # continuation lines start " "
    words, chunk = [], b""
    for character in text:
        encoded = character.encode()
        if len(chunk) + len(encoded) > budgets[min(len(words), 1)]:
            words.append(chunk)
            chunk = b""
        chunk += encoded
    words.append(chunk)
    return [f"=?utf-8?b?{base64.b64encode(word).decode('ascii')}?=" for word in words]


def _bytes_for(columns: int) -> int:
    """The most bytes whose base64, framed as an encoded-word, fits ``columns``."""
    return (columns - _WORD_FRAME) // 4 * 3


_LITERAL_HEADERS = frozenset({"list-unsubscribe", "list-unsubscribe-post"})
_OUTGOING = _OutgoingPolicy()


class MailError(Exception):
    """Sending failed. ``permanent`` is True when retrying cannot help (5xx)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass
class Mail:
    """A message ready to send; plain data so it can travel through the task queue."""

    to: list[str]
    subject: str
    text: str
    html: str | None = None
    sender: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    message_id: str = ""
    envelope_from: str = ""  # the SMTP MAIL FROM (Return-Path); empty: the From address

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mail:
        return cls(**data)

    def to_mime(self) -> EmailMessage:
        """Build the MIME message; the email package refuses CR/LF in any header (and the
        List-* headers stay literal: ``_OutgoingPolicy``)."""
        message = EmailMessage(policy=_OUTGOING)
        message["From"] = _address_header("From", self.sender)
        message["To"] = _address_header("To", ", ".join(self.to))
        message["Subject"] = " ".join(self.subject.split())
        message["Message-ID"] = self.message_id
        for name, value in self.headers.items():
            message[name] = value
        message.set_content(self.text)
        if self.html:
            message.add_alternative(self.html, subtype="html")
        return message


@lru_cache(maxsize=4096)
def _address_header(name: str, value: str) -> Any:
    """The parsed header, kept: the same sender and stores recur from message to message,
    and parsing an address list was a third of composing one. The policy's own parse, so
    CR/LF is refused as before."""
    return _OUTGOING.header_store_parse(name, value)[1]


class MailBackend(Protocol):
    def send(self, mail: Mail) -> None: ...


class SMTPBackend:
    """Deliver through an SMTP server: smtp://, smtps:// (TLS) or smtp+starttls://.

    Each worker thread keeps one connection per server open between messages, so a batch
    of deliveries costs one TLS handshake and login, not one per message.
    """

    _connections = threading.local()

    def __init__(self, url: str, timeout: float = 20) -> None:
        parts = urlsplit(url)
        self.url = url
        self.scheme = parts.scheme
        self.host = parts.hostname or "localhost"
        self.port = parts.port or (465 if parts.scheme == "smtps" else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.timeout = timeout

    def _connect(self) -> smtplib.SMTP:
        if self.scheme == "smtps":
            client: smtplib.SMTP = smtp_pipelining.SMTP_SSL(
                self.host, self.port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            client = smtp_pipelining.SMTP(self.host, self.port, timeout=self.timeout)
            if self.scheme == "smtp+starttls":
                client.starttls(context=ssl.create_default_context())
        if self.username:
            client.login(self.username, self.password or "")
        return client

    def _pool(self) -> dict[str, smtplib.SMTP]:
        if not hasattr(self._connections, "by_url"):
            self._connections.by_url = {}
        return self._connections.by_url

    def _cached(self) -> smtplib.SMTP | None:
        return self._pool().get(self.url)

    def _drop(self) -> None:
        client = self._pool().pop(self.url, None)
        if client is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                client.close()

    def send(self, mail: Mail) -> None:
        message = mail.to_mime()
        reused = self._cached() is not None
        envelope_from = mail.envelope_from or None
        try:
            try:
                refused = self._transmit(message, envelope_from)
            except (smtplib.SMTPServerDisconnected, ConnectionError):
                if not reused:
                    raise
                self._drop()  # the server closed our idle connection: one fresh try
                refused = self._transmit(message, envelope_from)
        except smtplib.SMTPRecipientsRefused as error:
            self._drop()
            raise MailError(
                f"all recipients refused: {error.recipients}", permanent=True
            ) from error
        except smtplib.SMTPResponseException as error:
            self._drop()
            permanent = 500 <= error.smtp_code < 600
            raise MailError(
                f"SMTP {error.smtp_code}: {error.smtp_error!r}", permanent=permanent
            ) from error
        except (OSError, smtplib.SMTPException) as error:
            self._drop()
            raise MailError(f"SMTP connection failed: {error}") from error
        if refused:
            raise MailError(f"some recipients refused: {sorted(refused)}", permanent=True)

    def _transmit(self, message: EmailMessage, envelope_from: str | None) -> dict:
        client = self._cached()
        if client is None:
            client = self._connect()
            self._pool()[self.url] = client
        return client.send_message(message, from_addr=envelope_from)

    @classmethod
    def close_all(cls) -> None:
        """Close this thread's connections (end of a worker batch, tests)."""
        for client in getattr(cls._connections, "by_url", {}).values():
            with contextlib.suppress(smtplib.SMTPException, OSError):
                client.quit()
        cls._connections.by_url = {}


def compose(
    template: str,
    to: str | list[str],
    subject: str,
    *,
    locale: str | None = None,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Mail:
    """Render ``templates/email/<template>.txt`` and ``.html`` in the recipient's locale."""
    config = current_app.config
    recipients = [to] if isinstance(to, str) else list(to)
    with force_locale(locale or config["BABEL_DEFAULT_LOCALE"]):
        context = {"site_name": config["SITE_NAME"], "base_url": config["BASE_URL"], **context}
        text = render_template(f"email/{template}.txt", **context)
        html = render_template(f"email/{template}.html", **context)
        subject = str(subject)
    sender = config["MAIL_FROM"]
    return Mail(
        to=recipients,
        subject=subject,
        text=text,
        html=html,
        sender=sender,
        headers=dict(headers or {}),
        message_id=make_msgid(domain=sender_domain(sender)),
    )


def sender_domain(sender: str) -> str:
    """The domain of a From address (message ids are made in it)."""
    _, address = parseaddr(sender)
    try:
        return Address(addr_spec=address).domain or "localhost"
    except (ValueError, IndexError):
        return "localhost"


def display_address(name: str, address: str) -> str:
    """``"Name" <address>`` with the name quoted/encoded; newlines cannot get through."""
    return formataddr((" ".join(name.split()), address))
