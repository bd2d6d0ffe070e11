"""What the fault tests share: many e-mail dispatches, a real worker process, waiting.

The worker is the real thing (`flask worker`, a Huey consumer in another process) so that
it can be killed with SIGKILL; its log goes to a file (a pipe would fill up and stall it).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    Dispatch,
    DispatchAttempt,
    DispatchStatus,
    StoreContact,
)
from tests.factories import DiscountRequestFactory, StoreFactory, UserFactory

FINAL = {DispatchStatus.SENT, DispatchStatus.FAILED, DispatchStatus.SKIPPED}


def seed_email_dispatches(count: int, stores: int = 50) -> list[int]:
    """``count`` pending e-mail dispatches spread over ``stores`` stores (probed already,
    one address each), first attempts due now. Returns their ids."""
    shopper = UserFactory()
    shops = StoreFactory.create_batch(stores, last_probed_at=datetime.now(UTC))
    for shop in shops:
        db.session.add(
            StoreContact(store=shop, kind=ContactKind.EMAIL, value=f"sales@{shop.domain}")
        )
    requests = DiscountRequestFactory.create_batch(-(-count // stores), shopper=shopper)
    db.session.commit()
    now = datetime.now(UTC)
    rows = [
        {
            "request_id": request.id,
            "store_id": shop.id,
            "channel": Channel.EMAIL,
            "status": DispatchStatus.PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "held_for_digest": False,
            "created_at": now,
            "updated_at": now,
        }
        for request in requests
        for shop in shops
    ][:count]
    db.session.execute(sa.insert(Dispatch), rows)
    db.session.commit()
    return list(db.session.scalars(sa.select(Dispatch.id).order_by(Dispatch.id)))


def enqueue_deliveries(dispatch_ids: Iterable[int]) -> None:
    from discountmarket import tasks

    for dispatch_id in dispatch_ids:
        tasks.deliver(dispatch_id)


def status_counts() -> Counter[DispatchStatus]:
    db.session.rollback()  # read what the worker committed
    rows = db.session.execute(
        sa.select(Dispatch.status, sa.func.count()).group_by(Dispatch.status)
    ).all()
    return Counter({status: n for status, n in rows})


def sending_ids() -> set[int]:
    """Dispatches claimed and not finished: in flight (or orphaned by a dead worker)."""
    db.session.rollback()
    return set(
        db.session.scalars(sa.select(Dispatch.id).where(Dispatch.status == DispatchStatus.SENDING))
    )


def attempts_of(dispatch_id: int) -> list[DispatchAttempt]:
    db.session.rollback()
    return list(
        db.session.scalars(
            sa.select(DispatchAttempt)
            .where(DispatchAttempt.dispatch_id == dispatch_id)
            .order_by(DispatchAttempt.started_at)
        )
    )


def wait_until(condition: Callable[[], bool], timeout: float, what: str, step: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(step)


def dispatch_ids_in(messages: Iterable) -> Counter[int]:
    """How many times each dispatch's message arrived (the header names the dispatch)."""
    counts: Counter[int] = Counter()
    for message in messages:
        for part in str(message["X-DiscountMarket-Dispatch"]).split(","):
            counts[int(part)] += 1
    return counts


def soon(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)
