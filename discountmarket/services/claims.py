"""Claiming a store: a signed link goes to one of the store's known addresses on its own
domain; whoever can read that mailbox may manage the store. Otherwise an operator verifies
the manager and grants the store directly (audited)."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.models import ContactKind, Role, Store, StoreMembership, User
from discountmarket.outreach.tokens import TokenError, make_token, read_token
from discountmarket.services import accounts, mailing, stores
from discountmarket.services.audit import audit
from discountmarket.services.errors import NotAllowed, ServiceError
from discountmarket.services.persistence import get_or_create
from discountmarket.urls import external_url
from discountmarket.weburl import address_on_site

_PURPOSE = "store-claim"
MAX_AGE = 3 * 24 * 3600


def claim_addresses(store: Store) -> list[str]:
    """The addresses a claim link may go to: the store's known, working e-mail contacts on
    its own domain. Any other manager is verified by an operator (``verify_manager``)."""
    return [
        contact.value.lower()
        for contact in store.contacts
        if contact.kind == ContactKind.EMAIL
        and not contact.bounced
        and address_on_site(contact.value, store.domain)
    ]


def masked(address: str) -> str:
    """``s***@shop.example``: enough to recognise one's own mailbox, not to harvest it."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def start_claim(user: User, store: Store, address: str) -> None:
    if address.lower() not in claim_addresses(store):
        raise ServiceError(_l("Choose one of the store's known addresses."))
    token = make_token(_PURPOSE, {"u": user.id, "s": store.id, "e": address.lower()})
    mailing.queue_template(
        "claim_store",
        address,
        _l("Confirm that you manage %(store)s", store=store.name),
        locale=store.locale,
        store=store,
        claimant=user.email,
        claim_url=external_url("store.confirm_claim", token=token),
        max_age_days=MAX_AGE // 86400,
    )
    jobs.commit()


def confirm_claim(token: str, user: User) -> Store:
    try:
        payload = read_token(_PURPOSE, token, MAX_AGE)
    except TokenError as error:
        raise ServiceError(_l("This claim link has expired or is not valid.")) from error
    if payload.get("u") != user.id:
        raise NotAllowed(_l("This claim link was made for another account."))
    store = db.session.get(Store, payload.get("s"))
    if store is None or payload.get("e") not in claim_addresses(store):
        raise ServiceError(_l("This claim link is no longer valid."))
    get_or_create(StoreMembership, {"user_id": user.id, "store_id": store.id})
    jobs.commit()
    current_app.logger.info("user %s now manages store %s", user.id, store.id)
    return store


def verify_manager(store: Store, email: str, operator: User) -> tuple[User, bool]:
    """An operator's verification: the store manager account with this address manages the
    store from now on (audited). True when it is new, False when it already did."""
    user = accounts.find_user(email)
    if user is None or user.role != Role.STORE_MANAGER:
        raise ServiceError(_l("No store manager account has this address."))
    if stores.manages(user.id, store.id):
        return user, False
    db.session.add(StoreMembership(user_id=user.id, store_id=store.id))
    audit(operator, "verify_manager", store, after={"user_id": user.id, "email": user.email})
    jobs.commit()
    current_app.logger.info(
        "operator %s made user %s a manager of store %s", operator.id, user.id, store.id
    )
    return user, True


def managers(store: Store) -> list[User]:
    return [membership.user for membership in store.memberships]
