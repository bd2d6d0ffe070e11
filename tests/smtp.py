"""A real SMTP server (aiosmtpd) on 127.0.0.1 that records what it receives."""

from __future__ import annotations

import email
import email.policy
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class MayOfferPipelining:
    """An aiosmtpd handler part that advertises PIPELINING (RFC 2920) when ``pipelining``
    is set, as Postfix and the big relays do. aiosmtpd serves pipelined commands (it reads
    them in order from its stream) but does not advertise the keyword itself."""

    pipelining = False

    async def handle_EHLO(
        self, server: SMTP, session: Session, envelope: Envelope, hostname: str, responses: list
    ) -> list[str]:
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses


class RecordingHandler:
    """Keeps every received message; can be told to answer with an error code."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[Envelope] = []
        self.reply: str | None = None
        self.sessions: set = set()
        self.received = threading.Event()
        self.port = 0

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.reply:
            return self.reply
        self.envelopes.append(envelope)
        self.sessions.add(session.peer)  # the client address and port: one per connection
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)  # type: ignore[arg-type]
        )
        self.received.set()
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


@contextmanager
def smtp_server(port: int) -> Iterator[RecordingHandler]:
    handler = RecordingHandler()
    handler.port = port
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()
