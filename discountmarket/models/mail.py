"""Mail that is not part of store outreach: the record of every such message we send
(``MailMessage``), and the copies the capture backend keeps instead of sending
(``CapturedMail``, the default backend without SMTP_URL).

Store outreach has its own outbox, ``Dispatch``: these two tables are not it.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import TimestampMixin, UTCDateTime, enum_column, utcnow
from discountmarket.extensions import db


class MailStatus(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # refused for good, or out of tries: last_error says why


class MailMessage(TimestampMixin, db.Model):
    """One message to a shopper, a manager or a store outside a dispatch (account mail,
    offer digests, claim checks, "offer accepted" and "request closed" notices), recorded
    before it is queued so that none is lost silently."""

    __tablename__ = "mail_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40), index=True)  # the e-mail template
    recipients: Mapped[str] = mapped_column(sa.Text)  # comma-separated
    subject: Mapped[str] = mapped_column(sa.String(998))
    content: Mapped[dict[str, Any]] = mapped_column(sa.JSON)  # the composed Mail, as data
    status: Mapped[MailStatus] = mapped_column(
        enum_column(MailStatus, "mail_status"), default=MailStatus.QUEUED, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CapturedMail(db.Model):
    """A message the capture backend kept instead of sending, for operators to read."""

    __tablename__ = "captured_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The Message-ID header: sending the same message twice stores it once.
    message_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    sender: Mapped[str] = mapped_column(sa.String(320))
    recipients: Mapped[str] = mapped_column(sa.Text)  # comma-separated
    subject: Mapped[str] = mapped_column(sa.String(998))
    text_body: Mapped[str] = mapped_column(sa.Text)
    html_body: Mapped[str | None] = mapped_column(sa.Text)
    headers: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class InboundMail(db.Model):
    """A message that came back to us (a store's reply, an auto-reply, a bounce), kept raw
    (size-capped) for operators and replay, with what the classifier made of it."""

    __tablename__ = "inbound_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Its Message-ID (or a digest of the bytes): the same message arriving twice is one.
    message_key: Mapped[str] = mapped_column(sa.String(255), unique=True)
    source: Mapped[str] = mapped_column(sa.String(8))  # http, smtp, imap
    sender: Mapped[str] = mapped_column(sa.String(320), default="")
    subject: Mapped[str] = mapped_column(sa.String(998), default="")
    kind: Mapped[str] = mapped_column(sa.String(16))  # reply, auto_reply, bounce, other, unreadable
    dispatch_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("dispatches.id", ondelete="SET NULL"), index=True
    )
    dispatch = relationship("Dispatch")
    text: Mapped[str | None] = mapped_column(sa.Text)  # a reply's new text
    classification: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    raw: Mapped[bytes] = mapped_column(sa.LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
