"""Addresses and domains we must never contact: checked before every message."""

from __future__ import annotations

import sqlalchemy as sa

from discountmarket import weburl
from discountmarket.extensions import db
from discountmarket.models import Suppression, SuppressionKind


def is_suppressed(address: str) -> bool:
    """Whether the address, its domain or its registrable domain (an owner's domain opt-out
    covers ``sales@mail.shop.example``) is suppressed."""
    address = address.strip().lower()
    domain = address.rpartition("@")[2]
    domains = {domain, _registrable(domain)}
    return (
        db.session.scalar(
            sa.select(Suppression.id).where(
                sa.or_(
                    sa.and_(
                        Suppression.kind == SuppressionKind.ADDRESS, Suppression.value == address
                    ),
                    sa.and_(
                        Suppression.kind == SuppressionKind.DOMAIN,
                        Suppression.value.in_(domains),
                    ),
                )
            )
        )
        is not None
    )


def domain_suppressed(site: str) -> bool:
    """Whether a site's owner opted its whole domain (store key) out."""
    return (
        db.session.scalar(
            sa.select(Suppression.id).where(
                Suppression.kind == SuppressionKind.DOMAIN, Suppression.value == site
            )
        )
        is not None
    )


def _registrable(domain: str) -> str:
    try:
        return weburl.registrable_domain(f"http://{domain}/")
    except ValueError:
        return domain
