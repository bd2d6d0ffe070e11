"""Reading what the outbox mail backend stored, for tests."""

from __future__ import annotations

import re

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import CapturedMail


def messages_to(address: str) -> list[CapturedMail]:
    return list(
        db.session.scalars(
            sa.select(CapturedMail)
            .where(CapturedMail.recipients == address)
            .order_by(CapturedMail.id)
        )
    )


def link_in(message: CapturedMail, path_prefix: str) -> str:
    """The site-relative path of the first link in the message starting with path_prefix."""
    match = re.search(
        r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s<\"]*)", message.text_body
    )
    assert match, f"no {path_prefix} link in: {message.text_body}"
    return match.group(1)
