"""Every busy page runs a fixed, small number of SQL statements, whatever the number of rows
(issue 18): counted on the same pages at two data sizes (``flask seed-bench`` data, ten
times apart), since statement counts are deterministic. Speed is measured in bench/."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    DiscountRequest,
    Role,
    Store,
    StoreContact,
    StoreMembership,
    User,
)
from discountmarket.services import bench_data, requesting
from discountmarket.services.bench_sizes import Sizes
from tests.conftest import AuthActions, FormPoster
from tests.factories import ProductFactory, StoreFactory, UserFactory

PASSWORD = "bench-password"  # services/bench_data.py gives every seeded shopper this one
MAX_STATEMENTS = 6
POSTING_STATEMENTS = 30  # checks, look-ups, the request, its dispatches and its job
SMALL, LARGE = 60, 600  # requests


@dataclass
class World:
    slug: str  # the open request with the most offers
    shopper: str  # the shopper with the most requests
    category: str
    manager: str
    operator: str


def build(requests: int) -> World:
    """Add ``requests`` requests (to what is there) and the accounts that look at them."""
    bench_data.seed(
        Sizes(
            requests=requests, offers_per_request=5, stores=requests // 6, shoppers=requests // 25
        )
    )
    password_hash = db.session.scalar(sa.select(User.password_hash).limit(1))
    manager = User(
        email=f"manager{requests}@bench.example",
        password_hash=password_hash,
        role=Role.STORE_MANAGER,
        email_confirmed_at=datetime.now(UTC),
    )
    operator = User(
        email=f"operator{requests}@bench.example",
        password_hash=password_hash,
        role=Role.OPERATOR,
        email_confirmed_at=datetime.now(UTC),
    )
    db.session.add_all([manager, operator])
    db.session.flush()
    # A manager of the three busiest stores: the portal must not read them one by one.
    busiest = db.session.scalars(
        sa.text("SELECT store_id FROM dispatches GROUP BY store_id ORDER BY COUNT(*) DESC LIMIT 3")
    ).all()
    db.session.add_all(StoreMembership(user_id=manager.id, store_id=s) for s in busiest)
    most_offers = db.session.scalar(
        sa.select(DiscountRequest.public_slug)
        .where(DiscountRequest.status == "open", DiscountRequest.public_at.is_not(None))
        .order_by(DiscountRequest.offer_count.desc())
        .limit(1)
    )
    shopper_id = db.session.scalar(
        sa.select(DiscountRequest.shopper_id)
        .group_by(DiscountRequest.shopper_id)
        .order_by(sa.func.count().desc())
        .limit(1)
    )
    world = World(
        slug=most_offers,
        shopper=db.session.get(User, shopper_id).email,
        category=db.session.scalar(sa.select(Category.slug).order_by(Category.id).limit(1)),
        manager=manager.email,
        operator=operator.email,
    )
    db.session.commit()
    return world


@pytest.fixture
def app(make_app: Any) -> Iterator[Flask]:
    """Pages rendered every time (none kept, public_cache.py): what each render costs."""
    application = make_app(PUBLIC_PAGE_SECONDS=0)
    with application.app_context():
        yield application
        db.session.remove()


class Counter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, _conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        self.statements.append(statement)


def signed_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    assert AuthActions(FormPoster(client)).login(email, PASSWORD).status_code == 302
    return client


def statements(app: Flask, client: FlaskClient, url: str, **headers: str) -> tuple[int, int]:
    """Status and statements of a GET, the page asked once before (caches warm)."""
    client.get(url, headers=headers)
    counter = Counter()
    sa.event.listen(db.engine, "before_cursor_execute", counter)
    try:
        response = client.get(url, headers=headers)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", counter)
    return response.status_code, len(counter.statements)


def next_page(client: FlaskClient, url: str) -> str:
    html = client.get(url).get_data(as_text=True)
    found = re.search(r'href="([^"]*after=[^"]+)"', html)
    assert found, f"{url} has one page only; the data should fill several"
    return found.group(1).replace("&amp;", "&")


def pages(app: Flask, world: World) -> Iterator[tuple[str, FlaskClient, str, dict[str, str]]]:
    visitor = app.test_client()
    yield "home", visitor, "/", {}
    yield "board", visitor, "/board", {}
    yield "board filtered", visitor, f"/board?category={world.category}&sort=saving", {}
    yield "board deep", visitor, next_page(visitor, "/board?sort=offers"), {}
    yield "request", visitor, f"/r/{world.slug}", {}
    yield "request live", visitor, f"/r/{world.slug}/live", {}
    shopper = signed_in(app, world.shopper)
    yield "my requests", shopper, "/my/requests", {}
    yield "my requests deep", shopper, next_page(shopper, "/my/requests"), {}
    yield "store portal", signed_in(app, world.manager), "/store/", {}
    operator = signed_in(app, world.operator)
    yield "operator queue", operator, "/ops/queue", {}
    yield "dashboard", operator, "/ops/", {}


def count_pages(app: Flask, world: World) -> dict[str, int]:
    counts = {}
    for name, client, url, headers in pages(app, world):
        status, count = statements(app, client, url, **headers)
        assert status == 200, (name, url)
        counts[name] = count
    return counts


def test_pages_run_a_few_statements_whatever_the_rows(app: Flask) -> None:
    small = count_pages(app, build(SMALL))
    large = count_pages(app, build(LARGE - SMALL))
    too_many = {name: n for name, n in large.items() if n > MAX_STATEMENTS}
    assert too_many == {}, f"more than {MAX_STATEMENTS} statements: {too_many}"
    assert small == large, "statement counts grow with the data"


def test_an_unchanged_live_poll_costs_one_statement(app: Flask) -> None:
    world = build(SMALL)
    client = app.test_client()
    url = f"/r/{world.slug}/live"
    etag = client.get(url).headers["ETag"]
    status, count = statements(app, client, url, **{"If-None-Match": etag})
    assert (status, count) == (304, 1)


def store_with_competitors(n: int) -> Store:
    """A store in a category with ``n`` competitors, each with two e-mail addresses."""
    own = StoreFactory()
    for _ in range(n):
        rival = StoreFactory(last_probed_at=datetime.now(UTC))
        rival.contacts = [
            StoreContact(kind=ContactKind.EMAIL, value=f"{box}@{rival.domain}", level=level)
            for level, box in enumerate(("sales", "owner"))
        ]
        own.competitors.append(rival)
    ProductFactory(store=own, url=f"https://www.{own.domain}/p/posted")
    db.session.commit()
    return own


def posting_statements(store: Store) -> int:
    shopper = UserFactory()
    db.session.commit()
    counter = Counter()
    sa.event.listen(db.engine, "before_cursor_execute", counter)
    try:
        posted = requesting.post_request(
            shopper, requesting.NewRequest(url=f"https://www.{store.domain}/p/posted")
        )
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", counter)
    assert len(posted.product.store.competitors) > 0
    if os.environ.get("SHOW_STATEMENTS"):
        for statement in counter.statements:
            print(" ".join(statement.split())[:160])
    # SQLite cannot return the ids of a many-row INSERT in order, so SQLAlchemy writes the
    # dispatches one INSERT each there (PostgreSQL: one statement): count a run as one.
    runs = [s for n, s in enumerate(counter.statements) if n == 0 or s != counter.statements[n - 1]]
    return len(runs)


def test_posting_costs_the_same_for_five_or_twenty_competitors(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In the web process (the worker's jobs queued, not run), the fan-out ranks, checks
    and plans every store in a fixed number of statements."""
    app = make_app(
        HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=str(tmp_path / "queue.db"), FANOUT_MAX_STORES=25
    )
    with app.app_context():
        few = posting_statements(store_with_competitors(5))
        many = posting_statements(store_with_competitors(20))
        db.session.remove()
    assert few == many, f"{few} statements for 5 competitors, {many} for 20"
    assert many <= POSTING_STATEMENTS
