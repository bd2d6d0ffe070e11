"""Fan-out: the product's store and its competitors, by which channels, within the limit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    Channel,
    ContactKind,
    ContactSource,
    DispatchStatus,
    StoreContact,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.services import fanout
from discountmarket.services.stores import link_competitors
from tests.factories import DiscountRequestFactory, DispatchFactory, OfferFactory, StoreFactory


def probed(store, email: str | None = None, form: bool = False):  # type: ignore[no-untyped-def]
    store.last_probed_at = datetime.now(UTC)
    if email:
        store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=email))
    if form:
        store.form_plan = {
            "page": "https://x/contact",
            "action": "https://x/send",
            "submittable": True,
        }
    return store


def test_own_store_then_explicit_competitors_then_category_by_responsiveness(app: Flask) -> None:
    tech = Category(slug="tech", name="Tech")
    own = StoreFactory(name="Own", categories=[tech])
    linked_b, linked_a = StoreFactory(name="B linked"), StoreFactory(name="A linked")
    quiet = StoreFactory(name="Quiet peer", categories=[tech])
    eager = StoreFactory(name="Eager peer", categories=[tech])
    StoreFactory(name="Opted-out peer", categories=[tech], status=StoreStatus.OPTED_OUT)
    StoreFactory(name="Other category")
    link_competitors(own, linked_b, linked_a)
    # The eager peer answered 3 of 3 past requests, the quiet one 0 of 3.
    for store, answered in ((eager, True), (quiet, False)):
        for _ in range(3):
            past = DispatchFactory(
                store=store, status=DispatchStatus.SENT, sent_at=datetime.now(UTC)
            )
            if answered:
                OfferFactory(request=past.request, store=store)
    request = DiscountRequestFactory(product__store=own)
    db.session.commit()
    names = [store.name for store in fanout.targets(request, limit=10)]
    assert names == ["Own", "A linked", "B linked", "Eager peer", "Quiet peer"]
    assert [s.name for s in fanout.targets(request, limit=3)] == ["Own", "A linked", "B linked"]


def test_no_competitors_when_the_shopper_says_so(app: Flask) -> None:
    own, rival = StoreFactory(), StoreFactory()
    link_competitors(own, rival)
    request = DiscountRequestFactory(product__store=own, ask_competitors=False)
    db.session.commit()
    assert fanout.targets(request) == [own]


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        # One channel first: the form (a store not probed yet may have one), else e-mail.
        ({"probed": False}, {Channel.FORM: None}),
        ({"email": "a@x.example"}, {Channel.EMAIL: None}),
        ({"form": True}, {Channel.FORM: None}),
        ({"email": "a@x.example", "form": True}, {Channel.FORM: None}),
        ({"email": "a@x.example", "form": True, "prefers": "email"}, {Channel.EMAIL: None}),
        ({"email": "a@x.example", "form": True, "prefers": "weekly"}, {Channel.FORM: None}),
        ({"email": "a@x.example", "prefers": "form"}, {Channel.EMAIL: "no_contact"}),
        (
            {"email": "a@x.example", "form": True, "prefers": "never"},
            {Channel.EMAIL: "prefers_never"},
        ),
        ({}, {Channel.EMAIL: "no_contact"}),
        ({"email": "gone@x.example", "suppress": True}, {Channel.EMAIL: "no_contact"}),
        (
            {"email": "a@x.example", "status": StoreStatus.DO_NOT_CONTACT},
            {Channel.EMAIL: "do_not_contact"},
        ),
    ],
)
def test_channels_and_skips(app: Flask, setup: dict, expected: dict) -> None:
    store = StoreFactory(
        status=setup.get("status", StoreStatus.ACTIVE), contact_preference=setup.get("prefers")
    )
    if setup.get("probed", True):
        probed(store, setup.get("email"), setup.get("form", False))
    if setup.get("suppress"):
        db.session.add(
            Suppression(kind=SuppressionKind.ADDRESS, value=setup["email"], reason="bounce")
        )
    request = DiscountRequestFactory(product__store=store, ask_competitors=False)
    planned = fanout.plan_dispatches(request)
    db.session.commit()
    got = {d.channel: d.skip_reason for d in planned}
    assert got == expected
    for dispatch in planned:
        expected_status = DispatchStatus.SKIPPED if dispatch.skip_reason else DispatchStatus.PENDING
        assert dispatch.status == expected_status


def contact(store, address: str, source: ContactSource = ContactSource.SCRAPED) -> None:  # type: ignore[no-untyped-def]
    store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=address, source=source))


def test_only_the_store_itself_is_written_to(app: Flask) -> None:
    store = probed(StoreFactory(domain="shop.example"))
    contact(store, "info@shop.example")
    contact(store, "sales@mail.shop.example")  # a subdomain is the store's own
    contact(store, "someone@elsewhere.example")  # found on its site, another domain
    contact(store, "boss@partner.example", ContactSource.OPERATOR)  # an operator vouches
    db.session.commit()
    assert fanout.usable_addresses(store) == [
        "info@shop.example",
        "sales@mail.shop.example",
        "boss@partner.example",
    ]


def test_another_domains_address_only_when_it_is_the_only_one(app: Flask) -> None:
    lone = probed(StoreFactory(domain="tiny-shop.example"))
    contact(lone, "tinyshop@gmail.example")
    several = probed(StoreFactory(domain="two-boxes.example"))
    contact(several, "a@gmail.example")
    contact(several, "b@mail.example")
    db.session.commit()
    assert fanout.usable_addresses(lone) == ["tinyshop@gmail.example"]
    assert fanout.usable_addresses(several) == []  # an operator must say which is the shop's
    assert fanout.channels_for(several) == []
