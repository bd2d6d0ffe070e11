"""Reading the outbox mail backend's messages (operators only)."""

from __future__ import annotations

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import OutboxMessage


def page_of_messages(page: int, per_page: int = 50) -> tuple[list[OutboxMessage], bool]:
    rows = db.session.scalars(
        sa.select(OutboxMessage)
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(per_page + 1)
        .offset((max(page, 1) - 1) * per_page)
    ).all()
    return list(rows[:per_page]), len(rows) > per_page
