"""Store directory: finding the store a URL belongs to, managers, competitor links."""

from __future__ import annotations

import ipaddress
from functools import cache
from urllib.parse import urlsplit

import sqlalchemy as sa
from publicsuffixlist import PublicSuffixList

from discountmarket.extensions import db
from discountmarket.models import Store, StoreMembership, StoreStatus
from discountmarket.services.persistence import get_or_create


@cache
def _public_suffixes() -> PublicSuffixList:
    return PublicSuffixList()  # the list ships with the package: no network


def registrable_domain(url: str) -> str:
    """The store key of a URL: its registrable domain (``shop.example.co.uk`` ->
    ``example.co.uk``). IP addresses and single-label hosts have none; they stand for
    themselves, with the port when it is not the default (local demo sites)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise ValueError(f"no host in {url!r}")
    try:
        ipaddress.ip_address(host)
        is_ip = True
    except ValueError:
        is_ip = False
    if not is_ip and "." in host:
        domain = _public_suffixes().privatesuffix(host)
        if domain:
            return domain
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{parts.port}" if parts.port and parts.port != default_port else host


def find_by_domain(domain: str) -> Store | None:
    return db.session.scalar(sa.select(Store).where(Store.domain == domain))


def store_for_url(url: str) -> Store:
    """The known store for this URL, or a new unverified one for outreach to probe.
    Does not commit (the caller's unit of work)."""
    domain = registrable_domain(url)
    parts = urlsplit(url)
    return get_or_create(
        Store,
        {"domain": domain},
        name=domain,
        homepage=f"{parts.scheme}://{parts.netloc.lower()}/",
        status=StoreStatus.UNVERIFIED,
    )


def managed_by(user_id: int) -> list[Store]:
    return list(
        db.session.scalars(
            sa.select(Store)
            .join(StoreMembership, StoreMembership.store_id == Store.id)
            .where(StoreMembership.user_id == user_id)
            .order_by(Store.name)
        )
    )


def manages(user_id: int, store_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(StoreMembership.id).where(
                StoreMembership.user_id == user_id, StoreMembership.store_id == store_id
            )
        )
        is not None
    )


def link_competitors(store: Store, *others: Store) -> None:
    """Make stores competitors of each other, in both directions (caller commits)."""
    for other in others:
        if other is store:
            continue
        if other not in store.competitors:
            store.competitors.append(other)
        if store not in other.competitors:
            other.competitors.append(store)
