"""The notices a decision owes (the deal to the shopper, "accepted" and "closed" to the
stores, offer digests, reply notices) survive a queue that loses their task: they are
written with the decision, queued again by a sweep, and sent once."""

from __future__ import annotations

import time
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs, tasks
from discountmarket.extensions import db
from discountmarket.models import OwedJob
from discountmarket.services import requesting
from tests.blueprints.test_accept import setup_request
from tests.conftest import redis_answers
from tests.mailbox import messages_to
from tests.processes import WorkerProcess
from tests.reliability.harness import wait_until

REDIS_URL = "redis://127.0.0.1:6379/11"


@pytest.fixture
def queued_app(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Tasks go to a real (SQLite) queue, and nothing runs them unless the test does."""
    app = make_app(HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=str(tmp_path / "queue.db"))
    with app.app_context():
        yield app
        tasks.huey.flush()
        db.session.remove()


def test_notices_lost_with_the_queue_are_sent_once_by_the_sweep(queued_app: Flask) -> None:
    request, _mine, theirs = setup_request()
    requesting.accept(theirs.id, request.shopper, theirs.version)
    owed = db.session.scalars(sa.select(OwedJob.name)).all()
    assert sorted(owed) == [
        "tell_shopper_deal",
        "tell_store_offer_accepted",
        "tell_stores_request_closed",
    ]
    tasks.huey.flush()  # the worker that took them was killed: the queue has nothing
    assert messages_to("s@example.com") == []

    grace = timedelta(minutes=10)
    assert jobs.requeue_owed(datetime.now(UTC), grace) == 0  # they may still be running
    later = datetime.now(UTC) + grace + timedelta(minutes=1)
    assert jobs.requeue_owed(later, grace) == 3
    tasks.drain()  # the three notices, then the mail each recorded
    assert len(messages_to("s@example.com")) == 1  # the deal
    assert len(messages_to("sales@rival.example")) == 1  # "your offer was accepted"
    assert len(messages_to("sales@own.example")) == 1  # "the request has closed"
    assert db.session.scalar(sa.select(sa.func.count(OwedJob.id))) == 0
    # Nothing is owed any more: a later sweep queues nothing, and a stray copy does nothing.
    assert jobs.requeue_owed(later + timedelta(hours=1), grace) == 0
    tasks.tell_shopper_deal.call_local(theirs.id, owed_id=1)
    assert len(messages_to("s@example.com")) == 1


def test_a_rolled_back_decision_owes_nothing(queued_app: Flask) -> None:
    _request, _mine, theirs = setup_request()
    jobs.later("tell_shopper_deal", theirs.id, owed=True)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(OwedJob.id))) == 0


@pytest.mark.skipif(not redis_answers(REDIS_URL), reason="no Redis answers at 127.0.0.1:6379")
def test_two_workers_on_redis_send_a_lost_notice_once(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The queue on Redis lost the notices (flushed, as if their worker was killed); two
    worker processes start, both sweep, and each notice goes out once."""
    app = make_app(HUEY_IMMEDIATE=False, REDIS_URL=REDIS_URL)
    with app.app_context():
        request, _mine, theirs = setup_request()
        requesting.accept(theirs.id, request.shopper, theirs.version)
        tasks.huey.flush()
        settings = {"REDIS_URL": REDIS_URL, "OWED_NOTICE_GRACE_SECONDS": 0}
        with ExitStack() as stack:
            for n in (1, 2):
                stack.enter_context(WorkerProcess(app, tmp_path / f"worker-{n}.log", **settings))
            wait_until(lambda: not db.session.scalar(sa.select(OwedJob.id).limit(1)), 60, "sent")
            time.sleep(2)  # time for a duplicate to show, were there one
        db.session.rollback()
        assert len(messages_to("s@example.com")) == 1
        assert len(messages_to("sales@rival.example")) == 1
        tasks.huey.flush()
