"""One request cannot stall all delivery: a hostile site's work takes turns.

The review's hostile page: 50 forms posting to a port that never answers and contact pages
that each take most of a fetch's deadline. Several requests to that store each need its
first probe; two worker threads. Before per-site turns both threads probed the hostile site
at once, and a request to an innocent store posted after them waited for the probes to end.
Now the hostile site holds one thread, its other work comes back later, and the innocent
request goes out on the free thread while the probe is still running.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    ContactSource,
    Dispatch,
    DispatchStatus,
    Store,
    StoreContact,
)
from tests.factories import DiscountRequestFactory, StoreFactory, UserFactory
from tests.hostile import hang, page, running
from tests.processes import WorkerProcess
from tests.reliability.harness import enqueue_deliveries, wait_until
from tests.smtp import RecordingHandler

HOSTILE_REQUESTS = 3
PROBE_BUDGET = 6.0
DEADLINE = 2.0


class Concurrency:
    """The most requests the hostile site was serving at one moment."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = self.most = 0

    def counted(self, route: Callable[[BaseHTTPRequestHandler, bytes], None]):  # type: ignore[no-untyped-def]
        def counted_route(handler: BaseHTTPRequestHandler, body: bytes) -> None:
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                route(handler, body)
            finally:
                with self.lock:
                    self.now -= 1

        return counted_route


def slow_page(handler: BaseHTTPRequestHandler, body: bytes) -> None:
    """A contact page that takes most of a fetch's deadline to come (and then comes, so
    the concurrency count sees when our worker is done with it)."""
    time.sleep(DEADLINE * 0.75)
    page(b"<html><p>Write to us</p></html>")(handler, body)


def hostile_home(never_answers: int) -> bytes:
    forms = "".join(
        f'<form method="post" action="http://127.0.0.1:{never_answers}/f{n}">'
        f'<input name="email"><textarea name="message"></textarea><button>Send</button></form>'
        for n in range(50)
    )
    links = "".join(f'<a href="/contact-{n}">Contact us</a>' for n in range(6))
    return f"<html><body><h1>Hostile shop</h1>{links}{forms}</body></html>".encode()


def _store_with_address(**fields: object) -> Store:
    store = StoreFactory(**fields)
    db.session.add(
        StoreContact(
            store=store,
            kind=ContactKind.EMAIL,
            value=f"sales@{store.domain}",
            source=ContactSource.OPERATOR,
        )
    )
    return store


def _email_dispatch(store: Store) -> Dispatch:
    request = DiscountRequestFactory(shopper=UserFactory())
    dispatch = Dispatch(
        request=request, store=store, channel=Channel.EMAIL, next_attempt_at=datetime.now(UTC)
    )
    db.session.add(dispatch)
    return dispatch


def test_a_hostile_site_holds_one_worker_and_an_innocent_request_goes_on_time(
    make_app, smtp: RecordingHandler, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(
        HUEY_IMMEDIATE=False, HUEY_SQLITE_PATH=str(tmp_path / "queue.db"), SMTP_URL=smtp.url
    )
    seen = Concurrency()
    with running({"/": hang}) as black_hole:
        routes = {"/": seen.counted(page(hostile_home(black_hole.port)))}
        routes |= {f"/contact-{n}": seen.counted(slow_page) for n in range(6)}
        with running(routes) as site, app.app_context():
            hostile = _store_with_address(
                domain="hostile.example", homepage=site.url("/"), last_probed_at=None
            )
            innocent = _store_with_address(
                domain="innocent.example", last_probed_at=datetime.now(UTC)
            )
            hostile_ids = [_email_dispatch(hostile) for _ in range(HOSTILE_REQUESTS)]
            innocent_dispatch = _email_dispatch(innocent)
            db.session.commit()
            hostile_ids = [d.id for d in hostile_ids]
            innocent_id = innocent_dispatch.id
            enqueue_deliveries([*hostile_ids, innocent_id])  # the hostile work is first in line

            settings = {
                "OUTREACH_ALLOW_HOSTS": ["127.0.0.1"],
                "OUTREACH_PROBE_BUDGET": PROBE_BUDGET,
                "OUTREACH_DEADLINE": DEADLINE,
                "OUTREACH_READ_TIMEOUT": DEADLINE,
                "SITE_BUSY_RETRY_SECONDS": 1.0,
            }
            started = time.monotonic()
            with WorkerProcess(app, tmp_path / "worker.log", workers=2, **settings):
                wait_until(lambda: _sent(innocent_id) is not None, 30, "the innocent request")
                innocent_waited = time.monotonic() - started
                wait_until(
                    lambda: all(_sent(i) is not None for i in hostile_ids),
                    60,
                    "the hostile store's requests, after its probe",
                )

            probed_at = db.session.get(Store, hostile.id).last_probed_at
            assert probed_at is not None
            # Sent while the hostile probe was still running, not after it.
            assert _sent(innocent_id) < probed_at, (innocent_waited, _sent(innocent_id), probed_at)
            assert seen.most == 1  # never two of our workers on the hostile site at once
    assert len(smtp.messages) == HOSTILE_REQUESTS + 1


def _sent(dispatch_id: int) -> datetime | None:
    db.session.rollback()  # read what the worker committed
    return db.session.scalar(
        sa.select(Dispatch.sent_at).where(
            Dispatch.id == dispatch_id, Dispatch.status == DispatchStatus.SENT
        )
    )
