"""The operator's store directory, edited: creating and editing stores (categories,
symmetric competitor links), their contacts, a fresh probe, and the `stores add` command."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from discountmarket import jobs
from discountmarket.config import SUPPORTED_LOCALES
from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    ContactSource,
    Store,
    StoreContact,
    StoreStatus,
)
from discountmarket.services import business_hours
from discountmarket.services.directory_listing import all_categories
from discountmarket.services.errors import ServiceError
from discountmarket.services.persistence import get_or_create
from discountmarket.services.store_input import (
    clean_email,
    clean_homepage,
    clean_phone,
    domain_of,
    slugify,
)
from discountmarket.services.stores import find_by_domain, link_competitors
from discountmarket.weburl import registrable_domain


class DirectoryInvalid(ServiceError):
    """Input breaks a rule; ``errors`` maps form fields to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


class UnknownCompetitors(ServiceError):
    """Competitors must be stores we already know."""

    def __init__(self, domains: list[str]) -> None:
        super().__init__(
            str(_l("Unknown competitor domains: %(domains)s", domains=", ".join(domains)))
        )
        self.domains = domains


@dataclass
class StoreInput:
    name: str
    homepage: str
    locale: str = "en"
    status: StoreStatus = StoreStatus.UNVERIFIED
    category_ids: list[int] = field(default_factory=list)
    new_category: str = ""
    competitors: list[str] = field(default_factory=list)  # domains or URLs
    timezone: str = ""  # IANA zone; empty: the site default
    business_hours: str = ""  # "mon-fri 09-18"; empty: the site default


_NO_CATEGORY_NAME = _l("A category needs a name with letters or digits.")


def category_named(name: str) -> Category:
    """The category with this name (or slug), created on demand. Does not commit."""
    name = " ".join(name.split())[:100]
    slug = slugify(name)
    if not slug:
        raise ValueError(str(_NO_CATEGORY_NAME))
    found = db.session.scalar(
        sa.select(Category).where(
            sa.or_(Category.slug == slug, sa.func.lower(Category.name) == name.lower())
        )
    )
    return found or get_or_create(Category, {"slug": slug}, name=name)


def resolve_competitors(entries: Iterable[str]) -> tuple[list[Store], list[str]]:
    """The known stores named by domains or URLs, and the entries that are none."""
    found: list[Store] = []
    unknown: list[str] = []
    for entry in entries:
        domain = domain_of(entry)
        store = find_by_domain(domain) if domain else None
        if store is None:
            unknown.append(entry)
        elif store not in found:
            found.append(store)
    return found, unknown


def set_competitors(store: Store, wanted: list[Store]) -> None:
    """Make ``wanted`` exactly the store's competitors; links are kept symmetric, so a link
    removed here disappears from the other store too. Does not commit."""
    for other in list(store.competitors):
        if other not in wanted:
            store.competitors.remove(other)
            if store in other.competitors:
                other.competitors.remove(store)
    link_competitors(store, *wanted)


