"""The capture backend: mail kept in the database instead of sent, read by operators."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import CapturedMail
from discountmarket.services import mail_capture
from tests.outreach.test_mail import sample


def test_the_message_is_kept_once(app: Flask) -> None:
    backend = mail_capture.CaptureBackend()
    backend.send(sample())
    backend.send(sample())  # a retried task must not store a second copy
    jobs.commit()
    (stored,) = db.session.scalars(sa.select(CapturedMail)).all()
    assert stored.recipients == "shop@store.example"
    assert stored.subject == "A shopper would buy your headphones"
    assert stored.html_body == "<p>Hello, <b>HTML</b> body</p>"
    assert stored.headers == {"List-Unsubscribe": "<https://dm.example/u/abc>"}
    assert mail_capture.message(stored.id) == stored


def test_kept_as_part_of_the_callers_unit_of_work(app: Flask) -> None:
    """What the caller rolls back (a delivery that crashed) was never kept."""
    mail_capture.CaptureBackend().send(sample())
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(CapturedMail.id))) == 0


def test_pages_newest_first(app: Flask) -> None:
    backend = mail_capture.CaptureBackend()
    for n in range(5):
        backend.send(sample(message_id=f"<m{n}@x>", subject=f"Message {n}"))
    jobs.commit()
    first, more = mail_capture.page_of_messages(1, per_page=2)
    assert [m.subject for m in first] == ["Message 4", "Message 3"] and more is True
    last, more = mail_capture.page_of_messages(3, per_page=2)
    assert [m.subject for m in last] == ["Message 0"] and more is False
    assert mail_capture.page_of_messages(0, per_page=2)[0] == first  # page 0 is page 1
