"""The capture mail backend (the default without SMTP_URL): every message is kept in the
database instead of being sent, for operators and developers to read at /ops/mail."""

from __future__ import annotations

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import CapturedMail, Dispatch
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


DISPATCH_HEADER = "X-DiscountMarket-Dispatch"  # services.store_messages.compose_email


def messages_for_dispatch(dispatch: Dispatch, limit: int = 20) -> list[CapturedMail]:
    """The captured e-mails that carried a dispatch (alone or in a digest), oldest first: what
    the store was sent. Empty when mail goes out through SMTP (nothing is captured then)."""
    dispatch_id = dispatch.id
    candidates = db.session.scalars(
        sa.select(CapturedMail)
        .where(
            CapturedMail.created_at >= dispatch.created_at,
            sa.cast(CapturedMail.headers, sa.Text).contains(str(dispatch_id)),
        )
        .order_by(CapturedMail.created_at, CapturedMail.id)
    )
    found = []
    for message in candidates:
        carried = str((message.headers or {}).get(DISPATCH_HEADER, "")).split(",")
        if str(dispatch_id) in (part.strip() for part in carried):
            found.append(message)
            if len(found) == limit:
                break
    return found
