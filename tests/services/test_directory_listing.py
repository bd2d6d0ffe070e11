"""The store directory as a list: search, filters, keyset pages, row counts."""

from __future__ import annotations

import sqlalchemy as sa
from bs4 import BeautifulSoup
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    ContactKind,
    DispatchStatus,
    Offer,
    OfferKind,
    Role,
    StoreContact,
    StoreStatus,
    Suppression,
    SuppressionKind,
)
from discountmarket.services import directory_listing
from discountmarket.services.stores import link_competitors
from tests.blueprints.test_ops_queue import signed_in
from tests.factories import DiscountRequestFactory, DispatchFactory, OfferFactory, StoreFactory


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


def test_the_answers_column_counts_the_stores_actual_answers(app: Flask) -> None:
    """A store that answered is never shown as "—": the figures are its own answers (offers
    and declines, however they came) of the requests it was asked."""
    once = StoreFactory(name="Answered once")
    request = DiscountRequestFactory(product__store=once)
    DispatchFactory(request=request, store=once, status=DispatchStatus.ANSWERED)
    OfferFactory(request=request, store=once)

    busy = StoreFactory(name="Busy")
    for n in range(4):
        request = DiscountRequestFactory(product__store=busy)
        DispatchFactory(request=request, store=busy, status=DispatchStatus.SENT)
        if n == 0:
            OfferFactory(request=request, store=busy)
        if n == 1:
            OfferFactory(request=request, store=busy, kind=OfferKind.DECLINE, price=None)
    # Answered through its link although our message to it failed: asked and answered.
    request = DiscountRequestFactory(product__store=busy)
    DispatchFactory(request=request, store=busy, status=DispatchStatus.FAILED)
    OfferFactory(request=request, store=busy)
    silent = StoreFactory(name="Never asked")
    db.session.commit()

    rows = {
        row.store.name: row
        for row in directory_listing.list_stores(directory_listing.StoreFilter()).rows
    }
    assert (rows["Answered once"].answered, rows["Answered once"].asked) == (1, 1)
    assert (rows["Busy"].answered, rows["Busy"].asked) == (3, 5)
    assert rows["Busy"].answer_share == 60
    assert (rows["Never asked"].answered, rows["Never asked"].asked) == (0, 0)
    for name, store in (("Answered once", once), ("Busy", busy), ("Never asked", silent)):
        actual = {offer.request_id for offer in store_offers(store.id)}
        assert rows[name].answered == len(actual)

    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    soup = BeautifulSoup(forms.client.get("/ops/stores").get_data(as_text=True), "html.parser")
    headers = [th.get_text(strip=True) for th in soup.select("table.store-table th")]
    column = headers.index("Answers")
    cells = {
        tr.find("a").get_text(strip=True): " ".join(tr.find_all("td")[column].get_text().split())
        for tr in soup.select("table.store-table tbody tr")
    }
    assert cells == {"Answered once": "1 of 1", "Busy": "3 of 5 (60%)", "Never asked": "—"}
    detail = forms.client.get(f"/ops/stores/{busy.id}").get_data(as_text=True)
    assert "3 of 5" in detail  # the store's page agrees with the list


def store_offers(store_id: int) -> list[Offer]:
    return list(db.session.scalars(sa.select(Offer).where(Offer.store_id == store_id)))
