"""Stores' answers to a request: offers and polite declines."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import (
    Money,
    Percent,
    TimestampMixin,
    UTCDateTime,
    enum_column,
    utcnow,
)
from discountmarket.extensions import db
from discountmarket.models.requests import DiscountRequest
from discountmarket.models.stores import Store
from discountmarket.models.users import User


class OfferKind(enum.StrEnum):
    OFFER = "offer"
    DECLINE = "decline"


class OfferStatus(enum.StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    EXPIRED = "expired"
    DECLINED = "declined"


class Offer(TimestampMixin, db.Model):
    __tablename__ = "offers"
    __table_args__ = (
        sa.CheckConstraint(
            "kind = 'decline' OR price IS NOT NULL OR percent IS NOT NULL", name="has_terms"
        ),
        sa.CheckConstraint("price IS NULL OR price > 0", name="price"),
        sa.CheckConstraint("percent IS NULL OR (percent > 0 AND percent < 100)", name="percent"),
        sa.CheckConstraint("price IS NULL OR currency IS NOT NULL", name="price_currency"),
        # At most one accepted offer per request, enforced by the database.
        sa.Index(
            "uq_offers_accepted_per_request",
            "request_id",
            unique=True,
            sqlite_where=sa.text("status = 'accepted'"),
            postgresql_where=sa.text("status = 'accepted'"),
        ),
        sa.Index("ix_offers_request_id_status", "request_id", "status"),
        sa.Index("ix_offers_store_id_created_at", "store_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("discount_requests.id", ondelete="CASCADE")
    )
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id"))
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[OfferKind] = mapped_column(enum_column(OfferKind, "offer_kind"))
    price: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    percent: Mapped[Decimal | None] = mapped_column(Percent)
    coupon_code: Mapped[str | None] = mapped_column(sa.String(64))
    terms: Mapped[str | None] = mapped_column(sa.Text)
    extras: Mapped[str | None] = mapped_column(sa.Text)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[OfferStatus] = mapped_column(
        enum_column(OfferStatus, "offer_status"), default=OfferStatus.ACTIVE
    )
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on every change; accepting names the version the shopper saw.
    version: Mapped[int] = mapped_column(default=1)

    request: Mapped[DiscountRequest] = relationship(back_populates="offers")
    store: Mapped[Store] = relationship()
    author: Mapped[User | None] = relationship()
    revisions: Mapped[list[OfferRevision]] = relationship(
        back_populates="offer", order_by="OfferRevision.id", cascade="all, delete-orphan"
    )


class OfferRevision(db.Model):
    """A copy of an offer's terms as they were before a change: nothing is lost on edit."""

    __tablename__ = "offer_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("offers.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    terms: Mapped[dict[str, Any]] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    offer: Mapped[Offer] = relationship(back_populates="revisions")


class AnswerLink(db.Model):
    """The signed answer link of one store for one request; revoking it kills the link."""

    __tablename__ = "answer_links"
    __table_args__ = (sa.UniqueConstraint("request_id", "store_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        sa.ForeignKey("discount_requests.id", ondelete="CASCADE")
    )
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id", ondelete="CASCADE"))
    nonce: Mapped[str] = mapped_column(sa.String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped[DiscountRequest] = relationship()
    store: Mapped[Store] = relationship()
