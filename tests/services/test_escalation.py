"""The escalation ladder: business-hour timers, the other channel, the queue, and the
operators' actions (every one audited)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.database import utcnow
from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    StoreContact,
)
from discountmarket.services import business_hours, escalation, offers
from tests.factories import DiscountRequestFactory, DispatchFactory, StoreFactory

MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_business_time_skips_nights_and_weekends(app: Flask) -> None:
    schedule = business_hours.parse("mon-fri 09-18", "Europe/Prague")
    friday_5pm = datetime(2026, 11, 20, 16, 0, tzinfo=UTC)  # 17:00 in Prague
    assert schedule.business_time(friday_5pm, MONDAY_NOON) == timedelta(hours=1 + 4)
    saturday = datetime(2026, 11, 21, 12, tzinfo=UTC)
    assert not schedule.is_open(saturday)
    assert schedule.next_open(saturday) == datetime(2026, 11, 23, 8, tzinfo=UTC)  # 09:00 CET
    with pytest.raises(ValueError, match="look like"):
        business_hours.parse("weekdays", "UTC")
    with pytest.raises(ValueError, match="time zone"):
        business_hours.parse("mon-fri 09-18", "Mars/Olympus")


def silent_dispatch(sent_at: datetime, channel: Channel = Channel.EMAIL, **store):  # type: ignore[no-untyped-def]
    shop = StoreFactory(last_probed_at=sent_at, **store)
    shop.contacts.append(StoreContact(kind=ContactKind.EMAIL, value="sales@shop.example"))
    shop.form_plan = {"page": "https://x/c", "action": "https://x/s", "submittable": True}
    # The ladder runs on the given clock, but answering checks the real one: the request
    # must be open on both, whatever today's date is.
    opens_until = max(MONDAY_NOON, utcnow()) + timedelta(days=9)
    request = DiscountRequestFactory(product__store=shop, expires_at=opens_until)
    dispatch = DispatchFactory(
        request=request, store=shop, channel=channel, status=DispatchStatus.SENT, sent_at=sent_at
    )
    db.session.commit()
    return dispatch


def test_silence_is_retried_through_the_other_channel_then_escalated(app: Flask) -> None:
    dispatch = silent_dispatch(MONDAY_NOON - timedelta(days=1))  # sent on Sunday noon
    # Sunday noon -> Monday noon is only 3 business hours (Mon 09-12 UTC): nothing yet.
    report = escalation.sla_sweep(MONDAY_NOON)
    assert (report.retried, report.escalated) == (0, 0)

    # Three working days later: 27 business hours: the form gets its chance.
    thursday = MONDAY_NOON + timedelta(days=3)
    report = escalation.sla_sweep(thursday)
    assert report.retried == 1
    form = db.session.scalar(sa.select(Dispatch).filter_by(channel=Channel.FORM))
    assert form.request_id == dispatch.request_id and form.status in (
        DispatchStatus.PENDING,
        DispatchStatus.SKIPPED,
        DispatchStatus.FAILED,
        DispatchStatus.SENT,
    )
    # Later still: the store goes to the operators, once.
    next_week = MONDAY_NOON + timedelta(days=8)
    assert escalation.sla_sweep(next_week).escalated == 1
    assert escalation.sla_sweep(next_week).escalated == 0
    (opened,) = db.session.scalars(sa.select(Escalation)).all()
    assert opened.reason == escalation.REASON_SILENT and opened.store_id == dispatch.store_id


def test_nothing_escalates_over_a_weekend(app: Flask) -> None:
    friday_evening = datetime(2026, 11, 20, 18, 30, tzinfo=UTC)
    silent_dispatch(friday_evening)
    report = escalation.sla_sweep(MONDAY_NOON)
    assert (report.retried, report.escalated) == (0, 0)


def test_a_store_we_cannot_reach_is_escalated_at_once(app: Flask) -> None:
    shop = StoreFactory()
    request = DiscountRequestFactory(product__store=shop)
    DispatchFactory(
        request=request, store=shop, status=DispatchStatus.SKIPPED, skip_reason="captcha"
    )
    db.session.commit()
    assert escalation.sla_sweep().escalated == 1
    assert db.session.scalar(sa.select(Escalation.reason)) == escalation.REASON_NO_ROUTE


def test_an_answer_closes_the_escalation(app: Flask) -> None:
    dispatch = silent_dispatch(MONDAY_NOON - timedelta(days=10))
    escalation.sla_sweep(MONDAY_NOON)
    answer = offers.Answer(kind=offers.OfferKind.DECLINE, terms="Sorry, no discount this month.")
    offers.answer(dispatch.request, dispatch.store, answer)
    (closed,) = db.session.scalars(sa.select(Escalation)).all()
    assert closed.status == EscalationStatus.RESOLVED and closed.resolution == "the store answered"


def test_queue_orders_by_shoppers_waiting_times_age(app: Flask) -> None:
    old_quiet = silent_dispatch(MONDAY_NOON - timedelta(days=30))
    busy = silent_dispatch(MONDAY_NOON - timedelta(days=10))
    for _ in range(4):
        request = DiscountRequestFactory(
            product__store=busy.store, expires_at=MONDAY_NOON + timedelta(days=9)
        )
        DispatchFactory(
            request=request, store=busy.store, status=DispatchStatus.SENT, sent_at=busy.sent_at
        )
    db.session.commit()
    escalation.sla_sweep(MONDAY_NOON)
    order = [item.escalation.store_id for item in escalation.queue()]
    assert order == [busy.store_id, old_quiet.store_id]
