"""The operator's store directory: listing and searching stores, creating and editing them
(categories, symmetric competitor links, contacts), the `stores add` command, and the CSV
export and import."""

from __future__ import annotations

import csv
import io
import ipaddress
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload

from discountmarket import jobs
from discountmarket.config import SUPPORTED_LOCALES
from discountmarket.extensions import db
from discountmarket.i18n import format_megabytes
from discountmarket.models import (
    Category,
    ContactKind,
    ContactSource,
    DiscountRequest,
    Dispatch,
    Store,
    StoreContact,
    StoreStatus,
    Suppression,
    SuppressionKind,
    store_competitors,
)
from discountmarket.outreach.contacts import normalise_phone
from discountmarket.services import business_hours, reputation
from discountmarket.services.errors import ServiceError
from discountmarket.services.persistence import get_or_create
from discountmarket.services.stores import find_by_domain, link_competitors, registrable_domain

PAGE_SIZE = 50
RECENT_DISPATCHES = 20
MAX_IMPORT_BYTES = 2 * 1024 * 1024
EXPORT_BATCH = 500
CSV_COLUMNS = (
    "domain",
    "name",
    "homepage",
    "status",
    "locale",
    "categories",
    "competitors",
    "emails",
    "phones",
)
LIST_SEPARATOR = ";"  # inside a cell: categories, competitors, e-mails, phones
# Spreadsheets run a cell starting with one of these as a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}")
_HOST_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")
_LIST_SPLIT = re.compile(r"[,;\s]+")


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


# --- parsing ---------------------------------------------------------------------------------


def clean_homepage(url: str) -> str:
    """A normalised http(s) URL; a bare host name gets https://. ValueError (with a message
    fit for the operator) when it is not a web address."""
    raw = (url or "").strip()
    if not raw:
        raise ValueError(str(_l("A homepage URL is required.")))
    if "://" not in raw:
        raw = f"https://{raw}"
    invalid = ValueError(str(_l("Not a web address: %(url)s", url=url.strip()[:100])))
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        raise invalid from None
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or not _valid_host(host):
        raise invalid
    if parts.username is not None or len(raw) > 2048:  # a homepage carries no credentials
        raise invalid
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    return len(host) <= 253 and all(_HOST_LABEL.fullmatch(label) for label in labels)


def domain_of(entry: str) -> str | None:
    """The store key of a domain or URL an operator typed ("www.shop.example" ->
    "shop.example"), or None when it is no host at all."""
    entry = entry.strip()
    try:
        return registrable_domain(clean_homepage(entry))
    except ValueError:
        return None


def split_list(text: str | None) -> list[str]:
    """Items of a comma, semicolon or space separated list, without blanks or repeats."""
    items = (item.strip() for item in _LIST_SPLIT.split(text or ""))
    return list(dict.fromkeys(item for item in items if item))


def slugify(name: str) -> str:
    """A URL-safe key of a category name; letters of any script stay (``Дом и сад`` ->
    ``дом-и-сад``) so Russian category names keep readable slugs."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "-", folded).strip("-")[:100]


def clean_email(value: str) -> str:
    email = value.strip().lower()
    if not _EMAIL.fullmatch(email) or len(email) > 254:
        raise ValueError(str(_l("Not an e-mail address: %(value)s", value=value.strip()[:100])))
    return email


def clean_phone(value: str) -> str:
    phone = normalise_phone(value)
    if phone is None:
        raise ValueError(str(_l("Not a phone number: %(value)s", value=value.strip()[:100])))
    return phone


def parse_status(value: str) -> StoreStatus:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return StoreStatus(key)
    except ValueError:
        raise ValueError(str(_l("Unknown status: %(value)s", value=value.strip()[:50]))) from None


def parse_locale(value: str) -> str:
    locale = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(str(_l("Unknown language: %(value)s", value=value.strip()[:20])))
    return locale


# --- listing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreFilter:
    q: str = ""
    status: StoreStatus | None = None
    category_id: int | None = None


@dataclass(frozen=True)
class StoreRow:
    store: Store
    competitors: int
    emails: int
    phones: int
    reputation: reputation.Reputation
    domain_suppressed: bool

    @property
    def opted_out(self) -> bool:
        return self.domain_suppressed or not self.store.contactable


@dataclass(frozen=True)
class StorePage:
    rows: list[StoreRow]
    next_after: int | None  # the last store's id when there is a next page


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_stores(
    filters: StoreFilter, after: int | None = None, per_page: int = PAGE_SIZE
) -> StorePage:
    """One page of stores by name. Keyset pagination: ``after`` is the id of the previous
    page's last store, so deep pages cost as little as the first (no OFFSET)."""
    query = sa.select(Store).options(selectinload(Store.categories))
    if filters.q:
        pattern = _like(filters.q.strip().lower())
        query = query.where(
            sa.or_(
                sa.func.lower(Store.name).like(pattern, escape="\\"),
                Store.domain.like(pattern, escape="\\"),
            )
        )
    if filters.status is not None:
        query = query.where(Store.status == filters.status)
    if filters.category_id is not None:
        query = query.where(Store.categories.any(Category.id == filters.category_id))
    if after is not None:
        anchor = db.session.execute(
            sa.select(Store.name, Store.id).where(Store.id == after)
        ).first()
        if anchor is not None:
            query = query.where(
                sa.or_(
                    Store.name > anchor.name,
                    sa.and_(Store.name == anchor.name, Store.id > anchor.id),
                )
            )
    stores = list(db.session.scalars(query.order_by(Store.name, Store.id).limit(per_page + 1)))
    has_more = len(stores) > per_page
    stores = stores[:per_page]
    return StorePage(rows=_rows(stores), next_after=stores[-1].id if has_more else None)


