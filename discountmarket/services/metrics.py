"""Counts for the operator console, computed by SQL aggregates."""

from __future__ import annotations

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    Escalation,
    EscalationStatus,
    Store,
)


def overview() -> dict[str, dict[str, int]]:
    def by(column: sa.ColumnElement) -> dict[str, int]:
        rows = db.session.execute(sa.select(column, sa.func.count()).group_by(column))
        return {str(getattr(key, "value", key)): count for key, count in rows}

    return {
        "requests": by(DiscountRequest.status),
        "stores": by(Store.status),
        "dispatches": by(Dispatch.status),
        "escalations": by(Escalation.status),
    }


def open_escalation_count() -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count()).where(Escalation.status == EscalationStatus.OPEN)
        )
        or 0
    )
