"""Posting, cancelling, accepting, re-opening and expiring requests, called directly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import parse_qs

import pytest
import sqlalchemy as sa
from flask import Flask

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
    Store,
)
from discountmarket.services import requesting
from discountmarket.services.errors import NotAllowed, ServiceError
from discountmarket.services.stores import link_competitors
from discountmarket.weburl import registrable_domain
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    StoreFactory,
    UserFactory,
)
from tests.mailbox import messages_to
from tests.services.conftest import (
    SHOP_ADDRESS,
    Bidding,
    assert_only_the_owner_finds,
    with_address,
)
from tests.sites import StoreSite


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def reloaded(request: DiscountRequest) -> DiscountRequest:
    db.session.expire_all()
    found = db.session.get(DiscountRequest, request.id)
    assert found is not None
    return found


# --- posting -------------------------------------------------------------------------------


def test_posting_records_the_request_fetches_the_product_and_reaches_the_store(
    local_app: Flask, shop_site: StoreSite
) -> None:
    shopper = UserFactory()
    db.session.commit()
    before = datetime.now(UTC)
    data = requesting.NewRequest(
        url=shop_site.url("/p/kettle?utm_source=news#reviews"),
        target_price=Decimal("70.00"),
        quantity=2,
        note="  I can collect it myself.  ",
        shopper_location="  Leeds ",
        ask_competitors=False,
        valid_days=5,
    )
    request = requesting.post_request(shopper, data)

    request = reloaded(request)
    assert request.status == RequestStatus.OPEN and request.shopper_id == shopper.id
    assert (request.target_price, request.quantity) == (Decimal("70.00"), 2)
    assert request.note == "I can collect it myself." and request.shopper_location == "Leeds"
    assert before + timedelta(days=5) <= request.expires_at <= datetime.now(UTC) + timedelta(days=5)
    product = request.product
    assert product.url == shop_site.url("/p/kettle")  # tracking and fragment dropped
    assert product.fetch_status == FetchStatus.FETCHED
    assert (product.title, product.price, product.currency) == ("Copper kettle", 80, "EUR")
    assert product.store.domain == f"127.0.0.1:{shop_site.port}"
    # One channel: the shop's contact form; no e-mail besides.
    sent = {d.channel: d.status for d in db.session.scalars(sa.select(Dispatch))}
    assert sent == {Channel.FORM: DispatchStatus.SENT}
    assert messages_to(SHOP_ADDRESS) == []
    (post,) = [r for r in shop_site.requests if (r[0], r[1]) == ("POST", "/contact-us/send")]
    text = parse_qs(post[3].decode())["message"][0]
    assert "Copper kettle" in text and "I can collect it myself." in text


@pytest.mark.parametrize("ask_competitors", [True, False])
def test_competitors_are_asked_only_when_the_shopper_wants(
    local_app: Flask, shop_site: StoreSite, rival_site: StoreSite, ask_competitors: bool
) -> None:
    own = StoreFactory(
        domain=registrable_domain(shop_site.base),
        homepage=shop_site.url("/"),
        last_probed_at=datetime.now(UTC),
    )
    rival = with_address(
        StoreFactory(
            name="Rival", domain=registrable_domain(rival_site.base), homepage=rival_site.url("/")
        ),
        "deals@rival.example",
    )
    link_competitors(own, rival)
    shopper = UserFactory()
    db.session.commit()
    requesting.post_request(
        shopper,
        requesting.NewRequest(url=shop_site.url("/p/teapot"), ask_competitors=ask_competitors),
    )
    asked = set(db.session.scalars(sa.select(Dispatch.store_id)))
    assert asked == ({own.id, rival.id} if ask_competitors else {own.id})
    to_rival = messages_to("deals@rival.example")
    assert len(to_rival) == (1 if ask_competitors else 0)
    if ask_competitors:  # about its own page and price, not the rival's
        text = to_rival[0].text_body
        assert rival_site.url("/products/tetsu-teapot-0-8l") in text and "€42.00" in text
        assert shop_site.url("/p/teapot") not in text and "45.50" not in text


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target_price": Decimal("10"), "target_percent": Decimal("5")}, "not both"),
        ({"valid_days": 0}, "1 to 30 days"),
        ({"valid_days": 31}, "1 to 30 days"),
    ],
)
def test_bad_request_details_are_refused_and_nothing_is_written(
    app: Flask, changes: dict, message: str
) -> None:
    shopper = UserFactory()
    db.session.commit()
    data = requesting.NewRequest(url="https://www.shop.example/p/1", **changes)
    with pytest.raises(ServiceError, match=message):
        requesting.post_request(shopper, data)
    assert (count(DiscountRequest), count(Product), count(Dispatch)) == (0, 0, 0)


@pytest.mark.parametrize(
    "url",
    ["ftp://www.shop.example/p/1", "just some words", "http://10.0.0.7/p/1", "http://127.0.0.1/p"],
)
def test_unusable_product_urls_are_refused(app: Flask, url: str) -> None:
    shopper = UserFactory()
    db.session.commit()
    with pytest.raises(requesting.InvalidProductUrl):
        requesting.post_request(shopper, requesting.NewRequest(url=url))
    assert (count(DiscountRequest), count(Product), count(Store)) == (0, 0, 0)


@pytest.mark.parametrize("days", [requesting.MIN_DAYS, requesting.MAX_DAYS])
def test_validity_limits_are_inclusive(app: Flask, days: int) -> None:
    shopper = UserFactory()
    db.session.commit()
    data = requesting.NewRequest(url="https://www.shop.example/p/1", valid_days=days)
    request = requesting.post_request(shopper, data)
    left = reloaded(request).expires_at - datetime.now(UTC)
    assert timedelta(days=days) - timedelta(minutes=1) < left <= timedelta(days=days)


def test_a_second_open_request_for_the_same_product_is_refused(app: Flask) -> None:
    shopper = UserFactory()
    db.session.commit()
    first = requesting.post_request(
        shopper, requesting.NewRequest(url="https://www.shop.example/p/1")
    )
    variant = requesting.NewRequest(url="HTTPS://WWW.Shop.example:443/p/1?gclid=abc")
    with pytest.raises(requesting.DuplicateRequest) as refused:
        requesting.post_request(shopper, variant)
    assert refused.value.existing.id == first.id
    assert count(DiscountRequest) == 1

    # Another shopper may ask for it; and once the first request is closed, so may its owner.
    assert requesting.post_request(UserFactory(), variant).id != first.id
    requesting.cancel(reloaded(first), shopper)
    again = requesting.post_request(shopper, variant)
    assert again.id != first.id and reloaded(again).product_id == reloaded(first).product_id


# --- reading and cancelling ---------------------------------------------------------------


def test_owned_request_refuses_other_shoppers_like_a_missing_request(app: Flask) -> None:
    request = DiscountRequestFactory()
    stranger = UserFactory()
    db.session.commit()
    assert_only_the_owner_finds(
        requesting.owned_request, request, request.shopper, stranger, "No such request"
    )


def test_cancelling_closes_the_request_once_and_tells_the_stores_that_heard_of_it(
    bidding: Bidding,
) -> None:
    silent = with_address(StoreFactory(name="Never reached"), "info@unreached.example")
    DispatchFactory(request=bidding.request, store=silent, status=DispatchStatus.FAILED)
    db.session.commit()
    requesting.cancel(bidding.request, bidding.shopper)

    request = reloaded(bidding.request)
    assert request.status == RequestStatus.CANCELLED and request.closed_at is not None
    for address in ("sales@own.example", "sales@rival.example"):
        (closed,) = messages_to(address)
        assert "Copper kettle" in closed.text_body and "closed" in closed.text_body
    assert messages_to("info@unreached.example") == []

    with pytest.raises(ServiceError, match="no longer open"):
        requesting.cancel(request, request.shopper)
    assert len(messages_to("sales@own.example")) == 1  # the second try told nobody


def test_another_shopper_cannot_cancel(bidding: Bidding) -> None:
    with pytest.raises(NotAllowed):
        requesting.cancel(bidding.request, UserFactory())
    assert reloaded(bidding.request).status == RequestStatus.OPEN
    assert messages_to("sales@own.example") == []


# --- accepting ---------------------------------------------------------------------------


def test_accepting_fulfils_the_request_and_tells_winner_and_losers(bidding: Bidding) -> None:
    # Accepting with consent to share the e-mail address with the winner.
    offer = requesting.accept(bidding.rival_offer.id, bidding.shopper, share_contact=True)
    assert offer.id == bidding.rival_offer.id and offer.status == OfferStatus.ACCEPTED

    request = reloaded(bidding.request)
    assert request.status == RequestStatus.FULFILLED and request.closed_at is not None
    assert db.session.get(Offer, bidding.own_offer.id).status == OfferStatus.ACTIVE
    (accepted,) = messages_to("sales@rival.example")
    assert "accepted your offer" in accepted.subject
    assert request.shopper.email in accepted.text_body and "RIVAL-2" in accepted.text_body
    (closed,) = messages_to("sales@own.example")
    assert "closed" in closed.text_body and request.shopper.email not in closed.text_body


def test_accepting_twice_changes_nothing_and_sends_nothing_more(bidding: Bidding) -> None:
    first = requesting.accept(bidding.own_offer.id, bidding.shopper)
    again = requesting.accept(bidding.own_offer.id, bidding.shopper)
    assert again.id == first.id and again.status == OfferStatus.ACCEPTED
    assert len(messages_to("sales@own.example")) == 1
    assert len(messages_to("sales@rival.example")) == 1
    # The other offer cannot be accepted as well.
    with pytest.raises(ServiceError, match="no longer open"):
        requesting.accept(bidding.rival_offer.id, bidding.shopper)
    db.session.expire_all()
    assert db.session.get(Offer, bidding.rival_offer.id).status == OfferStatus.ACTIVE


def test_only_the_requests_shopper_may_accept(bidding: Bidding) -> None:
    with pytest.raises(NotAllowed, match="No such offer"):
        requesting.accept(bidding.own_offer.id, UserFactory())
    with pytest.raises(NotAllowed, match="No such offer"):
        requesting.accept(bidding.rival_offer.id + 100, bidding.shopper)
    assert reloaded(bidding.request).status == RequestStatus.OPEN


def spoil(offer: Offer, how: str) -> None:
    if how == "withdrawn":
        offer.status = OfferStatus.WITHDRAWN
    elif how == "expired offer":
        offer.valid_until = datetime.now(UTC) - timedelta(minutes=1)
    elif how == "expired request":
        offer.request.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    elif how == "decline":
        offer.kind, offer.price, offer.currency = OfferKind.DECLINE, None, None
        offer.status = OfferStatus.DECLINED
    db.session.commit()


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("withdrawn", "withdrawn a moment ago"),
        ("expired offer", "expired or was withdrawn"),
        ("expired request", "no longer open"),
        ("decline", "decline cannot be accepted"),
    ],
)
def test_an_offer_that_cannot_be_taken_leaves_the_request_open(
    bidding: Bidding, how: str, message: str
) -> None:
    spoil(bidding.own_offer, how)
    with pytest.raises(ServiceError, match=message):
        requesting.accept(bidding.own_offer.id, bidding.shopper)
    request = reloaded(bidding.request)
    assert request.status == RequestStatus.OPEN and request.closed_at is None
    assert db.session.get(Offer, bidding.own_offer.id).status != OfferStatus.ACCEPTED
    assert messages_to("sales@own.example") == messages_to("sales@rival.example") == []


def test_accepting_a_version_the_store_has_since_changed_is_refused(bidding: Bidding) -> None:
    seen = bidding.own_offer.version
    bidding.own_offer.price, bidding.own_offer.version = Decimal("95.00"), seen + 1
    db.session.commit()
    with pytest.raises(ServiceError, match="Please look again"):
        requesting.accept(bidding.own_offer.id, bidding.shopper, seen_version=seen)
    assert reloaded(bidding.request).status == RequestStatus.OPEN
    accepted = requesting.accept(bidding.own_offer.id, bidding.shopper, seen_version=seen + 1)
    assert accepted.status == OfferStatus.ACCEPTED and accepted.price == Decimal("95.00")


# --- re-opening, notifications, expiry --------------------------------------------------


def expired_request(**fields) -> DiscountRequest:  # type: ignore[no-untyped-def]
    past = datetime.now(UTC) - timedelta(days=1)
    request = DiscountRequestFactory(
        status=RequestStatus.EXPIRED, expires_at=past, closed_at=past, **fields
    )
    db.session.commit()
    return request


def test_an_expired_request_reopens_once(app: Flask) -> None:
    request = expired_request()
    requesting.reopen(request, request.shopper, days=3)
    request = reloaded(request)
    assert request.status == RequestStatus.OPEN and request.closed_at is None
    assert request.reopened_at is not None
    left = request.expires_at - datetime.now(UTC)
    assert timedelta(days=3) - timedelta(minutes=1) < left <= timedelta(days=3)

    assert requesting.expire_overdue(datetime.now(UTC) + timedelta(days=4)) == 1
    with pytest.raises(ServiceError, match="only once"):
        requesting.reopen(reloaded(request), request.shopper)
    assert reloaded(request).status == RequestStatus.EXPIRED


@pytest.mark.parametrize("status", [RequestStatus.OPEN, RequestStatus.CANCELLED])
def test_only_expired_requests_reopen(app: Flask, status: RequestStatus) -> None:
    request = DiscountRequestFactory(status=status)
    db.session.commit()
    with pytest.raises(ServiceError, match="Only an expired request"):
        requesting.reopen(request, request.shopper)
    assert reloaded(request).status == status and request.reopened_at is None


def test_reopening_is_refused_for_strangers_and_next_to_a_newer_open_request(app: Flask) -> None:
    request = expired_request()
    with pytest.raises(NotAllowed):
        requesting.reopen(request, UserFactory())
    DiscountRequestFactory(shopper=request.shopper, product=request.product)
    db.session.commit()
    with pytest.raises(ServiceError, match="already have an open request"):
        requesting.reopen(request, request.shopper)
    assert reloaded(request).status == RequestStatus.EXPIRED


def test_offer_notifications_switch_for_the_owner_only(app: Flask) -> None:
    request = DiscountRequestFactory()
    db.session.commit()
    requesting.set_offer_notifications(request, request.shopper, False)
    assert reloaded(request).notify_offers is False
    with pytest.raises(NotAllowed):
        requesting.set_offer_notifications(request, UserFactory(), True)
    assert reloaded(request).notify_offers is False
    requesting.set_offer_notifications(request, request.shopper, True)
    assert reloaded(request).notify_offers is True


def test_expiry_touches_only_open_requests_and_dated_offers(app: Flask) -> None:
    now = datetime.now(UTC)
    gone = now - timedelta(hours=1)
    cancelled = DiscountRequestFactory(status=RequestStatus.CANCELLED, expires_at=gone)
    overdue = DiscountRequestFactory(expires_at=gone)
    open_ended = OfferFactory(valid_until=None)
    db.session.commit()
    assert requesting.expire_overdue(now) == 1
    assert reloaded(cancelled).status == RequestStatus.CANCELLED
    assert reloaded(overdue).status == RequestStatus.EXPIRED and overdue.closed_at is not None
    assert db.session.get(Offer, open_ended.id).status == OfferStatus.ACTIVE
    assert requesting.expire_overdue(now) == 0  # nothing left to do
