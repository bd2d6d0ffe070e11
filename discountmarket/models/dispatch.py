"""The outbox of store outreach (one dispatch per request, store and channel) and
suppressions that outreach must respect."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import TimestampMixin, UTCDateTime, enum_column, utcnow
from discountmarket.extensions import db
from discountmarket.models.products import Product
from discountmarket.models.requests import DiscountRequest
from discountmarket.models.stores import Store


class Channel(enum.StrEnum):
    EMAIL = "email"
    FORM = "form"


class DispatchStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"
    ANSWERED = "answered"
    # A form post the store's site neither confirmed nor refused: not counted as reached.
    UNCERTAIN = "uncertain"
    # A competitor's: waits while the worker looks for the product in its shop.
    MATCHING = "matching"


# Not sent yet and still to be: what an opt-out or a closed request stops.
WAITING = (DispatchStatus.PENDING, DispatchStatus.MATCHING)


class Dispatch(TimestampMixin, db.Model):
    __tablename__ = "dispatches"
    __table_args__ = (
        sa.UniqueConstraint("request_id", "store_id", "channel"),
        sa.CheckConstraint("attempts >= 0", name="attempts"),
        # The delivery sweep looks for due work by status and time.
        sa.Index("ix_dispatches_status_next_attempt_at", "status", "next_attempt_at"),
        sa.Index("ix_dispatches_store_id_status", "store_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("discount_requests.id", ondelete="CASCADE")
    )
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id"))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "channel"))
    status: Mapped[DispatchStatus] = mapped_column(
        enum_column(DispatchStatus, "dispatch_status"), default=DispatchStatus.PENDING
    )
    skip_reason: Mapped[str | None] = mapped_column(sa.String(50))
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)
    # A claim (status sending) is valid until this moment; a sweep requeues stale claims.
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Over the store's daily cap: waits (pending) for that store's next daily digest.
    held_for_digest: Mapped[bool] = mapped_column(default=False)
    response_status: Mapped[int | None] = mapped_column()  # form post: the store's HTTP status
    outcome: Mapped[str | None] = mapped_column(sa.String(200))  # how we judged the delivery
    # An operator's choice of recipient (a senior contact) instead of the front-line address.
    address: Mapped[str | None] = mapped_column(sa.String(254))
    # A competitor's own listing of the product (found by matching): what it is asked about.
    listing_id: Mapped[int | None] = mapped_column(sa.ForeignKey("products.id"))

    request: Mapped[DiscountRequest] = relationship()
    store: Mapped[Store] = relationship()
    listing: Mapped[Product | None] = relationship()
    attempts_log: Mapped[list[DispatchAttempt]] = relationship(
        back_populates="dispatch", order_by="DispatchAttempt.id", cascade="all, delete-orphan"
    )


class AttemptOutcome(enum.StrEnum):
    SENT = "sent"
    RETRY = "retry"  # transient failure, will be retried
    FAILED = "failed"  # permanent failure
    SKIPPED = "skipped"
    HELD = "held"  # over the daily cap, waits for the digest
    UNCERTAIN = "uncertain"  # posted, but the store's answer did not say it was received


class DispatchAttempt(db.Model):
    """One try at delivering a dispatch: what happened and what the other side said."""

    __tablename__ = "dispatch_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispatch_id: Mapped[int] = mapped_column(
        sa.ForeignKey("dispatches.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, "attempt_channel"))
    outcome: Mapped[AttemptOutcome] = mapped_column(enum_column(AttemptOutcome, "attempt_outcome"))
    detail: Mapped[str | None] = mapped_column(sa.Text)
    status_code: Mapped[int | None] = mapped_column()
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    dispatch: Mapped[Dispatch] = relationship(back_populates="attempts_log")


class SuppressionKind(enum.StrEnum):
    ADDRESS = "address"
    DOMAIN = "domain"


class Suppression(db.Model):
    """An address or a whole domain we must never contact (opt-out, hard bounce)."""

    __tablename__ = "suppressions"
    __table_args__ = (sa.UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[SuppressionKind] = mapped_column(enum_column(SuppressionKind, "suppression_kind"))
    value: Mapped[str] = mapped_column(sa.String(254))  # lower-case address or domain
    reason: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RecipientQuota(db.Model):
    """Messages sent to one recipient (an e-mail address, or a contact form's endpoint) on
    one UTC day, whatever store, shopper or kind of message they were for."""

    __tablename__ = "recipient_quotas"
    __table_args__ = (
        sa.UniqueConstraint("recipient", "day"),
        sa.CheckConstraint("sent >= 0", name="sent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(2048))
    day: Mapped[date] = mapped_column(sa.Date)
    sent: Mapped[int] = mapped_column(default=0)


class SiteTurn(db.Model):
    """Whose turn it is on one site (a store key): one worker at a time reads or writes to
    a site, so a slow or hostile site holds one worker, never all of them."""

    __tablename__ = "site_turns"

    site: Mapped[str] = mapped_column(sa.String(253 + 6), primary_key=True)
    holder: Mapped[str] = mapped_column(sa.String(32))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
