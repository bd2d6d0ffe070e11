"""A store's reputation: how many requests reached it, how many it answered, how fast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    DispatchStatus,
    HonourReport,
    HonourStatus,
    OfferKind,
    OfferStatus,
    Store,
)
from discountmarket.services import reputation
from tests.factories import DiscountRequestFactory, DispatchFactory, OfferFactory, StoreFactory

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(app: Flask) -> Store:
    store = StoreFactory()
    db.session.commit()
    return store


def ask(
    store: Store,
    answer_after: timedelta | None = None,
    *,
    sent_at: datetime = START,
    status: DispatchStatus = DispatchStatus.SENT,
    kind: OfferKind = OfferKind.OFFER,
) -> None:
    """One request that reached the store at ``sent_at`` (by e-mail); answered after the delay."""
    request = DiscountRequestFactory(product__store=store)
    delivered = status in (DispatchStatus.SENT, DispatchStatus.ANSWERED)
    DispatchFactory(
        request=request, store=store, status=status, sent_at=sent_at if delivered else None
    )
    if answer_after is not None:
        declined = kind == OfferKind.DECLINE
        OfferFactory(
            request=request,
            store=store,
            kind=kind,
            price=None if declined else request.product.price,
            currency=None if declined else "EUR",
            status=OfferStatus.DECLINED if declined else OfferStatus.ACTIVE,
            created_at=sent_at + answer_after,
        )


def of(store: Store) -> reputation.Reputation:
    """The store's reputation counted from the history the test wrote (around the services,
    which keep it as they go: tests/services/test_reputation_kept.py)."""
    reputation.recount({store.id})
    db.session.commit()
    return reputation.for_stores({store.id})[store.id]


def hours(n: float) -> timedelta:
    return timedelta(hours=n)


def test_rate_and_median_answer_time(store: Store) -> None:
    ask(store, hours(1))
    ask(store, hours(5), kind=OfferKind.DECLINE)  # a polite no is an answer too
    ask(store, hours(2))
    ask(store)  # never answered
    got = of(store)
    assert (got.asked, got.answered, got.answer_rate) == (4, 3, 75)
    assert got.median_answer_time == hours(2)
    assert got.broken_promises == 0


def test_no_rate_until_the_store_was_asked_three_times(store: Store) -> None:
    ask(store, hours(1))
    ask(store, hours(3))
    got = of(store)
    assert (got.asked, got.answered, got.answer_rate) == (2, 2, None)
    assert got.median_answer_time == hours(2)
    ask(store)
    assert of(store).answer_rate == 67


def test_only_requests_that_reached_the_store_count(store: Store) -> None:
    for status in (DispatchStatus.PENDING, DispatchStatus.FAILED, DispatchStatus.SKIPPED):
        ask(store, status=status)
    ask(store, hours(4), status=DispatchStatus.ANSWERED)
    assert (of(store).asked, of(store).answered) == (1, 1)


def test_a_request_counts_once_whatever_the_channels_and_answers(store: Store) -> None:
    request = DiscountRequestFactory(product__store=store)
    for channel, sent in ((Channel.EMAIL, START), (Channel.FORM, START + hours(1))):
        DispatchFactory(
            request=request, store=store, channel=channel, status=DispatchStatus.SENT, sent_at=sent
        )
    OfferFactory(
        request=request, store=store, status=OfferStatus.WITHDRAWN, created_at=START + hours(3)
    )
    OfferFactory(request=request, store=store, created_at=START + hours(6))
    got = of(store)
    assert (got.asked, got.answered) == (1, 1)
    assert got.median_answer_time == hours(3)  # from the first message to the first answer


def test_the_median_is_taken_over_the_latest_answers(store: Store) -> None:
    for n in range(reputation.SAMPLE + 9):
        slow = n < 10  # the ten oldest answers were slow ones
        ask(store, hours(30 if slow else 1), sent_at=START + timedelta(days=n))
    assert of(store).median_answer_time == hours(1)


def test_a_store_that_answered_every_request_has_a_full_rate(store: Store) -> None:
    """60 requests, 60 answers: 100%, although the median looks only at the latest 50."""
    for n in range(60):
        ask(store, hours(2), sent_at=START + timedelta(days=n))
    got = of(store)
    assert got.asked == 60
    assert got.answer_rate == 100


def test_confirmed_broken_promises_are_counted(store: Store) -> None:
    for status in (HonourStatus.CONFIRMED, HonourStatus.CONFIRMED, HonourStatus.DISMISSED):
        offer = OfferFactory(
            request__product__store=store, store=store, status=OfferStatus.ACCEPTED
        )
        db.session.add(
            HonourReport(
                offer=offer,
                store_id=store.id,
                shopper_id=offer.request.shopper_id,
                note="x",
                status=status,
            )
        )
    assert of(store).broken_promises == 2


def test_every_store_asked_about_gets_an_answer(app: Flask) -> None:
    busy, quiet = StoreFactory(), StoreFactory()
    for _ in range(3):
        ask(busy, hours(1))
    reputation.recount({busy.id, quiet.id})
    db.session.commit()
    got = reputation.for_stores({busy.id, quiet.id})
    assert got[busy.id].answer_rate == 100
    assert got[quiet.id] == reputation.Reputation(asked=0, answered=0, median_answer_time=None)
    assert reputation.for_stores(set()) == {}
