"""Sending mail: the configured backend, and the record of every message outside store
outreach.

Store outreach is recorded in its own outbox (``Dispatch``) and sent by ``delivery``. Every
other message — account mail, offer digests, claim checks, notices to stores — is written
as a ``MailMessage`` in the caller's unit of work and sent by a queued job, which records
what really happened: sent, refused for good, or out of tries. None is lost silently.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import MailMessage, MailStatus
from discountmarket.outreach.mail import Mail, MailBackend, MailError, SMTPBackend, compose
from discountmarket.services import site_turns
from discountmarket.services.mail_capture import CaptureBackend

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 6  # the queue retries a transient failure this many times in all


def backend() -> MailBackend:
    """SMTP when SMTP_URL is set; otherwise the capture backend keeps the mail."""
    url = current_app.config.get("SMTP_URL")
    if url:
        return SMTPBackend(url, timeout=current_app.config["SMTP_TIMEOUT"])
    return CaptureBackend()


def send_now(message: Mail) -> None:
    """Hand one message to the backend at once (store outreach; the caller records it)."""
    backend().send(message)


def queue_template(template: str, to: str | list[str], subject: object, **kwargs: Any) -> None:
    """Compose ``templates/email/<template>`` (see ``outreach.mail.compose``) and queue it."""
    queue(compose(template, to, subject, **kwargs), kind=template)


def queue(message: Mail, kind: str) -> MailMessage:
    """Record the message and queue its sending after the caller's commit."""
    record = MailMessage(
        kind=kind,
        recipients=", ".join(message.to),
        subject=message.subject[:998],
        content=message.to_dict(),
    )
    db.session.add(record)
    db.session.flush()
    jobs.later("send_mail", record.id)
    return record


# Longer than the queue's own retry gaps (a minute) plus a slow send: untouched this long,
# a queued message has lost its task.
LOST_AFTER = timedelta(minutes=15)


class SendLater(Exception):
    """A transient failure: the queue should try this message again."""


def send_recorded(mail_id: int) -> MailStatus | None:
    """Send one recorded message and record the outcome. Raises ``SendLater`` on a
    transient failure that still has tries left. One worker at a time sends a message (its
    turn, ``mail:<id>``): the lost-mail sweep may queue one the queue still holds."""
    record = db.session.get(MailMessage, mail_id)
    if record is None or record.status != MailStatus.QUEUED:
        return None if record is None else record.status  # sent already: never twice
    turn = site_turns.take(f"mail:{mail_id}", datetime.now(UTC))
    jobs.commit()
    if turn is None:
        return None  # another worker is sending it right now
    try:
        status, transient = _attempt(record)
    finally:
        site_turns.give_back(f"mail:{mail_id}", turn)
        jobs.commit()
    if transient is not None:
        raise SendLater(str(transient)) from transient
    return status


def lost_mail_ids(now: datetime, limit: int = 500) -> list[int]:
    """Messages still to send that nothing has touched for ``LOST_AFTER``: their task went
    with a worker that was killed or stopped (the queue's own retries touch them sooner)."""
    return list(
        db.session.scalars(
            sa.select(MailMessage.id)
            .where(
                MailMessage.status == MailStatus.QUEUED,
                MailMessage.updated_at < now - LOST_AFTER,
            )
            .order_by(MailMessage.id)
            .limit(limit)
        )
    )


def _attempt(record: MailMessage) -> tuple[MailStatus, MailError | None]:
    """One try, recorded on the message (the caller commits): its status, and the error
    when a later try may still succeed."""
    db.session.refresh(record)
    if record.status != MailStatus.QUEUED:
        return record.status, None
    record.attempts += 1
    try:
        send_now(Mail.from_dict(record.content))
    except MailError as error:
        record.last_error = str(error)[:1000]
        if error.permanent or record.attempts >= MAX_ATTEMPTS:
            record.status = MailStatus.FAILED
            logger.warning("mail %s (%s) not sent: %s", record.id, record.kind, error)
            return record.status, None
        return record.status, error
    record.status, record.sent_at, record.last_error = MailStatus.SENT, datetime.now(UTC), None
    return record.status, None
