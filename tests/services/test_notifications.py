"""The shopper's offer digest (at most hourly, batched, can be turned off) and expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import Flask

from discountmarket import jobs, tasks
from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Offer, OfferStatus, RequestStatus
from discountmarket.services import notifications, requesting
from tests.factories import DiscountRequestFactory, OfferFactory, StoreFactory
from tests.mailbox import messages_to


def test_digest_batches_offers_and_waits_an_hour(app: Flask) -> None:
    request = DiscountRequestFactory(shopper__email="s@example.com")
    OfferFactory(request=request, price=Decimal("95"))
    OfferFactory(request=request, store=StoreFactory(name="Rival"), price=Decimal("93"))
    db.session.commit()
    now = datetime.now(UTC)
    assert notifications.send_offer_digest(request.id, now=now) is True
    (digest,) = messages_to("s@example.com")
    assert "Rival" in digest.text_body and "€93.00" in digest.text_body
    assert f"/my/requests/{request.id}" in digest.text_body

    # Nothing new: nothing sent. Something new within the hour: it waits.
    assert notifications.send_offer_digest(request.id, now=now + timedelta(minutes=5)) is False
    later_offer = OfferFactory(
        request=request, store=StoreFactory(name="Late"), price=Decimal("90")
    )
    db.session.commit()
    assert notifications.send_offer_digest(request.id, now=now + timedelta(minutes=30)) is False
    db.session.refresh(request)
    assert notifications.digest_delay(request, now + timedelta(minutes=30)) >= 29 * 60
    assert notifications.send_offer_digest(request.id, now=now + timedelta(minutes=61)) is True
    second = messages_to("s@example.com")[1]
    assert "Late" in second.text_body and "Rival" not in second.text_body
    assert later_offer.id


def test_digest_can_be_turned_off(app: Flask) -> None:
    request = DiscountRequestFactory(shopper__email="s@example.com", notify_offers=False)
    OfferFactory(request=request)
    db.session.commit()
    assert notifications.send_offer_digest(request.id) is False
    assert messages_to("s@example.com") == []


def test_posting_an_offer_schedules_the_digest(app: Flask) -> None:
    request = DiscountRequestFactory()
    db.session.commit()
    before = tasks.huey.scheduled_count()
    notifications.schedule_offer_digest(request)
    assert tasks.huey.scheduled_count() == before  # nothing before the commit
    jobs.commit()
    assert tasks.huey.scheduled_count() == before + 1


def test_requests_and_offers_expire_on_time(app: Flask) -> None:
    now = datetime.now(UTC)
    overdue = DiscountRequestFactory(expires_at=now - timedelta(seconds=1))
    live = DiscountRequestFactory()
    stale_offer = OfferFactory(request=live, valid_until=now - timedelta(seconds=1))
    fresh_offer = OfferFactory(
        request=live, store=StoreFactory(), valid_until=now + timedelta(days=1), price=Decimal("80")
    )
    db.session.commit()
    assert requesting.expire_overdue(now) == 1
    db.session.expire_all()
    assert db.session.get(DiscountRequest, overdue.id).status == RequestStatus.EXPIRED
    assert db.session.get(DiscountRequest, live.id).status == RequestStatus.OPEN
    assert db.session.get(Offer, stale_offer.id).status == OfferStatus.EXPIRED
    assert db.session.get(Offer, fresh_offer.id).status == OfferStatus.ACTIVE
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 2
