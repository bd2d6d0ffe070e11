"""Products: canonical URLs, one product per page, snapshots read from the store's page."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import FetchStatus, Product, Store, StoreStatus
from discountmarket.outreach.http import FetchError
from discountmarket.services import catalog
from tests.factories import ProductFactory, StoreFactory
from tests.sites import StoreSite


def test_links_to_one_page_are_one_product_of_one_store(app: Flask) -> None:
    first = catalog.product_for_url("https://www.kettles.example/p/1?utm_medium=mail")
    again = catalog.product_for_url("https://WWW.kettles.example/p/1#top")
    other = catalog.product_for_url("https://shop.kettles.example/p/2")
    db.session.commit()
    assert again.id == first.id and other.id != first.id
    assert first.fetch_status == FetchStatus.PENDING and first.url.endswith("/p/1")
    (store,) = db.session.scalars(sa.select(Store)).all()
    assert store.domain == "kettles.example" and store.status == StoreStatus.UNVERIFIED
    assert first.store_id == other.store_id == store.id


def test_a_new_product_and_store_wait_for_the_callers_commit(app: Flask) -> None:
    catalog.product_for_url("https://www.kettles.example/p/1")
    db.session.rollback()  # e.g. the request it was for was refused
    assert db.session.scalars(sa.select(Product)).all() == []
    assert db.session.scalars(sa.select(Store)).all() == []


def test_a_product_of_a_known_store_joins_it(app: Flask) -> None:
    known = StoreFactory(domain="kettles.example", status=StoreStatus.ACTIVE)
    db.session.commit()
    product = catalog.product_for_url("https://www.kettles.example/p/9")
    assert product.store_id == known.id
    assert db.session.get(Store, known.id).status == StoreStatus.ACTIVE


@pytest.mark.parametrize(
    ("status", "needed"),
    [
        (FetchStatus.PENDING, True),
        (FetchStatus.FAILED, True),
        (FetchStatus.FETCHED, False),
        (FetchStatus.MANUAL, False),
    ],
)
def test_which_products_need_a_fetch(app: Flask, status: FetchStatus, needed: bool) -> None:
    assert catalog.needs_fetch(ProductFactory(fetch_status=status)) is needed


def test_fetching_reads_title_price_currency_and_image(
    local_app: Flask, shop_site: StoreSite
) -> None:
    fetched = catalog.fetch(shop_site.url("/p/kettle"))
    snapshot = fetched.snapshot
    assert (snapshot.title, snapshot.price, snapshot.currency) == (
        "Copper kettle",
        Decimal("80.00"),
        "EUR",
    )
    assert snapshot.image == shop_site.url("/img/kettle.jpg")
    assert fetched.result.url == shop_site.url("/p/kettle")


@pytest.mark.parametrize(
    ("path", "code"),
    [("/nothing-here", "no_product"), ("/about", "not_product"), ("/gone", "http_error")],
)
def test_a_page_without_a_product_is_an_error(
    local_app: Flask, shop_site: StoreSite, path: str, code: str
) -> None:
    with pytest.raises(FetchError) as error:
        catalog.fetch(shop_site.url(path))
    assert error.value.code == code


def test_a_private_address_is_never_fetched(app: Flask, shop_site: StoreSite) -> None:
    with pytest.raises(FetchError) as error:
        catalog.fetch(shop_site.url("/p/kettle"))
    assert error.value.code == "blocked_address"
    assert shop_site.requests == []


def test_refreshing_stores_the_snapshot(local_app: Flask, shop_site: StoreSite) -> None:
    product = catalog.product_for_url(shop_site.url("/p/teapot"))
    db.session.commit()
    refreshed = catalog.refresh_snapshot(product.id)
    db.session.expire_all()
    product = db.session.get(Product, product.id)
    assert refreshed is not None and refreshed.id == product.id
    assert (product.title, product.price, product.currency) == ("Cast-iron teapot", 45.5, "EUR")
    assert product.image_url == shop_site.url("/img/p.jpg")
    assert product.fetch_status == FetchStatus.FETCHED and product.fetch_error is None
    assert product.fetched_at is not None


def test_a_failed_refresh_is_recorded_and_a_later_one_clears_it(
    local_app: Flask, shop_site: StoreSite
) -> None:
    page = shop_site.pages.pop("/p/kettle")
    product = catalog.product_for_url(shop_site.url("/p/kettle"))
    db.session.commit()
    catalog.refresh_snapshot(product.id)
    db.session.refresh(product)
    assert (product.fetch_status, product.fetch_error) == (FetchStatus.FAILED, "http_error")
    assert product.title is None and product.fetched_at is not None
    assert catalog.needs_fetch(product)

    shop_site.pages["/p/kettle"] = page
    catalog.refresh_snapshot(product.id)
    db.session.refresh(product)
    assert (product.fetch_status, product.fetch_error) == (FetchStatus.FETCHED, None)
    assert product.title == "Copper kettle"


def test_a_shoppers_own_details_are_never_overwritten(
    local_app: Flask, shop_site: StoreSite
) -> None:
    product = catalog.product_for_url(shop_site.url("/p/kettle"))
    db.session.commit()
    catalog.set_manually(product, "Kettle, copper, 1.5 l", Decimal("79.99"), "GBP")
    db.session.expire_all()
    product = db.session.get(Product, product.id)
    assert product.fetch_status == FetchStatus.MANUAL
    catalog.refresh_snapshot(product.id)
    db.session.refresh(product)
    assert (product.title, product.price, product.currency) == (
        "Kettle, copper, 1.5 l",
        Decimal("79.99"),
        "GBP",
    )
    assert shop_site.paths_requested() == []


def test_refreshing_a_missing_product_does_nothing(app: Flask) -> None:
    assert catalog.refresh_snapshot(12345) is None


def test_fetch_errors_read_in_plain_language(app: Flask) -> None:
    assert "too long" in catalog.fetch_error_message("timeout")
    assert "private network" in catalog.fetch_error_message("blocked_address")
    assert catalog.fetch_error_message("never-heard-of-it") == catalog.fetch_error_message(None)
    assert "could not read" in catalog.fetch_error_message(None)
