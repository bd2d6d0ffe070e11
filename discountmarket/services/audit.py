"""The audit log: who did what to which record, with the values before and after."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import AuditEntry, Escalation, User


def audit(
    actor: User | None,
    action: str,
    target: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Record an action in the caller's unit of work; ``target`` is any model with an id."""
    db.session.add(
        AuditEntry(
            actor_id=actor.id if actor else None,
            action=action,
            target_type=type(target).__name__.lower(),
            target_id=target.id,
            before=before,
            after=after,
        )
    )


def escalation_history(escalation: Escalation) -> list[AuditEntry]:
    """What operators did on the escalation and on its store, oldest first."""
    return list(
        db.session.scalars(
            sa.select(AuditEntry)
            .where(
                sa.or_(
                    sa.and_(
                        AuditEntry.target_type == "escalation",
                        AuditEntry.target_id == escalation.id,
                    ),
                    sa.and_(
                        AuditEntry.target_type == "store",
                        AuditEntry.target_id == escalation.store_id,
                    ),
                )
            )
            .order_by(AuditEntry.created_at, AuditEntry.id)
        )
    )
