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
    AuditEntry,
    CallOutcome,
    Channel,
    ContactKind,
    Dispatch,
    DispatchStatus,
    Escalation,
    EscalationStatus,
    Role,
    StoreContact,
    StoreStatus,
)
from discountmarket.services import business_hours, escalation, escalation_actions, offers
from discountmarket.services.errors import ServiceError
from tests.factories import DiscountRequestFactory, DispatchFactory, StoreFactory, UserFactory

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


@pytest.fixture
def open_case(app: Flask):  # type: ignore[no-untyped-def]
    dispatch = silent_dispatch(MONDAY_NOON - timedelta(days=10))
    escalation.sla_sweep(MONDAY_NOON)
    case = db.session.scalar(sa.select(Escalation))
    return case, UserFactory(role=Role.OPERATOR), UserFactory(role=Role.OPERATOR), dispatch


def test_claim_is_exclusive_and_actions_need_it(open_case) -> None:  # type: ignore[no-untyped-def]
    case, me, other, _ = open_case
    with pytest.raises(ServiceError, match="Take the escalation first"):
        escalation_actions.log_call(case, me, CallOutcome.NO_ANSWER, None)
    escalation_actions.claim(case, me)
    escalation_actions.claim(case, me)  # taking it again is fine
    with pytest.raises(ServiceError, match="Another operator"):
        escalation_actions.claim(case, other)
    db.session.refresh(case)
    assert case.assignee_id == me.id


def test_call_with_a_promise_pauses_until_follow_up(open_case) -> None:  # type: ignore[no-untyped-def]
    case, me, _, _ = open_case
    escalation_actions.claim(case, me)
    monday = datetime.now(UTC) + timedelta(days=3)
    escalation_actions.log_call(case, me, CallOutcome.PROMISED_ANSWER, "Call back Monday", monday)
    assert escalation.queue() == []
    assert [e.id for e in escalation.paused()] == [case.id]
    # It comes back by itself once the time has come.
    assert [item.escalation.id for item in escalation.queue(monday + timedelta(minutes=1))] == [
        case.id
    ]
    actions = db.session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["claim", "pause", "log_call"]


def test_senior_contact_gets_the_waiting_requests(open_case) -> None:  # type: ignore[no-untyped-def]
    case, me, _, dispatch = open_case
    escalation_actions.claim(case, me)
    escalation_actions.add_senior_contact(case, me, ContactKind.EMAIL, "Boss@Shop.example", "Owner")
    assert escalation_actions.resend(case, me, Channel.EMAIL, address="boss@shop.example") == 1
    db.session.refresh(dispatch)
    assert dispatch.address == "boss@shop.example"
    assert dispatch.status in (DispatchStatus.PENDING, DispatchStatus.SENT, DispatchStatus.SENDING)
    senior = db.session.scalar(sa.select(StoreContact).filter_by(level=1))
    assert senior.value == "boss@shop.example" and senior.label == "Owner"
    with pytest.raises(ServiceError, match="already"):
        escalation_actions.add_senior_contact(
            case, me, ContactKind.EMAIL, "boss@shop.example", None
        )


def test_do_not_contact_stops_everything_and_resolves(open_case) -> None:  # type: ignore[no-untyped-def]
    case, me, _, dispatch = open_case
    pending = DispatchFactory(request=dispatch.request, store=dispatch.store, channel=Channel.FORM)
    db.session.commit()
    escalation_actions.claim(case, me)
    escalation_actions.mark_do_not_contact(case, me, "Asked us to stop calling")
    db.session.refresh(case)
    db.session.refresh(pending)
    assert case.store.status == StoreStatus.DO_NOT_CONTACT
    assert case.status == EscalationStatus.RESOLVED
    assert (pending.status, pending.skip_reason) == (DispatchStatus.SKIPPED, "do_not_contact")
    entry = db.session.scalar(sa.select(AuditEntry).filter_by(action="do_not_contact"))
    assert (
        entry.before == {"status": "active"} and entry.after["reason"] == "Asked us to stop calling"
    )
    with pytest.raises(ServiceError):
        escalation_actions.resend(case, me, Channel.EMAIL)


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


def test_do_not_contact_stops_a_dispatch_already_queued(make_app, smtp) -> None:  # type: ignore[no-untyped-def]
    from discountmarket import tasks
    from discountmarket.services import delivery

    app = make_app(HUEY_IMMEDIATE=False, SMTP_URL=smtp.url)
    with app.app_context():
        dispatch = silent_dispatch(MONDAY_NOON - timedelta(days=10))
        escalation.sla_sweep(MONDAY_NOON)
        case = db.session.scalar(sa.select(Escalation))
        queued = DispatchFactory(
            request=dispatch.request, store=dispatch.store, channel=Channel.FORM
        )
        db.session.commit()
        before = tasks.huey.pending_count()
        tasks.deliver(queued.id)  # on the queue, not yet run
        assert tasks.huey.pending_count() == before + 1
        operator = UserFactory(role=Role.OPERATOR)
        escalation_actions.claim(case, operator)
        escalation_actions.mark_do_not_contact(case, operator, "Owner asked us to stop")
        assert tasks.drain() >= 1  # the worker gets to it after the decision
        db.session.expire_all()
        assert db.session.get(Dispatch, queued.id).status == DispatchStatus.SKIPPED
        assert delivery.deliver(queued.id) is None
        assert smtp.messages == []
        db.session.remove()
