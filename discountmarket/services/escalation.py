"""The escalation ladder and the operators' work on it.

The periodic SLA sweep moves silent stores up the ladder, counting the store's business
hours only: after SLA_RETRY_HOURS a delivered request is sent again through the other
channel; after SLA_ESCALATE_HOURS (or at once, when no way to reach the store is known)
the store gets one open escalation in the operators' queue. An answer from the store closes
its escalations. Every operator action is written to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    CallOutcome,
    Channel,
    ContactChannel,
    ContactKind,
    ContactLog,
    ContactSource,
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    RequestStatus,
    Store,
    StoreContact,
    StoreStatus,
    User,
)
from discountmarket.services import business_hours, fanout
from discountmarket.services.audit import audit
from discountmarket.services.errors import ServiceError

# Skip reasons that mean "we have no way in": a person must find one.
NO_ROUTE = ("no_contact", "captcha", "no_address", "no_form", "robots", "not_submittable")
REASON_SILENT = "no answer"
REASON_NO_ROUTE = "needs a manual contact"


# --- the sweep -----------------------------------------------------------------------------


@dataclass
class SweepReport:
    retried: int = 0
    escalated: int = 0


def sla_sweep(now: datetime | None = None) -> SweepReport:
    now = now or datetime.now(UTC)
    config = current_app.config
    retry_after = timedelta(hours=config["SLA_RETRY_HOURS"])
    escalate_after = timedelta(hours=config["SLA_ESCALATE_HOURS"])
    report = SweepReport()
    for dispatch in _silent_deliveries():
        waited = business_hours.for_store(dispatch.store).business_time(dispatch.sent_at, now)
        if waited >= escalate_after:
            report.escalated += open_escalation(dispatch.store, REASON_SILENT, now)
        elif waited >= retry_after:
            report.retried += _retry_other_channel(dispatch, now)
    for store in _stores_without_a_route():
        report.escalated += open_escalation(store, REASON_NO_ROUTE, now)
    jobs.commit()
    return report


def _silent_deliveries() -> list[Dispatch]:
    """Delivered dispatches of open requests that their store has not answered."""
    return list(
        db.session.scalars(
            sa.select(Dispatch)
            .join(DiscountRequest, DiscountRequest.id == Dispatch.request_id)
            .join(Store, Store.id == Dispatch.store_id)
            .where(
                Dispatch.status == DispatchStatus.SENT,
                DiscountRequest.status == RequestStatus.OPEN,
                Store.status.in_([StoreStatus.ACTIVE, StoreStatus.UNVERIFIED]),
            )
        )
    )


def _stores_without_a_route() -> list[Store]:
    """Stores asked by an open request whose every dispatch was skipped for lack of a way in."""
    skipped = sa.and_(Dispatch.status == DispatchStatus.SKIPPED, Dispatch.skip_reason.in_(NO_ROUTE))
    usable = sa.select(Dispatch.store_id).where(
        Dispatch.status.in_(
            [
                DispatchStatus.PENDING,
                DispatchStatus.SENDING,
                DispatchStatus.SENT,
                DispatchStatus.ANSWERED,
            ]
        )
    )
    stuck = (
        sa.select(Dispatch.store_id)
        .join(DiscountRequest, DiscountRequest.id == Dispatch.request_id)
        .where(skipped, DiscountRequest.status == RequestStatus.OPEN)
    )
    # IN (subquery), not JOIN + DISTINCT: PostgreSQL cannot compare the JSON form plan.
    return list(
        db.session.scalars(
            sa.select(Store).where(
                Store.id.in_(stuck),
                Store.id.not_in(usable),
                Store.status.in_([StoreStatus.ACTIVE, StoreStatus.UNVERIFIED]),
            )
        )
    )


def _retry_other_channel(dispatch: Dispatch, now: datetime) -> int:
    other = Channel.FORM if dispatch.channel == Channel.EMAIL else Channel.EMAIL
    if other not in fanout.channels_for(dispatch.store):
        return 0
    exists = db.session.scalar(
        sa.select(Dispatch.id).where(
            Dispatch.request_id == dispatch.request_id,
            Dispatch.store_id == dispatch.store_id,
            Dispatch.channel == other,
        )
    )
    if exists is not None:
        return 0
    retry = Dispatch(
        request_id=dispatch.request_id,
        store_id=dispatch.store_id,
        channel=other,
        next_attempt_at=now,
    )
    db.session.add(retry)
    db.session.flush()
    jobs.later("deliver", retry.id)
    return 1


def open_escalation(store: Store, reason: str, now: datetime | None = None) -> int:
    """Open the store's escalation unless one is open already (the database keeps it one)."""
    if db.session.scalar(
        sa.select(Escalation.id).where(
            Escalation.store_id == store.id, Escalation.status == EscalationStatus.OPEN
        )
    ):
        return 0
    try:
        with db.session.begin_nested():
            db.session.add(
                Escalation(store_id=store.id, reason=reason, opened_at=now or datetime.now(UTC))
            )
    except IntegrityError:
        return 0  # another sweep opened it a moment ago
    return 1


