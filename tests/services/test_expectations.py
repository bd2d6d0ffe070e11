"""Honest expectations: what usually happens to requests to stores like these."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Category, DispatchStatus, OfferKind, OfferStatus
from discountmarket.services import expectations
from tests.conftest import AuthActions, FormPoster
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    ProductFactory,
    StoreFactory,
    UserFactory,
)

NOW = datetime.now(UTC)


def _received(store, days_ago: int = 1, listed: str = "100.00"):  # type: ignore[no-untyped-def]
    request = DiscountRequestFactory(product=ProductFactory(store=store, price=Decimal(listed)))
    DispatchFactory(
        request=request,
        store=store,
        status=DispatchStatus.SENT,
        sent_at=NOW - timedelta(days=days_ago),
    )
    return request


def test_figures_count_what_stores_in_the_category_received_and_offered(app: Flask) -> None:
    lamps, books = Category(slug="lamps", name="Lamps"), Category(slug="books", name="Books")
    shop, rival = StoreFactory(categories=[lamps]), StoreFactory(categories=[lamps])
    other = StoreFactory(categories=[books])
    received = [_received(shop) for _ in range(4)] + [_received(rival) for _ in range(2)]
    _received(shop, days_ago=120)  # too old
    for _ in range(3):
        OfferFactory(request=_received(other), store=other, price=Decimal("50"))  # elsewhere
    OfferFactory(request=received[0], store=shop, price=Decimal("90.00"))  # 10 %
    OfferFactory(request=received[0], store=shop, price=None, percent=Decimal("20"))
    OfferFactory(request=received[4], store=rival, price=Decimal("70.00"))  # 30 %
    OfferFactory(
        request=received[5],
        store=rival,
        kind=OfferKind.DECLINE,
        price=None,
        status=OfferStatus.DECLINED,
    )  # a decline is no offer
    db.session.commit()

    figures = expectations.for_request(received[1], NOW)
    assert figures == expectations.Expectations(
        requests=6, answered=2, median_discount=Decimal("20")
    )


def test_too_few_requests_say_nothing(app: Flask) -> None:
    shop = StoreFactory()
    requests = [_received(shop) for _ in range(expectations.MIN_REQUESTS - 1)]
    db.session.commit()
    assert expectations.for_request(requests[0], NOW) is None


def test_the_request_page_shows_them_and_never_promises(app: Flask) -> None:
    shopper = UserFactory(email="s@example.com")
    shop = StoreFactory()
    mine = DiscountRequestFactory(shopper=shopper, product=ProductFactory(store=shop))
    for _ in range(5):
        OfferFactory(request=_received(shop, days_ago=0), store=shop, price=Decimal("80.00"))
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login("s@example.com")
    page = forms.client.get(f"/my/requests/{mine.id}").get_data(as_text=True)
    assert "5 got an offer; the median discount offered was 20%" in page
    assert "a discount is never certain" in page
