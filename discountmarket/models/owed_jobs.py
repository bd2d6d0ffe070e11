"""Jobs owed to a person (the notices of a decision): written in the unit of work that
decided them, so that a queue entry lost with a stopped worker is queued again by a sweep,
and deleted in the unit of work that did them, so that none is done twice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from discountmarket.database import UTCDateTime
from discountmarket.extensions import db


class OwedJob(db.Model):
    __tablename__ = "owed_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    args: Mapped[list[Any]] = mapped_column(sa.JSON)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)  # queued again after
