"""The capture mail backend (the default without SMTP_URL): every message is kept in the
database instead of being sent, for operators and developers to read at /ops/mail."""

from __future__ import annotations

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import CapturedMail
from discountmarket.outreach.mail import Mail


class CaptureBackend:
    """Keeps the message as part of the caller's unit of work (its commit stores it)."""

    def send(self, mail: Mail) -> None:
        stored = db.session.scalar(
            sa.select(CapturedMail.id).where(CapturedMail.message_id == mail.message_id)
        )
        if stored is not None:  # the same message again (a retry): stored once
            return
        db.session.add(
            CapturedMail(
                message_id=mail.message_id,
                sender=mail.sender,
                recipients=", ".join(mail.to),
                subject=mail.subject,
                text_body=mail.text,
                html_body=mail.html,
                headers=dict(mail.headers),
            )
        )
        db.session.flush()


MAX_PAGE = 100_000  # a page number past any real mailbox: no absurd OFFSET


def page_of_messages(page: int, per_page: int = 50) -> tuple[list[CapturedMail], bool]:
    page = min(max(page, 1), MAX_PAGE)
    rows = db.session.scalars(
        sa.select(CapturedMail)
        .order_by(CapturedMail.created_at.desc(), CapturedMail.id.desc())
        .limit(per_page + 1)
        .offset((page - 1) * per_page)
    ).all()
    return list(rows[:per_page]), len(rows) > per_page


def message(message_id: int) -> CapturedMail | None:
    return db.session.get(CapturedMail, message_id)
