"""How often and how fast a store answers: shown beside its offers and used to rank
competitors. Kept per store as it happens (``store_reputations``), in the unit of work
that delivers a request or records an answer, so reading it is one indexed look-up however
long the store's history. Nothing here commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from discountmarket.extensions import db
from discountmarket.models import (
    Dispatch,
    DispatchStatus,
    HonourReport,
    HonourStatus,
    Offer,
    StoreReputation,
)

SAMPLE = 50  # recent answers per store that the median is taken over
DELIVERED = (DispatchStatus.SENT, DispatchStatus.ANSWERED)


@dataclass(frozen=True)
class Reputation:
    asked: int  # requests that reached the store
    answered: int  # of those, answered (offer or decline)
    median_answer_time: timedelta | None
    broken_promises: int = 0  # confirmed reports of accepted offers not honoured

    @property
    def answer_rate(self) -> int | None:
        """Percent of requests answered; None until the store was asked a few times."""
        return round(100 * self.answered / self.asked) if self.asked >= 3 else None


NONE_YET = Reputation(asked=0, answered=0, median_answer_time=None)


def of(row: StoreReputation | None) -> Reputation:
    if row is None:
        return NONE_YET
    delays = row.recent_answer_seconds or []
    return Reputation(
        asked=row.asked,
        answered=min(row.answered, row.asked),
        median_answer_time=timedelta(seconds=median(delays)) if delays else None,
        broken_promises=row.broken_promises,
    )


def for_stores(store_ids: set[int]) -> dict[int, Reputation]:
    if not store_ids:
        return {}
    rows = db.session.scalars(
        sa.select(StoreReputation).where(StoreReputation.store_id.in_(store_ids))
    ).all()
    found = {row.store_id: of(row) for row in rows}
    return {store_id: found.get(store_id, NONE_YET) for store_id in store_ids}


def _ensure_row(store_id: int) -> None:
    """The store's row, created by whichever transaction comes first."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    db.session.execute(
        dialect.insert(StoreReputation)
        .values(store_id=store_id, recent_answer_seconds=[])
        .on_conflict_do_nothing(index_elements=["store_id"])
    )


def _delivered(request_id: int, store_id: int) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Dispatch.id)).where(
            Dispatch.request_id == request_id,
            Dispatch.store_id == store_id,
            Dispatch.status.in_(DELIVERED),
        )
    )


def reached(request_id: int, store_id: int) -> bool:
    """Whether some channel already delivered the request to the store."""
    return _delivered(request_id, store_id) > 0


def count_asked(store_id: int) -> None:
    _ensure_row(store_id)
    db.session.execute(
        sa.update(StoreReputation)
        .where(StoreReputation.store_id == store_id)
        .values(asked=StoreReputation.asked + 1)
    )


def count_reached(request_id: int, store_id: int) -> None:
    """A dispatch of the request to the store was just recorded as delivered: the store
    was asked once more, unless another channel had already reached it for this request."""
    if _delivered(request_id, store_id) == 1:
        count_asked(store_id)


def count_answer(request_id: int, store_id: int, now: datetime) -> None:
    """The store's first answer to a request it was sent: answered once more, and how long
    it took joins the recent sample. Call after adding the answer, before any dispatch of
    the request is marked answered by it."""
    sent_at, answers = db.session.execute(
        sa.select(
            sa.select(sa.func.min(Dispatch.sent_at))
            .where(
                Dispatch.request_id == request_id,
                Dispatch.store_id == store_id,
                Dispatch.status.in_(DELIVERED),
            )
            .scalar_subquery(),
            sa.select(sa.func.count(Offer.id))
            .where(Offer.request_id == request_id, Offer.store_id == store_id)
            .scalar_subquery(),
        )
    ).one()
    if sent_at is None or answers != 1 or now < sent_at:
        return  # not sent to it (its own product), or not its first answer
    _ensure_row(store_id)
    row = db.session.scalar(
        sa.select(StoreReputation).where(StoreReputation.store_id == store_id).with_for_update()
    )
    assert row is not None
    row.answered += 1
    row.recent_answer_seconds = [int((now - sent_at).total_seconds()), *row.recent_answer_seconds][
        :SAMPLE
    ]


def recount(store_ids: set[int]) -> None:
    """Rebuild the stores' rows from their whole history (for data written around the
    services, as the demo's and the tests' is; the services keep the rows as they go)."""
    if not store_ids:
        return
    first_sent = (
        sa.select(
            Dispatch.request_id,
            Dispatch.store_id,
            sa.func.min(Dispatch.sent_at).label("sent_at"),
        )
        .where(Dispatch.store_id.in_(store_ids), Dispatch.status.in_(DELIVERED))
        .group_by(Dispatch.request_id, Dispatch.store_id)
        .subquery()
    )
    first_answer = (
        sa.select(
            Offer.request_id,
            Offer.store_id,
            sa.func.min(Offer.created_at).label("answered_at"),
        )
        .where(Offer.store_id.in_(store_ids))
        .group_by(Offer.request_id, Offer.store_id)
        .subquery()
    )
    history = db.session.execute(
        sa.select(first_sent.c.store_id, first_sent.c.sent_at, first_answer.c.answered_at)
        .outerjoin(
            first_answer,
            sa.and_(
                first_answer.c.request_id == first_sent.c.request_id,
                first_answer.c.store_id == first_sent.c.store_id,
            ),
        )
        .order_by(first_answer.c.answered_at.desc())
    ).all()
    broken = dict(
        db.session.execute(
            sa.select(HonourReport.store_id, sa.func.count(HonourReport.id))
            .where(
                HonourReport.store_id.in_(store_ids),
                HonourReport.status == HonourStatus.CONFIRMED,
            )
            .group_by(HonourReport.store_id)
        ).all()
    )
    rows = {
        store_id: {"asked": 0, "answered": 0, "recent_answer_seconds": []} for store_id in store_ids
    }
    for store_id, sent_at, answered_at in history:
        row = rows[store_id]
        row["asked"] += 1
        if answered_at is not None and sent_at is not None and answered_at >= sent_at:
            row["answered"] += 1
            if len(row["recent_answer_seconds"]) < SAMPLE:
                row["recent_answer_seconds"].append(int((answered_at - sent_at).total_seconds()))
    for store_id, values in rows.items():
        _ensure_row(store_id)
        db.session.execute(
            sa.update(StoreReputation)
            .where(StoreReputation.store_id == store_id)
            .values(broken_promises=broken.get(store_id, 0), **values)
        )


def count_broken_promise(store_id: int) -> None:
    """An operator confirmed that the store did not honour an accepted offer."""
    _ensure_row(store_id)
    db.session.execute(
        sa.update(StoreReputation)
        .where(StoreReputation.store_id == store_id)
        .values(broken_promises=StoreReputation.broken_promises + 1)
    )
