"""Figures for the operator console, computed by SQL aggregates, and the reads behind the
dispatch inspector (the outbox seen one dispatch at a time)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql.expression import FunctionElement

from discountmarket import numbers
from discountmarket.database import utcnow
from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    Offer,
    OfferKind,
    RequestStatus,
    Store,
    StoreStatus,
    Suppression,
)

# The periods the dashboard offers; anything else is refused (it bounds the work).
PERIODS = (7, 30)
# A dispatch the store received: it can have been answered (or ignored).
DELIVERED = (DispatchStatus.SENT, DispatchStatus.ANSWERED)
CLOSED = (RequestStatus.FULFILLED, RequestStatus.EXPIRED, RequestStatus.CANCELLED)
LEAST_RESPONSIVE_LIMIT = 10
DISPATCH_PAGE_SIZE = 50


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


# --- dialect-aware SQL helpers ---------------------------------------------------------
# Timestamps are stored as naive UTC (see UTCDateTime), so "the day" is the UTC day.


# Lower-case names: they read as the SQL functions they stand for.
class utc_day(FunctionElement):
    """The calendar day (UTC) of a timestamp column, as a DATE."""

    type = sa.Date()
    name = "utc_day"
    inherit_cache = True


@compiles(utc_day)
def _utc_day_sqlite(element: utc_day, compiler: Any, **kw: Any) -> str:
    # SQLite keeps timestamps as ISO text; date() cuts it to 'YYYY-MM-DD'.
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(utc_day, "postgresql")
def _utc_day_postgresql(element: utc_day, compiler: Any, **kw: Any) -> str:
    return f"CAST(date_trunc('day', {compiler.process(element.clauses, **kw)}) AS DATE)"


class seconds_between(FunctionElement):
    """``end - start`` in seconds (a float), for two timestamp expressions."""

    type = sa.Float()
    name = "seconds_between"
    inherit_cache = True


@compiles(seconds_between)
def _seconds_between_sqlite(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(seconds_between, "postgresql")
def _seconds_between_postgresql(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS DOUBLE PRECISION)"


# --- the period figures ----------------------------------------------------------------


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class OutcomeCount:
    channel: str
    status: str
    count: int


@dataclass(frozen=True)
class AnswerRate:
    channel: str
    delivered: int
    answered: int

    @property
    def rate(self) -> float | None:
        return self.answered / self.delivered if self.delivered else None


@dataclass(frozen=True)
class SilentStore:
    store_id: int
    name: str
    domain: str
    delivered: int
    unanswered: int


@dataclass(frozen=True)
class PeriodMetrics:
    days: int
    since: datetime  # start of the first day (UTC) of the period, inclusive
    until: datetime  # the moment the figures were taken, exclusive
    requests_per_day: list[DayCount]  # one entry per day of the period, zeros included
    dispatches: list[OutcomeCount]  # dispatches created in the period
    answer_rates: list[AnswerRate]  # one per channel with delivered dispatches
    first_offer_delays: int  # how many requests the median is taken over
    median_first_offer_seconds: float | None
    requests_with_offers: int
    offers: int
    requests_closed: int
    requests_fulfilled: int
    stores_opted_out: int
    suppressions_added: int
    least_responsive: list[SilentStore]

    @property
    def requests_posted(self) -> int:
        return sum(day.count for day in self.requests_per_day)

    @property
    def offers_per_request(self) -> float | None:
        return self.offers / self.requests_posted if self.requests_posted else None

    @property
    def acceptance_rate(self) -> float | None:
        return self.requests_fulfilled / self.requests_closed if self.requests_closed else None

    @property
    def opt_outs(self) -> int:
        return self.stores_opted_out + self.suppressions_added

    @property
    def median_first_offer(self) -> timedelta | None:
        seconds = self.median_first_offer_seconds
        return None if seconds is None else timedelta(seconds=seconds)

    @property
    def dispatch_total(self) -> int:
        return sum(row.count for row in self.dispatches)


def period_bounds(days: int, now: datetime | None = None) -> tuple[datetime, datetime]:
    """The last ``days`` calendar days (UTC), today included, up to ``now``.

    Whole days, so that every bar of the per-day chart covers the same span."""
    until = (now or utcnow()).astimezone(UTC)
    first_day = until.date() - timedelta(days=days - 1)
    return datetime.combine(first_day, time.min, tzinfo=UTC), until


def period_metrics(days: int, now: datetime | None = None) -> PeriodMetrics:
    """Every figure of the metrics dashboard for the last ``days`` days (7 or 30).

    A fixed, small number of aggregate queries whatever the amount of data; the only
    list that reaches Python is the per-request delays for the median (see below)."""
    if days not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}, not {days!r}")
    since, until = period_bounds(days, now)

    def within(column: Any) -> sa.ColumnElement[bool]:
        return sa.and_(column >= since, column < until)

    # Requests posted per day: one row per day that had any.
    day = utc_day(DiscountRequest.created_at)
    per_day = dict(
        db.session.execute(
            sa.select(day, sa.func.count()).where(within(DiscountRequest.created_at)).group_by(day)
        ).all()
    )
    days_of_period = [since.date() + timedelta(days=n) for n in range(days)]
    requests_per_day = [DayCount(d, int(per_day.get(d, 0))) for d in days_of_period]

    dispatches = [
        OutcomeCount(channel.value, status.value, count)
        for channel, status, count in db.session.execute(
            sa.select(Dispatch.channel, Dispatch.status, sa.func.count())
            .where(within(Dispatch.created_at))
            .group_by(Dispatch.channel, Dispatch.status)
            .order_by(Dispatch.channel, Dispatch.status)
        )
    ]

    # A store answered a dispatch when it is marked so, or when the store has left any
    # answer (an offer or a decline) on that request, whichever channel reached it.
    answered = sa.or_(
        Dispatch.status == DispatchStatus.ANSWERED,
        sa.exists().where(
            Offer.request_id == Dispatch.request_id, Offer.store_id == Dispatch.store_id
        ),
    )
    answered_count = sa.func.sum(sa.case((answered, 1), else_=0))
    delivered_in_period = sa.and_(Dispatch.status.in_(DELIVERED), within(Dispatch.created_at))
    answer_rates = [
        AnswerRate(channel.value, delivered, int(answers or 0))
        for channel, delivered, answers in db.session.execute(
            sa.select(Dispatch.channel, sa.func.count(), answered_count)
            .where(delivered_in_period)
            .group_by(Dispatch.channel)
            .order_by(Dispatch.channel)
        )
    ]

    # Time to first offer, per request posted in the period that got one. A median has
    # no portable SQL aggregate (PostgreSQL has percentile_cont, SQLite nothing), so SQL
    # computes one number per request and Python takes the median of those numbers: the
    # list is bounded by the requests of the period, and no row objects are loaded.
    first_offer = (
        sa.select(
            seconds_between(DiscountRequest.created_at, sa.func.min(Offer.created_at)).label(
                "delay"
            )
        )
        .join(Offer, Offer.request_id == DiscountRequest.id)
        .where(Offer.kind == OfferKind.OFFER, within(DiscountRequest.created_at))
        .group_by(DiscountRequest.id, DiscountRequest.created_at)
    )
    # Whole seconds: SQLite's julianday arithmetic is exact only to about a millisecond.
    delays = [round(max(delay, 0.0)) for delay in db.session.scalars(first_offer)]
    median = float(statistics.median(delays)) if delays else None

    requests_with_offers, offers = db.session.execute(
        sa.select(sa.func.count(sa.distinct(Offer.request_id)), sa.func.count(Offer.id))
        .join(DiscountRequest, Offer.request_id == DiscountRequest.id)
        .where(Offer.kind == OfferKind.OFFER, within(DiscountRequest.created_at))
    ).one()

    fulfilled = sa.func.sum(
        sa.case((DiscountRequest.status == RequestStatus.FULFILLED, 1), else_=0)
    )
    closed, fulfilled_count = db.session.execute(
        sa.select(sa.func.count(), fulfilled).where(
            DiscountRequest.status.in_(CLOSED), within(DiscountRequest.closed_at)
        )
    ).one()

    # Both counts in one round trip.
    stores_opted_out, suppressions_added = db.session.execute(
        sa.select(
            sa.select(sa.func.count())
            .where(Store.status == StoreStatus.OPTED_OUT, within(Store.updated_at))
            .scalar_subquery(),
            sa.select(sa.func.count())
            .where(within(Suppression.created_at))
            .select_from(Suppression)
            .scalar_subquery(),
        )
    ).one()

    unanswered_count = sa.func.sum(sa.case((answered, 0), else_=1))
    least_responsive = [
        SilentStore(store_id, name, domain, delivered, int(unanswered))
        for store_id, name, domain, delivered, unanswered in db.session.execute(
            sa.select(Store.id, Store.name, Store.domain, sa.func.count(), unanswered_count)
            .join(Dispatch, Dispatch.store_id == Store.id)
            .where(delivered_in_period)
            .group_by(Store.id, Store.name, Store.domain)
            .having(unanswered_count > 0)
            .order_by(unanswered_count.desc(), sa.func.count().desc(), Store.name, Store.id)
            .limit(LEAST_RESPONSIVE_LIMIT)
        )
    ]

    return PeriodMetrics(
        days=days,
        since=since,
        until=until,
        requests_per_day=requests_per_day,
        dispatches=dispatches,
        answer_rates=answer_rates,
        first_offer_delays=len(delays),
        median_first_offer_seconds=median,
        requests_with_offers=requests_with_offers,
        offers=offers,
        requests_closed=closed,
        requests_fulfilled=int(fulfilled_count or 0),
        stores_opted_out=stores_opted_out,
        suppressions_added=suppressions_added,
        least_responsive=least_responsive,
    )


# --- the dispatch inspector ------------------------------------------------------------


@dataclass(frozen=True)
class DispatchPage:
    dispatches: list[Dispatch]
    next_before: int | None  # pass as ``before`` for the next (older) page; None: last page


def dispatch_page(
    *,
    status: DispatchStatus | None = None,
    channel: Channel | None = None,
    before: int | None = None,
    per_page: int = DISPATCH_PAGE_SIZE,
) -> DispatchPage:
    """Newest dispatches first, keyset-paginated on id (stable while new ones arrive)."""
    query = (
        sa.select(Dispatch)
        .options(
            joinedload(Dispatch.store),
            joinedload(Dispatch.request).joinedload(DiscountRequest.product),
        )
        .order_by(Dispatch.id.desc())
        .limit(per_page + 1)
    )
    if status is not None:
        query = query.where(Dispatch.status == status)
    if channel is not None:
        query = query.where(Dispatch.channel == channel)
    if numbers.ROW_ID.checked_int(before) is not None:  # a crafted cursor is no filter
        query = query.where(Dispatch.id < before)
    rows = list(db.session.scalars(query).unique())
    more = len(rows) > per_page
    rows = rows[:per_page]
    return DispatchPage(rows, rows[-1].id if more else None)


def dispatch_detail(dispatch_id: int) -> Dispatch | None:
    """One dispatch with its request, product, store and every delivery attempt."""
    return db.session.scalar(
        sa.select(Dispatch)
        .where(Dispatch.id == dispatch_id)
        .options(
            joinedload(Dispatch.store),
            joinedload(Dispatch.request).joinedload(DiscountRequest.product),
            selectinload(Dispatch.attempts_log),
        )
    )
