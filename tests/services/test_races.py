"""Races on PostgreSQL: threads hammering one request; exactly one winner, consistent state."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import Offer, OfferKind, OfferStatus, RequestStatus, User
from discountmarket.services import offers, requesting
from discountmarket.services.errors import ServiceError
from tests.factories import DiscountRequestFactory, OfferFactory, StoreFactory

pytestmark = pytest.mark.postgres_only
THREADS = 8


def run_at_once(app: Flask, actions: list) -> list:  # type: ignore[type-arg]
    """Start every action at the same moment, each in its own app context and session."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def runner(index: int, action) -> None:  # type: ignore[no-untyped-def]
        with app.app_context():
            barrier.wait()
            try:
                results[index] = action()
            except ServiceError as error:
                results[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=runner, args=(n, a)) for n, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_concurrent_accepts_of_different_offers_have_one_winner(app: Flask) -> None:
    request = DiscountRequestFactory()
    offer_ids = [
        OfferFactory(request=request, store=StoreFactory(), price=Decimal(90 - n)).id
        for n in range(THREADS)
    ]
    shopper_id = request.shopper_id
    db.session.commit()

    def accept(offer_id: int):  # type: ignore[no-untyped-def]
        return lambda: requesting.accept(offer_id, db.session.get(User, shopper_id))

    results = run_at_once(app, [accept(offer_id) for offer_id in offer_ids])
    winners = [r for r in results if isinstance(r, Offer)]
    assert len(winners) == 1, results
    db.session.expire_all()
    statuses = db.session.scalars(
        sa.select(Offer.status).where(Offer.request_id == request.id)
    ).all()
    assert statuses.count(OfferStatus.ACCEPTED) == 1
    db.session.refresh(request)
    assert request.status == RequestStatus.FULFILLED


def test_double_click_accept_is_idempotent(app: Flask) -> None:
    offer = OfferFactory()
    offer_id, shopper_id = offer.id, offer.request.shopper_id
    db.session.commit()
    results = run_at_once(
        app, [lambda: requesting.accept(offer_id, db.session.get(User, shopper_id))] * THREADS
    )
    # Every click either wins or sees the request already closed by its own acceptance.
    assert all(isinstance(r, Offer | ServiceError) for r in results)
    db.session.expire_all()
    assert db.session.get(Offer, offer_id).status == OfferStatus.ACCEPTED


def test_withdraw_racing_accept_leaves_a_consistent_state(app: Flask) -> None:
    for _ in range(5):
        offer = OfferFactory()
        offer_id, shopper_id = offer.id, offer.request.shopper_id
        db.session.commit()

        def withdraw(offer_id: int = offer_id):  # type: ignore[no-untyped-def]
            return offers.withdraw(db.session.get(Offer, offer_id))

        def accept(offer_id: int = offer_id, shopper_id: int = shopper_id):  # type: ignore[no-untyped-def]
            return requesting.accept(offer_id, db.session.get(User, shopper_id))

        results = run_at_once(app, [withdraw, accept, withdraw, accept])
        db.session.expire_all()
        final = db.session.get(Offer, offer_id)
        assert final.status in (OfferStatus.ACCEPTED, OfferStatus.WITHDRAWN), results
        request_status = final.request.status
        if final.status == OfferStatus.ACCEPTED:
            assert request_status == RequestStatus.FULFILLED
        else:
            assert request_status == RequestStatus.OPEN


def test_concurrent_edits_keep_every_version(app: Flask) -> None:
    offer = OfferFactory(valid_until=None)
    offer_id, request_id, store_id = offer.id, offer.request_id, offer.store_id
    db.session.commit()

    def edit(price: int):  # type: ignore[no-untyped-def]
        def action():  # type: ignore[no-untyped-def]
            mine = db.session.get(Offer, offer_id)  # this thread's own session
            return offers.answer(
                mine.request,
                mine.store,
                offers.Answer(
                    kind=OfferKind.OFFER,
                    price=Decimal(price),
                    terms="Call us",
                    valid_until=datetime.now(UTC) + timedelta(days=3),
                ),
            )

        return action

    results = run_at_once(app, [edit(80 + n) for n in range(THREADS)])
    db.session.expire_all()
    final = db.session.get(Offer, offer_id)
    succeeded = [r for r in results if isinstance(r, Offer)]
    assert final.version == 1 + len(succeeded)
    assert len(final.revisions) == len(succeeded)
    assert (request_id, store_id) == (final.request_id, final.store_id)


def test_two_operators_claiming_one_escalation_one_wins(app: Flask) -> None:
    from discountmarket.models import Escalation, Role
    from discountmarket.services import escalation_actions
    from tests.factories import UserFactory

    store = StoreFactory()
    case = Escalation(store=store, reason="no answer")
    db.session.add(case)
    operators = [UserFactory(role=Role.OPERATOR) for _ in range(THREADS)]
    db.session.commit()
    case_id, operator_ids = case.id, [o.id for o in operators]

    def claim(operator_id: int):  # type: ignore[no-untyped-def]
        def action():  # type: ignore[no-untyped-def]
            mine = db.session.get(Escalation, case_id)
            escalation_actions.claim(mine, db.session.get(User, operator_id))
            return operator_id

        return action

    results = run_at_once(app, [claim(operator_id) for operator_id in operator_ids])
    winners = [r for r in results if isinstance(r, int)]
    assert len(winners) == 1, results
    db.session.expire_all()
    assert db.session.get(Escalation, case_id).assignee_id == winners[0]


def test_workers_claiming_one_dispatch_one_wins(app: Flask) -> None:
    """Many workers handed the same dispatch (queue duplicates, a sweep racing the queue):
    the conditional update lets exactly one take it, and the attempt is counted once."""
    from discountmarket.models import Dispatch, DispatchStatus
    from discountmarket.services import delivery
    from tests.factories import DispatchFactory

    dispatch = DispatchFactory()
    db.session.commit()
    dispatch_id, now = dispatch.id, datetime.now(UTC)

    def claim_and_commit():  # type: ignore[no-untyped-def]
        lease = delivery.claim(dispatch_id, now)
        jobs.commit()  # as delivery.deliver does, before any network call
        return lease

    results = run_at_once(app, [claim_and_commit] * THREADS)
    leases = [lease for lease in results if lease is not None]
    assert len(leases) == 1, results
    db.session.expire_all()
    claimed = db.session.get(Dispatch, dispatch_id)
    assert (claimed.status, claimed.attempts) == (DispatchStatus.SENDING, 1)
    assert claimed.lease_expires_at == leases[0]
