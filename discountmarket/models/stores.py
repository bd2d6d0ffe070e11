"""Stores, their contacts, categories, competitor links and managers."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from discountmarket.database import TimestampMixin, UTCDateTime, enum_column, utcnow
from discountmarket.extensions import db

if TYPE_CHECKING:
    from discountmarket.models.users import User


class StoreStatus(enum.StrEnum):
    ACTIVE = "active"
    UNVERIFIED = "unverified"
    OPTED_OUT = "opted_out"
    DO_NOT_CONTACT = "do_not_contact"


class ContactKind(enum.StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    FORM = "form"


class ContactSource(enum.StrEnum):
    SCRAPED = "scraped"
    OPERATOR = "operator"
    MANAGER = "manager"


store_categories = sa.Table(
    "store_categories",
    db.metadata,
    sa.Column("store_id", sa.ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("category_id", sa.ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True),
)

# Stored in both directions (a competes with b and b with a) so lookups need one index.
store_competitors = sa.Table(
    "store_competitors",
    db.metadata,
    sa.Column("store_id", sa.ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("competitor_id", sa.ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True),
    sa.CheckConstraint("store_id <> competitor_id", name="not_self"),
)


class Category(db.Model):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)

    def __repr__(self) -> str:
        return f"<Category {self.slug}>"


class Store(TimestampMixin, db.Model):
    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # Registrable domain (example.co.uk): one store however many hostnames it uses.
    domain: Mapped[str] = mapped_column(sa.String(253), unique=True)
    homepage: Mapped[str] = mapped_column(sa.String(2048))
    locale: Mapped[str] = mapped_column(sa.String(8), default="en")
    status: Mapped[StoreStatus] = mapped_column(
        enum_column(StoreStatus, "store_status"), default=StoreStatus.UNVERIFIED, index=True
    )
    contact_page: Mapped[str | None] = mapped_column(sa.String(2048))
    form_plan: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    captcha_kind: Mapped[str | None] = mapped_column(sa.String(20))
    last_probed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    probe_error: Mapped[str | None] = mapped_column(sa.String(200))
    # When the store works: SLA timers count only these hours, and we write only then.
    timezone: Mapped[str | None] = mapped_column(sa.String(64))  # IANA name; None: site default
    # How the store asked to be contacted: "email" or "form" only; None: we choose.
    contact_preference: Mapped[str | None] = mapped_column(sa.String(16))
    # Its out-of-office reply named a return: no chasing until then (the SLA clock waits).
    away_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    business_hours: Mapped[str | None] = mapped_column(sa.String(40))  # "mon-fri 09-18"

    contacts: Mapped[list[StoreContact]] = relationship(
        back_populates="store", cascade="all, delete-orphan", order_by="StoreContact.id"
    )
    categories: Mapped[list[Category]] = relationship(secondary=store_categories)
    competitors: Mapped[list[Store]] = relationship(
        secondary=store_competitors,
        primaryjoin=lambda: Store.id == store_competitors.c.store_id,
        secondaryjoin=lambda: Store.id == store_competitors.c.competitor_id,
        order_by=lambda: Store.name,
    )
    memberships: Mapped[list[StoreMembership]] = relationship(
        back_populates="store", cascade="all, delete-orphan"
    )

    @property
    def contactable(self) -> bool:
        return self.status in (StoreStatus.ACTIVE, StoreStatus.UNVERIFIED)

    def __repr__(self) -> str:
        return f"<Store {self.domain}>"


class StoreContact(db.Model):
    __tablename__ = "store_contacts"
    __table_args__ = (
        sa.UniqueConstraint("store_id", "kind", "value"),
        sa.CheckConstraint("level IN (0, 1)", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(sa.ForeignKey("stores.id", ondelete="CASCADE"))
    kind: Mapped[ContactKind] = mapped_column(enum_column(ContactKind, "contact_kind"))
    value: Mapped[str] = mapped_column(sa.String(2048))
    label: Mapped[str | None] = mapped_column(sa.String(200))  # e.g. "Head of e-commerce"
    level: Mapped[int] = mapped_column(default=0)  # 0 front line, 1 senior
    source: Mapped[ContactSource] = mapped_column(
        enum_column(ContactSource, "contact_source"), default=ContactSource.SCRAPED
    )
    bounced: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    store: Mapped[Store] = relationship(back_populates="contacts")


class StoreMembership(db.Model):
    """A store manager's right to answer for a store (after claiming it)."""

    __tablename__ = "store_memberships"
    __table_args__ = (sa.UniqueConstraint("user_id", "store_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    store_id: Mapped[int] = mapped_column(
        sa.ForeignKey("stores.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    store: Mapped[Store] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship()
