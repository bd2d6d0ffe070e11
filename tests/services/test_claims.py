"""Claiming a store: a link to one of its known mailboxes on its own domain makes the reader
a manager; an operator may also verify a manager directly."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    AuditEntry,
    ContactKind,
    Role,
    Store,
    StoreContact,
    StoreMembership,
    User,
)
from discountmarket.outreach.tokens import make_token
from discountmarket.services import claims, stores
from discountmarket.services.errors import NotAllowed, ServiceError
from tests.factories import StoreFactory, UserFactory
from tests.mailbox import link_in, messages_to
from tests.services.conftest import with_address

CLAIM_PATH = "/store/claim/"


@pytest.fixture
def shop(app: Flask) -> Store:
    store = StoreFactory(name="Kettle & Co", domain="kettles.example")
    with_address(store, "Owner@Kettles.example")
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


def test_only_mailboxes_on_the_stores_own_domain_may_receive_a_claim(
    shop: Store, manager: User
) -> None:
    # Found on the store's pages, but anyone can put an address there: a marketplace's,
    # a look-alike domain's, a free mailbox's. Subdomains of the store's own domain count.
    with_address(
        shop,
        "help@mail.kettles.example",
        "me@attacker.example",
        "kettles@gmail.example",
        "owner@kettles.example.attacker.example",
        "x@[127.0.0.1]",
        "broken@",
    )
    db.session.commit()
    assert claims.claim_addresses(shop) == ["owner@kettles.example", "help@mail.kettles.example"]
    with pytest.raises(ServiceError, match="known addresses"):
        claims.start_claim(manager, shop, "me@attacker.example")
    assert messages_to("me@attacker.example") == []


def test_a_claim_link_sent_to_another_domain_before_the_rule_is_refused(
    shop: Store, manager: User
) -> None:
    with_address(shop, "me@attacker.example")
    db.session.commit()
    token = make_token("store-claim", {"u": manager.id, "s": shop.id, "e": "me@attacker.example"})
    with pytest.raises(ServiceError, match="no longer valid"):
        claims.confirm_claim(token, manager)
    assert memberships() == []


def test_an_operator_verifies_a_manager_directly(shop: Store, manager: User) -> None:
    operator = UserFactory(role=Role.OPERATOR)
    db.session.commit()
    assert claims.verify_manager(shop, " Manager@Example.com ", operator) == (manager, True)
    assert claims.verify_manager(shop, "manager@example.com", operator) == (manager, False)
    assert memberships() == [(manager.id, shop.id)]
    (entry,) = db.session.scalars(sa.select(AuditEntry)).all()
    assert (entry.actor_id, entry.action, entry.target_type, entry.target_id) == (
        operator.id,
        "verify_manager",
        "store",
        shop.id,
    )
    assert entry.after == {"user_id": manager.id, "email": "manager@example.com"}


@pytest.mark.parametrize("email", ["nobody@example.com", "shopper@example.com", ""])
def test_only_a_store_manager_account_can_be_verified(shop: Store, email: str) -> None:
    operator = UserFactory(role=Role.OPERATOR)
    UserFactory(email="shopper@example.com", role=Role.SHOPPER)
    db.session.commit()
    with pytest.raises(ServiceError, match="store manager"):
        claims.verify_manager(shop, email, operator)
    assert memberships() == []
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0


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
