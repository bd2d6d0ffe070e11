"""Discount requests posted by shoppers."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import Money, Percent, TimestampMixin, UTCDateTime, enum_column
from discountmarket.extensions import db
from discountmarket.models.products import Product
from discountmarket.models.users import User

if TYPE_CHECKING:
    from discountmarket.models.offers import Offer


class RequestStatus(enum.StrEnum):
    OPEN = "open"
    FULFILLED = "fulfilled"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


NO_SAVING = Decimal(-1)


def new_public_slug() -> str:
    return secrets.token_urlsafe(9)  # 12 URL-safe characters, unguessable


class DiscountRequest(TimestampMixin, db.Model):
    __tablename__ = "discount_requests"
    __table_args__ = (
        sa.CheckConstraint("target_price IS NULL OR target_percent IS NULL", name="one_target"),
        sa.CheckConstraint("target_price IS NULL OR target_price > 0", name="target_price"),
        sa.CheckConstraint(
            "target_percent IS NULL OR (target_percent > 0 AND target_percent < 100)",
            name="target_percent",
        ),
        sa.CheckConstraint("quantity BETWEEN 1 AND 99", name="quantity"),
        # One open request per shopper and product; closed ones may repeat.
        sa.Index(
            "uq_discount_requests_open_per_product",
            "shopper_id",
            "product_id",
            unique=True,
            sqlite_where=sa.text("status = 'open'"),
            postgresql_where=sa.text("status = 'open'"),
        ),
        # The board's sorts, each a keyset walk of one index (services/board.py).
        sa.Index("ix_discount_requests_status_created_at_id", "status", "created_at", "id"),
        sa.Index("ix_discount_requests_status_expires_at_id", "status", "expires_at", "id"),
        sa.Index("ix_discount_requests_status_offer_count_id", "status", "offer_count", "id"),
        sa.Index("ix_discount_requests_status_saving_id", "status", "saving", "id"),
        sa.CheckConstraint("offer_count >= 0", name="offer_count"),
        sa.Index("ix_discount_requests_shopper_id_created_at", "shopper_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_slug: Mapped[str] = mapped_column(sa.String(16), unique=True, default=new_public_slug)
    shopper_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    target_price: Mapped[Decimal | None] = mapped_column(Money)
    target_percent: Mapped[Decimal | None] = mapped_column(Percent)
    quantity: Mapped[int] = mapped_column(default=1)
    note: Mapped[str | None] = mapped_column(sa.String(1000))
    ask_competitors: Mapped[bool] = mapped_column(default=True)
    # Also competitors whose own listing of the product was not found for sure: asked about
    # the product by name and identifiers, never with the rival's page or price.
    ask_equivalents: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    share_contact: Mapped[bool] = mapped_column(default=False)
    # Shown publicly as "a shopper in <location>"; optional, free text.
    shopper_location: Mapped[str | None] = mapped_column(sa.String(100))
    notify_offers: Mapped[bool] = mapped_column(default=True)
    last_offer_notice_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # re-opened once at most
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus, "request_status"), default=RequestStatus.OPEN
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The board's counters, kept by services/board_counters.py in the unit of work that
    # changes an offer or first delivers the request, so the board reads them from an index
    # instead of aggregating every offer. ``saving``: percent the best offer is below the
    # list price, -1 with no offer below it (or none in the list price's currency).
    offer_count: Mapped[int] = mapped_column(default=0, server_default="0")
    best_price: Mapped[Decimal | None] = mapped_column(Money)
    saving: Mapped[Decimal] = mapped_column(
        sa.Numeric(5, 2), default=NO_SAVING, server_default="-1"
    )
    # When a store first received it: only then is it public (on the board).
    public_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    shopper: Mapped[User] = relationship()
    product: Mapped[Product] = relationship()
    offers: Mapped[list[Offer]] = relationship(back_populates="request")

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN

    def __repr__(self) -> str:
        return f"<DiscountRequest {self.id} {self.status.value}>"
