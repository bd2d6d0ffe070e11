"""The store directory service: listing, editing, CSV export and import, `stores add`."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    Store,
    StoreContact,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.services import directory
from discountmarket.services.errors import ServiceError
from discountmarket.services.stores import find_by_domain
from tests.factories import StoreFactory


def store(domain: str) -> Store:
    found = find_by_domain(domain)
    assert found is not None, domain
    return found


def competitor_domains(domain: str) -> list[str]:
    db.session.expire_all()
    return sorted(other.domain for other in store(domain).competitors)


# --- parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("https://Shop.Example/", "https://shop.example/"),
        ("shop.example", "https://shop.example/"),
        ("http://www.shop.example/catalog?x=1#top", "http://www.shop.example/catalog?x=1"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/"),
        ("https://магазин.рф/", "https://магазин.рф/"),
    ],
)
def test_clean_homepage(raw: str, clean: str) -> None:
    assert directory.clean_homepage(raw) == clean


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "not a url",
        "ftp://shop.example/",
        "javascript:alert(1)",
        "https://user:pw@shop.example/",
        "https://shop.example:port/",
        "https://-bad-.example/",
    ],
)
def test_clean_homepage_refuses_what_is_no_web_address(raw: str) -> None:
    with pytest.raises(ValueError):
        directory.clean_homepage(raw)


def test_slugs_keep_letters_of_any_script() -> None:
    assert directory.slugify("Home & Garden") == "home-garden"
    assert directory.slugify(" Дом и сад ") == "дом-и-сад"
    assert directory.slugify("!!!") == ""


# --- listing -------------------------------------------------------------------------------------


def test_list_searches_filters_and_pages_by_keyset(app: Flask) -> None:
    lamps = Category(name="Lamps", slug="lamps")
    for n in range(5):
        StoreFactory(name=f"Lamp shop {n}", domain=f"lamps{n}.example", categories=[lamps])
    StoreFactory(name="Chairs", domain="chairs.example", status=StoreStatus.OPTED_OUT)
    StoreFactory(name="50%_off", domain="fifty.example")
    db.session.commit()

    def names(**kwargs) -> list[str]:  # type: ignore[no-untyped-def]
        page = directory.list_stores(directory.StoreFilter(**kwargs))
        return [row.store.name for row in page.rows]

    assert names(q="LAMP SHOP 3") == ["Lamp shop 3"]
    assert names(q="chairs.ex") == ["Chairs"]
    assert names(q="%_") == ["50%_off"]  # LIKE wildcards are searched for literally
    assert names(status=StoreStatus.OPTED_OUT) == ["Chairs"]
    assert len(names(category_id=lamps.id)) == 5

    first = directory.list_stores(directory.StoreFilter(q="lamp"), per_page=2)
    second = directory.list_stores(
        directory.StoreFilter(q="lamp"), after=first.next_after, per_page=2
    )
    third = directory.list_stores(
        directory.StoreFilter(q="lamp"), after=second.next_after, per_page=2
    )
    seen = [row.store.name for page in (first, second, third) for row in page.rows]
    assert seen == [f"Lamp shop {n}" for n in range(5)]
    assert third.next_after is None


def test_list_rows_count_competitors_contacts_and_opt_outs(app: Flask) -> None:
    a = StoreFactory(name="A", domain="a.example")
    b = StoreFactory(name="B", domain="b.example")
    a.contacts = [
        StoreContact(kind=ContactKind.EMAIL, value="sales@a.example"),
        StoreContact(kind=ContactKind.EMAIL, value="boss@a.example", level=1),
        StoreContact(kind=ContactKind.PHONE, value="+420603123456"),
    ]
    directory.link_competitors(a, b)
    db.session.add(Suppression(kind=SuppressionKind.DOMAIN, value="b.example", reason="opt-out"))
    db.session.commit()
    rows = {row.store.domain: row for row in directory.list_stores(directory.StoreFilter()).rows}
    assert (rows["a.example"].competitors, rows["a.example"].emails) == (1, 2)
    assert rows["a.example"].phones == 1 and not rows["a.example"].opted_out
    assert rows["b.example"].competitors == 1 and rows["b.example"].opted_out
    assert rows["a.example"].reputation.asked == 0


# --- editing -------------------------------------------------------------------------------------


def test_save_store_creates_with_categories_and_symmetric_competitors(app: Flask) -> None:
    StoreFactory(name="Rival", domain="rival.example")
    toys = Category(name="Toys", slug="toys")
    db.session.add(toys)
    db.session.commit()
    saved = directory.save_store(
        directory.StoreInput(
            name="  New   shop ",
            homepage="https://www.new.example/",
            locale="ru",
            status=StoreStatus.ACTIVE,
            category_ids=[toys.id],
            new_category="Garden tools",
            competitors=["https://www.rival.example/sale"],
        )
    )
    assert (saved.name, saved.domain, saved.locale) == ("New shop", "new.example", "ru")
    assert sorted(c.slug for c in saved.categories) == ["garden-tools", "toys"]
    assert competitor_domains("new.example") == ["rival.example"]
    assert competitor_domains("rival.example") == ["new.example"]


def test_save_store_refuses_duplicate_domains_and_unknown_competitors(app: Flask) -> None:
    StoreFactory(domain="taken.example")
    db.session.commit()
    with pytest.raises(directory.DirectoryInvalid) as refused:
        directory.save_store(
            directory.StoreInput(
                name="Copy",
                homepage="https://shop.taken.example/",
                competitors=["nobody.example"],
                new_category="Never made",
            )
        )
    assert "taken.example already exists" in refused.value.errors["homepage"]
    assert "nobody.example" in refused.value.errors["competitors"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Category)) == 0


def test_editing_competitors_removes_links_both_ways(app: Flask) -> None:
    a, b, c = (StoreFactory(domain=f"{x}.example", name=x) for x in "abc")
    directory.link_competitors(a, b, c)
    db.session.commit()
    directory.save_store(
        directory.StoreInput(
            name="a", homepage=a.homepage, status=a.status, competitors=["c.example"]
        ),
        a,
    )
    assert competitor_domains("a.example") == ["c.example"]
    assert competitor_domains("b.example") == []
    assert competitor_domains("c.example") == ["a.example"]


def test_an_edit_may_keep_the_store_domain(app: Flask) -> None:
    shop = StoreFactory(domain="keep.example")
    db.session.commit()
    directory.save_store(
        directory.StoreInput(name="Renamed", homepage="https://keep.example/new"), shop
    )
    assert store("keep.example").name == "Renamed"


def test_contacts_are_added_checked_and_removed(app: Flask) -> None:
    shop = StoreFactory()
    db.session.commit()
    directory.add_contact(shop, ContactKind.EMAIL, " Boss@Shop.Example ", 1, "Owner")
    directory.add_contact(shop, ContactKind.PHONE, "+7 (495) 123-45-67", 0)
    contact = shop.contacts[0]
    assert (contact.value, contact.level, contact.label) == ("boss@shop.example", 1, "Owner")
    assert contact.source.value == "operator"
    assert shop.contacts[1].value == "+74951234567"
    with pytest.raises(directory.DirectoryInvalid):
        directory.add_contact(shop, ContactKind.EMAIL, "boss@shop.example", 0)
    with pytest.raises(directory.DirectoryInvalid):
        directory.add_contact(shop, ContactKind.EMAIL, "not-an-address", 0)
    with pytest.raises(directory.DirectoryInvalid):
        directory.add_contact(shop, ContactKind.PHONE, "12", 0)
    assert directory.remove_contact(shop, contact.id)
    assert not directory.remove_contact(shop, contact.id)
    assert [c.value for c in shop.contacts] == ["+74951234567"]


def test_add_store_creates_then_updates(app: Flask) -> None:
    StoreFactory(domain="rival.example")
    db.session.commit()
    shop, created = directory.add_store(
        "https://www.shop.example/", categories=["Lamps"], competitors=["rival.example"]
    )
    assert created and shop.name == "shop.example"
    again, created = directory.add_store(
        "https://shop.example/", name="Shop", categories=["lamps", "Chairs"]
    )
    assert not created and again.id == shop.id and again.name == "Shop"
    assert sorted(c.name for c in again.categories) == ["Chairs", "Lamps"]
    assert competitor_domains("rival.example") == ["shop.example"]
    with pytest.raises(directory.UnknownCompetitors) as refused:
        directory.add_store("https://new.example/", competitors=["x.example", "rival.example"])
    assert refused.value.domains == ["x.example"]
    assert find_by_domain("new.example") is None


# --- CSV export ----------------------------------------------------------------------------------


def exported() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO("".join(directory.export_csv(batch=2)))))


def test_export_lists_every_store_with_joined_lists(app: Flask) -> None:
    lamps = Category(name="Lamps", slug="lamps")
    a = StoreFactory(name="A", domain="a.example", categories=[lamps], locale="ru")
    b = StoreFactory(name="B", domain="b.example")
    StoreFactory(name="C", domain="c.example")
    directory.link_competitors(a, b)
    a.contacts = [
        StoreContact(kind=ContactKind.EMAIL, value="x@a.example"),
        StoreContact(kind=ContactKind.EMAIL, value="y@a.example"),
        StoreContact(kind=ContactKind.PHONE, value="603123456"),
    ]
    db.session.commit()
    rows = exported()
    assert [row["domain"] for row in rows] == ["a.example", "b.example", "c.example"]
    assert list(rows[0]) == list(directory.CSV_COLUMNS)
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
    assert directory.csv_cell("Plain - name") == "Plain - name"


def test_export_then_import_round_trips_phones_and_formula_names(app: Flask) -> None:
    shop = StoreFactory(name="=SUM(1)", domain="shop.example")
    shop.contacts = [StoreContact(kind=ContactKind.PHONE, value="+420603123456")]
    db.session.commit()
    text = "".join(directory.export_csv())
    assert ",'+420603123456" in text
    report = directory.import_csv(text)
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
    report = directory.import_csv(GOOD_AND_BAD)
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
    directory.import_csv(GOOD_AND_BAD)
    changed = GOOD_AND_BAD.replace(
        "Shop B,https://b.example/,,", "Shop Bee,https://b.example/,opted_out,"
    )
    report = directory.import_csv(changed)
    # i.example names j.example, which the first import created: now it is good too.
    assert (report.created, report.updated, report.errors) == (1, 3, 6)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == 4
    b = store("b.example")
    assert (b.name, b.status) == ("Shop Bee", StoreStatus.OPTED_OUT)
    a = store("a.example")
    assert len(a.contacts) == 2 and len(a.categories) == 2  # nothing doubled


def test_import_reads_semicolons_and_a_byte_order_mark(app: Flask) -> None:
    data = "\ufeffDomain;Homepage;Name;Categories\nshop.example;https://shop.example/;Магазин;Дом\n"
    report = directory.import_csv(directory.decode_upload(data.encode("utf-8")))
    assert (report.created, report.errors) == (1, 0)
    assert store("shop.example").name == "Магазин"
    assert [c.slug for c in store("shop.example").categories] == ["дом"]


def test_import_counts_lines_of_multi_line_cells(app: Flask) -> None:
    data = 'domain,homepage,name\na.example,https://a.example/,"Two\nlines"\nb.example,,B\n'
    report = directory.import_csv(data)
    assert report.created == 1
    assert [(p.line, p.domain) for p in report.problems] == [(4, "b.example")]


def test_import_needs_the_required_columns(app: Flask) -> None:
    report = directory.import_csv("name,homepage\nA,https://a.example/\n")
    assert report.created == 0
    assert [(p.line, "domain" in p.reason) for p in report.problems] == [(1, True)]
    assert directory.import_csv("").errors == 1


def test_uploads_must_be_small_utf8(app: Flask) -> None:
    with pytest.raises(ServiceError):
        directory.decode_upload("domain\n".encode("utf-16"))
    with pytest.raises(ServiceError):
        directory.decode_upload(b"x" * (directory.MAX_IMPORT_BYTES + 1))


# --- the `stores add` command ------------------------------------------------------------------


def test_cli_stores_add_creates_and_updates(app: Flask) -> None:
    runner = app.test_cli_runner()
    StoreFactory(domain="rival.example")
    db.session.commit()
    first = runner.invoke(
        args=[
            "stores",
            "add",
            "https://www.shop.example/",
            "--name",
            "Shop",
            "--category",
            "Lamps",
            "--category",
            "Home & Garden",
            "--competitor",
            "rival.example",
        ]
    )
    assert first.exit_code == 0, first.output
    store_id = int(first.stdout.strip())
    db.session.expire_all()
    shop = store("shop.example")
    assert shop.id == store_id and shop.name == "Shop"
    assert sorted(c.slug for c in shop.categories) == ["home-garden", "lamps"]
    assert competitor_domains("rival.example") == ["shop.example"]

    second = runner.invoke(args=["stores", "add", "https://shop.example/", "--name", "Shop 2"])
    assert second.exit_code == 0, second.output
    assert int(second.stdout.strip()) == store_id
    db.session.expire_all()
    assert store("shop.example").name == "Shop 2"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == 2


def test_cli_stores_add_refuses_unknown_competitors(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=["stores", "add", "https://shop.example/", "--competitor", "ghost.example"]
    )
    assert result.exit_code == 1
    assert "ghost.example" in result.output
    assert find_by_domain("shop.example") is None
