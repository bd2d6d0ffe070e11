"""Compose e-mail (text + HTML from templates/email/) and send it over SMTP.

Backends share one method, ``send(message)``: ``SMTPBackend`` talks to the server named by
SMTP_URL (stdlib smtplib). Which backend is used, and the capture backend that keeps mail
in the database when there is no SMTP server, belong to ``services.mailing``: this layer
writes nothing to the database.
"""

from __future__ import annotations

import contextlib
import email
import smtplib
import ssl
import threading
from dataclasses import asdict, dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr, make_msgid, parseaddr
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from flask import current_app, render_template
from flask_babel import force_locale

from discountmarket.outreach import mime_writer, smtp_pipelining


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

    def as_bytes(self) -> bytes:
        """The message on the wire (``mime_writer``); ValueError for a CR/LF in a header."""
        return mime_writer.write_message(
            sender=self.sender,
            to=self.to,
            subject=self.subject,
            message_id=self.message_id,
            text=self.text,
            html=self.html,
            headers=self.headers,
        )

    def to_mime(self) -> EmailMessage:
        """The message as its reader's mail program parses it."""
        return email.message_from_bytes(self.as_bytes(), policy=policy.default)  # type: ignore[return-value]

    def envelope(self) -> tuple[str, list[str]]:
        """SMTP's MAIL FROM and RCPT TO: bare addresses, their domains in IDNA."""
        sender = mime_writer.envelope_address(self.envelope_from or self.sender)
        return sender, [mime_writer.envelope_address(to) for to in self.to]


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
        message = mail.as_bytes()
        envelope = mail.envelope()
        reused = self._cached() is not None
        try:
            try:
                refused = self._transmit(message, envelope)
            except (smtplib.SMTPServerDisconnected, ConnectionError):
                if not reused:
                    raise
                self._drop()  # the server closed our idle connection: one fresh try
                refused = self._transmit(message, envelope)
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

    def _transmit(self, message: bytes, envelope: tuple[str, list[str]]) -> dict:
        client = self._cached()
        if client is None:
            client = self._connect()
            self._pool()[self.url] = client
        sender, recipients = envelope
        return client.sendmail(sender, recipients, message)

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
