"""Fan-out: which stores a request goes to, and by which channel first.

The product's own store first, then (when the shopper agreed) its competitors: explicit
competitor links before stores of the same category, each group ranked by how often the
store answers. Opted-out and do-not-contact competitors are left out; the own store is
kept with a skipped dispatch so the shopper sees why it was not asked.

Competitors' dispatches wait (status ``matching``) until the worker has looked for the
product in their shops (``services.competitor_matching``). Each store is first written to
through one channel only (``first_channel``); the other is
used only when that one did not reach it or it stayed silent (``services.fallback``).
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from discountmarket import weburl
from discountmarket.extensions import db
from discountmarket.models import (
    Channel,
    ContactKind,
    ContactSource,
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Store,
    StoreStatus,
    store_categories,
)
from discountmarket.services import reputation, suppression

# What a store may ask of us (stores.contact_preference; None: as we see fit).
ONE_CHANNEL = (Channel.EMAIL.value, Channel.FORM.value)  # only this way
WEEKLY = "weekly"  # at most one message a week, as a digest
NEVER = "never"
STORE_PREFERENCES = (*ONE_CHANNEL, WEEKLY, NEVER)


def targets(request: DiscountRequest, limit: int | None = None) -> list[Store]:
    limit = limit or current_app.config["FANOUT_MAX_STORES"]
    own = request.product.store
    chosen: list[Store] = [own]
    if request.ask_competitors:
        explicit = [store for store in own.competitors if store.contactable]
        chosen += _by_responsiveness(explicit)
        if len(chosen) < limit:
            chosen += _by_responsiveness(_same_category(own, exclude={s.id for s in chosen}))
    return chosen[:limit]


def _same_category(store: Store, exclude: set[int]) -> list[Store]:
    categories = sa.select(store_categories.c.category_id).where(
        store_categories.c.store_id == store.id
    )
    peers = sa.select(store_categories.c.store_id).where(
        store_categories.c.category_id.in_(categories)
    )
    return list(
        db.session.scalars(
            sa.select(Store).where(
                Store.id.in_(peers),
                Store.id.not_in(exclude or {0}),
                Store.status.in_([StoreStatus.ACTIVE, StoreStatus.UNVERIFIED]),
            )
        )
    )


def _by_responsiveness(stores: list[Store]) -> list[Store]:
    scores = reputation.for_stores({store.id for store in stores})

    def rank(store: Store) -> tuple:
        rate = scores[store.id].answer_rate if store.id in scores else None
        return (-(rate if rate is not None else 50), store.name)  # unknown: middle of the field

    return sorted(stores, key=rank)


def channels_for(store: Store, suppressed: set[str] | None = None) -> list[Channel]:
    """Channels worth a dispatch, only the one the store asked for if it did, none if it
    asked never to be written to. A store never probed gets both: the worker probes it
    first. ``suppressed``: the suppressed addresses among the store's, when known."""
    preferred = store.contact_preference
    if preferred == NEVER:
        return []
    if store.last_probed_at is None:
        found = [Channel.EMAIL, Channel.FORM]
    else:
        found = []
        if usable_addresses(store, suppressed):
            found.append(Channel.EMAIL)
        if store.form_plan and store.form_plan.get("submittable"):
            found.append(Channel.FORM)
    return [channel for channel in found if preferred not in ONE_CHANNEL or preferred == channel]


def contact_plan(store: Store, suppressed: set[str] | None = None) -> list[Channel]:
    """The channels in the order a store is written to: its contact form first when it has
    a usable one (or may have: not probed yet), since that reads as a customer's inquiry;
    then e-mail, used only when the form did not reach the store or it stayed silent."""
    return sorted(channels_for(store, suppressed), key=lambda channel: channel != Channel.FORM)


def first_channel(store: Store, suppressed: set[str] | None = None) -> Channel | None:
    """The one channel a store is first written to by."""
    return next(iter(contact_plan(store, suppressed)), None)


def usable_addresses(store: Store, suppressed: set[str] | None = None) -> list[str]:
    """Where we may write to the store: its front-line e-mail addresses first, then senior
    ones; none bounced or suppressed.

    Only the store itself: an address on its own domain, or one an operator or its manager
    gave us. An address found on its site but on another domain (a shop's free-mail box)
    only when the site presents it as its contact (the probe keeps no other kind) and it is
    the only address the site gives — never one a page merely mentions.
    """
    emails = [c for c in store.contacts if c.kind == ContactKind.EMAIL and not c.bounced]
    if suppressed is None:
        suppressed = suppression.suppressed(c.value for c in emails)
    contacts = [c for c in emails if c.value.strip().lower() not in suppressed]
    found = [c for c in contacts if c.source == ContactSource.SCRAPED]
    foreign = [c for c in found if not weburl.address_on_site(c.value, store.domain)]
    usable = [c for c in contacts if c not in foreign]
    if len(foreign) == 1 and len(found) == 1:  # the site's one address, a free-mail box
        usable += foreign
    return [c.value.lower() for c in sorted(usable, key=lambda contact: contact.level)]


def plan_dispatches(request: DiscountRequest, planned: set[int] | None = None) -> list[Dispatch]:
    """Dispatch rows for the request (but the stores in ``planned``), added to the session
    in the caller's transaction."""
    now = datetime.now(UTC)
    dispatches = []
    own = request.product.store
    chosen = _with_contacts(targets(request))
    addresses = (c.value for store in chosen for c in store.contacts if c.kind == ContactKind.EMAIL)
    suppressed = suppression.suppressed(addresses)
    for store in chosen:
        if store.id in (planned or set()):
            continue
        if not store.contactable:
            dispatches.append(_skipped(request, store, Channel.EMAIL, store.status.value, now))
            continue
        channel = first_channel(store, suppressed)
        if channel is None:
            reason = "prefers_never" if store.contact_preference == NEVER else "no_contact"
            dispatches.append(_skipped(request, store, Channel.EMAIL, reason, now))
        else:
            # A competitor waits while the worker looks for its own listing of the product
            # (services/competitor_matching.py): it is asked about that, or not at all.
            status = DispatchStatus.PENDING if store is own else DispatchStatus.MATCHING
            dispatches.append(
                Dispatch(
                    request=request,
                    store=store,
                    channel=channel,
                    status=status,
                    skip_reason=None,  # the same columns as a skipped one: one INSERT for all
                    next_attempt_at=now,
                    updated_at=now,
                )
            )
    db.session.add_all(dispatches)
    return dispatches


def _with_contacts(stores: list[Store]) -> list[Store]:
    """The stores with their contacts loaded in one statement, not one per store."""
    db.session.execute(
        sa.select(Store)
        .where(Store.id.in_([store.id for store in stores]))
        .options(selectinload(Store.contacts))
    ).all()
    return stores


def plan_newly_found(request: DiscountRequest) -> list[Dispatch]:
    """Competitors found once the product page was read (its categories put a new store in
    the directory's trade): planned like the first ones, in the caller's transaction."""
    planned = set(
        db.session.scalars(sa.select(Dispatch.store_id).where(Dispatch.request_id == request.id))
    )
    return plan_dispatches(request, planned) if request.ask_competitors else []


def _skipped(
    request: DiscountRequest, store: Store, channel: Channel, reason: str, now: datetime
) -> Dispatch:
    return Dispatch(
        request=request,
        store=store,
        channel=channel,
        status=DispatchStatus.SKIPPED,
        skip_reason=reason,
        next_attempt_at=None,
        updated_at=now,
    )
