"""How often and how fast each store answers, kept as it happens (services/reputation.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from discountmarket.database import UTCDateTime, utcnow
from discountmarket.extensions import db


class StoreReputation(db.Model):
    """One row per store that was ever reached; read beside offers and when ranking
    competitors, so neither aggregates the store's whole history."""

    __tablename__ = "store_reputations"
    __table_args__ = (
        sa.CheckConstraint("asked >= 0 AND answered >= 0 AND broken_promises >= 0", name="counts"),
    )

    store_id: Mapped[int] = mapped_column(
        sa.ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True
    )
    asked: Mapped[int] = mapped_column(default=0)  # requests that reached the store
    answered: Mapped[int] = mapped_column(default=0)  # of those, answered (offer or decline)
    # Seconds from reaching the store to its first answer, the most recent first (at most
    # reputation.SAMPLE): the median of recent answers, not of the store's whole history.
    recent_answer_seconds: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    broken_promises: Mapped[int] = mapped_column(default=0)  # confirmed honour reports
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
