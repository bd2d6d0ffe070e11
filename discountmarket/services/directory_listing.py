"""The operator's store directory as a list: one page of stores by name with their counts,
reputation and opt-out state, one store (by id, its row, its recent dispatches), the
categories."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from discountmarket import numbers
from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Offer,
    Store,
    StoreContact,
    StoreStatus,
    Suppression,
    SuppressionKind,
    store_competitors,
)
from discountmarket.services import reputation

PAGE_SIZE = 50
RECENT_DISPATCHES = 20


@dataclass(frozen=True)
class StoreFilter:
    q: str = ""
    status: StoreStatus | None = None
    category_id: int | None = None


@dataclass(frozen=True)
class StoreRow:
    store: Store
    competitors: int
    emails: int
    phones: int
    reputation: reputation.Reputation
    domain_suppressed: bool
    # The store's actual answers: requests it answered (an offer or a decline, however it
    # reached us), of the requests it was asked (delivered to it, or answered anyway).
    answered: int = 0
    asked: int = 0

    @property
    def opted_out(self) -> bool:
        return self.domain_suppressed or not self.store.contactable

    @property
    def answer_share(self) -> int | None:
        """Percent of requests answered; None until the store was asked a few times."""
        return round(100 * self.answered / self.asked) if self.asked >= 3 else None


@dataclass(frozen=True)
class StorePage:
    rows: list[StoreRow]
    next_after: int | None  # the last store's id when there is a next page


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_stores(
    filters: StoreFilter, after: int | None = None, per_page: int = PAGE_SIZE
) -> StorePage:
    """One page of stores by name. Keyset pagination: ``after`` is the id of the previous
    page's last store, so deep pages cost as little as the first (no OFFSET)."""
    query = sa.select(Store).options(selectinload(Store.categories))
    if filters.q:
        pattern = _like(filters.q.strip().lower())
        query = query.where(
            sa.or_(
                sa.func.lower(Store.name).like(pattern, escape="\\"),
                Store.domain.like(pattern, escape="\\"),
            )
        )
    if filters.status is not None:
        query = query.where(Store.status == filters.status)
    if filters.category_id is not None:
        query = query.where(Store.categories.any(Category.id == filters.category_id))
    if numbers.ROW_ID.checked_int(after) is not None:  # a crafted cursor is no filter
        anchor = db.session.execute(
            sa.select(Store.name, Store.id).where(Store.id == after)
        ).first()
        if anchor is not None:
            query = query.where(
                sa.or_(
                    Store.name > anchor.name,
                    sa.and_(Store.name == anchor.name, Store.id > anchor.id),
                )
            )
    stores = list(db.session.scalars(query.order_by(Store.name, Store.id).limit(per_page + 1)))
    has_more = len(stores) > per_page
    stores = stores[:per_page]
    return StorePage(rows=_rows(stores), next_after=stores[-1].id if has_more else None)


def _rows(stores: list[Store]) -> list[StoreRow]:
    ids = {store.id for store in stores}
    if not ids:
        return []
    competitor_counts = dict(
        db.session.execute(
            sa.select(store_competitors.c.store_id, sa.func.count())
            .where(store_competitors.c.store_id.in_(ids))
            .group_by(store_competitors.c.store_id)
        ).all()
    )
    contact_counts: dict[tuple[int, ContactKind], int] = {
        (store_id, kind): count
        for store_id, kind, count in db.session.execute(
            sa.select(StoreContact.store_id, StoreContact.kind, sa.func.count())
            .where(StoreContact.store_id.in_(ids))
            .group_by(StoreContact.store_id, StoreContact.kind)
        ).all()
    }
    suppressed = set(
        db.session.scalars(
            sa.select(Suppression.value).where(
                Suppression.kind == SuppressionKind.DOMAIN,
                Suppression.value.in_({store.domain for store in stores}),
            )
        )
    )
    reputations = reputation.for_stores(ids)
    answered, asked = _answers(ids)
    return [
        StoreRow(
            store=store,
            competitors=competitor_counts.get(store.id, 0),
            emails=contact_counts.get((store.id, ContactKind.EMAIL), 0),
            phones=contact_counts.get((store.id, ContactKind.PHONE), 0),
            reputation=reputations[store.id],
            domain_suppressed=store.domain in suppressed,
            answered=answered.get(store.id, 0),
            asked=asked.get(store.id, 0),
        )
        for store in stores
    ]


def _answers(ids: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Per store: requests answered, and requests asked (delivered, or answered anyway)."""
    delivered = sa.select(Dispatch.store_id, Dispatch.request_id).where(
        Dispatch.store_id.in_(ids),
        Dispatch.status.in_([DispatchStatus.SENT, DispatchStatus.ANSWERED]),
    )
    answers = sa.select(Offer.store_id, Offer.request_id).where(Offer.store_id.in_(ids))
    asked = sa.union(delivered, answers).subquery()  # UNION: each (store, request) once
    answered = answers.distinct().subquery()
    counts = [
        dict(
            db.session.execute(
                sa.select(table.c.store_id, sa.func.count()).group_by(table.c.store_id)
            ).all()
        )
        for table in (answered, asked)
    ]
    return counts[0], counts[1]


def find_store(store_id: int) -> Store | None:
    return db.session.get(Store, store_id)


def store_row(store: Store) -> StoreRow:
    """The list row of one store (its page shows the same facts)."""
    return _rows([store])[0]


def all_categories() -> list[Category]:
    return list(db.session.scalars(sa.select(Category).order_by(Category.name)))


def recent_dispatches(store_id: int, limit: int = RECENT_DISPATCHES) -> list[Dispatch]:
    return list(
        db.session.scalars(
            sa.select(Dispatch)
            .options(joinedload(Dispatch.request).joinedload(DiscountRequest.product))
            .where(Dispatch.store_id == store_id)
            .order_by(Dispatch.created_at.desc(), Dispatch.id.desc())
            .limit(limit)
        )
    )
