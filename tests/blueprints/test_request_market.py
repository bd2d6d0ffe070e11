"""The shopper sees the market: what each competitor lists the product at (found by
matching), what an offer saves against the lowest known price, and where to buy from the
winner: its own product page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import DispatchStatus, MatchStatus, ProductMatch
from tests.blueprints.test_accept import accept, signed_in
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    ProductFactory,
    StoreFactory,
)


def test_known_prices_savings_and_the_winners_own_page(app: Flask) -> None:
    request = DiscountRequestFactory(
        shopper__email="s@example.com",
        product__price=Decimal("189.00"),
        product__currency="EUR",
        target_price=Decimal("160.00"),
    )
    rival = StoreFactory(name="Crema Supply")
    abroad = StoreFactory(name="Зерно и пар")
    now = datetime.now(UTC)
    listings = {
        rival: ProductFactory(store=rival, price=Decimal("179.00"), currency="EUR"),
        abroad: ProductFactory(store=abroad, price=Decimal("17990.00"), currency="RUB"),
    }
    for store, listing in listings.items():
        listing.fetched_at = now - timedelta(hours=2)
        db.session.add(
            ProductMatch(
                product=request.product,
                store=store,
                listing=listing,
                status=MatchStatus.MATCHED,
                by="gtin",
                confidence=Decimal("0.99"),
                decided_at=now,
            )
        )
        DispatchFactory(request=request, store=store, listing=listing, status=DispatchStatus.SENT)
    # 10% off its own 179.00 is 161.10: 17.90 below the lowest known price, which is its own.
    offer = OfferFactory(request=request, store=rival, price=None, percent=Decimal("10"))
    db.session.commit()

    forms = signed_in(app, "s@example.com")
    page = forms.client.get(f"/my/requests/{request.id}").get_data(as_text=True)
    assert "Also at Crema Supply:" in page and "€179.00" in page and "2 hours ago" in page
    assert "Also at Зерно и пар:" in page  # shown in its currency, never compared
    assert "≈ €161.10" in page
    assert "€17.90 below the lowest known price (€179.00 at Crema Supply)" in page

    response = accept(forms, offer)
    assert response.status_code == 302
    shown = forms.client.get(response.location).get_data(as_text=True)
    assert "How to buy from Crema Supply" in shown
    assert f'href="{listings[rival].url}"' in shown and "Open the product in the store" in shown
