"""The market for a request's product as the shopper sees it: what each store lists it at
(the shopper's store, and competitors whose own listing was found), how old each reading
is, the lowest of them, and what each offer saves against that lowest price.

Prices in another currency than the request's are shown but never compared: we hold no
exchange rates, and a saving computed across currencies would be made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Offer, ProductMatch
from discountmarket.models.matches import USABLE

__all__ = ["KnownPrice", "Market", "market_for"]


@dataclass(frozen=True)
class KnownPrice:
    store_id: int
    store_name: str
    url: str
    price: Decimal
    currency: str | None
    read_at: datetime | None
    own: bool  # the shopper's store


@dataclass(frozen=True)
class Market:
    currency: str | None
    prices: list[KnownPrice]  # the shopper's store first, then competitors cheapest first

    @property
    def competitors(self) -> list[KnownPrice]:
        return [known for known in self.prices if not known.own]

    @property
    def lowest(self) -> KnownPrice | None:
        comparable = [known for known in self.prices if known.currency == self.currency]
        return min(comparable, key=lambda known: known.price, default=None)

    def listed_at(self, store_id: int) -> KnownPrice | None:
        return next((known for known in self.prices if known.store_id == store_id), None)

    def effective_price(self, offer: Offer, _list_price: object = None) -> Decimal | None:
        """What the shopper would pay per item under ``offer``, in the request's currency:
        a percent off is taken off the offering store's own listed price."""
        if offer.currency is not None and offer.currency != self.currency:
            return None
        if offer.price is not None:
            return offer.price
        listed = self.listed_at(offer.store_id)
        if offer.percent is None or listed is None or listed.currency != self.currency:
            return None
        return (listed.price * (100 - offer.percent) / 100).quantize(Decimal("0.01"))

    def saving(self, offer: Offer) -> Decimal | None:
        """How much below the lowest known price the offer is (None when it is not)."""
        lowest, price = self.lowest, self.effective_price(offer)
        if lowest is None or price is None or price >= lowest.price:
            return None
        return lowest.price - price


def market_for(request: DiscountRequest) -> Market:
    product = request.product
    prices = []
    if product.price is not None:
        prices.append(
            KnownPrice(
                product.store_id,
                product.store.name,
                product.url,
                product.price,
                product.currency,
                product.fetched_at,
                own=True,
            )
        )
    matches = db.session.scalars(
        sa.select(ProductMatch)
        .where(ProductMatch.product_id == product.id, ProductMatch.status.in_(USABLE))
        .options(joinedload(ProductMatch.listing), joinedload(ProductMatch.store))
    )
    found = [
        KnownPrice(
            match.store_id,
            match.store.name,
            match.listing.url,
            match.listing.price,
            match.listing.currency,
            match.listing.fetched_at,
            own=False,
        )
        for match in matches
        if match.listing is not None and match.listing.price is not None
    ]
    found.sort(key=lambda known: (known.currency != product.currency, known.price))
    return Market(product.currency, prices + found)
