"""Shoppers posting and following requests, through HTTP, against a local store site."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    FetchStatus,
    Product,
    RequestStatus,
    Store,
    User,
)
from tests.conftest import AuthActions, FormPoster
from tests.factories import DiscountRequestFactory, UserFactory
from tests.sites import Page, StoreSite, product_page


def shopper_forms(app: Flask, email: str = "s@example.com") -> FormPoster:
    UserFactory(email=email)
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login(email)
    return forms


def post(forms: FormPoster, url: str, **fields):  # type: ignore[no-untyped-def]
    data = {"url": url, "quantity": "1", "valid_days": "7", "ask_competitors": "y", **fields}
    return forms.post("/my/requests/new", data)


def test_post_a_request_and_see_the_product(local_app: Flask, site: StoreSite) -> None:
    site.pages["/p/lamp"] = product_page("Nice Lamp", "1299.00", image="/img/lamp.jpg")
    forms = shopper_forms(local_app)
    response = post(
        forms,
        site.url("/p/lamp?utm_source=mail#reviews"),
        target_price="1100",
        note="Hi!",
        shopper_location="Brno",
    )
    assert response.status_code == 302
    request = db.session.scalar(sa.select(DiscountRequest))
    assert response.location == f"/my/requests/{request.id}"
    assert request.target_price == Decimal("1100.00") and request.note == "Hi!"
    assert request.ask_competitors and not request.share_contact
    product = request.product
    assert product.url == site.url("/p/lamp")  # tracking and fragment dropped
    assert product.fetch_status == FetchStatus.FETCHED
    assert (product.title, product.price, product.currency) == (
        "Nice Lamp",
        Decimal("1299.00"),
        "EUR",
    )
    assert product.image_url == site.url("/img/lamp.jpg")
    assert product.store.domain == f"127.0.0.1:{site.port}"
    assert "DiscountMarketBot" in site.requests[-1][2]["User-Agent"]

    html = forms.client.get(response.location).get_data(as_text=True)
    assert "Nice Lamp" in html and "€1,299.00" in html and "Reading the product page" not in html


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"url": ""}, "url"),
        ({"url": "ftp://files.example/p"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "http://10.0.0.1/p"}, "url"),
        ({"target_price": "10", "target_percent": "5"}, "target_percent"),
        ({"target_price": "-3"}, "target_price"),
        ({"target_percent": "95"}, "target_percent"),
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "100"}, "quantity"),
        ({"valid_days": "31"}, "valid_days"),
        ({"note": "x" * 1001}, "note"),
    ],
)
def test_bad_input_is_reported_next_to_the_field_and_nothing_is_stored(
    local_app: Flask, site: StoreSite, fields: dict, error_field: str
) -> None:
    forms = shopper_forms(local_app)
    response = post(forms, fields.pop("url", site.url("/p/x")), **fields)
    assert response.status_code == 200
    assert f'id="{error_field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Product.id))) == 0


def test_one_open_request_per_product(local_app: Flask, site: StoreSite) -> None:
    site.pages["/p/1"] = product_page("Kettle", "40")
    forms = shopper_forms(local_app)
    first = post(forms, site.url("/p/1"))
    again = post(forms, site.url("/p/1?utm_campaign=x"))
    assert again.status_code == 302 and again.location == first.location
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 1


def test_hostnames_of_one_registrable_domain_are_one_store(app: Flask) -> None:
    from discountmarket import weburl
    from discountmarket.services import catalog

    assert weburl.registrable_domain("https://shop.example.co.uk/a") == "example.co.uk"
    assert weburl.registrable_domain("http://WWW.Example.co.uk./b") == "example.co.uk"
    assert weburl.registrable_domain("http://127.0.0.1:8080/") == "127.0.0.1:8080"
    first = catalog.product_for_url("https://shop.example.co.uk/a")
    second = catalog.product_for_url("https://www.example.co.uk/b")
    db.session.commit()
    assert first.store_id == second.store_id
    (store,) = db.session.scalars(sa.select(Store)).all()
    assert store.domain == "example.co.uk" and store.status.value == "unverified"


def test_failed_fetch_explains_and_accepts_manual_details(
    local_app: Flask, site: StoreSite
) -> None:
    forms = shopper_forms(local_app)
    response = post(forms, site.url("/gone"))
    html = forms.client.get(response.location).get_data(as_text=True)
    assert "The store&#39;s site answered with an error" in html
    request = db.session.scalar(sa.select(DiscountRequest))
    assert request.product.fetch_status == FetchStatus.FAILED
    forms.post(
        f"/my/requests/{request.id}/product",
        {"title": "Blue kettle 1.7 l", "price": "39.90", "currency": "eur"},
        page=response.location,
    )
    db.session.refresh(request.product)
    assert request.product.fetch_status == FetchStatus.MANUAL
    assert (request.product.title, request.product.price, request.product.currency) == (
        "Blue kettle 1.7 l",
        Decimal("39.90"),
        "EUR",
    )


def test_robots_and_non_html_are_explained(local_app: Flask, site: StoreSite) -> None:
    site.pages["/robots.txt"] = Page(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.pages["/file.pdf"] = Page(b"%PDF-1.4", content_type="application/pdf")
    forms = shopper_forms(local_app)
    html = forms.client.get(post(forms, site.url("/private/p")).location).get_data(as_text=True)
    assert "asks robots not to read this page" in html
    html = forms.client.get(post(forms, site.url("/file.pdf")).location).get_data(as_text=True)
    assert "not a web page" in html
    site.pages["/empty"] = Page("<html><body><p>Welcome!</p></body></html>")
    html = forms.client.get(post(forms, site.url("/empty")).location).get_data(as_text=True)
    assert "could not find a product name or price" in html


def test_other_shoppers_cannot_see_or_touch_a_request(app: Flask) -> None:
    request = DiscountRequestFactory()
    db.session.commit()
    forms = shopper_forms(app, "other@example.com")
    assert forms.client.get(f"/my/requests/{request.id}").status_code == 404
    assert forms.client.get(f"/my/requests/{request.id}/live").status_code == 404
    response = forms.post(
        f"/my/requests/{request.id}/cancel", {"confirmed": "1"}, page="/my/requests"
    )
    assert response.status_code == 404
    db.session.refresh(request)
    assert request.status == RequestStatus.OPEN


def test_cancel_and_reopen_once(app: Flask) -> None:
    forms = shopper_forms(app)
    shopper = db.session.scalar(sa.select(User).filter_by(email="s@example.com"))
    request = DiscountRequestFactory(shopper=shopper)
    db.session.commit()
    page = f"/my/requests/{request.id}"
    asked = forms.post(f"{page}/cancel", {}, page=page)  # first: what will happen?
    assert asked.status_code == 200 and "Yes, cancel the request" in asked.get_data(as_text=True)
    db.session.refresh(request)
    assert request.status == RequestStatus.OPEN
    forms.post(f"{page}/cancel", {"confirmed": "1"}, page=page)
    db.session.refresh(request)
    assert request.status == RequestStatus.CANCELLED
    # A cancelled request cannot be re-opened; an expired one can, once.
    forms.post(f"{page}/reopen", {}, page=page)
    db.session.refresh(request)
    assert request.status == RequestStatus.CANCELLED
    request.status = RequestStatus.EXPIRED
    db.session.commit()
    forms.post(f"{page}/reopen", {}, page=page)
    db.session.refresh(request)
    assert request.status == RequestStatus.OPEN and request.reopened_at is not None
    request.status = RequestStatus.EXPIRED
    db.session.commit()
    html = forms.post(f"{page}/reopen", {}, page=page, follow_redirects=True).get_data(as_text=True)
    assert "only once" in html
    db.session.refresh(request)
    assert request.status == RequestStatus.EXPIRED
