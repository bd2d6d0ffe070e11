"""The store directory as a list: search, filters, keyset pages, row counts."""

from __future__ import annotations

from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    StoreContact,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.services import directory_listing
from discountmarket.services.stores import link_competitors
from tests.factories import StoreFactory


def test_list_searches_filters_and_pages_by_keyset(app: Flask) -> None:
    lamps = Category(name="Lamps", slug="lamps")
    for n in range(5):
        StoreFactory(name=f"Lamp shop {n}", domain=f"lamps{n}.example", categories=[lamps])
    StoreFactory(name="Chairs", domain="chairs.example", status=StoreStatus.OPTED_OUT)
    StoreFactory(name="50%_off", domain="fifty.example")
    db.session.commit()

    def names(**kwargs) -> list[str]:  # type: ignore[no-untyped-def]
        page = directory_listing.list_stores(directory_listing.StoreFilter(**kwargs))
        return [row.store.name for row in page.rows]

    assert names(q="LAMP SHOP 3") == ["Lamp shop 3"]
    assert names(q="chairs.ex") == ["Chairs"]
    assert names(q="%_") == ["50%_off"]  # LIKE wildcards are searched for literally
    assert names(status=StoreStatus.OPTED_OUT) == ["Chairs"]
    assert len(names(category_id=lamps.id)) == 5

    first = directory_listing.list_stores(directory_listing.StoreFilter(q="lamp"), per_page=2)
    second = directory_listing.list_stores(
        directory_listing.StoreFilter(q="lamp"), after=first.next_after, per_page=2
    )
    third = directory_listing.list_stores(
        directory_listing.StoreFilter(q="lamp"), after=second.next_after, per_page=2
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
    link_competitors(a, b)
    db.session.add(Suppression(kind=SuppressionKind.DOMAIN, value="b.example", reason="opt-out"))
    db.session.commit()
    rows = {
        row.store.domain: row
        for row in directory_listing.list_stores(directory_listing.StoreFilter()).rows
    }
    assert (rows["a.example"].competitors, rows["a.example"].emails) == (1, 2)
    assert rows["a.example"].phones == 1 and not rows["a.example"].opted_out
    assert rows["b.example"].competitors == 1 and rows["b.example"].opted_out
    assert rows["a.example"].reputation.asked == 0
