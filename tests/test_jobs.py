"""The queue port: jobs reach the real queue only after their unit of work is committed."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs, tasks
from discountmarket.extensions import db
from discountmarket.models import User
from tests.factories import UserFactory


@pytest.fixture
def queue_app(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Jobs go to a real SQLite queue, where they wait for a worker."""
    app = make_app(HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=str(tmp_path / "huey.db"))
    with app.app_context():
        yield app
        db.session.remove()


def test_a_job_is_queued_after_the_commit_and_not_before(queue_app: Flask) -> None:
    user = UserFactory()
    db.session.flush()
    jobs.later("probe_store", 1)
    jobs.later("send_offer_digest", 2, delay=3600)
    assert tasks.huey.pending_count() == 0
    jobs.commit()
    now, later = tasks.huey.pending()
    assert (now.name, now.args, now.eta) == ("probe_store", (1,), None)
    assert (later.name, later.args) == ("send_offer_digest", (2,))
    assert later.eta is not None  # Huey holds it until then
    assert db.session.get(User, user.id) is not None  # committed before it was queued
    jobs.commit()  # a later commit does not queue them again
    assert tasks.huey.pending_count() == 2


def test_a_rollback_forgets_its_jobs(queue_app: Flask) -> None:
    UserFactory()
    jobs.later("probe_store", 1)
    db.session.rollback()
    jobs.commit()
    assert tasks.huey.pending_count() == 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_a_savepoint_rollback_keeps_the_outer_units_jobs(queue_app: Flask) -> None:
    jobs.later("probe_store", 1)
    with pytest.raises(RuntimeError), db.session.begin_nested():
        raise RuntimeError("the inner step fails; the unit of work goes on")
    jobs.commit()
    assert tasks.huey.pending_count() == 1


def test_a_failed_commit_queues_nothing(queue_app: Flask) -> None:
    existing = UserFactory()
    db.session.commit()
    db.session.add(User(email=existing.email, password_hash="x"))
    jobs.later("probe_store", 1)
    with pytest.raises(sa.exc.IntegrityError):
        jobs.commit()
    db.session.rollback()
    jobs.commit()
    assert tasks.huey.pending_count() == 0


def test_an_unknown_job_name_fails_at_commit(queue_app: Flask) -> None:
    jobs.later("no_such_task")
    with pytest.raises(KeyError):
        jobs.commit()
