"""The counters kept as things happen (a request's offers, best price and saving on the
board; a store's reputation) always equal what a recount from the history gives: requests
really delivered by e-mail (aiosmtpd), answered, changed, withdrawn, accepted, expired, and
an honour report confirmed, all through the services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, OfferKind, Role, Store, StoreReputation, User
from discountmarket.services import board_counters, honour, offers, reputation, requesting
from tests.factories import UserFactory
from tests.services.test_delivery import mail_shop, outreach_app, post_request  # noqa: F401
from tests.sites import StoreSite


def kept_request(request_id: int) -> tuple:
    db.session.expire_all()
    found = db.session.get(DiscountRequest, request_id)
    return found.offer_count, found.best_price, found.saving, found.public_at is not None


def recounted_request(request_id: int) -> tuple:
    board_counters.refresh([request_id])
    return kept_request(request_id)


def kept_reputation(store_id: int) -> tuple:
    db.session.expire_all()
    row = db.session.get(StoreReputation, store_id)
    return (row.asked, row.answered, row.recent_answer_seconds, row.broken_promises)


def recounted_reputation(store_id: int) -> tuple:
    reputation.recount({store_id})
    return kept_reputation(store_id)


def answer(request_id: int, store: Store, price: str | None) -> None:
    request = db.session.get(DiscountRequest, request_id)
    kind = OfferKind.OFFER if price else OfferKind.DECLINE
    offers.answer(
        request,
        store,
        offers.Answer(
            kind=kind,
            price=Decimal(price) if price else None,
            currency="EUR" if price else None,
            terms="Order online with the code." if price else "Not this month, sorry.",
            valid_until=datetime.now(UTC) + timedelta(days=3) if price else None,
        ),
    )


def same_as_recount(request_id: int, store_id: int) -> tuple[tuple, tuple]:
    kept = kept_request(request_id), kept_reputation(store_id)
    db.session.rollback()
    recounted = recounted_request(request_id), recounted_reputation(store_id)
    db.session.rollback()  # leave the kept rows as the services wrote them
    assert kept == recounted
    return kept


def test_counters_follow_every_change_as_a_recount_would(
    outreach_app: Flask,  # noqa: F811
    mail_shop: StoreSite,  # noqa: F811
) -> None:
    first = post_request(mail_shop.url("/p/1"), ask_competitors=False)  # sent by e-mail
    second = post_request(mail_shop.url("/p/2"), ask_competitors=False)
    store = db.session.get(DiscountRequest, first).product.store
    (request_counts, store_counts) = same_as_recount(first, store.id)
    assert request_counts == (0, None, Decimal("-1.00"), True)  # public, no offer yet
    assert store_counts[:2] == (2, 0)

    answer(first, store, "110.00")  # €120 listed
    (request_counts, store_counts) = same_as_recount(first, store.id)
    assert request_counts == (1, Decimal("110.00"), Decimal("8.33"), True)
    assert store_counts[:2] == (2, 1) and len(store_counts[2]) == 1

    answer(first, store, "100.00")  # a better price: the same answer, changed
    (request_counts, store_counts) = same_as_recount(first, store.id)
    assert request_counts[:3] == (1, Decimal("100.00"), Decimal("16.67"))
    assert store_counts[:2] == (2, 1)  # still one answered request

    answer(second, store, None)  # a polite no is an answer, not an offer
    (request_counts, store_counts) = same_as_recount(second, store.id)
    assert request_counts[0] == 0 and store_counts[:2] == (2, 2)

    offer = offers.live_answer(first, store.id)
    offers.withdraw(offer)
    assert same_as_recount(first, store.id)[0][:3] == (0, None, Decimal("-1.00"))

    answer(first, store, "105.00")  # answered again after withdrawing: not a new answer
    assert same_as_recount(first, store.id)[1][:2] == (2, 2)
    shopper = db.session.scalar(sa.select(User).filter_by(email="s@example.com"))
    accepted = requesting.accept(offers.live_answer(first, store.id).id, shopper)
    same_as_recount(first, store.id)

    operator = UserFactory(role=Role.OPERATOR)
    db.session.commit()
    report = honour.report(accepted.id, shopper, "They would not honour the price.")
    honour.decide(report, operator, confirmed=True)
    assert same_as_recount(first, store.id)[1][3] == 1

    requesting.expire_overdue(datetime.now(UTC) + timedelta(days=60))
    same_as_recount(second, store.id)
