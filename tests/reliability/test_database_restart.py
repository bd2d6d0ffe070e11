"""Fault 4: PostgreSQL restarted while shoppers are posting requests.

The app serves again without a restart of its own (the pool's pre-ping replaces the dead
connections), answers 503 — not 500 — while the database is away, and no request is
half-written: each has its product and all its dispatches, or does not exist at all.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import ContactKind, DiscountRequest, Dispatch, StoreContact
from discountmarket.services.stores import link_competitors
from tests.conftest import AuthActions, FormPoster, csrf_token_from
from tests.factories import StoreFactory, UserFactory
from tests.reliability.harness import wait_until
from tests.reliability.services import restart_postgresql

pytestmark = pytest.mark.postgres_only
THREADS = 4
REQUEST_PAGE = re.compile(r"^/my/requests/\d+$")
ACCOUNTS_PER_THREAD = 5  # posting is limited to 30 an hour per account


@dataclass
class Posts:
    """What each post got back: note -> (status code, when it was answered), and where each
    redirect pointed."""

    answers: dict[str, tuple[int, float]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, note: str, status: int, location: str | None) -> None:
        with self.lock:
            self.answers[note] = (status, time.monotonic())
            if location:
                self.redirects[note] = location

    def created_after(self, moment: float) -> int:
        with self.lock:
            return sum(1 for code, at in self.answers.values() if code == 302 and at > moment)

    def statuses(self) -> Counter[int]:
        with self.lock:
            return Counter(code for code, _ in self.answers.values())


def shoppers_posting(app: Flask, emails: list[str], posts: Posts, stop: threading.Event) -> None:
    """One browser tab after another, each signed in as one of ``emails``, posting requests
    in turn until told to stop."""
    tabs: list = []
    for email in emails:
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{len(tabs) + 1}"  # shoppers' own addresses
        AuthActions(FormPoster(client)).login(email)
        token = csrf_token_from(client.get("/my/requests/new").get_data(as_text=True))
        tabs.append((email, client, token))
    n = 0
    while not stop.is_set():
        n += 1
        email, client, token = tabs[n % len(tabs)]
        note = f"{email}-{n}"
        response = client.post(
            "/my/requests/new",
            data={
                "csrf_token": token,
                "url": f"https://www.lamps.example/p/{note}",
                "target_price": "90",
                "quantity": "1",
                "valid_days": "7",
                "note": note,
                "ask_competitors": "y",
            },
        )
        posts.record(note, response.status_code, response.headers.get("Location"))


def test_postgresql_restart_under_load(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(
        HUEY_IMMEDIATE=False,  # tasks are queued, not run: the web side is under test
        HUEY_SQLITE_PATH=str(tmp_path / "queue.db"),
    )
    with app.app_context():
        stores = [StoreFactory(domain=d) for d in ("lamps.example", "b.example", "c.example")]
        for store in stores:
            db.session.add(
                StoreContact(store=store, kind=ContactKind.EMAIL, value=f"shop@{store.domain}")
            )
        link_competitors(*stores)
        emails = [
            UserFactory(email=f"shopper{n}@example.com").email
            for n in range(THREADS * ACCOUNTS_PER_THREAD)
        ]
        db.session.commit()

    posts, stop = Posts(), threading.Event()
    threads = [
        threading.Thread(target=shoppers_posting, args=(app, emails[n::THREADS], posts, stop))
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    try:
        wait_until(lambda: posts.created_after(0) >= 20, 60, "requests before the restart")
        downtime = restart_postgresql()
        restarted = time.monotonic()
        wait_until(lambda: posts.created_after(restarted) >= 20, 60, "requests after it")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

    statuses = posts.statuses()
    print(f"\nPostgreSQL down {downtime:.1f} s; answers to posts: {dict(statuses)}")
    assert set(statuses) <= {302, 503}, statuses  # never a 500
    strays = {note: to for note, to in posts.redirects.items() if not REQUEST_PAGE.match(to)}
    assert not strays  # every redirect is to the posted request's page

    with app.app_context():
        per_request = dict(
            db.session.execute(
                sa.select(DiscountRequest.note, sa.func.count(Dispatch.id))
                .outerjoin(Dispatch, Dispatch.request_id == DiscountRequest.id)
                .group_by(DiscountRequest.note)
            ).all()
        )
        created = {note for note, (code, _) in posts.answers.items() if code == 302}
        assert created <= set(per_request)  # every request the shopper was shown exists
        assert set(per_request) <= set(posts.answers)  # and nothing appeared from nowhere
        # All or nothing: every stored request has all its dispatches (the store and two
        # competitors, one channel each: the form first, as none is probed yet), whether or
        # not its shopper saw the answer.
        assert set(per_request.values()) == {3}
        orphans = db.session.scalar(
            sa.select(sa.func.count(DiscountRequest.id)).where(DiscountRequest.product_id.is_(None))
        )
        assert orphans == 0


def test_a_connection_killed_under_a_request_is_dropped(app: Flask) -> None:
    """The database ends a session's connection (a restart, a failover, an operator's
    pg_terminate_backend) while a request holds it: closing the request must not raise, and
    the next request gets a fresh connection."""
    with app.app_context():
        pid = db.session.scalar(sa.text("SELECT pg_backend_pid()"))
        with db.engine.connect() as admin:
            admin.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            wait_until(
                lambda: (
                    not admin.scalar(
                        sa.text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                        {"pid": pid},
                    )
                ),
                10,
                "the backend to exit",
            )
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT pg_backend_pid()")) != pid
