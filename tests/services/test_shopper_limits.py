"""What one shopper can make us send in a day: requests, and stores new to us."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, RequestStatus, Store, User
from discountmarket.services import requesting, shopper_limits
from tests.factories import DiscountRequestFactory, StoreFactory, UserFactory


@pytest.fixture
def limited(make_app):  # type: ignore[no-untyped-def]
    app = make_app(
        SHOPPER_REQUESTS_PER_DAY=3, TRUSTED_SHOPPER_REQUESTS_PER_DAY=5, SHOPPER_NEW_STORES_PER_DAY=2
    )
    with app.app_context():
        yield app
        db.session.remove()


def post(shopper: User, url: str) -> DiscountRequest:
    return requesting.post_request(shopper, requesting.NewRequest(url=url, ask_competitors=False))


def known_store() -> Store:
    return StoreFactory(created_at=datetime.now(UTC) - timedelta(days=90))


def test_a_new_account_posts_a_few_requests_a_day(limited: Flask) -> None:
    shopper = UserFactory()
    store = known_store()
    db.session.commit()
    for n in range(3):
        post(shopper, f"https://{store.domain}/p/{n}")
    with pytest.raises(shopper_limits.LimitReached, match="3 requests today"):
        post(shopper, f"https://{store.domain}/p/9")
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 3


def test_a_shopper_who_has_bought_may_post_more(limited: Flask) -> None:
    shopper = UserFactory()
    DiscountRequestFactory(shopper=shopper, status=RequestStatus.FULFILLED)
    store = known_store()
    db.session.commit()
    for n in range(4):  # the fulfilled one counts too: 5 in all
        post(shopper, f"https://{store.domain}/p/{n}")
    with pytest.raises(shopper_limits.LimitReached):
        post(shopper, f"https://{store.domain}/p/9")
    old = UserFactory(created_at=datetime.now(UTC) - timedelta(days=60))
    db.session.commit()
    assert shopper_limits.is_trusted(old, datetime.now(UTC))


def test_few_stores_new_to_us_a_day_and_nothing_left_behind(limited: Flask) -> None:
    shopper = UserFactory()
    db.session.commit()
    post(shopper, "https://first-new.example/p/1")
    post(shopper, "https://second-new.example/p/1")
    with pytest.raises(shopper_limits.LimitReached, match="new to us"):
        post(shopper, "https://third-new.example/p/1")
    domains = set(db.session.scalars(sa.select(Store.domain)))
    assert domains == {"first-new.example", "second-new.example"}  # the third was not kept
    post(shopper, "https://first-new.example/p/2")  # a store already introduced is fine
