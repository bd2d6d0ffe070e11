"""How a shopper completes a deal they won: where to buy, on what terms, and how to reach
the winning store (shown on the request page and in the shopper's summary e-mail)."""

from __future__ import annotations

from dataclasses import dataclass

from discountmarket import weburl
from discountmarket.models import ContactKind, ContactSource, Offer
from discountmarket.services.asked_about import asked_about


@dataclass(frozen=True)
class HowToBuy:
    where: str  # the product's page at the winning store, or that store's site
    on_product_page: bool
    email: str | None  # the store's address the shopper may write to
    phone: str | None
    contact_page: str | None


def how_to_buy(offer: Offer) -> HowToBuy:
    """Where the shopper buys: the winner's own product page (the posted one, or the
    competitor's listing we found), else its site."""
    store = offer.store
    page = asked_about(offer.request, store).url
    return HowToBuy(
        where=page or store.homepage,
        on_product_page=page is not None,
        email=_public(offer, ContactKind.EMAIL),
        phone=_public(offer, ContactKind.PHONE),
        contact_page=store.contact_page,
    )


def _public(offer: Offer, kind: ContactKind) -> str | None:
    """A contact the store itself shows or gave us: its own domain's address, one a manager
    or operator recorded, or a phone from its site. Never one that bounced."""
    store = offer.store
    for contact in store.contacts:
        if contact.kind != kind or contact.bounced:
            continue
        given = contact.source in (ContactSource.OPERATOR, ContactSource.MANAGER)
        if (
            kind == ContactKind.PHONE
            or given
            or weburl.address_on_site(contact.value, store.domain)
        ):
            return contact.value
    return None
