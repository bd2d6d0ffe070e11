"""The SMTP listener for the inbound domain's MX (``flask --app wsgi inbound smtp``).

It takes mail only for addresses that are ours and genuine: ``reply+<token>`` whose token
verifies (a store's reply, an auto-reply, a bounce: ``services/inbound_mail.accept``) and
``unsubscribe+<token>`` whose opt-out token verifies (the ``mailto:`` of List-Unsubscribe:
the store is opted out). Everything else is refused at RCPT time, so we never accept mail
we would have to bounce. Messages are capped in size; a malformed one is stored as
unreadable, never crashes the listener.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from flask import Flask

from discountmarket.outreach.tokens import TokenError, dispatch_of_reply_token
from discountmarket.services import inbound_mail, optout
from discountmarket.services.errors import ServiceError

logger = logging.getLogger(__name__)


class InboundHandler:
    """aiosmtpd handler: checks each recipient, hands each message to the app."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def _mailbox(self, address: str) -> tuple[str, str] | None:
        """("reply"|"unsubscribe", token) for one of our genuine addresses, else None."""
        local, _, domain = address.strip("<>").rpartition("@")
        kind, _, token = local.partition("+")
        with self.app.app_context():
            if domain.lower() != str(self.app.config["INBOUND_DOMAIN"]).lower() or not token:
                return None
            if kind.lower() == "reply" and dispatch_of_reply_token(token) is not None:
                return "reply", token
            if kind.lower() == "unsubscribe":
                try:
                    optout.store_for_token(token)
                except (ServiceError, TokenError):
                    return None
                return "unsubscribe", token
        return None

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: Any
    ) -> str:
        if self._mailbox(address) is None:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        loop = asyncio.get_running_loop()
        try:  # the database work off the event loop: other sessions go on meanwhile
            await loop.run_in_executor(None, self._deliver, raw, list(envelope.rcpt_tos))
        except Exception:
            logger.exception("inbound message not stored")
            return "451 4.3.0 Try again later"
        return "250 Message accepted"

    def _deliver(self, raw: bytes, recipients: list[str]) -> None:
        mailboxes = [found for found in map(self._mailbox, recipients) if found]
        with self.app.app_context():
            for kind, token in mailboxes:
                if kind == "unsubscribe":
                    optout.opt_out(token)
            if any(kind == "reply" for kind, _ in mailboxes):
                inbound_mail.accept(raw, "smtp")


def controller(app: Flask, host: str, port: int) -> Controller:
    """A listener on ``host:port`` (start and stop it; tests use it directly)."""
    return Controller(
        InboundHandler(app),
        hostname=host,
        port=port,
        data_size_limit=inbound_mail.MAX_BYTES,
        server_hostname=str(app.config["INBOUND_DOMAIN"]),
    )
