"""Fault 5: Redis, which carries the queue, is restarted and loses what it held.

Nothing is lost for good: the dispatches are rows in the database (the outbox), and the
outbox sweep — which a worker runs as it starts, then every minute — queues again what the
queue dropped. Each message still goes out exactly once.
"""

from __future__ import annotations

import pytest
import redis
from flask import Flask

from discountmarket import tasks
from discountmarket.models import DispatchStatus
from tests.processes import WorkerProcess
from tests.reliability.harness import (
    dispatch_ids_in,
    enqueue_deliveries,
    seed_email_dispatches,
    status_counts,
    wait_until,
)
from tests.reliability.services import restart_redis
from tests.smtp import RecordingHandler

REDIS_URL = "redis://127.0.0.1:6379/14"
DISPATCHES = 100


@pytest.fixture
def redis_app(make_app, smtp: RecordingHandler):  # type: ignore[no-untyped-def]
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis answers at 127.0.0.1:6379")
    app = make_app(
        HUEY_IMMEDIATE=False,
        REDIS_URL=REDIS_URL,
        RATELIMIT_STORAGE_URI="memory://",
        SMTP_URL=smtp.url,
        MESSAGES_PER_STORE_PER_DAY=DISPATCHES,
        MESSAGES_PER_RECIPIENT_PER_DAY=DISPATCHES,
    )
    with app.app_context():
        tasks.huey.flush()
        yield app
        tasks.huey.flush()


def test_work_queued_before_a_redis_restart_is_delivered(
    redis_app: Flask, smtp: RecordingHandler, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    ids = seed_email_dispatches(DISPATCHES, stores=10)
    enqueue_deliveries(ids)
    assert tasks.huey.pending_count() == DISPATCHES
    restart_redis(REDIS_URL)
    assert tasks.huey.pending_count() == 0  # the queue really lost them

    settings = {
        "MESSAGES_PER_STORE_PER_DAY": DISPATCHES,
        "MESSAGES_PER_RECIPIENT_PER_DAY": DISPATCHES,
    }
    with WorkerProcess(redis_app, tmp_path / "worker.log", **settings):
        wait_until(
            lambda: status_counts()[DispatchStatus.SENT] == DISPATCHES,
            60,
            "the sweep to queue and deliver every dispatch again",
        )
    received = dispatch_ids_in(smtp.messages)
    assert set(received) == set(ids) and set(received.values()) == {1}


@pytest.mark.soak  # waits for the minute sweep
def test_redis_restart_under_a_running_worker(
    redis_app: Flask, smtp: RecordingHandler, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """The worker keeps running through the outage; the periodic sweep recovers the rest."""
    count = 1000
    ids = seed_email_dispatches(count)
    enqueue_deliveries(ids)
    settings = {
        "MESSAGES_PER_STORE_PER_DAY": count,
        "MESSAGES_PER_RECIPIENT_PER_DAY": count,
        "DELIVERY_LEASE_SECONDS": 5,
    }
    with WorkerProcess(redis_app, tmp_path / "worker.log", **settings):
        wait_until(lambda: len(smtp.messages) >= count // 4, 120, "a quarter delivered")
        restart_redis(REDIS_URL)
        wait_until(
            lambda: status_counts()[DispatchStatus.SENT] == count,
            300,
            "every dispatch delivered after the restart",
        )
    received = dispatch_ids_in(smtp.messages)
    print(f"\nafter a Redis restart: {len(smtp.messages)} messages for {count} dispatches")
    assert set(received) == set(ids)
