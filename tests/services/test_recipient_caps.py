"""At most N messages a day to any one recipient, across stores, shoppers and kinds — held
even against concurrent senders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    Dispatch,
    DispatchStatus,
    StoreContact,
    User,
)
from discountmarket.services import notifications, recipient_caps, requesting
from tests.concurrency import all_at_once
from tests.factories import DispatchFactory, StoreFactory, UserFactory
from tests.mailbox import messages_to
from tests.sites import StoreSite, product_page, serve
from tests.smtp import RecordingHandler

VICTIM = "inbox@victim.example"
NOON = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def test_a_recipient_gets_its_places_and_no_more(app: Flask) -> None:
    cap = app.config["MESSAGES_PER_RECIPIENT_PER_DAY"]
    taken = [recipient_caps.reserve(VICTIM, NOON) for _ in range(cap + 2)]
    db.session.commit()
    assert taken == [True] * cap + [False, False]
    assert recipient_caps.sent_today(VICTIM, NOON) == cap
    assert recipient_caps.reserve("someone@else.example", NOON)  # each recipient its own
    assert recipient_caps.reserve(VICTIM, NOON + timedelta(days=1))  # a new day
    recipient_caps.release(VICTIM, NOON)  # a message that did not go out after all
    assert recipient_caps.reserve(VICTIM, NOON)
    assert not recipient_caps.reserve(VICTIM, NOON)


def test_concurrent_senders_cannot_pass_the_cap(make_app) -> None:  # type: ignore[no-untyped-def]
    """The review saw 5 mails pass a cap of 3 in 0.6 s; now exactly 3 places exist."""
    app = make_app(MESSAGES_PER_RECIPIENT_PER_DAY=3)
    results = all_at_once(app, 5, lambda: recipient_caps.reserve(VICTIM, NOON))
    assert sorted(results) == [False, False, True, True, True]
    with app.app_context():
        assert recipient_caps.sent_today(VICTIM, NOON) == 3


def test_many_stores_sharing_one_inbox_reach_it_three_times_a_day(
    make_app, smtp: RecordingHandler
) -> None:  # type: ignore[no-untyped-def]
    """A relay through many 'stores' (domains, subdomains, ports) that all name one inbox."""
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url)
    sites = [StoreSite(pages={"/p/1": product_page(f"Lamp {n}", "20.00")}) for n in range(5)]
    with app.app_context(), serve(sites[0]), serve(sites[1]), serve(sites[2]):
        with serve(sites[3]), serve(sites[4]):
            shopper = UserFactory()
            for site in sites:
                store = StoreFactory(
                    domain=f"127.0.0.1:{site.port}",
                    homepage=site.url("/"),
                    last_probed_at=datetime.now(UTC),
                )
                store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=VICTIM))
            db.session.commit()
            for site in sites:
                requesting.post_request(
                    db.session.get(User, shopper.id),
                    requesting.NewRequest(url=site.url("/p/1"), ask_competitors=False),
                )
        db.session.expire_all()
        emails = db.session.scalars(
            sa.select(Dispatch).where(Dispatch.channel == Channel.EMAIL).order_by(Dispatch.id)
        ).all()
        states = [(d.status, d.held_for_digest) for d in emails]
        db.session.remove()
    assert len([m for m in smtp.messages if VICTIM in m["To"]]) == 3
    assert states == [(DispatchStatus.SENT, False)] * 3 + [(DispatchStatus.PENDING, True)] * 2


def test_closing_notices_count_against_the_cap_too(app: Flask) -> None:
    """The review saw 39 "request closed" notices go at once to one store."""
    store = StoreFactory()
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=f"sales@{store.domain}"))
    requests = []
    for _ in range(5):
        dispatch = DispatchFactory(store=store, request__product__store=store)
        dispatch.status = DispatchStatus.SENT
        requests.append(dispatch.request_id)
    db.session.commit()
    sent = [notifications.tell_stores_request_closed(rid, None) for rid in requests]
    cap = app.config["MESSAGES_PER_RECIPIENT_PER_DAY"]
    assert sum(sent) == cap
    assert len(messages_to(f"sales@{store.domain}")) == cap
