"""One worker at a time on any one site: turns are exclusive, end, and run out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Channel, Dispatch, DispatchStatus
from discountmarket.services import catalog, delivery, probing, site_turns
from discountmarket.services.site_turns import SiteBusy
from tests.concurrency import all_at_once
from tests.factories import DispatchFactory, ProductFactory, StoreFactory

NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
SITE = "shop.example"


def test_a_turn_is_ours_alone_until_given_back(app: Flask) -> None:
    mine = site_turns.take(SITE, NOON)
    assert mine is not None
    assert site_turns.take(SITE, NOON) is None  # busy
    assert site_turns.take("other.example", NOON) is not None  # each site its own
    site_turns.give_back(SITE, "not-the-holder")  # only the holder ends a turn
    assert site_turns.take(SITE, NOON) is None
    site_turns.give_back(SITE, mine)
    assert site_turns.take(SITE, NOON) is not None


def test_a_dead_workers_turn_runs_out(app: Flask) -> None:
    dead = site_turns.take(SITE, NOON)
    lease = timedelta(seconds=app.config["DELIVERY_LEASE_SECONDS"])
    assert site_turns.take(SITE, NOON + lease - timedelta(seconds=1)) is None
    taken_over = site_turns.take(SITE, NOON + lease + timedelta(seconds=1))
    assert taken_over is not None
    site_turns.give_back(SITE, dead)  # the dead worker's late give-back leaves it alone
    assert site_turns.take(SITE, NOON + lease + timedelta(seconds=2)) is None


def test_concurrent_workers_get_one_turn(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    results = all_at_once(app, 6, lambda: site_turns.take(SITE, NOON))
    assert sum(result is not None for result in results) == 1


def test_work_on_a_busy_site_waits_untouched(app: Flask) -> None:
    """A form post, a first probe and a product read for a site another worker is on do not
    start: nothing is claimed or fetched, and the caller is told to come back."""
    store = StoreFactory(last_probed_at=None)
    form = DispatchFactory(store=store, channel=Channel.FORM)
    product = ProductFactory(store=store)
    db.session.commit()
    holder = site_turns.take(store.domain, datetime.now(UTC))
    db.session.commit()

    for busy_work in (
        lambda: delivery.deliver(form.id),
        lambda: probing.probe_store(store),
        lambda: catalog.refresh_snapshot(product.id),
    ):
        with pytest.raises(SiteBusy) as busy:
            busy_work()
        assert busy.value.site == store.domain and busy.value.retry_after > 0
    attempts = db.session.scalar(sa.select(Dispatch.attempts).where(Dispatch.id == form.id))
    assert (form.status, attempts) == (DispatchStatus.PENDING, 0)
    assert store.last_probed_at is None

    site_turns.give_back(store.domain, holder)
    db.session.commit()
    delivery.deliver(form.id)  # our turn now: it is claimed and tried
    assert db.session.scalar(sa.select(Dispatch.attempts).where(Dispatch.id == form.id)) == 1
    assert site_turns.take(store.domain, datetime.now(UTC)) is not None  # and the turn ended


def test_email_to_a_probed_store_needs_no_turn(app: Flask) -> None:
    """Mail goes through our relay, not the store's site: a busy site does not delay it."""
    store = StoreFactory(last_probed_at=datetime.now(UTC))
    email = DispatchFactory(store=store, channel=Channel.EMAIL)
    db.session.commit()
    site_turns.take(store.domain, datetime.now(UTC))
    db.session.commit()
    assert delivery.deliver(email.id) is not None  # taken and tried, not SiteBusy
