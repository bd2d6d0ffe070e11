"""The store directory as CSV: export (streamed, formulas defused) and import (by line)."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Category, ContactKind, Store, StoreContact, StoreStatus
from discountmarket.services import directory_csv
from discountmarket.services.errors import ServiceError
from discountmarket.services.stores import find_by_domain, link_competitors
from tests.factories import StoreFactory
from tests.services.test_directory import competitor_domains, store


def exported() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO("".join(directory_csv.export_csv(batch=2)))))


def test_export_lists_every_store_with_joined_lists(app: Flask) -> None:
    lamps = Category(name="Lamps", slug="lamps")
    a = StoreFactory(name="A", domain="a.example", categories=[lamps], locale="ru")
    b = StoreFactory(name="B", domain="b.example")
    StoreFactory(name="C", domain="c.example")
    link_competitors(a, b)
    a.contacts = [
        StoreContact(kind=ContactKind.EMAIL, value="x@a.example"),
        StoreContact(kind=ContactKind.EMAIL, value="y@a.example"),
        StoreContact(kind=ContactKind.PHONE, value="603123456"),
    ]
    db.session.commit()
    rows = exported()
    assert [row["domain"] for row in rows] == ["a.example", "b.example", "c.example"]
    assert list(rows[0]) == list(directory_csv.CSV_COLUMNS)
    assert rows[0] == {
        "domain": "a.example",
        "name": "A",
        "homepage": "https://www.a.example/",
        "status": "active",
        "locale": "ru",
        "categories": "Lamps",
        "competitors": "b.example",
        "emails": "x@a.example;y@a.example",
        "phones": "603123456",
    }


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_export_defuses_formulas(app: Flask, start: str) -> None:
    StoreFactory(name=f'{start}HYPERLINK("http://evil.example")', domain="evil.example")
    db.session.commit()
    assert exported()[0]["name"] == f'\'{start}HYPERLINK("http://evil.example")'
    assert directory_csv.csv_cell("Plain - name") == "Plain - name"


def test_export_then_import_round_trips_phones_and_formula_names(app: Flask) -> None:
    shop = StoreFactory(name="=SUM(1)", domain="shop.example")
    shop.contacts = [StoreContact(kind=ContactKind.PHONE, value="+420603123456")]
    db.session.commit()
    text = "".join(directory_csv.export_csv())
    assert ",'+420603123456" in text
    report = directory_csv.import_csv(text)
    assert (report.created, report.updated, report.errors) == (0, 1, 0)
    db.session.expire_all()
    assert store("shop.example").name == "=SUM(1)"
    assert [c.value for c in store("shop.example").contacts] == ["+420603123456"]


# --- CSV import ----------------------------------------------------------------------------------

GOOD_AND_BAD = """domain,name,homepage,status,locale,categories,competitors,emails,phones
a.example,Shop A,https://a.example/,active,ru,Lamps;Home & Garden,,sales@a.example,+7 495 123 45 67
b.example,Shop B,https://b.example/,,,,a.example,,
,No domain,https://c.example/,,,,,,
d.example,No homepage,,,,,,,
e.example,Bad URL,not a url,,,,,,
f.example,Bad status,https://f.example/,sleeping,,,,,
g.example,Bad competitor,https://g.example/,,,,a.example;nobody.example,,
h.example,Wrong host,https://other.example/,,,,,,

i.example,Late competitor,https://i.example/,,,,j.example,,
j.example,J,https://j.example/,,,,,,
"""


def test_import_keeps_good_rows_and_reports_bad_ones_by_line(app: Flask) -> None:
    report = directory_csv.import_csv(GOOD_AND_BAD)
    assert (report.created, report.updated, report.errors) == (3, 0, 7)
    problems = {problem.line: problem.reason for problem in report.problems}
    assert sorted(problems) == [4, 5, 6, 7, 8, 9, 11]
    assert "domain is missing" in problems[4]
    assert "homepage is missing" in problems[5]
    assert "Not a web address" in problems[6]
    assert "Unknown status: sleeping" in problems[7]
    assert "nobody.example" in problems[8] and "a.example" not in problems[8]
    assert "is not on h.example" in problems[9]
    assert "j.example" in problems[11]  # competitors must come earlier in the file

    a = store("a.example")
    assert (a.name, a.status, a.locale) == ("Shop A", StoreStatus.ACTIVE, "ru")
    assert sorted(c.name for c in a.categories) == ["Home & Garden", "Lamps"]
    assert sorted(c.value for c in a.contacts) == ["+74951234567", "sales@a.example"]
    b = store("b.example")
    assert (b.status, b.locale) == (StoreStatus.UNVERIFIED, "en")
    assert competitor_domains("a.example") == ["b.example"]
    assert find_by_domain("g.example") is None and find_by_domain("i.example") is None


def test_reimport_updates_instead_of_duplicating(app: Flask) -> None:
    directory_csv.import_csv(GOOD_AND_BAD)
    changed = GOOD_AND_BAD.replace(
        "Shop B,https://b.example/,,", "Shop Bee,https://b.example/,opted_out,"
    )
    report = directory_csv.import_csv(changed)
    # i.example names j.example, which the first import created: now it is good too.
    assert (report.created, report.updated, report.errors) == (1, 3, 6)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == 4
    b = store("b.example")
    assert (b.name, b.status) == ("Shop Bee", StoreStatus.OPTED_OUT)
    a = store("a.example")
    assert len(a.contacts) == 2 and len(a.categories) == 2  # nothing doubled


def test_import_reads_semicolons_and_a_byte_order_mark(app: Flask) -> None:
    data = "\ufeffDomain;Homepage;Name;Categories\nshop.example;https://shop.example/;Магазин;Дом\n"
    report = directory_csv.import_csv(directory_csv.decode_upload(data.encode("utf-8")))
    assert (report.created, report.errors) == (1, 0)
    assert store("shop.example").name == "Магазин"
    assert [c.slug for c in store("shop.example").categories] == ["дом"]


def test_import_counts_lines_of_multi_line_cells(app: Flask) -> None:
    data = 'domain,homepage,name\na.example,https://a.example/,"Two\nlines"\nb.example,,B\n'
    report = directory_csv.import_csv(data)
    assert report.created == 1
    assert [(p.line, p.domain) for p in report.problems] == [(4, "b.example")]


def test_import_needs_the_required_columns(app: Flask) -> None:
    report = directory_csv.import_csv("name,homepage\nA,https://a.example/\n")
    assert report.created == 0
    assert [(p.line, "domain" in p.reason) for p in report.problems] == [(1, True)]
    assert directory_csv.import_csv("").errors == 1


def test_uploads_must_be_small_utf8(app: Flask) -> None:
    with pytest.raises(ServiceError):
        directory_csv.decode_upload("domain\n".encode("utf-16"))
    with pytest.raises(ServiceError):
        directory_csv.decode_upload(b"x" * (directory_csv.MAX_IMPORT_BYTES + 1))
