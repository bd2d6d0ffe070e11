"""Shared setup for the service tests: a kettle shop on 127.0.0.1, stores with an address,
a request that two stores answered, and tokens issued in the past."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from itsdangerous.timed import TimestampSigner

from discountmarket.extensions import db
from discountmarket.models import (
    ContactKind,
    DiscountRequest,
    DispatchStatus,
    Offer,
    Store,
    StoreContact,
    User,
)
from discountmarket.services.errors import NotAllowed
from tests.factories import DiscountRequestFactory, DispatchFactory, OfferFactory, StoreFactory
from tests.sites import Page, StoreSite, product_page, search_page, serve

SHOP_ADDRESS = "orders@kettles.example"
SHOPPER_ADDRESS = "shopper@example.com"

KETTLE_CONTACT = f"""<!doctype html><html lang="en"><body>
<nav><a href="/">Shop</a> <a href="/contact-us">Contact</a></nav>
<p>Questions? <a href="mailto:{SHOP_ADDRESS}">{SHOP_ADDRESS}</a>, phone +44 20 7946 0000</p>
<form action="/contact-us/send" method="post">
  <label for="f-name">Name</label><input id="f-name" name="name" required>
  <label for="f-mail">E-mail</label><input id="f-mail" type="email" name="email" required>
  <label for="f-text">Your message</label><textarea id="f-text" name="message" required></textarea>
  <button type="submit">Send</button>
</form></body></html>"""


TEAPOT_EAN = "4006381333931"


def kettle_shop() -> StoreSite:
    """A small shop: two product pages, a contact page with an address, a phone and a form."""
    return StoreSite(
        pages={
            "/": Page(
                '<html><body><h1>Kettles</h1><a href="/contact-us">Contact</a></body></html>'
            ),
            "/contact-us": Page(KETTLE_CONTACT),
            "/contact-us/send": Page("<html><body><p>Thanks, we got your message.</p></body>"),
            "/p/kettle": product_page("Copper kettle", "80.00", image="/img/kettle.jpg"),
            "/p/teapot": product_page("Cast-iron teapot", "45.50", brand="Tetsu", gtin=TEAPOT_EAN),
            "/about": Page("<html><body><p>No product here.</p></body></html>"),
            "/nothing-here": Page("<html><body><p>No product here.</p></body></html>"),
        }
    )


@pytest.fixture
def shop_site() -> Iterator[StoreSite]:
    with serve(kettle_shop()) as site:
        yield site


def teapot_rival() -> StoreSite:
    """A competitor selling the kettle shop's teapot under its own title, URL and price,
    found through its search."""
    return StoreSite(
        pages={
            "/": Page("<html><body><h1>Tea things</h1></body></html>"),
            "/search": search_page(("/products/tetsu-teapot-0-8l", "Tetsu cast iron teapot")),
            "/products/tetsu-teapot-0-8l": product_page(
                "Tetsu cast iron teapot", "42.00", brand="Tetsu", gtin=TEAPOT_EAN
            ),
        }
    )


@pytest.fixture
def rival_site() -> Iterator[StoreSite]:
    with serve(teapot_rival()) as site:
        yield site


def with_address(store: Store, *addresses: str, bounced: bool = False) -> Store:
    """Give the store known e-mail contacts (as a probe would have found them)."""
    store.last_probed_at = store.last_probed_at or datetime.now(UTC)
    for address in addresses:
        store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=address, bounced=bounced))
    return store


@dataclass
class Bidding:
    """An open request of SHOPPER_ADDRESS that its own store and a rival both answered."""

    request: DiscountRequest
    own_offer: Offer
    rival_offer: Offer

    @property
    def shopper(self) -> User:
        return self.request.shopper


def make_bidding() -> Bidding:
    request = DiscountRequestFactory(shopper__email=SHOPPER_ADDRESS, product__title="Copper kettle")
    own = with_address(request.product.store, "sales@own.example")
    rival = with_address(StoreFactory(name="Rival"), "sales@rival.example")
    offers = []
    for store, price, code in ((own, "90.00", "OWN-1"), (rival, "85.00", "RIVAL-2")):
        DispatchFactory(request=request, store=store, status=DispatchStatus.SENT)
        offers.append(
            OfferFactory(request=request, store=store, price=Decimal(price), coupon_code=code)
        )
    db.session.commit()
    return Bidding(request, *offers)


@pytest.fixture
def bidding(app: Flask) -> Bidding:
    return make_bidding()


@pytest.fixture
def issued_ago(
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[float], AbstractContextManager[None]]:
    """``with issued_ago(seconds): token = ...``: signed tokens made inside carry a timestamp
    that many seconds in the past (as if mailed back then)."""

    @contextmanager
    def issued(seconds: float) -> Iterator[None]:
        with monkeypatch.context() as patch:
            patch.setattr(TimestampSigner, "get_timestamp", lambda _: int(time.time() - seconds))
            yield

    return issued


def assert_only_the_owner_finds(
    find: Callable[[int, Any], object], record: Any, owner: Any, stranger: Any, message: str
) -> None:
    """``find(id, who)`` gives the record to its owner, and refuses a stranger exactly as it
    refuses an id that does not exist (so ids reveal nothing)."""
    assert find(record.id, owner) is record
    for record_id, who in ((record.id, stranger), (record.id + 100, owner)):
        with pytest.raises(NotAllowed, match=message):
            find(record_id, who)
