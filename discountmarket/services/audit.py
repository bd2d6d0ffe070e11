"""The audit log: who did what to which record, with the values before and after; and the
history of an escalation told from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import (
    AuditEntry,
    CallOutcome,
    Channel,
    ContactKind,
    Escalation,
    User,
)


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


@dataclass(frozen=True)
class HistoryEvent:
    """One thing that happened to an escalation or its store, for the history to tell in a
    sentence (templates/macros/history.html): ``kind`` is an audit action, or "opened",
    "call", "closed"; ``details`` holds what the sentence needs (users, enum members,
    moments), never raw JSON."""

    at: datetime
    kind: str
    actor: User | None = None
    details: dict[str, Any] = field(default_factory=dict)


_SAME_EVENT = timedelta(seconds=5)  # rows one action wrote are this close together


def _stored_moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _audit_rows(escalation: Escalation) -> list[AuditEntry]:
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


def _details(entry: AuditEntry) -> dict[str, Any]:
    """What the sentence for one audit row needs, read from its before/after values."""
    after = entry.after or {}
    if entry.action == "claim":
        assignee_id = after.get("assignee_id")
        assignee = db.session.get(User, assignee_id) if assignee_id else None
        return {"assignee": assignee or entry.actor}
    if entry.action == "pause":
        return {"until": _stored_moment(after.get("paused_until"))}
    if entry.action == "add_contact":
        kind = after.get("kind")
        return {
            "kind": ContactKind(kind) if kind in set(ContactKind) else kind,
            "value": after.get("value"),
            "senior": after.get("level") == 1,
        }
    if entry.action == "resend":
        channel = after.get("channel")
        return {
            "channel": Channel(channel) if channel in set(Channel) else channel,
            "address": after.get("address"),
            "count": int(after.get("count") or 0),
        }
    if entry.action == "do_not_contact":
        return {"reason": after.get("reason")}
    if entry.action == "resolve":
        return {"resolution": after.get("resolution")}
    if entry.action == "verify_manager":
        return {"email": after.get("email")}
    if entry.action == "revoke_answer_link":
        return {"request_id": after.get("request_id")}
    return {}


def escalation_history(escalation: Escalation) -> list[HistoryEvent]:
    """What happened to the escalation and what operators did on it and its store, oldest
    first, one event per action: a call is its contact-log row (the audit row of the same
    call, and the pause its follow-up set, are not told again); a do-not-contact decision
    includes the resolution it wrote."""
    calls = list(escalation.log)
    rows = _audit_rows(escalation)
    events = [HistoryEvent(escalation.opened_at, "opened", details={"reason": escalation.reason})]
    events += [
        HistoryEvent(
            call.created_at,
            "call",
            call.operator,
            {
                "channel": call.channel,
                "outcome": CallOutcome(call.outcome)
                if call.outcome in set(CallOutcome)
                else call.outcome,
                "note": call.note,
                "follow_up_at": call.follow_up_at,
            },
        )
        for call in calls
    ]

    def told_by_a_call(entry: AuditEntry) -> bool:
        if entry.action == "log_call":
            return True
        until = _stored_moment((entry.after or {}).get("paused_until"))
        return entry.action == "pause" and any(
            call.operator_id == entry.actor_id
            and call.follow_up_at is not None
            and until is not None
            and abs(call.follow_up_at - until) < timedelta(seconds=1)
            for call in calls
        )

    def told_by_do_not_contact(entry: AuditEntry) -> bool:
        return entry.action == "resolve" and any(
            other.action == "do_not_contact"
            and other.actor_id == entry.actor_id
            and abs(other.created_at - entry.created_at) < _SAME_EVENT
            for other in rows
        )

    for entry in rows:
        if told_by_a_call(entry) or told_by_do_not_contact(entry):
            continue
        events.append(HistoryEvent(entry.created_at, entry.action, entry.actor, _details(entry)))
    resolved_by_hand = any(row.action in ("resolve", "do_not_contact") for row in rows)
    if escalation.resolved_at is not None and not resolved_by_hand:
        events.append(
            HistoryEvent(
                escalation.resolved_at, "closed", details={"resolution": escalation.resolution}
            )
        )
    # Stable: equal moments keep the order above (opened, calls, the audit log's own order).
    return sorted(events, key=lambda event: event.at)
