"""What one store is asked about: the product as *that* store sells it.

The shopper's own store is asked about the page the shopper posted. A competitor whose own
listing was found is asked about its page, at its price, in its currency ("you list it at
12 990 ₽; a shopper would buy at 11 500 ₽"). A competitor asked without a listing (the
shopper also wanted stores that may sell an equivalent) is told the product's name and
identifiers and the share off the shopper hopes for: never the rival's page or price.
Messages, the answer page and the offer rules all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Dispatch, Product, Store
from discountmarket.services import stores

__all__ = ["AskedAbout", "asked_about"]

_CENT = Decimal("0.01")


@dataclass(frozen=True)
class AskedAbout:
    title: str | None
    url: str | None  # the store's own page; None when it is asked about an equivalent
    price: Decimal | None  # the store's own listed price
    currency: str | None
    image_url: str | None
    brand: str | None
    gtin: str | None
    mpn: str | None
    ask_price: Decimal | None  # what the shopper would pay, in ``currency``
    ask_percent: Decimal | None  # or the share off the store's price the shopper hopes for
    kind: str  # "own" (the shopper's store), "listing" (its own listing), "equivalent"

    @property
    def equivalent(self) -> bool:
        return self.kind == "equivalent"


def asked_about(request: DiscountRequest, store: Store) -> AskedAbout:
    product = request.product
    if store.id == product.store_id:
        return _as(product, "own", request.target_price, request.target_percent)
    listing = db.session.scalar(
        sa.select(Product)
        .join(Dispatch, Dispatch.listing_id == Product.id)
        .where(Dispatch.request_id == request.id, Dispatch.store_id == store.id)
        .limit(1)
    )
    if listing is not None:
        return _as(listing, "listing", *_ask_on(listing, request))
    return AskedAbout(
        title=product.title,
        url=None,
        price=None,
        # It answers in its own currency: that of its pages we read, else its country's,
        # else the shopper's.
        currency=stores.currency_of(store) or product.currency,
        image_url=None,
        brand=product.brand,
        gtin=product.gtin,
        mpn=product.mpn,
        ask_price=None,
        ask_percent=_share_off(request),
        kind="equivalent",
    )


def _as(
    product: Product, kind: str, ask_price: Decimal | None, ask_percent: Decimal | None
) -> AskedAbout:
    return AskedAbout(
        title=product.title,
        url=product.url,
        price=product.price,
        currency=product.currency,
        image_url=product.image_url,
        brand=product.brand,
        gtin=product.gtin,
        mpn=product.mpn,
        ask_price=ask_price,
        ask_percent=ask_percent,
        kind=kind,
    )


def _ask_on(listing: Product, request: DiscountRequest) -> tuple[Decimal | None, Decimal | None]:
    """The shopper's ask on the competitor's own price: the same amount in the same
    currency; in another currency, the same share off its own price, as an amount."""
    product = request.product
    if request.target_price is not None and listing.currency == product.currency:
        return request.target_price, None
    share = _share_off(request)
    if share is None:
        return None, None
    if listing.price is None:
        return None, share
    amount = (listing.price * (100 - share) / 100).quantize(_CENT, rounding=ROUND_HALF_UP)
    return amount, share


def _share_off(request: DiscountRequest) -> Decimal | None:
    """The discount the shopper hopes for as a share of the listed price (whole percent)."""
    if request.target_percent is not None:
        return request.target_percent
    product = request.product
    if request.target_price is None or not product.price:
        return None
    share = (product.price - request.target_price) * 100 / product.price
    return share.quantize(Decimal("1")) if share > 0 else None
