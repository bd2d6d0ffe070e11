"""Benchmark data at a real size (``flask seed-bench``): stores in categories with
competitors, shoppers, products, requests in every state, their offers, dispatches and
escalations, written by bulk inserts in batches, with the board counters computed as the
services keep them. Deterministic for a given seed; never for a production database."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    DiscountRequest,
    Escalation,
    EscalationStatus,
    Product,
    Role,
    Store,
    StoreContact,
    StoreStatus,
    User,
    store_categories,
    store_competitors,
)
from discountmarket.services import bench_requests
from discountmarket.services.bench_sizes import BATCH, BenchStore, Sizes, next_id, pick

CATEGORY_NAMES = (
    "Coffee & Tea", "Kitchen", "Phones", "Laptops", "Audio", "Cameras", "Cycling", "Outdoor",
    "Garden", "Tools", "Toys", "Books", "Beauty", "Fragrance", "Pets", "Baby", "Fitness",
    "Home office", "Lighting", "Music instruments",
)  # fmt: skip
# (currency, share of stores, a typical price)
CURRENCIES = (("EUR", 0.65, 120), ("USD", 0.15, 130), ("GBP", 0.12, 100), ("RUB", 0.08, 9000))


def _insert(table: sa.Table, rows: Iterator[dict[str, Any]]) -> int:
    """Insert rows in batches; returns how many."""
    batch: list[dict[str, Any]] = []
    written = 0
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            db.session.execute(sa.insert(table), batch)
            written, batch = written + len(batch), []
    if batch:
        db.session.execute(sa.insert(table), batch)
        written += len(batch)
    return written


def seed(sizes: Sizes, now: datetime | None = None, say: Callable[[str], None] = print) -> None:
    """Add the data, then commit once (a failure leaves nothing behind)."""
    rng = random.Random(sizes.seed)
    now = now or datetime.now(UTC)
    categories = _categories()
    stores = _stores(rng, sizes, categories, now)
    say(f"{len(stores)} stores in {len(categories)} categories")
    shoppers = _shoppers(sizes, now)
    say(f"{len(shoppers)} shoppers")
    counts = bench_requests.write(rng, sizes, stores, shoppers, now)
    say(
        f"{counts['requests']} requests, {counts['offers']} offers, "
        f"{counts['dispatches']} dispatches"
    )
    escalated = _escalations(rng, sizes, stores, now)
    say(f"{escalated} open escalations")
    _reset_sequences()
    jobs.commit()


def _categories() -> list[int]:
    existing = {c.name: c.id for c in db.session.scalars(sa.select(Category))}
    for name in CATEGORY_NAMES:
        if name not in existing:
            slug = name.lower().replace(" & ", "-").replace(" ", "-")
            category = Category(name=name, slug=slug)
            db.session.add(category)
            db.session.flush()
            existing[name] = category.id
    return [existing[name] for name in CATEGORY_NAMES]


def _stores(
    rng: random.Random, sizes: Sizes, categories: list[int], now: datetime
) -> list[BenchStore]:
    first = next_id(Store)
    stores = []
    for n in range(sizes.stores):
        currency, _, typical = pick(rng, tuple(((c, s, t), s) for c, s, t in CURRENCIES))
        chosen = rng.sample(categories, 1 + (rng.random() < 0.3))
        stores.append(BenchStore(first + n, currency, typical, chosen))
    # Competitors: a handful of stores sharing a category, stored both ways.
    by_category: dict[int, list[BenchStore]] = {}
    for store in stores:
        by_category.setdefault(store.categories[0], []).append(store)
    links: set[tuple[int, int]] = set()
    for members in by_category.values():
        for store in members:
            for rival in rng.sample(members, min(len(members), rng.randint(3, 20))):
                if rival.id != store.id:
                    links.update({(store.id, rival.id), (rival.id, store.id)})
    for store_id, rival_id in links:
        stores[store_id - first].competitors.append(rival_id)
    tag = f"b{first}"
    _insert(
        Store.__table__,
        (
            {
                "id": s.id,
                "name": f"Bench Store {s.id}",
                "domain": f"{tag}-{s.id}.bench.example",
                "homepage": f"https://{tag}-{s.id}.bench.example/",
                "locale": "ru" if s.currency == "RUB" else "en",
                "status": StoreStatus.ACTIVE,
                "created_at": now,
                "updated_at": now,
            }
            for s in stores
        ),
    )
    _insert(
        StoreContact.__table__,
        (
            {
                "store_id": s.id,
                "kind": ContactKind.EMAIL,
                "value": f"sales@{tag}-{s.id}.bench.example",
                "level": 0,
                "created_at": now,
            }
            for s in stores
        ),
    )
    _insert(
        store_categories,
        ({"store_id": s.id, "category_id": c} for s in stores for c in s.categories),
    )
    _insert(store_competitors, ({"store_id": a, "competitor_id": b} for a, b in sorted(links)))
    return stores


def _shoppers(sizes: Sizes, now: datetime) -> list[int]:
    first = next_id(User)
    password = generate_password_hash("bench-password", method="pbkdf2:sha256:1000")
    ids = list(range(first, first + sizes.shoppers))
    _insert(
        User.__table__,
        (
            {
                "id": user_id,
                "email": f"shopper{user_id}@bench.example",
                "email_key": f"shopper{user_id}@bench.example",
                "password_hash": password,
                "role": Role.SHOPPER,
                "active": True,
                "email_confirmed_at": now,
                "session_version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for user_id in ids
        ),
    )
    return ids


def _escalations(rng: random.Random, sizes: Sizes, stores: list[BenchStore], now: datetime) -> int:
    chosen = rng.sample(stores, min(sizes.escalations, len(stores)))
    return _insert(
        Escalation.__table__,
        (
            {
                "store_id": store.id,
                "level": rng.randint(0, 2),
                "status": EscalationStatus.OPEN,
                "reason": "no answer to requests within 48 hours",
                "opened_at": now - timedelta(hours=rng.randint(1, 200)),
            }
            for store in chosen
        ),
    )


def _reset_sequences() -> None:
    """PostgreSQL's id sequences past the ids written here (SQLite needs nothing)."""
    if db.engine.dialect.name != "postgresql":
        return
    for model in (Store, User, Product, DiscountRequest):
        table = model.__tablename__
        db.session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 — our table names
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        )
