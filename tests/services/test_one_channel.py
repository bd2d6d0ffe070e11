"""One channel at a time, the store's way: a store with a contact form and an e-mail
address gets one message per request on the first day, the other channel only after the
SLA's first step, one weekly digest when it asked for that, and nothing when it said never.
A real local shop (its form) and a real SMTP server (its e-mail) record what arrived."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Channel, Dispatch, DispatchStatus, Escalation, Store
from discountmarket.services import delivery, digests, escalation
from tests.services.test_delivery import dispatches, lamp_shop, post_request, posts
from tests.sites import Page, StoreSite, serve
from tests.smtp import RecordingHandler

ALWAYS_OPEN = "mon-sun 00-24"  # business time is wall-clock time: the SLA's hours are plain


@pytest.fixture
def shop() -> Iterator[StoreSite]:
    with serve(lamp_shop()) as site:
        yield site


@pytest.fixture
def outreach_app(make_app, smtp: RecordingHandler) -> Iterator[Flask]:  # type: ignore[no-untyped-def]
    app = make_app(
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"],
        SMTP_URL=smtp.url,
        MESSAGES_PER_STORE_PER_DAY=10,
        RESPECT_BUSINESS_HOURS=False,
    )
    with app.app_context():
        yield app
        db.session.remove()


def the_store(site: StoreSite, **settings: object) -> Store:
    """The shop's store row, known before its first request (so it can carry settings)."""
    store = Store(
        name="Lamps",
        domain=f"127.0.0.1:{site.port}",
        homepage=site.url("/"),
        business_hours=ALWAYS_OPEN,
        timezone="UTC",
        **settings,
    )
    db.session.add(store)
    db.session.commit()
    return store


def deliver_due(now: datetime) -> None:
    """What the worker's outbox sweep does at ``now`` (made due on the real clock)."""
    for dispatch in db.session.scalars(
        sa.select(Dispatch).where(
            Dispatch.status == DispatchStatus.PENDING, Dispatch.next_attempt_at <= now
        )
    ).all():
        dispatch.next_attempt_at = datetime.now(UTC)
    db.session.commit()
    for dispatch_id in delivery.due_dispatch_ids(datetime.now(UTC), 50):
        delivery.deliver(dispatch_id)


