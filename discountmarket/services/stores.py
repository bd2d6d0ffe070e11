"""Store directory queries and changes."""

from __future__ import annotations

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import Store, StoreMembership


def managed_by(user_id: int) -> list[Store]:
    return list(
        db.session.scalars(
            sa.select(Store)
            .join(StoreMembership, StoreMembership.store_id == Store.id)
            .where(StoreMembership.user_id == user_id)
            .order_by(Store.name)
        )
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
