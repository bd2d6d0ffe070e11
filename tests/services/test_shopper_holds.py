"""An operator holds a shopper's requests for review: nothing of theirs goes to a store,
new or pending, by message or digest, until an operator releases them; then it goes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    AttemptOutcome,
    AuditEntry,
    DispatchAttempt,
    DispatchStatus,
    Role,
    User,
)
from discountmarket.services import delivery, digests, shopper_holds
from tests.factories import UserFactory
from tests.services.test_delivery import dispatches, lamp_shop, post_request, posts
from tests.sites import StoreSite, serve
from tests.smtp import RecordingHandler


@pytest.fixture
def shop() -> Iterator[StoreSite]:
    with serve(lamp_shop()) as site:
        yield site


def shopper() -> User:
    found = db.session.scalar(sa.select(User).filter_by(email="s@example.com"))
    return found or UserFactory(email="s@example.com")


def operator() -> User:
    return UserFactory(email="op@example.com", role=Role.OPERATOR)


def audited() -> list[tuple[str, str, int]]:
    return list(
        db.session.execute(
            sa.select(AuditEntry.action, AuditEntry.target_type, AuditEntry.target_id).order_by(
                AuditEntry.id
            )
        )
    )


def test_a_held_shoppers_requests_wait_until_released(
    make_app, shop: StoreSite, smtp: RecordingHandler
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url)
    with app.app_context():
        held, by = shopper(), operator()
        db.session.commit()
        assert shopper_holds.hold(held, by) is True
        assert shopper_holds.hold(held, by) is False  # already held: nothing new
        request_id = post_request(shop.url("/p/1"), ask_competitors=False)

        waiting = dispatches(request_id)
        assert {d.status for d in waiting.values()} == {DispatchStatus.PENDING}
        assert not any(d.held_for_digest for d in waiting.values())
        assert all(d.next_attempt_at > datetime.now(UTC) for d in waiting.values())
        assert smtp.messages == [] and [r for r in shop.requests if r[0] == "POST"] == []
        attempts = db.session.scalars(sa.select(DispatchAttempt)).all()
        assert {a.outcome for a in attempts} == {AttemptOutcome.HELD}
        assert all("review" in a.detail for a in attempts)
        # The sweep's later try is held again, for the same reason.
        for dispatch in waiting.values():
            db.session.execute(
                sa.update(type(dispatch))
                .where(type(dispatch).id == dispatch.id)
                .values(next_attempt_at=datetime.now(UTC))
            )
        db.session.commit()
        for dispatch_id in delivery.due_dispatch_ids(datetime.now(UTC), 10):
            delivery.deliver(dispatch_id)
        assert {d.status for d in dispatches(request_id).values()} == {DispatchStatus.PENDING}
        assert smtp.messages == []

        assert shopper_holds.release(held, by) is True
        assert shopper_holds.release(held, by) is False
        assert {d.status for d in dispatches(request_id).values()} == {DispatchStatus.SENT}
        assert len(posts(shop)) == 1 and smtp.messages == []  # through its form alone
        assert [a[0] for a in audited()] == ["hold_shopper", "release_shopper"]
        assert {a[1:] for a in audited()} == {("user", held.id)}
        db.session.remove()


def test_a_hold_keeps_a_request_out_of_the_daily_digest(
    make_app, shop: StoreSite, smtp: RecordingHandler
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url, MESSAGES_PER_STORE_PER_DAY=1
    )
    with app.app_context():
        held, by = shopper(), operator()
        db.session.commit()
        post_request(shop.url("/p/1"), ask_competitors=False)  # one form post: the cap
        second = post_request(shop.url("/p/2"), ask_competitors=False)
        assert all(d.held_for_digest for d in dispatches(second).values())
        shopper_holds.hold(held, by)
        tomorrow = datetime.now(UTC) + timedelta(days=1)
        assert digests.send_digests(tomorrow) == 0
        assert {d.status for d in dispatches(second).values()} == {DispatchStatus.PENDING}
        assert len(posts(shop)) == 1

        shopper_holds.release(held, by)  # still over today's cap: back to the digest
        assert all(d.held_for_digest for d in dispatches(second).values())
        assert digests.send_digests(tomorrow + timedelta(days=1)) == 1
        assert {d.status for d in dispatches(second).values()} == {DispatchStatus.SENT}
        assert len(posts(shop)) == 2
        db.session.remove()


def test_only_a_shoppers_account_is_held(app: Flask) -> None:
    manager = UserFactory(role=Role.STORE_MANAGER)
    db.session.commit()
    assert shopper_holds.find_shopper(manager.id) is None
    assert shopper_holds.find_shopper(10_000) is None
    found = shopper()
    db.session.commit()
    assert shopper_holds.find_shopper(found.id) == found
