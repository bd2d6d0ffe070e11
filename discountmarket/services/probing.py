"""Probing a store's site: contact pages, addresses, phones and its contact form plan."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app
from sqlalchemy.exc import IntegrityError

from discountmarket import jobs, weburl
from discountmarket.extensions import db
from discountmarket.models import ContactKind, ContactSource, Store, StoreContact, StoreStatus
from discountmarket.outreach import discovery
from discountmarket.outreach.forms import FormPlan
from discountmarket.outreach.http import FetchError, client_from_config
from discountmarket.services import site_turns
from discountmarket.services.site_turns import SiteBusy

MAX_CONTACTS = 5  # per kind: the best few, not every address in a site's footer


def probe_store_by_id(store_id: int) -> discovery.ProbeResult | None:
    store = db.session.get(Store, store_id)
    return probe_store(store) if store is not None else None


def probe_store(store: Store) -> discovery.ProbeResult | None:
    """Probe the store's home page and remember what we found; ``SiteBusy`` while another
    worker has the site's turn."""
    site, homepage = store.domain, store.homepage
    turn = site_turns.take(site, datetime.now(UTC))
    jobs.commit()  # the turn is visible to other workers, and no transaction stays open
    if turn is None:
        raise SiteBusy(site)
    found = read_site(homepage)
    record(store, found)
    site_turns.give_back(site, turn)
    jobs.commit()
    return found if isinstance(found, discovery.ProbeResult) else None


def read_site(homepage: str) -> discovery.ProbeResult | FetchError:
    """Read the store's site: network only, so no database transaction need stay open."""
    config = current_app.config
    try:
        with client_from_config(config) as client:
            return discovery.probe(
                client,
                homepage,
                max_pages=config["OUTREACH_MAX_PAGES"],
                budget=config["OUTREACH_PROBE_BUDGET"],
            )
    except FetchError as error:
        return error


def record(store: Store, found: discovery.ProbeResult | FetchError) -> None:
    """Remember what a probe found, in the caller's unit of work."""
    now = datetime.now(UTC)
    if isinstance(found, FetchError):
        store.probe_error = f"{found.code}: {found.message}"[:200]
        store.last_probed_at = now
        return
    db.session.flush()  # the caller's pending work stays outside the savepoint below
    try:
        with db.session.begin_nested():
            _record(store, found, now)
    except IntegrityError:
        # Another worker probed the same store at the same moment and saved first.
        db.session.refresh(store)


def _record(store: Store, result: discovery.ProbeResult, now: datetime) -> None:
    # Another domain's address is kept only when the site presents it as its contact.
    presented = set(result.presented_emails)
    emails = [a for a in result.emails if weburl.address_on_site(a, store.domain) or a in presented]
    _remember_contacts(store, ContactKind.EMAIL, emails)
    _remember_contacts(store, ContactKind.PHONE, result.phones)
    contact_forms = [plan for plan in result.forms if plan.kind == "contact"]
    best = result.best_contact_form or (contact_forms[0] if contact_forms else None)
    store.form_plan = _usable_plan(store, best) if best else None
    store.captcha_kind = best.captcha if best else None
    if best is not None and store.form_plan and store.form_plan["submittable"]:
        _remember_contacts(store, ContactKind.FORM, [best.action])
    store.contact_page = result.contact_pages[0] if result.contact_pages else store.contact_page
    if store.status == StoreStatus.UNVERIFIED and (emails or result.best_contact_form):
        store.status = StoreStatus.ACTIVE
    store.probe_error = None
    store.last_probed_at = now


def _usable_plan(store: Store, plan: FormPlan) -> dict[str, Any]:
    """The plan as stored; a form that posts to another site (a form service, a rival, a
    trap) is recorded as one we never use: we write to the store, and only to the store."""
    recorded = plan.to_json()
    if not weburl.same_site(plan.action, store.domain):
        recorded.update(submittable=False, blocked_reason="third_party_form")
    return recorded


def _remember_contacts(store: Store, kind: ContactKind, values: list[str]) -> None:
    known = {(c.kind, c.value.lower()) for c in store.contacts}
    for value in values[:MAX_CONTACTS]:
        if (kind, value.lower()) not in known:
            store.contacts.append(
                StoreContact(kind=kind, value=value, source=ContactSource.SCRAPED)
            )
            known.add((kind, value.lower()))