def _rows(stores: list[Store]) -> list[StoreRow]:
    ids = {store.id for store in stores}
    if not ids:
        return []
    competitor_counts = dict(
        db.session.execute(
            sa.select(store_competitors.c.store_id, sa.func.count())
            .where(store_competitors.c.store_id.in_(ids))
            .group_by(store_competitors.c.store_id)
        ).all()
    )
    contact_counts: dict[tuple[int, ContactKind], int] = {
        (store_id, kind): count
        for store_id, kind, count in db.session.execute(
            sa.select(StoreContact.store_id, StoreContact.kind, sa.func.count())
            .where(StoreContact.store_id.in_(ids))
            .group_by(StoreContact.store_id, StoreContact.kind)
        ).all()
    }
    suppressed = set(
        db.session.scalars(
            sa.select(Suppression.value).where(
                Suppression.kind == SuppressionKind.DOMAIN,
                Suppression.value.in_({store.domain for store in stores}),
            )
        )
    )
    reputations = reputation.for_stores(ids)
    return [
        StoreRow(
            store=store,
            competitors=competitor_counts.get(store.id, 0),
            emails=contact_counts.get((store.id, ContactKind.EMAIL), 0),
            phones=contact_counts.get((store.id, ContactKind.PHONE), 0),
            reputation=reputations[store.id],
            domain_suppressed=store.domain in suppressed,
        )
        for store in stores
    ]


def store_row(store: Store) -> StoreRow:
    """The list row of one store (its page shows the same facts)."""
    return _rows([store])[0]


def all_categories() -> list[Category]:
    return list(db.session.scalars(sa.select(Category).order_by(Category.name)))


def recent_dispatches(store_id: int, limit: int = RECENT_DISPATCHES) -> list[Dispatch]:
    return list(
        db.session.scalars(
            sa.select(Dispatch)
            .options(joinedload(Dispatch.request).joinedload(DiscountRequest.product))
            .where(Dispatch.store_id == store_id)
            .order_by(Dispatch.created_at.desc(), Dispatch.id.desc())
            .limit(limit)
        )
    )


# --- editing ---------------------------------------------------------------------------------


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


# --- CSV export --------------------------------------------------------------------------------


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets an apostrophe
    (the import takes it off again)."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _uncell(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def export_row(store: Store) -> list[str]:
    def values(kind: ContactKind) -> str:
        return LIST_SEPARATOR.join(c.value for c in store.contacts if c.kind == kind)

    row = [
        store.domain,
        store.name,
        store.homepage,
        store.status.value,
        store.locale,
        LIST_SEPARATOR.join(category.name for category in store.categories),
        LIST_SEPARATOR.join(other.domain for other in store.competitors),
        values(ContactKind.EMAIL),
        values(ContactKind.PHONE),
    ]
    return [csv_cell(value) for value in row]


