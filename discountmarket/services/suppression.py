"""Addresses and domains we must never contact: checked before every message."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from discountmarket import weburl
from discountmarket.extensions import db
from discountmarket.models import Suppression, SuppressionKind


def is_suppressed(address: str) -> bool:
    """Whether the address, its domain or its registrable domain (an owner's domain opt-out
    covers ``sales@mail.shop.example``) is suppressed."""
    return bool(suppressed([address]))


def suppressed(addresses: Iterable[str]) -> set[str]:
    """Those of the addresses (lower-cased) that are suppressed, in one statement."""
    wanted = {address.strip().lower() for address in addresses}
    if not wanted:
        return set()
    domains_of = {a: {a.rpartition("@")[2], _registrable(a.rpartition("@")[2])} for a in wanted}
    rows = db.session.execute(
        sa.select(Suppression.kind, Suppression.value).where(
            sa.or_(
                sa.and_(Suppression.kind == SuppressionKind.ADDRESS, Suppression.value.in_(wanted)),
                sa.and_(
                    Suppression.kind == SuppressionKind.DOMAIN,
                    Suppression.value.in_(set().union(*domains_of.values())),
                ),
            )
        )
    ).all()
    addresses_out = {value for kind, value in rows if kind == SuppressionKind.ADDRESS}
    domains_out = {value for kind, value in rows if kind == SuppressionKind.DOMAIN}
    return {a for a in wanted if a in addresses_out or domains_of[a] & domains_out}


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