def test_one_message_per_request_on_day_one_the_other_channel_after_the_sla_step(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    the_store(shop)
    first = post_request(shop.url("/p/1"), ask_competitors=False)
    second = post_request(shop.url("/p/2"), ask_competitors=False)
    now = datetime.now(UTC)
    # Day one: each request reached the store once, through its form; no e-mail.
    assert len(posts(shop)) == 2 and smtp.messages == []
    for request_id in (first, second):
        assert {c: d.status for c, d in dispatches(request_id).items()} == {
            Channel.FORM: DispatchStatus.SENT
        }
    # Later the same day the sweep changes nothing.
    for hours in (1, 12, 23):
        report = escalation.sla_sweep(now + timedelta(hours=hours))
        assert (report.retried, report.escalated) == (0, 0)
        deliver_due(now + timedelta(hours=hours))
    assert len(posts(shop)) == 2 and smtp.messages == []

    # The store stayed silent for the SLA's first step (24 business hours): e-mail, once.
    later = now + timedelta(hours=25)
    assert escalation.sla_sweep(later).retried == 2
    assert escalation.sla_sweep(later).retried == 0
    deliver_due(later)
    assert len(smtp.messages) == 2 and len(posts(shop)) == 2
    assert {m["To"] for m in smtp.messages} == {"sales@lamps.example"}
    for request_id in (first, second):
        sent = dispatches(request_id)
        assert {c: d.status for c, d in sent.items()} == {
            Channel.FORM: DispatchStatus.SENT,
            Channel.EMAIL: DispatchStatus.SENT,
        }
        assert sent[Channel.EMAIL].sent_at - sent[Channel.FORM].sent_at < timedelta(hours=1)
        # ...since the real clock did not move; the sweep's clock did.
    # Still silent at the SLA's second step: the operators' queue, not a third message.
    assert escalation.sla_sweep(now + timedelta(hours=49)).escalated == 1
    assert len(smtp.messages) == 2 and len(posts(shop)) == 2


def test_a_store_that_said_never_gets_nothing_and_is_not_chased(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    the_store(shop, contact_preference="never")
    request_id = post_request(shop.url("/p/1"), ask_competitors=False)
    (planned,) = dispatches(request_id).values()
    assert (planned.status, planned.skip_reason) == (DispatchStatus.SKIPPED, "prefers_never")
    for days in (1, 3, 10):
        escalation.sla_sweep(datetime.now(UTC) + timedelta(days=days))
        deliver_due(datetime.now(UTC) + timedelta(days=days))
    assert posts(shop) == [] and smtp.messages == []
    assert db.session.scalar(sa.select(sa.func.count(Escalation.id))) == 0


def test_a_store_that_said_never_after_a_request_was_planned_is_not_written_to(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    store = the_store(shop)
    first = post_request(shop.url("/p/1"), ask_competitors=False)
    store.contact_preference = "never"
    db.session.commit()
    escalation.sla_sweep(datetime.now(UTC) + timedelta(days=3))  # would retry by e-mail
    second = post_request(shop.url("/p/2"), ask_competitors=False)
    assert len(posts(shop)) == 1 and smtp.messages == []
    assert set(dispatches(first)) == {Channel.FORM}
    assert dispatches(second)[Channel.EMAIL].skip_reason == "prefers_never"


def test_a_store_that_asked_for_a_weekly_digest_gets_one_message_a_week(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    the_store(shop, contact_preference="weekly")
    first = post_request(shop.url("/p/1"), ask_competitors=False)
    second = post_request(shop.url("/p/2"), ask_competitors=False)
    assert posts(shop) == [] and smtp.messages == []
    held = [d for r in (first, second) for d in dispatches(r).values()]
    assert all(d.status == DispatchStatus.PENDING and d.held_for_digest for d in held)

    # The next digest hour: one message carries both requests.
    now = datetime.now(UTC)
    assert digests.send_digests(now + timedelta(days=1)) == 1
    (post,) = posts(shop)
    (message_field,) = [name for name, value in post.items() if "Brass desk lamp" in value[0]]
    assert "Floor lamp" in post[message_field][0]

    # A third request in the same week waits for next week's digest; the ladder sends
    # nothing through the other channel meanwhile.
    third = post_request(shop.url("/p/3"), ask_competitors=False, valid_days=30)
    (waiting,) = dispatches(third).values()
    assert waiting.held_for_digest and waiting.next_attempt_at > now + timedelta(days=6)
    assert escalation.sla_sweep(now + timedelta(days=3)).retried == 0
    assert digests.send_digests(now + timedelta(days=3)) == 0
    assert len(posts(shop)) == 1 and smtp.messages == []
    assert digests.send_digests(now + timedelta(days=8)) == 1
    assert len(posts(shop)) == 2 and smtp.messages == []


def test_a_form_post_not_confirmed_is_followed_by_email_the_next_day(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    """The shop's answer to the post says neither "received" nor "refused" (it shows its
    home page): the post is recorded as uncertain, not sent, and e-mail follows — but not
    the same day, since the store may have the message."""
    shop.pages["/contact/send"] = Page("<html><body><h1>Lamps</h1><p>Our bestsellers</p></body>")
    the_store(shop)
    request_id = post_request(shop.url("/p/1"), ask_competitors=False)
    now = datetime.now(UTC)
    planned = dispatches(request_id)
    assert planned[Channel.FORM].status == DispatchStatus.UNCERTAIN
    assert planned[Channel.EMAIL].status == DispatchStatus.PENDING
    assert planned[Channel.EMAIL].next_attempt_at >= now + timedelta(hours=23)
    assert len(posts(shop)) == 1 and smtp.messages == []
    deliver_due(now + timedelta(hours=12))
    assert smtp.messages == []
    assert escalation.sla_sweep(now + timedelta(hours=12)).escalated == 0  # e-mail is coming

    deliver_due(now + timedelta(days=1))
    assert dispatches(request_id)[Channel.EMAIL].status == DispatchStatus.SENT
    assert len(smtp.messages) == 1 and len(posts(shop)) == 1


def test_an_unconfirmed_post_with_no_other_way_in_goes_to_the_operators(
    outreach_app: Flask, shop: StoreSite, smtp: RecordingHandler
) -> None:
    shop.pages["/contact/send"] = Page("<html><body><h1>Lamps</h1></body>")
    the_store(shop, contact_preference="form")
    request_id = post_request(shop.url("/p/1"), ask_competitors=False)
    assert set(dispatches(request_id)) == {Channel.FORM}
    assert escalation.sla_sweep(datetime.now(UTC)).escalated == 1
    (opened,) = db.session.scalars(sa.select(Escalation)).all()
    assert opened.reason == escalation.REASON_NO_ROUTE and smtp.messages == []
