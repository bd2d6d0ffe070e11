"""What operators do with an escalation: take it, log calls, pause it, add a senior contact,
send the store's waiting requests again, mark the store do-not-contact, resolve it. Every
action is exclusive to the escalation's assignee and written to the audit log."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    WAITING,
    CallOutcome,
    Channel,
    ContactChannel,
    ContactKind,
    ContactLog,
    ContactSource,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    StoreContact,
    StoreStatus,
    User,
)
from discountmarket.services import fanout
from discountmarket.services.audit import audit
from discountmarket.services.errors import ServiceError
from discountmarket.services.escalation import waiting_requests


def claim(escalation: Escalation, operator: User) -> None:
    """Assign to me; exclusive, so two operators do not call the same shop."""
    changed = db.session.execute(
        sa.update(Escalation)
        .where(
            Escalation.id == escalation.id,
            Escalation.status == EscalationStatus.OPEN,
            sa.or_(Escalation.assignee_id.is_(None), Escalation.assignee_id == operator.id),
        )
        .values(assignee_id=operator.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise ServiceError(_l("Another operator has taken this escalation."))
    audit(operator, "claim", escalation, after={"assignee_id": operator.id})
    jobs.commit()


def _require_assignee(escalation: Escalation, operator: User) -> None:
    if escalation.status != EscalationStatus.OPEN:
        raise ServiceError(_l("This escalation is resolved."))
    if escalation.assignee_id != operator.id:
        raise ServiceError(_l("Take the escalation first; another operator may be on it."))


def log_call(
    escalation: Escalation,
    operator: User,
    outcome: CallOutcome,
    note: str | None,
    follow_up_at: datetime | None = None,
) -> ContactLog:
    _require_assignee(escalation, operator)
    entry = ContactLog(
        escalation_id=escalation.id,
        operator_id=operator.id,
        channel=ContactChannel.PHONE,
        outcome=outcome.value,
        note=note,
        follow_up_at=follow_up_at,
    )
    db.session.add(entry)
    if follow_up_at is not None:
        _pause(escalation, operator, follow_up_at)
    db.session.flush()
    audit(operator, "log_call", escalation, after={"outcome": outcome.value, "note": note})
    jobs.commit()
    return entry


def pause(escalation: Escalation, operator: User, until: datetime) -> None:
    """Hide the escalation until ``until`` ("promised an answer on Monday"); it comes back."""
    _require_assignee(escalation, operator)
    _pause(escalation, operator, until)
    jobs.commit()


def _pause(escalation: Escalation, operator: User, until: datetime) -> None:
    before = {
        "paused_until": escalation.paused_until.isoformat() if escalation.paused_until else None
    }
    escalation.paused_until = until
    audit(operator, "pause", escalation, before=before, after={"paused_until": until.isoformat()})


def add_senior_contact(
    escalation: Escalation, operator: User, kind: ContactKind, value: str, label: str | None
) -> StoreContact:
    _require_assignee(escalation, operator)
    value = value.strip().lower() if kind == ContactKind.EMAIL else value.strip()
    contact = StoreContact(
        store_id=escalation.store_id,
        kind=kind,
        value=value,
        label=label,
        level=1,
        source=ContactSource.OPERATOR,
    )
    db.session.add(contact)
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise ServiceError(_l("The store has this contact already.")) from error
    audit(
        operator, "add_contact", escalation, after={"kind": kind.value, "value": value, "level": 1}
    )
    jobs.commit()
    return contact


def resend(
    escalation: Escalation, operator: User, channel: Channel, address: str | None = None
) -> int:
    """Send the store's waiting requests again through ``channel`` (to ``address``, e.g. a
    senior contact). An operator's explicit choice: sent dispatches go out once more."""
    _require_assignee(escalation, operator)
    store = escalation.store
    if not store.contactable:
        raise ServiceError(_l("This store must not be contacted."))
    if channel not in fanout.channels_for(store) and not (channel == Channel.EMAIL and address):
        raise ServiceError(_l("The store has no usable contact for this channel."))
    now = datetime.now(UTC)
    count = 0
    for request in waiting_requests(store.id):
        dispatch = db.session.scalar(
            sa.select(Dispatch).where(
                Dispatch.request_id == request.id,
                Dispatch.store_id == store.id,
                Dispatch.channel == channel,
            )
        )
        if dispatch is None:
            dispatch = Dispatch(request_id=request.id, store_id=store.id, channel=channel)
            db.session.add(dispatch)
        elif dispatch.status == DispatchStatus.SENDING:
            continue  # on its way right now
        dispatch.status = DispatchStatus.PENDING
        dispatch.skip_reason = None
        dispatch.held_for_digest = False
        dispatch.address = address
        dispatch.attempts = 0
        dispatch.next_attempt_at = now
        db.session.flush()
        jobs.later("deliver", dispatch.id)
        count += 1
    audit(
        operator,
        "resend",
        escalation,
        after={"channel": channel.value, "address": address, "count": count},
    )
    jobs.commit()
    return count


def mark_do_not_contact(escalation: Escalation, operator: User, reason: str) -> None:
    """Stop every channel at once; pending messages are skipped; shoppers see why."""
    _require_assignee(escalation, operator)
    store = escalation.store
    before = {"status": store.status.value}
    store.status = StoreStatus.DO_NOT_CONTACT
    now = datetime.now(UTC)
    db.session.execute(
        sa.update(Dispatch)
        .where(
            Dispatch.store_id == store.id,
            Dispatch.status.in_([*WAITING, DispatchStatus.SENDING]),
        )
        .values(status=DispatchStatus.SKIPPED, skip_reason="do_not_contact", updated_at=now)
        .execution_options(synchronize_session=False)
    )
    audit(
        operator,
        "do_not_contact",
        store,
        before=before,
        after={"status": "do_not_contact", "reason": reason},
    )
    _resolve(escalation, operator, f"do not contact: {reason}")
    jobs.commit()


def resolve(escalation: Escalation, operator: User, note: str) -> None:
    _require_assignee(escalation, operator)
    _resolve(escalation, operator, note)
    jobs.commit()


def _resolve(escalation: Escalation, operator: User, note: str) -> None:
    escalation.status = EscalationStatus.RESOLVED
    escalation.resolved_at = datetime.now(UTC)
    escalation.resolution = note[:500]
    audit(operator, "resolve", escalation, after={"resolution": note[:500]})
