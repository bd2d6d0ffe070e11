"""The task queue with a real Huey consumer (`flask worker`) in another process."""

from __future__ import annotations

import signal
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs, tasks
from discountmarket.extensions import db
from discountmarket.models import (
    CapturedMail,
    DiscountRequest,
    DispatchStatus,
    Escalation,
    MailMessage,
    MailStatus,
    RequestStatus,
)
from discountmarket.outreach import mail
from discountmarket.services import mailing
from tests.conftest import free_port, redis_answers
from tests.factories import DiscountRequestFactory, DispatchFactory
from tests.processes import ROOT, flask_command, worker_env

REDIS_TEST_URL = "redis://127.0.0.1:6379/15"


def queue_mail(n: int) -> int:
    """Record a message and queue it through the jobs port, as services do."""
    record = mailing.queue(
        mail.Mail(
            to=[f"store{n}@shop.example"],
            subject=f"Request {n}",
            text="body",
            sender="DiscountMarket <noreply@discountmarket.local>",
            message_id=f"<queue-{n}-{time.time_ns()}@discountmarket.local>",
        ),
        kind="test",
    )
    jobs.commit()
    return record.id


@pytest.fixture
def queue_app(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """An app whose tasks go to a real SQLite queue instead of running in-process."""
    path = str(tmp_path / "huey.db")
    app = make_app(HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=path)
    app.config["TEST_QUEUE_PATH"] = path
    return app


def outbox_subjects() -> set[str]:
    db.session.rollback()  # see rows other processes committed
    return set(db.session.scalars(sa.select(CapturedMail.subject)))


def test_a_running_consumer_executes_queued_tasks(queue_app: Flask) -> None:
    with queue_app.app_context():
        queue_mail(1)
        assert tasks.huey.pending_count() == 1
    worker = subprocess.Popen(
        flask_command("worker", "--workers", "1"),
        cwd=ROOT,
        env=worker_env(queue_app),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        with queue_app.app_context():
            deadline = time.monotonic() + 30
            while "Request 1" not in outbox_subjects():
                assert worker.poll() is None, worker.stdout.read().decode()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "the consumer did not run the task"
                time.sleep(0.2)
            # Work enqueued while it runs is picked up too.
            queue_mail(2)
            while "Request 2" not in outbox_subjects():
                assert time.monotonic() < deadline, "the consumer did not run the second task"
                time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGINT)  # graceful stop
        output = worker.communicate(timeout=30)[0].decode()
    assert worker.returncode == 0, output
    with queue_app.app_context():
        assert tasks.huey.pending_count() == 0


def drain_in_a_worker(app: Flask, **settings: str) -> subprocess.CompletedProcess[str]:
    """``flask worker --drain`` in its own process, as cron runs it."""
    return subprocess.run(
        flask_command("worker", "--drain"),
        cwd=ROOT,
        env=worker_env(app, **settings),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_drain_runs_everything_due_then_exits(queue_app: Flask) -> None:
    with queue_app.app_context():
        for n in range(3):
            queue_mail(n)
    run = drain_in_a_worker(queue_app)
    assert "Processed 3 task(s)." in run.stdout
    with queue_app.app_context():
        assert outbox_subjects() == {"Request 0", "Request 1", "Request 2"}
    again = drain_in_a_worker(queue_app)
    assert "Processed 0 task(s)." in again.stdout


def test_drain_also_does_the_periodic_work_a_cron_deployment_relies_on(queue_app: Flask) -> None:
    """No consumer runs the schedule under cron: each drain sweeps, escalates and expires."""
    long_ago = datetime.now(UTC) - timedelta(days=20)
    with queue_app.app_context():
        silent = DispatchFactory(
            status=DispatchStatus.SENT,
            sent_at=long_ago,
            store__last_probed_at=long_ago,
            request__expires_at=datetime.now(UTC) + timedelta(days=5),
        )
        overdue = DiscountRequestFactory(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        db.session.commit()
        silent_store, overdue_id = silent.store_id, overdue.id
    run = drain_in_a_worker(queue_app)
    assert "sla_sweep retried=0 escalated=1" in run.stdout, run.stdout
    assert "expire_requests=1" in run.stdout
    with queue_app.app_context():
        db.session.rollback()
        assert db.session.get(DiscountRequest, overdue_id).status == RequestStatus.EXPIRED
        (opened,) = db.session.scalars(sa.select(Escalation)).all()
        assert opened.store_id == silent_store


@pytest.mark.parametrize("queue", ["sqlite", "redis"])
def test_two_workers_run_each_tick_of_the_schedule_once(make_app, tmp_path, queue: str) -> None:  # type: ignore[no-untyped-def]
    """Exactly one scheduler: two workers started in the same minute (two cron drains here,
    two consumers in production) run each periodic task once between them, on either queue."""
    if queue == "redis" and not redis_answers(REDIS_TEST_URL):
        pytest.skip("no Redis answers at 127.0.0.1:6379")
    on_redis = {"REDIS_URL": REDIS_TEST_URL} if queue == "redis" else {}
    queue_app = make_app(
        HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=str(tmp_path / "huey.db"), **on_redis
    )
    # Both claim their ticks within seconds of starting: start well inside one minute (a
    # start that straddles a boundary is two ticks, each run once).
    if datetime.now(UTC).second > 48:
        time.sleep(61 - datetime.now(UTC).second)
    workers = [
        subprocess.Popen(
            flask_command("worker", "--drain"),
            cwd=ROOT,
            env=worker_env(queue_app, **on_redis),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=60)[0] for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    said = "\n".join(outputs)
    for periodic in tasks.PERIODIC:
        name = periodic.func.__name__
        ran = [line for line in said.splitlines() if f"{name}" in line]
        skips = said.count(f"{name}=skipped: another worker runs this tick")
        assert skips == 1, (name, outputs)
        assert ran, outputs


def test_transient_mail_failure_is_retried_later(queue_app: Flask) -> None:
    with queue_app.app_context():
        mail_id = queue_mail(7)
    closed_port = free_port()
    run = subprocess.run(
        flask_command("worker", "--drain"),
        cwd=ROOT,
        env=worker_env(queue_app, SMTP_URL=f"smtp://127.0.0.1:{closed_port}"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Processed 1 task(s)." in run.stdout
    with queue_app.app_context():
        assert tasks.huey.pending_count() == 0
        assert tasks.huey.scheduled_count() == 1  # waiting for its retry
        (retry,) = tasks.huey.scheduled()
        assert retry.retries == mailing.MAX_ATTEMPTS - 2
        db.session.rollback()
        record = db.session.get(MailMessage, mail_id)
        assert (record.status, record.attempts) == (MailStatus.QUEUED, 1)
        assert "SMTP connection failed" in record.last_error


@pytest.mark.skipif(not redis_answers(REDIS_TEST_URL), reason="no Redis answers at 127.0.0.1:6379")
def test_queue_on_redis(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        HUEY_IMMEDIATE=False, REDIS_URL=REDIS_TEST_URL, RATELIMIT_STORAGE_URI="memory://"
    )
    with app.app_context():
        tasks.huey.flush()
        queue_mail(42)
        assert tasks.huey.pending_count() == 1
    run = subprocess.run(
        flask_command("worker", "--drain"),
        cwd=ROOT,
        env=worker_env(app, REDIS_URL=REDIS_TEST_URL),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "Processed 1 task(s)." in run.stdout
    with app.app_context():
        assert "Request 42" in outbox_subjects()
        # No task's return value is kept: nothing reads them, so Redis would only grow.
        assert tasks.huey.storage.result_store_size() == 0
        tasks.huey.flush()


def test_expire_requests_closes_only_overdue_open_requests(app: Flask) -> None:
    now = datetime.now(UTC)
    overdue = DiscountRequestFactory(expires_at=now - timedelta(minutes=1))
    current = DiscountRequestFactory(expires_at=now + timedelta(days=1))
    cancelled = DiscountRequestFactory(
        expires_at=now - timedelta(days=1), status=RequestStatus.CANCELLED
    )
    db.session.commit()
    tasks.expire_requests.call_local()
    db.session.expire_all()
    assert db.session.get(DiscountRequest, overdue.id).status == RequestStatus.EXPIRED
    assert db.session.get(DiscountRequest, overdue.id).closed_at is not None
    assert db.session.get(DiscountRequest, current.id).status == RequestStatus.OPEN
    assert db.session.get(DiscountRequest, cancelled.id).status == RequestStatus.CANCELLED
