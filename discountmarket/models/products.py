"""Product snapshots fetched from store pages."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import Money, TimestampMixin, UTCDateTime, enum_column
from discountmarket.extensions import db
from discountmarket.models.stores import Store


class FetchStatus(enum.StrEnum):
    PENDING = "pending"
    FETCHED = "fetched"
    FAILED = "failed"
    MANUAL = "manual"  # the shopper typed title and price after a failed fetch


class Product(TimestampMixin, db.Model):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.String(2048), unique=True)  # canonical URL
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id"), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(500))
    price: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    image_url: Mapped[str | None] = mapped_column(sa.String(2048))
    fetch_status: Mapped[FetchStatus] = mapped_column(
        enum_column(FetchStatus, "fetch_status"), default=FetchStatus.PENDING
    )
    fetch_error: Mapped[str | None] = mapped_column(sa.String(500))
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What identifies the product across shops (outreach/product_identity.py).
    gtin: Mapped[str | None] = mapped_column(sa.String(14), index=True)  # GTIN-14
    mpn: Mapped[str | None] = mapped_column(sa.String(120))
    brand: Mapped[str | None] = mapped_column(sa.String(120))
    model: Mapped[str | None] = mapped_column(sa.String(120))
    sku: Mapped[str | None] = mapped_column(sa.String(120))  # the shop's own code
    category: Mapped[str | None] = mapped_column(sa.String(300))  # "Coffee > Grinders"

    store: Mapped[Store] = relationship()

    def __repr__(self) -> str:
        return f"<Product {self.id} {self.url}>"