def close_for_store(store_id: int, resolution: str) -> None:
    """The store answered: its open escalations are done. The caller commits."""
    db.session.execute(
        sa.update(Escalation)
        .where(Escalation.store_id == store_id, Escalation.status == EscalationStatus.OPEN)
        .values(
            status=EscalationStatus.RESOLVED, resolved_at=datetime.now(UTC), resolution=resolution
        )
        .execution_options(synchronize_session=False)
    )


# --- the queue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    escalation: Escalation
    waiting: int  # open requests the store has not answered

    @property
    def priority(self) -> float:
        age_hours = (datetime.now(UTC) - self.escalation.opened_at).total_seconds() / 3600
        return self.waiting * max(age_hours, 1)


def waiting_requests(store_id: int) -> list[DiscountRequest]:
    answered = sa.select(Dispatch.request_id).where(
        Dispatch.store_id == store_id, Dispatch.status == DispatchStatus.ANSWERED
    )
    return list(
        db.session.scalars(
            sa.select(DiscountRequest)
            .join(Dispatch, Dispatch.request_id == DiscountRequest.id)
            .where(
                Dispatch.store_id == store_id,
                DiscountRequest.status == RequestStatus.OPEN,
                DiscountRequest.id.not_in(answered),
            )
            .distinct()
        )
    )


def channels_tried(store_id: int, limit: int = 50) -> list[Dispatch]:
    """Every delivery to the store for open requests: channel, status and outcome."""
    return list(
        db.session.scalars(
            sa.select(Dispatch)
            .join(DiscountRequest, DiscountRequest.id == Dispatch.request_id)
            .where(Dispatch.store_id == store_id, DiscountRequest.status == RequestStatus.OPEN)
            .order_by(Dispatch.id.desc())
            .limit(limit)
        )
    )


def queue(now: datetime | None = None) -> list[QueueItem]:
    """Open, unpaused escalations: most shoppers waiting longest first."""
    now = now or datetime.now(UTC)
    open_ones = db.session.scalars(
        sa.select(Escalation).where(
            Escalation.status == EscalationStatus.OPEN,
            sa.or_(Escalation.paused_until.is_(None), Escalation.paused_until <= now),
        )
    ).all()
    items = [QueueItem(e, len(waiting_requests(e.store_id))) for e in open_ones]
    return sorted(items, key=lambda item: item.priority, reverse=True)


def paused(now: datetime | None = None) -> list[Escalation]:
    now = now or datetime.now(UTC)
    return list(
        db.session.scalars(
            sa.select(Escalation)
            .where(Escalation.status == EscalationStatus.OPEN, Escalation.paused_until > now)
            .order_by(Escalation.paused_until)
        )
    )


# --- operator actions ----------------------------------------------------------------------


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
        pause(escalation, operator, follow_up_at, commit=False)
    db.session.flush()
    audit(operator, "log_call", escalation, after={"outcome": outcome.value, "note": note})
    jobs.commit()
    return entry


def pause(escalation: Escalation, operator: User, until: datetime, *, commit: bool = True) -> None:
    """Hide the escalation until ``until`` ("promised an answer on Monday"); it comes back."""
    _require_assignee(escalation, operator)
    before = {
        "paused_until": escalation.paused_until.isoformat() if escalation.paused_until else None
    }
    escalation.paused_until = until
    audit(operator, "pause", escalation, before=before, after={"paused_until": until.isoformat()})
    if commit:
        jobs.commit()


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
            Dispatch.status.in_([DispatchStatus.PENDING, DispatchStatus.SENDING]),
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
