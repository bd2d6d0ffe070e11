"""factory-boy factories for the models; they add to the session and flush, never commit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import factory
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    FetchStatus,
    Offer,
    OfferKind,
    Product,
    Role,
    Store,
    StoreStatus,
    User,
)
from discountmarket.services import answer_links, board_counters

PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


class BaseFactory(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "flush"


class UserFactory(BaseFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password_hash = _PASSWORD_HASH
    role = Role.SHOPPER
    email_confirmed_at = factory.LazyFunction(lambda: datetime.now(UTC))


class StoreFactory(BaseFactory):
    class Meta:
        model = Store

    name = factory.Sequence(lambda n: f"Store {n}")
    domain = factory.Sequence(lambda n: f"store{n}.example")
    homepage = factory.LazyAttribute(lambda store: f"https://www.{store.domain}/")
    status = StoreStatus.ACTIVE


class ProductFactory(BaseFactory):
    class Meta:
        model = Product

    store = factory.SubFactory(StoreFactory)
    url = factory.LazyAttributeSequence(lambda p, n: f"https://www.{p.store.domain}/p/{n}")
    title = factory.Sequence(lambda n: f"Product {n}")
    price = Decimal("100.00")
    currency = "EUR"
    fetch_status = FetchStatus.FETCHED


class DiscountRequestFactory(BaseFactory):
    class Meta:
        model = DiscountRequest

    shopper = factory.SubFactory(UserFactory)
    product = factory.SubFactory(ProductFactory)
    target_price = Decimal("90.00")
    expires_at = factory.LazyFunction(lambda: datetime.now(UTC) + timedelta(days=7))


class OfferFactory(BaseFactory):
    class Meta:
        model = Offer

    request = factory.SubFactory(DiscountRequestFactory)
    store = factory.SelfAttribute("request.product.store")
    kind = OfferKind.OFFER
    price = Decimal("95.00")
    currency = "EUR"

    @classmethod
    def _after_postgeneration(cls, instance: Offer, create: bool, results: object) -> None:
        """Keep the request's board counters as the services do (services/board_counters)."""
        super()._after_postgeneration(instance, create, results)
        if create:
            recount(instance.request)


class DispatchFactory(BaseFactory):
    class Meta:
        model = Dispatch

    request = factory.SubFactory(DiscountRequestFactory)
    store = factory.SelfAttribute("request.product.store")
    channel = Channel.EMAIL

    @classmethod
    def _after_postgeneration(cls, instance: Dispatch, create: bool, results: object) -> None:
        """A dispatch made as received makes its request public, as delivery does."""
        super()._after_postgeneration(instance, create, results)
        if instance.status in (DispatchStatus.SENT, DispatchStatus.ANSWERED):
            request = instance.request
            request.public_at = request.public_at or instance.sent_at or datetime.now(UTC)


def answer_token(request: DiscountRequest, store: Store) -> str:
    """The store's answer link token for the request, committed (``token_for`` leaves the
    commit to its caller's unit of work)."""
    token = answer_links.token_for(request, store)
    db.session.commit()
    return token


def reach_a_store(request: DiscountRequest) -> None:
    """Record that a store received the request (the board lists only such requests)."""
    dispatch = db.session.scalar(sa.select(Dispatch).where(Dispatch.request_id == request.id))
    if dispatch is None:
        dispatch = DispatchFactory(request=request, store=request.product.store)
    dispatch.status, dispatch.sent_at = DispatchStatus.SENT, datetime.now(UTC)
    request.public_at = request.public_at or dispatch.sent_at


def recount(*requests: DiscountRequest) -> None:
    """Recount the requests' offers after a test changed them behind the services' back."""
    db.session.flush()
    board_counters.refresh(request.id for request in requests)
    for request in requests:
        db.session.refresh(request)


def tampered(token: str) -> str:
    """The token with its last character changed (always to a different one)."""
    return token[:-1] + ("a" if token[-1] != "a" else "b")
