"""Claiming a store: a link to one of its known mailboxes makes the reader a manager."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import ContactKind, Role, Store, StoreContact, StoreMembership, User
from discountmarket.services import claims, stores
from discountmarket.services.errors import NotAllowed, ServiceError
from tests.factories import StoreFactory, UserFactory
from tests.mailbox import link_in, messages_to
from tests.services.conftest import with_address

CLAIM_PATH = "/store/claim/"


@pytest.fixture
def shop(app: Flask) -> Store:
    store = with_address(StoreFactory(name="Kettle & Co"), "Owner@Kettles.example")
    with_address(store, "old@kettles.example", bounced=True)
    store.contacts.append(StoreContact(kind=ContactKind.PHONE, value="+44 20 7946 0000"))
    db.session.commit()
    return store


@pytest.fixture
def manager(app: Flask) -> User:
    user = UserFactory(email="manager@example.com", role=Role.STORE_MANAGER)
    db.session.commit()
    return user


def memberships() -> list[tuple[int, int]]:
    return list(db.session.execute(sa.select(StoreMembership.user_id, StoreMembership.store_id)))


def claim_token(address: str) -> str:
    return link_in(messages_to(address)[-1], CLAIM_PATH).removeprefix(CLAIM_PATH)


def test_only_working_mailboxes_may_receive_a_claim(shop: Store) -> None:
    assert claims.claim_addresses(shop) == ["owner@kettles.example"]


@pytest.mark.parametrize(
    ("address", "shown"),
    [("owner@kettles.example", "o***@kettles.example"), ("x@a.example", "x***@a.example")],
)
def test_addresses_are_shown_masked(address: str, shown: str) -> None:
    assert claims.masked(address) == shown


def test_a_claim_link_makes_its_reader_a_manager_once(shop: Store, manager: User) -> None:
    claims.start_claim(manager, shop, "OWNER@kettles.example")
    (message,) = messages_to("OWNER@kettles.example")
    assert "Kettle & Co" in message.subject and "manager@example.com" in message.text_body
    assert memberships() == []  # nothing changes before the link is opened

    token = claim_token("OWNER@kettles.example")
    assert claims.confirm_claim(token, manager).id == shop.id
    assert claims.confirm_claim(token, manager).id == shop.id  # opened twice: one membership
    assert memberships() == [(manager.id, shop.id)]
    assert stores.manages(manager.id, shop.id) and claims.managers(shop) == [manager]


@pytest.mark.parametrize(
    "address", ["old@kettles.example", "someone@elsewhere.example", "+44 20 7946 0000"]
)
def test_a_claim_cannot_go_to_an_address_of_our_choosing(
    shop: Store, manager: User, address: str
) -> None:
    with pytest.raises(ServiceError, match="known addresses"):
        claims.start_claim(manager, shop, address)
    assert messages_to(address) == []


def test_a_claim_link_works_only_for_the_account_that_asked(shop: Store, manager: User) -> None:
    claims.start_claim(manager, shop, "owner@kettles.example")
    intruder = UserFactory(role=Role.STORE_MANAGER)
    db.session.commit()
    with pytest.raises(NotAllowed, match="another account"):
        claims.confirm_claim(claim_token("owner@kettles.example"), intruder)
    assert memberships() == []


def test_a_claim_link_dies_with_its_mailbox(shop: Store, manager: User) -> None:
    claims.start_claim(manager, shop, "owner@kettles.example")
    shop.contacts[0].bounced = True
    db.session.commit()
    with pytest.raises(ServiceError, match="no longer valid"):
        claims.confirm_claim(claim_token("owner@kettles.example"), manager)
    assert memberships() == []


def test_broken_and_old_claim_links_are_refused(
    shop: Store, manager: User, issued_ago: Callable[[float], AbstractContextManager[None]]
) -> None:
    with issued_ago(claims.MAX_AGE + 60):
        claims.start_claim(manager, shop, "owner@kettles.example")
    stale = claim_token("owner@kettles.example")
    for token in (stale, stale[:-4] + "AAAA", "not-a-token"):
        with pytest.raises(ServiceError, match="expired or is not valid"):
            claims.confirm_claim(token, manager)
    assert memberships() == []
