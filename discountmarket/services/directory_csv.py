"""The store directory as CSV: export every store (streamed), import stores from an
uploaded file (created or updated by domain, bad rows reported by line)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.i18n import format_megabytes
from discountmarket.models import ContactKind, ContactSource, Store, StoreContact, StoreStatus
from discountmarket.services.directory import (
    UnknownCompetitors,
    category_named,
    resolve_competitors,
)
from discountmarket.services.errors import ServiceError
from discountmarket.services.store_input import (
    clean_email,
    clean_homepage,
    clean_phone,
    domain_of,
    parse_locale,
    parse_status,
    split_list,
)
from discountmarket.services.stores import find_by_domain, link_competitors
from discountmarket.weburl import registrable_domain

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
