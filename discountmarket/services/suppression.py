"""Addresses and domains we must never contact: checked before every message."""

from __future__ import annotations

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import Suppression, SuppressionKind


def is_suppressed(address: str) -> bool:
    address = address.strip().lower()
    domain = address.rpartition("@")[2]
    return (
        db.session.scalar(
            sa.select(Suppression.id).where(
                sa.or_(
                    sa.and_(
                        Suppression.kind == SuppressionKind.ADDRESS, Suppression.value == address
                    ),
                    sa.and_(
                        Suppression.kind == SuppressionKind.DOMAIN, Suppression.value == domain
                    ),
                )
            )
        )
        is not None
    )
