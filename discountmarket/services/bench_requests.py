"""The requests of ``flask seed-bench``: a product each, dispatches to its store and some
competitors, answers from those that received it, and the board counters as the services
keep them (services/board_counters.py). Written a chunk at a time, parents first."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    FetchStatus,
    Offer,
    OfferKind,
    OfferStatus,
    Product,
    RequestStatus,
)
from discountmarket.models.requests import NO_SAVING
from discountmarket.services.bench_sizes import (
    BATCH,
    DISPATCH_STATES,
    REQUEST_STATES,
    BenchStore,
    Sizes,
    next_id,
    pick,
)
from discountmarket.services.board_counters import saving_of

_WORDS = (
    "grinder", "kettle", "espresso", "headphones", "speaker", "lens", "tent", "drill",
    "blender", "watch", "jacket", "helmet", "lamp", "chair", "monitor", "keyboard", "router",
    "scale", "bottle", "backpack",
)  # fmt: skip


def _money(value: float) -> Decimal:
    return Decimal(str(round(max(value, 1.0), 2)))


class _Rows:
    """One chunk of requests with everything they own, inserted parents first."""

    def __init__(self) -> None:
        self.products: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.offers: list[dict[str, Any]] = []
        self.dispatches: list[dict[str, Any]] = []

    def write(self) -> None:
        for table, rows in (
            (Product.__table__, self.products),
            (DiscountRequest.__table__, self.requests),
            (Dispatch.__table__, self.dispatches),
            (Offer.__table__, self.offers),
        ):
            if rows:
                db.session.execute(sa.insert(table), rows)


def write(
    rng: random.Random, sizes: Sizes, stores: list[BenchStore], shoppers: list[int], now: datetime
) -> dict[str, int]:
    first_product, first_request = next_id(Product), next_id(DiscountRequest)
    by_id = {store.id: store for store in stores}
    counts = {"requests": 0, "offers": 0, "dispatches": 0}
    rows = _Rows()
    for n in range(sizes.requests):
        store = rng.choice(stores)
        request_id, product_id = first_request + n, first_product + n
        list_price = _money(store.typical * rng.lognormvariate(0, 0.6))
        rows.products.append(
            {
                "id": product_id,
                "url": f"https://bench.example/{store.id}/p/{product_id}",
                "store_id": store.id,
                "title": f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS)} {product_id}",
                "price": list_price,
                "currency": store.currency,
                "fetch_status": FetchStatus.FETCHED,
                "fetched_at": now,
                "created_at": now,
                "updated_at": now,
            }
        )
        status = pick(rng, REQUEST_STATES)
        age = timedelta(days=rng.uniform(0, 6.5 if status == RequestStatus.OPEN else 90))
        created = now - age
        expires = created + timedelta(days=7)
        if status == RequestStatus.EXPIRED:
            expires = min(expires, now - timedelta(minutes=1))
        asked = min(len(store.competitors), rng.randint(2, 9))  # FANOUT_MAX_STORES is 10
        targets = [store.id, *rng.sample(store.competitors, asked)]
        sent_at = created + timedelta(minutes=2)
        states = [pick(rng, DISPATCH_STATES) for _ in targets]
        reached = [t for t, state in zip(targets, states, strict=True) if state in _REACHED]
        for target, state in zip(targets, states, strict=True):
            rows.dispatches.append(
                {
                    "request_id": request_id,
                    "store_id": target,
                    "channel": Channel.EMAIL,
                    "status": state,
                    "attempts": 0 if state == DispatchStatus.PENDING else 1,
                    "next_attempt_at": created,
                    "sent_at": sent_at if state in _REACHED else None,
                    "held_for_digest": False,
                    "created_at": created,
                    "updated_at": sent_at,
                }
            )
        offers = _offers(rng, sizes, request_id, status, list_price, store, reached, by_id)
        rows.offers.extend(offers)
        live = [o for o in offers if o["status"] == OfferStatus.ACTIVE and o["price"] is not None]
        best = min((o["price"] for o in live if o["currency"] == store.currency), default=None)
        rows.requests.append(
            {
                "id": request_id,
                "public_slug": f"bench{request_id:07d}"[:16],
                "shopper_id": rng.choice(shoppers),
                "product_id": product_id,
                "target_price": _money(float(list_price) * 0.9),
                "quantity": 1,
                "ask_competitors": True,
                "ask_equivalents": False,
                "share_contact": False,
                "notify_offers": True,
                "status": status,
                "created_at": created,
                "updated_at": created,
                "expires_at": expires,
                "closed_at": None if status == RequestStatus.OPEN else min(expires, now),
                "offer_count": len(live),
                "best_price": best,
                "saving": saving_of(best, list_price) if best is not None else NO_SAVING,
                "public_at": sent_at if reached else None,
            }
        )
        counts["offers"] += len(offers)
        counts["dispatches"] += len(targets)
        if len(rows.requests) == BATCH:
            rows.write()
            rows = _Rows()
    rows.write()
    counts["requests"] = sizes.requests
    return counts


_REACHED = (DispatchStatus.SENT, DispatchStatus.ANSWERED)


def _offers(
    rng: random.Random,
    sizes: Sizes,
    request_id: int,
    status: RequestStatus,
    list_price: Decimal,
    store: BenchStore,
    reached: list[int],
    by_id: dict[int, BenchStore],
) -> list[dict[str, Any]]:
    """About ``offers_per_request`` answers from the stores that received the request."""
    wanted = min(len(reached), rng.randint(0, 2 * sizes.offers_per_request))
    offers = []
    for position, store_id in enumerate(rng.sample(reached, wanted)):
        answering = by_id[store_id]
        declines = rng.random() < 0.12
        same_currency = answering.currency == store.currency
        price = list_price if same_currency else _money(answering.typical)
        offer_status = {
            RequestStatus.OPEN: OfferStatus.WITHDRAWN if rng.random() < 0.05 else None,
            RequestStatus.EXPIRED: OfferStatus.EXPIRED,
            RequestStatus.CANCELLED: OfferStatus.EXPIRED,
            RequestStatus.FULFILLED: OfferStatus.ACCEPTED if position == 0 else None,
        }[status]
        if offer_status is None:
            offer_status = OfferStatus.DECLINED if declines else OfferStatus.ACTIVE
        if declines and offer_status == OfferStatus.ACCEPTED:
            declines = False
        offers.append(
            {
                "request_id": request_id,
                "store_id": store_id,
                "kind": OfferKind.DECLINE if declines else OfferKind.OFFER,
                "price": None if declines else _money(float(price) * rng.uniform(0.75, 0.98)),
                "currency": answering.currency,
                "terms": "Free delivery.",
                "valid_until": None,
                "status": offer_status,
                "version": 1,
                "created_at": datetime.now(UTC),
                "updated_at": datetime.now(UTC),
            }
        )
    return offers
