"""The public bid board: filters, search, sorts and keyset pagination; live fragments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Category, OfferStatus, RequestStatus
from discountmarket.services import board
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    ProductFactory,
    StoreFactory,
    reach_a_store,
)


def make_board() -> dict:
    now = datetime.now(UTC)
    tech = Category(slug="tech", name="Tech")
    home = Category(slug="home", name="Home")
    volt = StoreFactory(domain="volt.example", categories=[tech])
    casa = StoreFactory(domain="casa.example", categories=[home])
    requests = {}
    for n in range(7):
        store = volt if n % 2 == 0 else casa
        title = f"{'Headphones' if store is volt else 'Kettle'} model {n}"
        requests[n] = DiscountRequestFactory(
            product=ProductFactory(store=store, title=title, price=Decimal("100")),
            created_at=now - timedelta(hours=n),
            expires_at=now + timedelta(days=7 - n),
        )
        reach_a_store(requests[n])
    OfferFactory(request=requests[3], store=casa, price=Decimal("60"))  # 40% saving
    OfferFactory(request=requests[1], store=casa, price=Decimal("90"))
    OfferFactory(request=requests[1], store=volt, price=None, percent=Decimal("20"))  # 80.00
    OfferFactory(request=requests[5], store=casa, price=Decimal("70"), status=OfferStatus.WITHDRAWN)
    DiscountRequestFactory(status=RequestStatus.CANCELLED)
    db.session.commit()
    return requests


def ids(page: board.BoardPage) -> list[int]:
    return [row.request.id for row in page.rows]


def every_page(query: board.BoardQuery, per_page: int) -> list[int]:
    seen, after = [], None
    while True:
        page = board.open_requests(board.BoardQuery(**{**query.__dict__, "after": after}), per_page)
        seen += ids(page)
        if not page.next_cursor:
            return seen
        after = page.next_cursor


def test_sorts_and_keyset_pages_cover_every_row_once(app: Flask) -> None:
    r = make_board()
    newest = every_page(board.BoardQuery(sort="newest"), per_page=3)
    assert newest == [r[n].id for n in range(7)]
    assert every_page(board.BoardQuery(sort="ending"), 2) == [r[n].id for n in reversed(range(7))]
    by_offers = every_page(board.BoardQuery(sort="offers"), 2)
    assert by_offers[:2] == [r[1].id, r[3].id] and sorted(by_offers) == sorted(newest)
    by_saving = every_page(board.BoardQuery(sort="saving"), 2)
    assert by_saving[:2] == [r[3].id, r[1].id] and len(by_saving) == 7


def test_rows_carry_offer_counts_best_price_and_saving(app: Flask) -> None:
    r = make_board()
    rows = {row.request.id: row for row in board.open_requests(board.BoardQuery()).rows}
    assert rows[r[1].id].offer_count == 2 and rows[r[1].id].best_price == Decimal("80.00")
    assert rows[r[3].id].saving == Decimal("40.00")
    assert rows[r[5].id].offer_count == 0 and rows[r[5].id].best_price is None  # withdrawn


def test_filters_and_search(app: Flask) -> None:
    r = make_board()
    tech = ids(board.open_requests(board.BoardQuery(category="tech")))
    assert tech == [r[n].id for n in (0, 2, 4, 6)]
    assert ids(board.open_requests(board.BoardQuery(store="casa.example"))) == [
        r[n].id for n in (1, 3, 5)
    ]
    assert ids(board.open_requests(board.BoardQuery(search="kettle MODEL 3"))) == [r[3].id]
    assert ids(board.open_requests(board.BoardQuery(search="100%_"))) == []


def test_mangled_cursors_restart_at_the_first_page(app: Flask) -> None:
    r = make_board()
    for cursor in (
        "garbage",
        "eyJ4IjoxfQ",
        board.open_requests(board.BoardQuery(sort="offers"), 2).next_cursor,
    ):
        page = board.open_requests(board.BoardQuery(sort="newest", after=cursor), 2)
        assert ids(page) == [r[0].id, r[1].id]


def test_board_page_over_http(app: Flask) -> None:
    make_board()
    client = app.test_client()
    html = client.get("/board?category=home&sort=saving").get_data(as_text=True)
    assert (
        "Kettle model 3" in html and "Headphones" not in html and "\u221240%" in html
    )  # minus sign
    html = client.get("/board?sort=newest").get_data(as_text=True)
    assert "Headphones model 0" in html
    assert client.get("/board?sort=nonsense&after=%%%").status_code == 200


def test_live_fragment_answers_304_until_something_changes(app: Flask) -> None:
    request = DiscountRequestFactory()
    db.session.commit()
    client = app.test_client()
    first = client.get(f"/r/{request.public_slug}/live")
    etag = first.headers["ETag"]
    assert first.status_code == 200 and "No offers yet" in first.get_data(as_text=True)
    same = client.get(f"/r/{request.public_slug}/live", headers={"If-None-Match": etag})
    assert same.status_code == 304 and same.get_data() == b""
    OfferFactory(request=request, price=Decimal("77"))
    db.session.commit()
    changed = client.get(f"/r/{request.public_slug}/live", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "€77.00" in changed.get_data(as_text=True)
    assert changed.headers["ETag"] != etag


def test_a_request_no_store_has_received_is_not_on_the_board(app: Flask) -> None:
    """Held for its product's details or for a plausible ask, it is nobody's business yet."""
    waiting = DiscountRequestFactory()
    DispatchFactory(request=waiting, store=waiting.product.store)  # queued, not sent
    sent = DiscountRequestFactory()
    reach_a_store(sent)
    db.session.commit()
    assert ids(board.open_requests(board.BoardQuery())) == [sent.id]
