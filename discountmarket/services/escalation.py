"""The escalation ladder and the operators' work on it.

The periodic SLA sweep moves silent stores up the ladder, counting the store's business
hours only: after SLA_RETRY_HOURS a delivered request is sent again through the other
channel (not to a store that asked for a weekly digest); after SLA_ESCALATE_HOURS (or at
once, when no way to reach the store is known or a form post was not confirmed) the store
gets one open escalation in the operators' queue. A store that asked never to be written
to is never chased. An answer from the store closes
its escalations. What operators do with one lives in ``escalation_actions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    RequestStatus,
    Store,
    StoreStatus,
)
from discountmarket.services import business_hours, fallback, fanout

# Skip reasons that mean "we have no way in": a person must find one.
NO_ROUTE = (
    "no_contact",
    "captcha",
    "no_address",
    "no_form",
    "site_unreadable",
    "robots",
    "not_submittable",
    "third_party_form",
)
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
    for dispatch in _silent_deliveries(now):
        waited = business_hours.for_store(dispatch.store).business_time(dispatch.sent_at, now)
        if waited >= escalate_after:
            report.escalated += open_escalation(dispatch.store, REASON_SILENT, now)
        elif waited >= retry_after:
            report.retried += _retry_other_channel(dispatch, now)
    for store in _stores_without_a_route():
        report.escalated += open_escalation(store, REASON_NO_ROUTE, now)
    jobs.commit()
    return report


def _silent_deliveries(now: datetime) -> list[Dispatch]:
    """Delivered dispatches of open requests that their store has not answered, unless its
    out-of-office reply said it is away (the clock waits until its return)."""
    return list(
        db.session.scalars(
            sa.select(Dispatch)
            .join(DiscountRequest, DiscountRequest.id == Dispatch.request_id)
            .join(Store, Store.id == Dispatch.store_id)
            .where(
                Dispatch.status == DispatchStatus.SENT,
                DiscountRequest.status == RequestStatus.OPEN,
                _may_be_chased(),
                sa.or_(Store.away_until.is_(None), Store.away_until <= now),
            )
        )
    )


def _may_be_chased() -> sa.ColumnElement[bool]:
    """Stores we may chase: not opted out, and not asking never to be written to."""
    return sa.and_(
        Store.status.in_([StoreStatus.ACTIVE, StoreStatus.UNVERIFIED]),
        sa.or_(Store.contact_preference.is_(None), Store.contact_preference != fanout.NEVER),
    )


def _stores_without_a_route() -> list[Store]:
    """Stores asked by an open request that no dispatch reached or may still reach: each was
    skipped for lack of a way in, or posted to a form that did not confirm it."""
    skipped = sa.or_(
        sa.and_(Dispatch.status == DispatchStatus.SKIPPED, Dispatch.skip_reason.in_(NO_ROUTE)),
        Dispatch.status == DispatchStatus.UNCERTAIN,
    )
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
                _may_be_chased(),
            )
        )
    )


def _retry_other_channel(dispatch: Dispatch, now: datetime) -> int:
    """The store stayed silent: the other channel, unless it asked for one message a week."""
    if dispatch.store.contact_preference == fanout.WEEKLY:
        return 0
    return int(fallback.use_other_channel(dispatch, now))


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


def find(escalation_id: int) -> Escalation | None:
    return db.session.get(Escalation, escalation_id)


def latest_for_store(store_id: int) -> int | None:
    """The id of the store's most recent escalation, if it ever had one."""
    return db.session.scalar(
        sa.select(Escalation.id)
        .where(Escalation.store_id == store_id)
        .order_by(Escalation.id.desc())
        .limit(1)
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


def _waiting(store_ids: sa.Select | list[int]) -> sa.Select:
    """(store, request): the open requests sent to these stores that the store has not
    answered, each once."""
    answered = Dispatch.__table__.alias("answered")
    return (
        sa.select(Dispatch.store_id, Dispatch.request_id)
        .join(DiscountRequest, DiscountRequest.id == Dispatch.request_id)
        .where(
            Dispatch.store_id.in_(store_ids),
            DiscountRequest.status == RequestStatus.OPEN,
            ~sa.exists().where(
                answered.c.request_id == Dispatch.request_id,
                answered.c.store_id == Dispatch.store_id,
                answered.c.status == DispatchStatus.ANSWERED,
            ),
        )
        .distinct()
    )


def waiting_requests(store_id: int) -> list[DiscountRequest]:
    waiting = _waiting([store_id]).subquery()
    return list(
        db.session.scalars(
            sa.select(DiscountRequest).where(
                DiscountRequest.id.in_(sa.select(waiting.c.request_id))
            )
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
    """Open, unpaused escalations: most shoppers waiting longest first. One statement: the
    waiting counts of the escalated stores (no others) grouped in it, the store and the
    assignee joined."""
    now = now or datetime.now(UTC)
    escalated = sa.select(Escalation.store_id).where(Escalation.status == EscalationStatus.OPEN)
    pairs = _waiting(escalated).subquery()
    waiting = (
        sa.select(pairs.c.store_id, sa.func.count().label("n"))
        .group_by(pairs.c.store_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Escalation, sa.func.coalesce(waiting.c.n, 0))
        .outerjoin(waiting, waiting.c.store_id == Escalation.store_id)
        .where(
            Escalation.status == EscalationStatus.OPEN,
            sa.or_(Escalation.paused_until.is_(None), Escalation.paused_until <= now),
        )
        .options(joinedload(Escalation.store), joinedload(Escalation.assignee))
    ).all()
    items = [QueueItem(escalation, count) for escalation, count in rows]
    return sorted(items, key=lambda item: item.priority, reverse=True)


def paused(now: datetime | None = None) -> list[Escalation]:
    now = now or datetime.now(UTC)
    return list(
        db.session.scalars(
            sa.select(Escalation)
            .where(Escalation.status == EscalationStatus.OPEN, Escalation.paused_until > now)
            .options(joinedload(Escalation.store))
            .order_by(Escalation.paused_until)
        )
    )
