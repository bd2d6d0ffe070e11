"""What operators do with an escalation: exclusive claim, calls, pauses, senior contacts,
resending, do-not-contact, resolving — each audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import tasks
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
from discountmarket.services import audit, delivery, escalation, escalation_actions
from discountmarket.services.errors import ServiceError
from tests.factories import DispatchFactory, UserFactory
from tests.services.test_escalation import MONDAY_NOON, silent_dispatch


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


def test_do_not_contact_stops_a_dispatch_already_queued(make_app, smtp) -> None:  # type: ignore[no-untyped-def]
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


def test_pause_hides_the_case_and_resolve_closes_it(open_case) -> None:  # type: ignore[no-untyped-def]
    case, me, other, _ = open_case
    escalation_actions.claim(case, me)
    until = datetime.now(UTC) + timedelta(hours=5)
    with pytest.raises(ServiceError, match="Take the escalation first"):
        escalation_actions.pause(case, other, until)
    escalation_actions.pause(case, me, until)
    assert escalation.queue() == [] and [e.id for e in escalation.paused()] == [case.id]
    escalation_actions.resolve(case, me, "Store will answer through its portal")
    db.session.refresh(case)
    assert case.status == EscalationStatus.RESOLVED and case.resolved_at is not None
    with pytest.raises(ServiceError, match="resolved"):
        escalation_actions.resolve(case, me, "twice")
    history = [event.kind for event in audit.escalation_history(case)]
    assert history == ["opened", "claim", "pause", "resolve"]


def test_the_history_tells_each_action_once_in_time_order(open_case) -> None:  # type: ignore[no-untyped-def]
    """A call with a follow-up wrote a contact-log row and two audit rows (the call, the
    pause); a do-not-contact decision wrote two (the store's status, the resolution): each
    is one event in the history, and the events come in the order they happened."""
    case, me, _, _ = open_case
    escalation_actions.claim(case, me)
    follow_up = datetime.now(UTC) + timedelta(days=1)
    escalation_actions.log_call(case, me, CallOutcome.PROMISED_ANSWER, "Monday", follow_up)
    escalation_actions.mark_do_not_contact(case, me, "Owner asked us to stop")
    history = audit.escalation_history(case)
    assert [event.kind for event in history] == ["opened", "claim", "call", "do_not_contact"]
    assert [event.at for event in history] == sorted(event.at for event in history)
    _, claimed, call, stopped = history
    assert claimed.details == {"assignee": me}
    assert call.details["outcome"] is CallOutcome.PROMISED_ANSWER
    assert call.details["follow_up_at"] == follow_up and call.details["note"] == "Monday"
    assert stopped.details == {"reason": "Owner asked us to stop"}


def test_an_escalation_closed_by_the_stores_answer_says_so(open_case) -> None:  # type: ignore[no-untyped-def]
    case, _, _, _ = open_case
    escalation.close_for_store(case.store_id, "the store answered")
    db.session.commit()
    db.session.refresh(case)
    assert [(e.kind, e.details) for e in audit.escalation_history(case)][-1] == (
        "closed",
        {"resolution": "the store answered"},
    )
