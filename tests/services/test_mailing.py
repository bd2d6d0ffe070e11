"""Mail outside store outreach: recorded before it is queued, and what became of it kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs, tasks
from discountmarket.extensions import db
from discountmarket.models import CapturedMail, MailMessage, MailStatus
from discountmarket.outreach.mail import SMTPBackend
from discountmarket.services import mailing
from discountmarket.services.mail_capture import CaptureBackend
from tests.concurrency import all_at_once
from tests.conftest import free_port
from tests.outreach.test_mail import sample


def test_without_smtp_the_capture_backend_is_used(app: Flask) -> None:
    assert isinstance(mailing.backend(), CaptureBackend)
    mail_id = mailing.queue(sample(message_id="<task@x>"), kind="test").id
    jobs.commit()  # tests run jobs in-process, right after the commit
    record = db.session.get(MailMessage, mail_id)
    assert (record.status, record.attempts, record.kind) == (MailStatus.SENT, 1, "test")
    assert record.sent_at is not None and record.recipients == "shop@store.example"
    assert db.session.scalar(sa.select(CapturedMail.subject).filter_by(message_id="<task@x>"))


def test_nothing_is_queued_or_kept_when_the_caller_rolls_back(app: Flask) -> None:
    mailing.queue(sample(), kind="test")
    db.session.rollback()
    jobs.commit()
    assert db.session.scalar(sa.select(sa.func.count(MailMessage.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(CapturedMail.id))) == 0


def test_sent_through_smtp_and_never_twice(make_app, smtp) -> None:  # type: ignore[no-untyped-def]
    app = make_app(SMTP_URL=smtp.url)
    with app.app_context():
        assert isinstance(mailing.backend(), SMTPBackend)
        mail_id = mailing.queue(sample(), kind="test").id
        jobs.commit()
        assert mailing.send_recorded(mail_id) == MailStatus.SENT  # a duplicate job
        assert db.session.scalar(sa.select(sa.func.count(CapturedMail.id))) == 0
        db.session.remove()
    assert len(smtp.messages) == 1


def test_a_refused_message_is_recorded_not_lost(make_app, smtp) -> None:  # type: ignore[no-untyped-def]
    smtp.reply = "550 5.1.1 No such user here"
    app = make_app(SMTP_URL=smtp.url)
    with app.app_context():
        mail_id = mailing.queue(sample(), kind="test").id
        jobs.commit()
        db.session.expire_all()
        record = db.session.get(MailMessage, mail_id)
        assert (record.status, record.attempts) == (MailStatus.FAILED, 1)
        assert "550" in record.last_error
        assert mailing.send_recorded(mail_id) == MailStatus.FAILED  # never tried again
        db.session.remove()
    assert smtp.messages == []


def test_an_outage_is_retried_until_the_last_attempt(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        SMTP_URL=f"smtp://127.0.0.1:{free_port()}",
        SMTP_TIMEOUT=3,
        HUEY_IMMEDIATE=False,  # the job waits in a real queue: this test plays the worker
        HUEY_SQLITE_PATH=str(tmp_path / "huey.db"),
    )
    with app.app_context():
        record = mailing.queue(sample(), kind="test")
        jobs.commit()
        for attempt in range(1, mailing.MAX_ATTEMPTS):
            with pytest.raises(mailing.SendLater):
                mailing.send_recorded(record.id)
            assert (record.status, record.attempts) == (MailStatus.QUEUED, attempt)
        assert mailing.send_recorded(record.id) == MailStatus.FAILED
        assert record.attempts == mailing.MAX_ATTEMPTS
        assert "SMTP connection failed" in record.last_error
        db.session.remove()


def test_mail_whose_task_was_lost_is_found_and_sent_once(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A worker killed (or stopped by SIGTERM) takes its queued task with it; the message's
    record stays, and the lost-mail sweep finds it once nothing touched it for a while."""
    app = make_app(HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=str(tmp_path / "q.db"))
    with app.app_context():
        mail_id = mailing.queue(sample(), kind="test").id
        jobs.commit()
        tasks.huey.flush()  # the task is gone, as with a killed worker
        now = datetime.now(UTC)
        assert mailing.lost_mail_ids(now) == []  # too recent to call lost
        later = now + mailing.LOST_AFTER + timedelta(minutes=1)
        assert mailing.lost_mail_ids(later) == [mail_id]
        # Two workers at once (the sweep and a late retry): one sends, the other steps back.
        outcomes = all_at_once(app, 4, lambda: mailing.send_recorded(mail_id))
        assert outcomes.count(MailStatus.SENT) >= 1
        assert mailing.lost_mail_ids(later) == []
        assert db.session.scalar(sa.select(sa.func.count(CapturedMail.id))) == 1  # sent once
        db.session.remove()
