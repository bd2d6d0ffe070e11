"""At most so many messages a day to any one recipient — an e-mail address or a contact
form's endpoint — across stores, shoppers and kinds of message (requests, digests, notices).

The per-store cap bounds what one store receives; this bounds what anybody receives, so that
nobody can be flooded through many "stores" that share one inbox or form. A place is
reserved atomically (one conditional upsert), so concurrent senders cannot pass the cap.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from discountmarket.extensions import db
from discountmarket.models import RecipientQuota

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def email_recipient(address: str) -> str:
    return address.strip().lower()


def form_recipient(action: str) -> str:
    return "form:" + action.split("#", 1)[0]


def reserve(recipient: str, now: datetime | None = None) -> bool:
    """Take one of today's places for ``recipient``, in the caller's unit of work; False
    when the day's places are gone (nothing is changed then)."""
    day = (now or datetime.now(UTC)).astimezone(UTC).date()
    cap = current_app.config["MESSAGES_PER_RECIPIENT_PER_DAY"]
    if cap <= 0:
        return False
    table = RecipientQuota.__table__
    insert = _INSERTS[db.session.get_bind().dialect.name](table)
    statement = (
        insert.values(recipient=recipient[:2048], day=day, sent=1)
        .on_conflict_do_update(
            index_elements=[table.c.recipient, table.c.day],
            set_={"sent": table.c.sent + 1},
            where=table.c.sent < cap,
        )
        .returning(table.c.id)
    )
    return db.session.execute(statement).first() is not None


def release(recipient: str, now: datetime | None = None) -> None:
    """Give back a place taken for a message that did not go out after all."""
    day = (now or datetime.now(UTC)).astimezone(UTC).date()
    db.session.execute(
        sa.update(RecipientQuota)
        .where(
            RecipientQuota.recipient == recipient[:2048],
            RecipientQuota.day == day,
            RecipientQuota.sent > 0,
        )
        .values(sent=RecipientQuota.sent - 1)
        .execution_options(synchronize_session=False)
    )


def sent_today(recipient: str, now: datetime | None = None) -> int:
    day = (now or datetime.now(UTC)).astimezone(UTC).date()
    return (
        db.session.scalar(
            sa.select(RecipientQuota.sent).where(
                RecipientQuota.recipient == recipient, RecipientQuota.day == day
            )
        )
        or 0
    )
