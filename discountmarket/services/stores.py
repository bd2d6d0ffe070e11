"""Store directory: finding the store a URL belongs to, managers, competitor links."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from discountmarket.extensions import db
from discountmarket.models import Category, Product, Store, StoreMembership, StoreStatus
from discountmarket.outreach.currencies import domain_currency
from discountmarket.outreach.product_titles import fold
from discountmarket.services import store_input
from discountmarket.services.persistence import get_or_create
from discountmarket.services.suppression import domain_suppressed
from discountmarket.weburl import registrable_domain, store_homepage

_WORD = re.compile(r"\w+")


def find_by_domain(domain: str) -> Store | None:
    return db.session.scalar(sa.select(Store).where(Store.domain == domain))


def find_for_address(typed: str) -> Store | None:
    """The store a person means by a domain or URL they typed ("WWW.Shop.example",
    "https://магазин.рф/about"): looked up by its store key."""
    domain = store_input.domain_of(typed)
    return find_by_domain(domain) if domain else None


def store_for_url(url: str) -> Store:
    """The known store for this URL, or a new unverified one (its homepage its registrable
    domain's root, whatever page was posted) for outreach to probe. ValueError when it is
    no web address. Does not commit (the caller's unit of work)."""
    domain = registrable_domain(url)
    return get_or_create(
        Store,
        {"domain": domain},
        name=domain,
        homepage=store_homepage(url),
        # Its owner may have opted the whole domain out before we ever met the store.
        status=StoreStatus.OPTED_OUT if domain_suppressed(domain) else StoreStatus.UNVERIFIED,
    )


def managed_by(user_id: int) -> list[Store]:
    return list(
        db.session.scalars(
            sa.select(Store)
            .join(StoreMembership, StoreMembership.store_id == Store.id)
            .where(StoreMembership.user_id == user_id)
            .options(selectinload(Store.memberships).selectinload(StoreMembership.user))
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


def learn_categories(store: Store, path: tuple[str, ...]) -> list[Category]:
    """Put the store in the directory's categories its product pages name (a category whose
    slug or name words all appear in the page's category path), so that "ask competitors"
    finds stores of the same trade before an operator has linked anyone. Never removes
    one. In the caller's unit of work."""
    words = set(_WORD.findall(fold(" ".join(path))))
    if not words:
        return []
    added = []
    for category in db.session.scalars(sa.select(Category)):
        slug = set(category.slug.split("-"))
        name = set(_WORD.findall(fold(category.name))) - {"and", "und", "et", "и"}
        if (slug <= words or (name and name <= words)) and category not in store.categories:
            store.categories.append(category)
            added.append(category)
    return added


def currency_of(store: Store) -> str | None:
    """The currency a store sells in: that of its products we have read, else the one its
    country's domain suggests (``.ru``: RUB); None when nothing says."""
    known = db.session.scalar(
        sa.select(Product.currency)
        .where(Product.store_id == store.id, Product.currency.is_not(None))
        .order_by(Product.id.desc())
        .limit(1)
    )
    return known or domain_currency(store.domain.rsplit(":", 1)[0])
