"""Data a journey starts from, written to the live database through the app's services
(inside ``LiveServer.app_context``). What the services enqueue, the live worker runs."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    DiscountRequest,
    Role,
    Store,
    StoreContact,
    StoreStatus,
    User,
)
from discountmarket.services import accounts, requesting
from tests.e2e.support import PASSWORD
from tests.sites import StoreSite


def user(email: str, role: Role = Role.SHOPPER) -> User:
    return accounts.create_user(email, PASSWORD, role)


def store_at(site: StoreSite, name: str, email: str | None = None) -> Store:
    """A store for a site on 127.0.0.1, already probed: with an e-mail address it is
    reached by e-mail only (no contact form)."""
    store = Store(
        name=name,
        domain=f"127.0.0.1:{site.port}",
        homepage=site.url("/"),
        status=StoreStatus.ACTIVE,
        last_probed_at=datetime.now(UTC),
    )
    if email:
        store.contacts.append(StoreContact(kind=ContactKind.EMAIL, value=email))
    db.session.add(store)
    db.session.commit()
    return store


def category(slug: str, name: str) -> Category:
    found = Category(slug=slug, name=name)
    db.session.add(found)
    db.session.commit()
    return found


def posted_request(shopper: User, url: str, target_price: str = "90") -> DiscountRequest:
    """A request posted as the shopper's form posts it: the worker fetches the product
    page and e-mails the store."""
    return requesting.post_request(
        shopper,
        requesting.NewRequest(
            url=url,
            target_price=Decimal(target_price),
            ask_competitors=False,
            note="I can pick it up today.",
        ),
    )
