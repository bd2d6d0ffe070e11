"""One product looked for in a competitor's shop: the listing found there (a product of
that store), how sure the match is, and the searches that were asked, cached for a day."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import TimestampMixin, UTCDateTime, enum_column
from discountmarket.extensions import db
from discountmarket.models.products import Product
from discountmarket.models.stores import Store


class MatchStatus(enum.StrEnum):
    MATCHED = "matched"  # sure enough to ask the store about its own listing
    UNSURE = "unsure"  # kept for an operator to confirm; never used silently
    CONFIRMED = "confirmed"  # an operator said it is the same product
    REJECTED = "rejected"  # an operator said it is not
    ABSENT = "absent"  # the store was searched and holds nothing like it
    UNKNOWN = "unknown"  # the store could not be searched (robots, errors, limits)


USABLE = frozenset({MatchStatus.MATCHED, MatchStatus.CONFIRMED})


class ProductMatch(TimestampMixin, db.Model):
    __tablename__ = "product_matches"
    __table_args__ = (sa.UniqueConstraint("product_id", "store_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id"), index=True)
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id"), index=True)
    listing_id: Mapped[int | None] = mapped_column(sa.ForeignKey("products.id"))
    status: Mapped[MatchStatus] = mapped_column(enum_column(MatchStatus, "match_status"))
    by: Mapped[str | None] = mapped_column(sa.String(10))  # gtin, mpn, title, operator
    confidence: Mapped[Decimal | None] = mapped_column(sa.Numeric(3, 2))
    reason: Mapped[str | None] = mapped_column(sa.String(200))
    searched: Mapped[str | None] = mapped_column(sa.Text)  # JSON list of search URLs
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)

    product: Mapped[Product] = relationship(foreign_keys=[product_id])
    store: Mapped[Store] = relationship()
    listing: Mapped[Product | None] = relationship(foreign_keys=[listing_id])

    @property
    def usable(self) -> bool:
        return self.status in USABLE and self.listing_id is not None


class StoreSearch(db.Model):
    """A search answer of one store, by the exact search URL (query included)."""

    __tablename__ = "store_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id"), index=True)
    key: Mapped[str] = mapped_column(sa.String(64), unique=True)  # sha256 of the URL
    url: Mapped[str] = mapped_column(sa.String(2048))
    results: Mapped[str] = mapped_column(sa.Text)  # JSON list of candidates
    searched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
