"""Escalations of unresponsive stores and the operators' contact log."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import UTCDateTime, enum_column, utcnow
from discountmarket.extensions import db
from discountmarket.models.dispatch import Channel
from discountmarket.models.offers import Offer
from discountmarket.models.stores import Store
from discountmarket.models.users import User


class EscalationStatus(enum.StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class ContactChannel(enum.StrEnum):
    PHONE = "phone"
    EMAIL = Channel.EMAIL.value
    FORM = Channel.FORM.value


class Escalation(db.Model):
    __tablename__ = "escalations"
    __table_args__ = (
        # A store has at most one open escalation at a time.
        sa.Index(
            "uq_escalations_open_per_store",
            "store_id",
            unique=True,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        sa.Index("ix_escalations_status_opened_at", "status", "opened_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(default=0)
    status: Mapped[EscalationStatus] = mapped_column(
        enum_column(EscalationStatus, "escalation_status"), default=EscalationStatus.OPEN
    )
    reason: Mapped[str] = mapped_column(sa.String(200))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    assignee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime)  # "answer on Monday"
    resolution: Mapped[str | None] = mapped_column(sa.String(500))

    store: Mapped[Store] = relationship()
    assignee: Mapped[User | None] = relationship()
    log: Mapped[list[ContactLog]] = relationship(
        back_populates="escalation", order_by="ContactLog.created_at"
    )


class CallOutcome(enum.StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    REFUSED = "refused"
    ASKED_FOR_EMAIL = "asked_for_email"
    PROMISED_ANSWER = "promised_answer"


class AuditEntry(db.Model):
    """Who did what to what, with the state before and after: every operator action."""

    __tablename__ = "audit_log"
    __table_args__ = (sa.Index("ix_audit_log_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(sa.String(50))
    target_type: Mapped[str] = mapped_column(sa.String(30))
    target_id: Mapped[int] = mapped_column()
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()


class HonourStatus(enum.StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class HonourReport(db.Model):
    """A shopper's report that a store did not honour an accepted offer."""

    __tablename__ = "honour_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("offers.id", ondelete="CASCADE"), unique=True
    )
    store_id: Mapped[int] = mapped_column(
        sa.ForeignKey("stores.id", ondelete="CASCADE"), index=True
    )
    shopper_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(sa.String(1000))
    status: Mapped[HonourStatus] = mapped_column(
        enum_column(HonourStatus, "honour_status"), default=HonourStatus.OPEN
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    store: Mapped[Store] = relationship()
    offer: Mapped[Offer] = relationship()


class ContactLog(db.Model):
    __tablename__ = "contact_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("escalations.id", ondelete="CASCADE"), index=True
    )
    operator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    channel: Mapped[ContactChannel] = mapped_column(enum_column(ContactChannel, "contact_channel"))
    outcome: Mapped[str] = mapped_column(sa.String(30))
    note: Mapped[str | None] = mapped_column(sa.Text)
    follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    escalation: Mapped[Escalation] = relationship(back_populates="log")
    operator: Mapped[User | None] = relationship()
