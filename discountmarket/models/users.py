"""User accounts and roles."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, validates

from discountmarket.database import TimestampMixin, UTCDateTime, enum_column
from discountmarket.extensions import db
from discountmarket.mailboxes import mailbox_key


class Role(enum.StrEnum):
    SHOPPER = "shopper"
    STORE_MANAGER = "store_manager"
    OPERATOR = "operator"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored normalised (lower-case) so uniqueness is case-insensitive on every backend.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    # The mailbox the address reaches (``mailboxes.mailbox_key``): one account per mailbox.
    # Set with the address; accounts that shared a mailbox before the rule keep their own
    # address as key (migration e1f2a3b4c5d6).
    email_key: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"), default=Role.SHOPPER)
    display_name: Mapped[str | None] = mapped_column(sa.String(120))
    locale: Mapped[str | None] = mapped_column(sa.String(8))
    # An IANA zone ("Europe/Moscow") the user reads and types times in; None: the page's own.
    time_zone: Mapped[str | None] = mapped_column(sa.String(64))
    active: Mapped[bool] = mapped_column(default=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped on password change: every session issued before it stops working.
    session_version: Mapped[int] = mapped_column(default=1)
    # Set by an operator (audited): the shopper's requests go to no store until released.
    requests_held_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @validates("email")
    def _keep_the_mailbox_key(self, _key: str, email: str) -> str:
        self.email_key = mailbox_key(email)
        return email

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive users cannot log in
        return self.active

    def get_id(self) -> str:
        return f"{self.id}.{self.session_version}"

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"
