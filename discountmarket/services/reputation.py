"""How often and how fast a store answers: shown beside its offers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from statistics import median

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import Dispatch, DispatchStatus, HonourReport, HonourStatus, Offer

SAMPLE = 50  # recent answers per store that the median is taken over


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


def for_stores(store_ids: set[int]) -> dict[int, Reputation]:
    if not store_ids:
        return {}
    delivered = (DispatchStatus.SENT, DispatchStatus.ANSWERED)
    asked = dict(
        db.session.execute(
            sa.select(Dispatch.store_id, sa.func.count(sa.distinct(Dispatch.request_id)))
            .where(Dispatch.store_id.in_(store_ids), Dispatch.status.in_(delivered))
            .group_by(Dispatch.store_id)
        ).all()
    )
    first_sent = (
        sa.select(
            Dispatch.request_id,
            Dispatch.store_id,
            sa.func.min(Dispatch.sent_at).label("sent_at"),
        )
        .where(Dispatch.store_id.in_(store_ids), Dispatch.sent_at.is_not(None))
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
    pairs = db.session.execute(
        sa.select(first_sent.c.store_id, first_sent.c.sent_at, first_answer.c.answered_at)
        .join(
            first_answer,
            sa.and_(
                first_answer.c.request_id == first_sent.c.request_id,
                first_answer.c.store_id == first_sent.c.store_id,
            ),
        )
        .order_by(first_answer.c.answered_at.desc())
    ).all()
    answered: dict[int, int] = {}
    delays: dict[int, list[timedelta]] = {}  # the median looks at recent answers only
    for store_id, sent_at, answered_at in pairs:
        if answered_at < sent_at:
            continue
        answered[store_id] = answered.get(store_id, 0) + 1
        samples = delays.setdefault(store_id, [])
        if len(samples) < SAMPLE:
            samples.append(answered_at - sent_at)
    broken = confirmed_counts(store_ids)
    return {
        store_id: Reputation(
            asked=asked.get(store_id, 0),
            answered=answered.get(store_id, 0),
            median_answer_time=median(delays[store_id]) if delays.get(store_id) else None,
            broken_promises=broken.get(store_id, 0),
        )
        for store_id in store_ids
    }


def confirmed_counts(store_ids: set[int]) -> dict[int, int]:
    """Accepted offers not honoured, as confirmed by an operator, per store."""
    if not store_ids:
        return {}
    rows = db.session.execute(
        sa.select(HonourReport.store_id, sa.func.count(HonourReport.id))
        .where(HonourReport.store_id.in_(store_ids), HonourReport.status == HonourStatus.CONFIRMED)
        .group_by(HonourReport.store_id)
    ).all()
    return dict(rows)