def export_csv(batch: int = EXPORT_BATCH) -> Iterator[str]:
    """Every store as CSV text, in chunks of ``batch`` stores (streamed; keyset by id)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def take() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield take()
    last_id = 0
    while True:
        stores = db.session.scalars(
            sa.select(Store)
            .options(
                selectinload(Store.categories),
                selectinload(Store.competitors),
                selectinload(Store.contacts),
            )
            .where(Store.id > last_id)
            .order_by(Store.id)
            .limit(batch)
        ).all()
        if not stores:
            return
        for store in stores:
            writer.writerow(export_row(store))
        last_id = stores[-1].id
        yield take()


# --- CSV import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    line: int  # in the file, the header being line 1
    reason: str
    domain: str = ""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return len(self.problems)


@dataclass
class _Row:
    domain: str
    homepage: str
    name: str
    status: StoreStatus | None
    locale: str | None
    categories: list[str]
    competitors: list[Store]
    emails: list[str]
    phones: list[str]


def decode_upload(data: bytes) -> str:
    """The text of an uploaded CSV file: UTF-8, with or without a byte order mark."""
    if len(data) > MAX_IMPORT_BYTES:
        size = format_megabytes(MAX_IMPORT_BYTES / 1024 / 1024)
        raise ServiceError(str(_l("The file is larger than %(size)s; split it up.", size=size)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError(str(_l("The file is not UTF-8 text; save it as CSV UTF-8."))) from None


def sniff_delimiter(header: str) -> str:
    """``;`` or ``,``, judged on the header line alone: list cells hold ``;`` in
    comma-separated files, which would fool a guess made from the data rows."""
    return ";" if header.count(";") > header.count(",") else ","


def import_csv(text: str) -> ImportReport:
    """Create or update stores (by domain) from CSV text with the export's columns (domain
    and homepage required, others optional). Good rows are kept, bad ones reported by line;
    categories, competitors and contacts are only added, never removed. Competitors may be
    stores from earlier lines of the same file. Commits."""
    report = ImportReport()
    text = text.removeprefix("\ufeff")
    header_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(header_line))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in ("domain", "homepage") if name not in header]
    if missing:
        reason = str(_l("The header has no column %(names)s.", names=", ".join(missing)))
        report.problems.append(ImportProblem(line=1, reason=reason))
        return report
    while True:
        line = reader.line_num + 1  # where the next record starts
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            report.problems.append(ImportProblem(line=line, reason=str(error)))
            break
        if not any(cell.strip() for cell in cells):
            continue
        record = {
            name: _uncell(cells[index].strip()) if index < len(cells) else ""
            for index, name in enumerate(header)
        }
        try:
            row = _parse_row(record)
        except ValueError as error:
            report.problems.append(ImportProblem(line, str(error), record.get("domain", "")))
            continue
        try:
            with db.session.begin_nested():
                created = _apply_row(row)
        except (IntegrityError, ValueError) as error:
            report.problems.append(ImportProblem(line, str(error)[:200], row.domain))
            continue
        if created:
            report.created += 1
        else:
            report.updated += 1
    jobs.commit()
    return report


def _parse_row(record: dict[str, str]) -> _Row:
    """A checked row; ValueError with the reason when it is not good."""
    if not record.get("domain"):
        raise ValueError(str(_l("The domain is missing.")))
    domain = domain_of(record["domain"])
    if domain is None:
        raise ValueError(str(_l("Not a domain: %(value)s", value=record["domain"][:100])))
    if not record.get("homepage"):
        raise ValueError(str(_l("The homepage is missing.")))
    homepage = clean_homepage(record["homepage"])
    if registrable_domain(homepage) != domain:
        raise ValueError(
            str(_l("The homepage %(url)s is not on %(domain)s.", url=homepage, domain=domain))
        )
    status = parse_status(record["status"]) if record.get("status") else None
    locale = parse_locale(record["locale"]) if record.get("locale") else None
    competitors, unknown = resolve_competitors(_cell_list(record.get("competitors")))
    if unknown:
        raise ValueError(str(UnknownCompetitors(unknown)))
    return _Row(
        domain=domain,
        homepage=homepage,
        name=" ".join(record.get("name", "").split())[:200],
        status=status,
        locale=locale,
        categories=_cell_list(record.get("categories"), keep_spaces=True),
        competitors=competitors,
        emails=[clean_email(value) for value in _cell_list(record.get("emails"))],
        phones=[clean_phone(value) for value in _cell_list(record.get("phones"), True)],
    )


def _cell_list(value: str | None, keep_spaces: bool = False) -> list[str]:
    """The items of a list cell: ``;``-separated (``,`` too where items hold no spaces)."""
    if keep_spaces:  # category names and phone numbers contain spaces
        items = (item.strip() for item in (value or "").split(LIST_SEPARATOR))
        return list(dict.fromkeys(item for item in items if item))
    return split_list(value)


def _apply_row(row: _Row) -> bool:
    """Create or update the row's store; True when created. Does not commit."""
    store = find_by_domain(row.domain)
    created = store is None
    if store is None:
        store = Store(
            domain=row.domain,
            homepage=row.homepage,
            name=row.name or row.domain,
            status=StoreStatus.UNVERIFIED,
            locale="en",
        )
        db.session.add(store)
    store.homepage = row.homepage
    if row.name:
        store.name = row.name
    if row.status is not None:
        store.status = row.status
    if row.locale is not None:
        store.locale = row.locale
    for category_name in row.categories:
        category = category_named(category_name)
        if category not in store.categories:
            store.categories.append(category)
    known = {(c.kind, c.value.lower()) for c in store.contacts}
    for kind, values in ((ContactKind.EMAIL, row.emails), (ContactKind.PHONE, row.phones)):
        for value in values:
            if (kind, value.lower()) not in known:
                store.contacts.append(
                    StoreContact(kind=kind, value=value, source=ContactSource.OPERATOR)
                )
                known.add((kind, value.lower()))
    link_competitors(store, *row.competitors)
    db.session.flush()  # later rows may name this store as a competitor
    return created
