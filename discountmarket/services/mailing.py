"""Sending mail: the configured backend, and the record of every message outside store
outreach.

Store outreach is recorded in its own outbox (``Dispatch``) and sent by ``delivery``. Every
other message — account mail, offer digests, claim checks, notices to stores — is written
as a ``MailMessage`` in the caller's unit of work and sent by a queued job, which records
what really happened: sent, refused for good, or out of tries. None is lost silently.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from flask import current_app

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import MailMessage, MailStatus
from discountmarket.outreach.mail import Mail, MailBackend, MailError, SMTPBackend, compose
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


class SendLater(Exception):
    """A transient failure: the queue should try this message again."""


def send_recorded(mail_id: int) -> MailStatus | None:
    """Send one recorded message and record the outcome. Raises ``SendLater`` on a
    transient failure that still has tries left."""
    record = db.session.get(MailMessage, mail_id)
    if record is None or record.status != MailStatus.QUEUED:
        return None if record is None else record.status  # sent already: never twice
    record.attempts += 1
    try:
        send_now(Mail.from_dict(record.content))
    except MailError as error:
        record.last_error = str(error)[:1000]
        if error.permanent or record.attempts >= MAX_ATTEMPTS:
            record.status = MailStatus.FAILED
            logger.warning("mail %s (%s) not sent: %s", record.id, record.kind, error)
        jobs.commit()
        if record.status == MailStatus.QUEUED:
            raise SendLater(str(error)) from error
        return record.status
    record.status, record.sent_at, record.last_error = MailStatus.SENT, datetime.now(UTC), None
    jobs.commit()
    return record.status
