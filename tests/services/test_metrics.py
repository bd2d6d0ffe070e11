"""The operator figures: exact values for 7 and 30 days, computed by a fixed set of SQL
aggregates however much data there is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    DispatchStatus,
    OfferKind,
    OfferStatus,
    RequestStatus,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.services import metrics
from discountmarket.services.metrics import AnswerRate, DayCount, OutcomeCount, SilentStore
from tests.factories import DiscountRequestFactory, DispatchFactory, OfferFactory, StoreFactory

# A fixed "now" (a Monday noon, UTC): the 7-day period starts on 2025-06-24 00:00 and the
# 30-day one on 2025-06-01 00:00. Rows the factories stamp with the real clock are in
# this now's future, so they fall outside every period.
NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)

EMAIL, FORM = Channel.EMAIL, Channel.FORM
SENT, ANSWERED = DispatchStatus.SENT, DispatchStatus.ANSWERED


def request_at(created_at: datetime, **kwargs: Any):  # type: ignore[no-untyped-def]
    return DiscountRequestFactory(created_at=created_at, updated_at=created_at, **kwargs)


def offer(request, store, after: timedelta, **kwargs: Any):  # type: ignore[no-untyped-def]
    return OfferFactory(
        request=request, store=store, created_at=request.created_at + after, **kwargs
    )


def dispatch(request, store, channel: Channel, status: DispatchStatus):  # type: ignore[no-untyped-def]
    return DispatchFactory(
        request=request, store=store, channel=channel, status=status, created_at=request.created_at
    )


@pytest.fixture
def scene(app: Flask) -> dict[str, Any]:
    alpha, beta, gamma, delta = (
        StoreFactory(name=name) for name in ("Alpha", "Beta", "Gamma", "Delta")
    )

    r1 = request_at(NOW - HOUR)  # 30 Jun
    r2 = request_at(NOW - DAY)  # 29 Jun
    r3 = request_at(NOW - DAY - 2 * HOUR)  # 29 Jun
    r6 = request_at(datetime(2025, 6, 24, tzinfo=UTC))  # first instant of the 7-day period
    r4 = request_at(NOW - 10 * DAY)  # 20 Jun: 30 days only
    r5 = request_at(NOW - 40 * DAY)  # before both periods
    r7 = request_at(NOW - 50 * DAY)
    request_at(datetime(2025, 6, 23, 23, 59, 59, tzinfo=UTC))  # just before the 7-day period

    # Closing: r6 fulfilled and r3 cancelled within 7 days; r4 expired, r5 fulfilled and
    # r7 expired within 30 days.
    for request, status, closed in (
        (r6, RequestStatus.FULFILLED, NOW - 2 * DAY),
        (r3, RequestStatus.CANCELLED, NOW - 3 * HOUR),
        (r4, RequestStatus.EXPIRED, NOW - 9 * DAY),
        (r5, RequestStatus.FULFILLED, NOW - 20 * DAY),
        (r7, RequestStatus.EXPIRED, NOW - 25 * DAY),
    ):
        request.status, request.closed_at = status, closed

    offer(r1, alpha, 30 * timedelta(minutes=1))
    offer(r1, delta, 50 * timedelta(minutes=1))
    offer(r2, alpha, 2 * HOUR)
    offer(r2, gamma, 5 * HOUR)
    offer(r3, beta, HOUR, kind=OfferKind.DECLINE, price=None, currency=None)  # an answer
    offer(r6, delta, 3 * HOUR, status=OfferStatus.ACCEPTED)
    offer(r4, alpha, 4 * HOUR)
    offer(r5, alpha, HOUR)

    dispatch(r1, alpha, EMAIL, SENT)  # answered by an offer
    dispatch(r1, beta, EMAIL, SENT)  # silent
    dispatch(r2, alpha, FORM, ANSWERED)
    dispatch(r2, gamma, EMAIL, SENT)  # answered by an offer
    dispatch(r2, beta, EMAIL, SENT)  # silent
    dispatch(r3, beta, FORM, SENT)  # answered by a decline
    dispatch(r3, gamma, EMAIL, DispatchStatus.FAILED)  # never delivered
    dispatch(r6, delta, EMAIL, DispatchStatus.PENDING)
    dispatch(r1, beta, FORM, DispatchStatus.SKIPPED)
    dispatch(r4, gamma, EMAIL, SENT)  # silent, 30 days only
    dispatch(r4, alpha, EMAIL, ANSWERED)
    dispatch(r5, beta, EMAIL, SENT)  # before both periods

    for name, status, updated in (
        ("Left lately", StoreStatus.OPTED_OUT, NOW - DAY),
        ("Left this month", StoreStatus.OPTED_OUT, NOW - 15 * DAY),
        ("Left long ago", StoreStatus.OPTED_OUT, NOW - 60 * DAY),
        ("Still here", StoreStatus.ACTIVE, NOW - DAY),
    ):
        StoreFactory(name=name, status=status, created_at=updated, updated_at=updated)
    for value, created in (
        ("a@x.example", NOW - 2 * DAY),
        ("b@x.example", NOW - 20 * DAY),
        ("c@x.example", NOW - 45 * DAY),
    ):
        db.session.add(
            Suppression(
                kind=SuppressionKind.ADDRESS, value=value, reason="opt-out", created_at=created
            )
        )
    db.session.commit()
    return {"stores": {s.name: s for s in (alpha, beta, gamma, delta)}}


def test_seven_days(scene: dict[str, Any]) -> None:
    figures = metrics.period_metrics(7, now=NOW)

    assert figures.since == datetime(2025, 6, 24, tzinfo=UTC)
    assert figures.until == NOW
    assert figures.requests_per_day == [
        DayCount(date(2025, 6, 24), 1),
        DayCount(date(2025, 6, 25), 0),
        DayCount(date(2025, 6, 26), 0),
        DayCount(date(2025, 6, 27), 0),
        DayCount(date(2025, 6, 28), 0),
        DayCount(date(2025, 6, 29), 2),
        DayCount(date(2025, 6, 30), 1),
    ]
    assert figures.requests_posted == 4
    assert figures.dispatches == [
        OutcomeCount("email", "failed", 1),
        OutcomeCount("email", "pending", 1),
        OutcomeCount("email", "sent", 4),
        OutcomeCount("form", "answered", 1),
        OutcomeCount("form", "sent", 1),
        OutcomeCount("form", "skipped", 1),
    ]
    assert figures.answer_rates == [AnswerRate("email", 4, 2), AnswerRate("form", 2, 2)]
    assert [rate.rate for rate in figures.answer_rates] == [0.5, 1.0]
    # First offers after 30 min (r1), 2 h (r2), 3 h (r6); r3 only got a decline.
    assert figures.first_offer_delays == 3
    assert figures.median_first_offer_seconds == 7200
    assert figures.median_first_offer == timedelta(hours=2)
    assert (figures.offers, figures.requests_with_offers) == (5, 3)
    assert figures.offers_per_request == 5 / 4
    assert (figures.requests_fulfilled, figures.requests_closed) == (1, 2)
    assert figures.acceptance_rate == 0.5
    assert (figures.stores_opted_out, figures.suppressions_added, figures.opt_outs) == (1, 1, 2)
    beta = scene["stores"]["Beta"]
    assert figures.least_responsive == [SilentStore(beta.id, "Beta", beta.domain, 3, 2)]


def test_thirty_days(scene: dict[str, Any]) -> None:
    figures = metrics.period_metrics(30, now=NOW)

    assert figures.since == datetime(2025, 6, 1, tzinfo=UTC)
    assert len(figures.requests_per_day) == 30
    assert figures.requests_per_day[0] == DayCount(date(2025, 6, 1), 0)
    assert figures.requests_per_day[-1] == DayCount(date(2025, 6, 30), 1)
    busy = {day.day: day.count for day in figures.requests_per_day if day.count}
    assert busy == {
        date(2025, 6, 20): 1,
        date(2025, 6, 23): 1,
        date(2025, 6, 24): 1,
        date(2025, 6, 29): 2,
        date(2025, 6, 30): 1,
    }
    assert figures.requests_posted == 6
    assert figures.dispatches == [
        OutcomeCount("email", "answered", 1),
        OutcomeCount("email", "failed", 1),
        OutcomeCount("email", "pending", 1),
        OutcomeCount("email", "sent", 5),
        OutcomeCount("form", "answered", 1),
        OutcomeCount("form", "sent", 1),
        OutcomeCount("form", "skipped", 1),
    ]
    assert figures.dispatch_total == 11
    assert figures.answer_rates == [AnswerRate("email", 6, 3), AnswerRate("form", 2, 2)]
    # 30 min, 2 h, 3 h, 4 h: the median of an even count is the mean of the middle two.
    assert figures.first_offer_delays == 4
    assert figures.median_first_offer_seconds == 9000
    assert (figures.offers, figures.requests_with_offers) == (6, 4)
    assert figures.offers_per_request == 1.0
    assert (figures.requests_fulfilled, figures.requests_closed) == (2, 5)
    assert figures.acceptance_rate == 0.4
    assert (figures.stores_opted_out, figures.suppressions_added, figures.opt_outs) == (2, 2, 4)
    beta, gamma = scene["stores"]["Beta"], scene["stores"]["Gamma"]
    assert figures.least_responsive == [
        SilentStore(beta.id, "Beta", beta.domain, 3, 2),
        SilentStore(gamma.id, "Gamma", gamma.domain, 2, 1),
    ]


def test_an_empty_period(app: Flask) -> None:
    figures = metrics.period_metrics(7, now=NOW)

    assert [day.count for day in figures.requests_per_day] == [0] * 7
    assert figures.dispatches == figures.answer_rates == figures.least_responsive == []
    assert figures.median_first_offer_seconds is None
    assert figures.median_first_offer is None
    assert figures.offers_per_request is None
    assert figures.acceptance_rate is None
    assert figures.opt_outs == 0


def test_only_the_offered_periods(app: Flask) -> None:
    with pytest.raises(ValueError, match="period"):
        metrics.period_metrics(365, now=NOW)


def test_least_responsive_keeps_the_ten_most_silent(app: Flask) -> None:
    request = request_at(NOW - HOUR)
    stores = [StoreFactory(name=f"Silent {n:02d}") for n in range(12)]
    for n, store in enumerate(stores):
        for _ in range(n % 4 + 1):
            dispatch(request_at(NOW - HOUR), store, EMAIL, SENT)
    dispatch(request, stores[1], FORM, ANSWERED)  # 3 delivered, still 2 unanswered
    db.session.commit()

    silent = metrics.period_metrics(7, now=NOW).least_responsive

    assert len(silent) == 10
    assert [s.unanswered for s in silent] == [4, 4, 4, 3, 3, 3, 2, 2, 2, 1]
    # Ties: the store with more delivered dispatches first, then by name.
    assert [s.name for s in silent[:3]] == ["Silent 03", "Silent 07", "Silent 11"]
    assert [(s.name, s.delivered) for s in silent[6:]] == [
        ("Silent 01", 3),
        ("Silent 05", 2),
        ("Silent 09", 2),
        ("Silent 00", 1),
    ]


@contextmanager
def counted_selects() -> Iterator[list[str]]:
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)


def populate(count: int) -> None:
    store = StoreFactory()
    for n in range(count):
        request = request_at(NOW - (n % 20) * DAY - HOUR)
        dispatch(request, store, EMAIL, SENT if n % 3 else ANSWERED)
        if n % 2:
            offer(request, store, HOUR)
        if n % 5 == 0:
            request.status, request.closed_at = RequestStatus.FULFILLED, NOW - HOUR
    db.session.commit()
    db.session.expire_all()


@pytest.mark.parametrize("days", metrics.PERIODS)
def test_a_fixed_number_of_aggregate_queries(app: Flask, days: int) -> None:
    """Counting happens in SQL: the number of queries does not grow with the data."""
    counts = []
    for size in (5, 50):
        populate(size)
        with counted_selects() as statements:
            figures = metrics.period_metrics(days, now=NOW)
        counts.append(len(statements))
        assert figures.requests_posted > 0
    assert counts[0] == counts[1] <= 8


def test_dispatch_pages_are_keyset_paginated_and_filtered(app: Flask) -> None:
    request = request_at(NOW - HOUR)
    stores = [StoreFactory() for _ in range(5)]
    made = [dispatch(request, store, EMAIL, SENT) for store in stores]
    made.append(dispatch(request, stores[0], FORM, DispatchStatus.FAILED))
    db.session.commit()
    ids = sorted((d.id for d in made), reverse=True)

    first = metrics.dispatch_page(per_page=4)
    assert [d.id for d in first.dispatches] == ids[:4]
    assert first.next_before == ids[3]
    second = metrics.dispatch_page(per_page=4, before=first.next_before)
    assert [d.id for d in second.dispatches] == ids[4:]
    assert second.next_before is None

    failed = metrics.dispatch_page(status=DispatchStatus.FAILED)
    assert [d.channel for d in failed.dispatches] == [FORM]
    assert len(metrics.dispatch_page(channel=EMAIL, status=SENT).dispatches) == 5
    assert metrics.dispatch_page(channel=FORM, status=SENT).dispatches == []


def test_dispatch_detail(app: Flask) -> None:
    made = dispatch(request_at(NOW - HOUR), StoreFactory(), EMAIL, SENT)
    db.session.commit()
    assert metrics.dispatch_detail(made.id) is made
    assert metrics.dispatch_detail(made.id + 1000) is None
