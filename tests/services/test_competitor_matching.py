"""Competitors are asked about their own listing of the product, found in their shops by
the worker: or not at all when they do not sell it, or only by name when the shopper also
wanted stores that may sell an equivalent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket import tasks
from discountmarket.extensions import db
from discountmarket.models import (
    Category,
    Dispatch,
    DispatchStatus,
    MatchStatus,
    ProductMatch,
    Store,
    StoreSearch,
)
from discountmarket.services import market, requesting
from discountmarket.services.stores import link_competitors
from discountmarket.weburl import registrable_domain
from tests.factories import StoreFactory, UserFactory
from tests.mailbox import messages_to
from tests.services.conftest import TEAPOT_EAN, teapot_rival, with_address
from tests.sites import Page, StoreSite, product_page, search_page, serve

RIVAL = "deals@rival.example"


def store_for(site: StoreSite, name: str, *addresses: str) -> Store:
    store = StoreFactory(name=name, domain=registrable_domain(site.base), homepage=site.url("/"))
    return with_address(store, *addresses)


def post(site: StoreSite, **ask: object) -> requesting.DiscountRequest:
    shopper = UserFactory()
    db.session.commit()
    return requesting.post_request(
        shopper,
        requesting.NewRequest(url=site.url("/p/teapot"), **ask),  # type: ignore[arg-type]
    )


def competitor_dispatch(store: Store) -> Dispatch:
    return db.session.scalars(sa.select(Dispatch).where(Dispatch.store_id == store.id)).one()


@pytest.fixture
def own(local_app: Flask, shop_site: StoreSite) -> Store:
    store = store_for(shop_site, "Kettles")
    store.last_probed_at = datetime.now(UTC)
    return store


@pytest.fixture
def no_teapot() -> Iterator[StoreSite]:
    """A shop whose search finds nothing like the teapot."""
    site = StoreSite(
        pages={"/": Page("<h1>Bikes</h1>"), "/search": search_page(("/p/bell", "Bicycle bell"))}
    )
    site.pages["/p/bell"] = Page('<h1>Bicycle bell</h1><p class="price">9.00 EUR</p>')
    with serve(site) as running:
        yield running


@pytest.fixture
def unreadable() -> Iterator[StoreSite]:
    """A shop that cannot be searched: every page but its robots.txt is an error."""
    with serve(StoreSite(pages={"/": Page("down", status=503)})) as running:
        yield running


def test_posting_only_plans_the_search_the_worker_does_it(
    make_app, shop_site: StoreSite, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        OUTREACH_ALLOW_HOSTS=["127.0.0.1"],
        HUEY_IMMEDIATE=False,
        HUEY_SQLITE_PATH=str(tmp_path / "queue.db"),
    )
    with app.app_context(), serve(teapot_rival()) as rival_site:
        own = store_for(shop_site, "Kettles")
        rival = store_for(rival_site, "Rival", RIVAL)
        link_competitors(own, rival)
        post(shop_site)
        assert competitor_dispatch(rival).status == DispatchStatus.MATCHING
        assert rival_site.requests == []  # the web request never waits for a search


def test_a_shop_that_does_not_sell_it_is_not_asked(
    own: Store, shop_site: StoreSite, no_teapot: StoreSite
) -> None:
    rival = store_for(no_teapot, "Bikes", RIVAL)
    link_competitors(own, rival)
    post(shop_site, ask_equivalents=True)  # not even as an equivalent: it sells none
    dispatch = competitor_dispatch(rival)
    assert (dispatch.status, dispatch.skip_reason) == (DispatchStatus.SKIPPED, "not_sold")
    assert messages_to(RIVAL) == []
    assert db.session.scalar(sa.select(ProductMatch.status)) == MatchStatus.ABSENT


@pytest.mark.parametrize("equivalents", [False, True])
def test_a_shop_we_cannot_tell_about_is_asked_by_name_only_if_the_shopper_wanted(
    own: Store, shop_site: StoreSite, unreadable: StoreSite, equivalents: bool
) -> None:
    rival = store_for(unreadable, "Unknown", RIVAL)
    link_competitors(own, rival)
    post(shop_site, ask_equivalents=equivalents)
    dispatch = competitor_dispatch(rival)
    if not equivalents:
        assert (dispatch.status, dispatch.skip_reason) == (DispatchStatus.SKIPPED, "no_match")
        assert messages_to(RIVAL) == []
        return
    assert dispatch.status == DispatchStatus.SENT and dispatch.listing_id is None
    (message,) = messages_to(RIVAL)
    text = message.text_body
    assert "Cast-iron teapot" in text and TEAPOT_EAN in text and "Tetsu" in text
    assert shop_site.url("/p/teapot") not in text and "45.50" not in text


def test_a_shop_already_at_the_shoppers_price_is_not_asked_and_the_shopper_sees_it(
    own: Store, shop_site: StoreSite, rival_site: StoreSite
) -> None:
    rival = store_for(rival_site, "Rival", RIVAL)
    link_competitors(own, rival)
    request = post(shop_site, target_price=Decimal("43.00"))  # the rival lists it at 42.00
    dispatch = competitor_dispatch(rival)
    assert (dispatch.status, dispatch.skip_reason) == (DispatchStatus.SKIPPED, "already_cheaper")
    assert messages_to(RIVAL) == []
    known = market.market_for(request)
    assert [(k.store_name, k.price) for k in known.competitors] == [("Rival", Decimal("42.00"))]
    assert known.lowest is not None and known.lowest.store_name == "Rival"
    assert known.competitors[0].url == rival_site.url("/products/tetsu-teapot-0-8l")


def test_a_days_decision_and_searches_are_reused(
    own: Store, shop_site: StoreSite, rival_site: StoreSite
) -> None:
    rival = store_for(rival_site, "Rival", RIVAL)
    link_competitors(own, rival)
    post(shop_site)
    searched = [path for path in rival_site.paths_requested() if path.startswith("/search")]
    assert len(searched) >= 1 and db.session.scalar(sa.select(sa.func.count(StoreSearch.id)))
    post(shop_site)  # another shopper, the same product: no new search
    again = [path for path in rival_site.paths_requested() if path.startswith("/search")]
    assert again == searched
    assert len(messages_to(RIVAL)) == 2


def test_the_searches_of_one_request_are_limited(
    make_app, shop_site: StoreSite, no_teapot: StoreSite
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], PRODUCT_SEARCHES_PER_REQUEST=1)
    with app.app_context(), serve(teapot_rival()) as rival_site:
        own = store_for(shop_site, "Kettles")
        sites = [no_teapot, rival_site]
        rivals = [
            store_for(site, f"Rival {n}", f"r{n}@rival.example") for n, site in enumerate(sites)
        ]
        link_competitors(own, *rivals)
        db.session.commit()
        post(shop_site)
        searches = [
            path
            for site in (no_teapot, rival_site)
            for path in site.paths_requested()
            if path.startswith("/search")
        ]
        assert len(searches) == 1


def test_a_search_lost_with_its_worker_is_queued_again_by_the_sweep(
    own: Store, shop_site: StoreSite, rival_site: StoreSite
) -> None:
    rival = store_for(rival_site, "Rival", RIVAL)
    link_competitors(own, rival)
    post(shop_site)
    dispatch = competitor_dispatch(rival)
    # As if the worker had stopped before deciding: still matching, planned long ago.
    dispatch.status = DispatchStatus.MATCHING
    dispatch.updated_at = datetime.now(UTC) - timedelta(minutes=30)
    db.session.query(ProductMatch).delete()
    db.session.commit()
    tasks.sweep_outbox.call_local()
    db.session.expire_all()
    assert competitor_dispatch(rival).status == DispatchStatus.SENT


def test_a_new_store_learns_its_trade_from_its_pages_and_competitors_are_found(
    local_app: Flask, shop_site: StoreSite, rival_site: StoreSite
) -> None:
    """No operator linked anyone: the product page's category path puts the shop in the
    directory's "Tea" category, where the rival already is."""
    shop_site.pages["/p/teapot"] = product_page(
        "Cast-iron teapot", "45.50", brand="Tetsu", gtin=TEAPOT_EAN, category="Tea > Teapots"
    )
    tea = Category(name="Tea", slug="tea")
    rival = store_for(rival_site, "Rival", RIVAL)
    rival.categories.append(tea)
    db.session.commit()
    request = post(shop_site)
    assert [c.slug for c in request.product.store.categories] == ["tea"]
    assert request.product.category == "Tea > Teapots"
    (message,) = messages_to(RIVAL)
    assert rival_site.url("/products/tetsu-teapot-0-8l") in message.text_body
