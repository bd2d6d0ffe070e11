"""The store directory service, editing: stores, competitor links, contacts, `stores add`."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Category, ContactKind, Store, StoreStatus
from discountmarket.services import directory
from discountmarket.services.stores import find_by_domain, link_competitors
from tests.factories import StoreFactory


def store(domain: str) -> Store:
    found = find_by_domain(domain)
    assert found is not None, domain
    return found


def competitor_domains(domain: str) -> list[str]:
    db.session.expire_all()
    return sorted(other.domain for other in store(domain).competitors)


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
    link_competitors(a, b, c)
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
