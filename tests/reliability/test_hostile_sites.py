# ruff: noqa: RUF001 — Cyrillic and Japanese pages are the point here.
"""Fault 3: store sites that hang, trickle, send 50 MB, redirect forever, answer with
binary or mislabel their encoding. Each fetch ends within its deadline with a clear error
(or, for a mislabelled page, the right text), and the worker carries on with other jobs.
"""

from __future__ import annotations

import random
import re
from contextlib import ExitStack
from decimal import Decimal

import sqlalchemy as sa
from flask import Flask

from discountmarket import tasks
from discountmarket.extensions import db
from discountmarket.models import DispatchStatus, FetchStatus, Product
from tests.factories import ProductFactory, StoreFactory
from tests.hostile import fifty_megabytes, hang, page, redirect, running, trickle
from tests.processes import WorkerProcess
from tests.reliability.harness import (
    enqueue_deliveries,
    seed_email_dispatches,
    status_counts,
    wait_until,
)
from tests.smtp import RecordingHandler

DEADLINE = 3.0
NOISE = bytes(random.Random(7).randbytes(4096))
CP1251 = (
    '<html><head><meta charset="windows-1251"></head><body>'
    "<h1>Настольная лампа</h1><p>2 490 руб.</p></body></html>"
).encode("cp1251")
SHIFT_JIS = (
    '<html><head><meta charset="Shift_JIS"></head><body>'
    "<h1>和風ランプ</h1><p>¥12,800</p></body></html>"
).encode("shift_jis")

# path -> (how the site answers, what the product row must say afterwards)
SITES = {
    "/hang": (hang, "timeout"),
    "/trickle": (trickle, "timeout"),
    "/fifty-megabytes": (fifty_megabytes, "too_large"),
    "/loop": (redirect("/loop"), "too_many_redirects"),
    "/image": (page(NOISE, content_type="image/png"), "not_html"),
    "/binary-called-html": (page(NOISE, content_type="text/html"), "no_product"),
    "/cp1251-called-utf8": (page(CP1251, content_type="text/html; charset=utf-8"), None),
    "/shift-jis-called-latin1": (
        page(SHIFT_JIS, content_type="text/html; charset=iso-8859-1"),
        None,
    ),
}
READ_RIGHT = {
    "/cp1251-called-utf8": ("Настольная лампа", Decimal("2490.00")),
    "/shift-jis-called-latin1": ("和風ランプ", Decimal("12800.00")),
}
EMAILS = 20


def test_hostile_sites_fail_cleanly_while_the_worker_carries_on(
    make_app, smtp: RecordingHandler, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    app: Flask = make_app(
        HUEY_IMMEDIATE=False,
        HUEY_SQLITE_PATH=str(tmp_path / "queue.db"),
        SMTP_URL=smtp.url,
        MESSAGES_PER_STORE_PER_DAY=EMAILS,
        MESSAGES_PER_RECIPIENT_PER_DAY=EMAILS,
    )
    log = tmp_path / "worker.log"
    # One site per misbehaviour: a site's work takes turns (services/site_turns.py), and
    # here each fetch must be seen ending within its own deadline.
    with ExitStack() as sites, app.app_context():
        servers = {
            path: sites.enter_context(running({path: route})) for path, (route, _) in SITES.items()
        }
        products = {
            path: ProductFactory(
                store=StoreFactory(domain=f"127.0.0.1:{server.port}"),
                url=server.url(path),
                fetch_status=FetchStatus.PENDING,
            ).id
            for path, server in servers.items()
        }
        db.session.commit()
        for product_id in products.values():  # the hostile fetches first, then the e-mails
            tasks.fetch_product(product_id)
        enqueue_deliveries(seed_email_dispatches(EMAILS, stores=5))

        settings = {
            "OUTREACH_ALLOW_HOSTS": ["127.0.0.1"],
            "OUTREACH_DEADLINE": DEADLINE,
            "OUTREACH_READ_TIMEOUT": DEADLINE,
            "MESSAGES_PER_STORE_PER_DAY": EMAILS,
            "MESSAGES_PER_RECIPIENT_PER_DAY": EMAILS,
        }
        with WorkerProcess(app, log, workers=3, **settings):
            wait_until(
                lambda: status_counts()[DispatchStatus.SENT] == EMAILS and not _pending(),
                60,
                "the e-mails sent and every fetch finished",
            )

        for path, product_id in products.items():
            product = db.session.get(Product, product_id)
            expected_error = SITES[path][1]
            if expected_error is None:
                assert product.fetch_status == FetchStatus.FETCHED, path
                assert (product.title, product.price) == READ_RIGHT[path]
            else:
                assert (product.fetch_status, product.fetch_error) == (
                    FetchStatus.FAILED,
                    expected_error,
                ), path

    durations = [
        float(s) for s in re.findall(r"fetch_product: .* executed in ([\d.]+)s", log.read_text())
    ]
    assert len(durations) == len(SITES)
    assert max(durations) < DEADLINE + 1.5, durations
    assert len(smtp.messages) == EMAILS


def _pending() -> bool:
    db.session.rollback()
    return bool(
        db.session.scalar(
            sa.select(sa.func.count(Product.id)).where(Product.fetch_status == FetchStatus.PENDING)
        )
    )