def save_store(data: StoreInput, store: Store | None = None) -> Store:
    """Create a store (``store`` None) or edit one from the operator's form. Commits.
    Raises DirectoryInvalid with errors keyed by form field."""
    errors: dict[str, str] = {}
    domain = ""
    try:
        homepage = clean_homepage(data.homepage)
        domain = registrable_domain(homepage)
    except ValueError as error:
        errors["homepage"] = str(error)
    else:
        other = find_by_domain(domain)
        if other is not None and other is not store:
            errors["homepage"] = _duplicate(domain)
    name = " ".join(data.name.split())
    if not name:
        errors["name"] = str(_l("A name is required."))
    competitors, unknown = resolve_competitors(data.competitors)
    if unknown:
        errors["competitors"] = str(UnknownCompetitors(unknown))
    if data.new_category.strip() and not slugify(data.new_category):
        errors["new_category"] = str(_NO_CATEGORY_NAME)
    if data.timezone or data.business_hours:
        config = current_app.config
        try:
            business_hours.parse(
                data.business_hours or config["BUSINESS_HOURS"],
                data.timezone or config["DEFAULT_TIMEZONE"],
            )
        except ValueError as error:
            errors["timezone" if "zone" in str(error) else "business_hours"] = str(error)
    if errors:
        raise DirectoryInvalid(errors)
    # Created only now, so a refused form leaves no stray category behind.
    categories = [c for c in all_categories() if c.id in set(data.category_ids)]
    if data.new_category.strip():
        new_category = category_named(data.new_category)
        if new_category not in categories:
            categories.append(new_category)
    try:
        if store is None:
            store = Store(domain=domain, homepage=homepage, name=name)
            db.session.add(store)
        store.name, store.domain, store.homepage = name, domain, homepage
        store.locale = data.locale if data.locale in SUPPORTED_LOCALES else "en"
        store.status = data.status
        store.timezone = data.timezone or None
        store.business_hours = data.business_hours.lower() or None
        store.categories = categories
        set_competitors(store, [other for other in competitors if other is not store])
        jobs.commit()
    except IntegrityError:
        # Another operator saved a store with this domain a moment ago (the loading of
        # competitor links may flush, so the race can surface before the commit).
        db.session.rollback()
        raise DirectoryInvalid({"homepage": _duplicate(domain)}) from None
    return store


def _duplicate(domain: str) -> str:
    return str(_l("A store with the domain %(domain)s already exists.", domain=domain))


def add_contact(store: Store, kind: ContactKind, value: str, level: int, label: str = "") -> None:
    """An operator adds an e-mail address or phone number. Commits."""
    try:
        value = clean_email(value) if kind == ContactKind.EMAIL else clean_phone(value)
    except ValueError as error:
        raise DirectoryInvalid({"value": str(error)}) from None
    if any(c.kind == kind and c.value.lower() == value for c in store.contacts):
        raise DirectoryInvalid({"value": str(_l("This store already has that contact."))})
    store.contacts.append(
        StoreContact(
            kind=kind,
            value=value,
            level=1 if level else 0,
            label=label.strip()[:200] or None,
            source=ContactSource.OPERATOR,
        )
    )
    jobs.commit()


def remove_contact(store: Store, contact_id: int) -> bool:
    """Remove one of the store's contacts; False when it has no such contact. Commits."""
    contact = next((c for c in store.contacts if c.id == contact_id), None)
    if contact is None:
        return False
    store.contacts.remove(contact)
    jobs.commit()
    return True


def request_probe(store: Store) -> None:
    """Queue a fresh probe of the store's site (contacts, contact form)."""
    jobs.later("probe_store", store.id)
    jobs.commit()


def add_store(
    url: str,
    *,
    name: str | None = None,
    categories: Iterable[str] = (),
    competitors: Iterable[str] = (),
) -> tuple[Store, bool]:
    """Add the store on URL's domain or update it (``flask stores add``): name, homepage,
    more categories (created on demand) and more competitors. Returns (store, created).
    Commits. Raises UnknownCompetitors or DirectoryInvalid, changing nothing."""
    try:
        homepage = clean_homepage(url)
    except ValueError as error:
        raise DirectoryInvalid({"homepage": str(error)}) from None
    others, unknown = resolve_competitors(competitors)
    if unknown:
        raise UnknownCompetitors(unknown)
    domain = registrable_domain(homepage)
    store = find_by_domain(domain)
    created = store is None
    if store is None:
        store = Store(domain=domain, homepage=homepage, name=name or domain)
        db.session.add(store)
    store.homepage = homepage
    if name:
        store.name = " ".join(name.split())
    try:
        for category_name in categories:
            category = category_named(category_name)
            if category not in store.categories:
                store.categories.append(category)
    except ValueError as error:
        db.session.rollback()
        raise DirectoryInvalid({"categories": str(error)}) from None
    link_competitors(store, *others)
    jobs.commit()
    return store, created
