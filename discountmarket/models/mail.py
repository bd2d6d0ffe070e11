"""Messages kept by the outbox mail backend, for operators to read."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from discountmarket.database import UTCDateTime, utcnow
from discountmarket.extensions import db


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"

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
