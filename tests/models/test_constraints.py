"""Rules the database itself enforces, so no code path can break them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    DiscountRequest,
    Offer,
    OfferKind,
    OfferStatus,
    RequestStatus,
    Role,
    Store,
    StoreContact,
    User,
    store_competitors,
)
from discountmarket.services.stores import link_competitors
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    ProductFactory,
    StoreFactory,
    UserFactory,
)

pytestmark = pytest.mark.usefixtures("app")


def refused(*objects: object) -> None:
    """Adding these objects must fail at the database; the session is rolled back."""
    with pytest.raises((IntegrityError, StatementError)):
        db.session.add_all(objects)
        db.session.flush()
    db.session.rollback()


def test_email_is_unique() -> None:
    UserFactory(email="same@example.com")
    db.session.commit()
    refused(User(email="same@example.com", password_hash="x", role=Role.SHOPPER))


def test_role_must_be_known() -> None:
    db.session.execute(
        sa.insert(User).values(
            email="a@example.com",
            email_key="a@example.com",
            password_hash="x",
            role="shopper",
            session_version=1,
            active=True,
            created_at=datetime.now(UTC),
            updated_at=datetime.now(UTC),
        )
    )
    with pytest.raises((IntegrityError, StatementError)):
        db.session.execute(
            sa.text(
                "INSERT INTO users (email, email_key, password_hash, role, session_version, "
                "active, created_at, updated_at) VALUES ('b@example.com', 'b@example.com', 'x', "
                "'admin', 1, true, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
    db.session.rollback()


def test_store_domain_is_unique() -> None:
    StoreFactory(domain="shop.example")
    db.session.commit()
    refused(Store(name="Copy", domain="shop.example", homepage="https://shop.example/"))


def test_contact_is_stored_once_per_store() -> None:
    store = StoreFactory()
    store.contacts.append(StoreContact(kind="email", value="info@shop.example"))
    db.session.commit()
    refused(StoreContact(store=store, kind="email", value="info@shop.example"))


def test_contact_level_is_front_line_or_senior() -> None:
    store = StoreFactory()
    refused(StoreContact(store=store, kind="phone", value="+420 123", level=2))


def test_store_cannot_compete_with_itself() -> None:
    store = StoreFactory()
    db.session.commit()
    with pytest.raises(IntegrityError):
        db.session.execute(
            sa.insert(store_competitors).values(store_id=store.id, competitor_id=store.id)
        )
    db.session.rollback()


def test_competitor_links_go_both_ways() -> None:
    a, b, c = StoreFactory(), StoreFactory(), StoreFactory()
    link_competitors(a, b, c, a)
    db.session.commit()
    assert set(a.competitors) == {b, c}
    assert b.competitors == [a] and c.competitors == [a]


def test_one_open_request_per_shopper_and_product() -> None:
    first = DiscountRequestFactory()
    db.session.commit()
    duplicate = DiscountRequest(
        shopper=first.shopper,
        product=first.product,
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )
    refused(duplicate)
    # Once the first is closed, asking again is fine.
    first.status = RequestStatus.CANCELLED
    db.session.commit()
    DiscountRequestFactory(shopper=first.shopper, product=first.product)
    db.session.commit()


@pytest.mark.parametrize(
    "values",
    [
        {"quantity": 0},
        {"quantity": 100},
        {"target_price": Decimal("10"), "target_percent": Decimal("5")},
        {"target_price": Decimal("-1")},
        {"target_percent": Decimal("100")},
    ],
)
def test_request_checks(values: dict) -> None:
    product = ProductFactory()
    shopper = UserFactory()
    refused(
        DiscountRequest(shopper=shopper, product=product, expires_at=datetime.now(UTC), **values)
    )


def test_request_gets_an_unguessable_public_slug() -> None:
    a, b = DiscountRequestFactory(), DiscountRequestFactory()
    db.session.commit()
    assert a.public_slug != b.public_slug and len(a.public_slug) >= 12


@pytest.mark.parametrize(
    "values",
    [
        {"kind": OfferKind.OFFER, "price": None, "percent": None},
        {"kind": OfferKind.OFFER, "price": Decimal("0")},
        {"kind": OfferKind.OFFER, "price": Decimal("5"), "currency": None},
        {"kind": OfferKind.OFFER, "price": None, "percent": Decimal("120")},
    ],
)
def test_offer_checks(values: dict) -> None:
    request = DiscountRequestFactory()
    base = {"request": request, "store": request.product.store, "currency": "EUR"}
    refused(Offer(**{**base, **values}))


def test_a_decline_needs_no_price() -> None:
    request = DiscountRequestFactory()
    OfferFactory(request=request, kind=OfferKind.DECLINE, price=None, currency=None)
    db.session.commit()


def test_only_one_accepted_offer_per_request() -> None:
    request = DiscountRequestFactory()
    OfferFactory(request=request, status=OfferStatus.ACCEPTED)
    db.session.commit()
    refused(
        Offer(
            request=request,
            store=StoreFactory(),
            kind=OfferKind.OFFER,
            price=Decimal("80"),
            currency="EUR",
            status=OfferStatus.ACCEPTED,
        )
    )


def test_one_dispatch_per_request_store_and_channel() -> None:
    dispatch = DispatchFactory()
    db.session.commit()
    refused(type(dispatch)(request=dispatch.request, store=dispatch.store, channel=Channel.EMAIL))
    DispatchFactory(request=dispatch.request, store=dispatch.store, channel=Channel.FORM)
    db.session.commit()


def test_naive_datetimes_are_refused_and_aware_ones_come_back_utc() -> None:
    request = DiscountRequestFactory()
    db.session.commit()
    db.session.expire_all()
    assert request.expires_at.tzinfo is UTC
    request.expires_at = datetime(2030, 1, 1, 12, 0)  # naive
    with pytest.raises(StatementError):
        db.session.flush()
    db.session.rollback()
