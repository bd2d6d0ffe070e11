"""What a store receives is a real product at a plausible price (issue 14, points 1, 2, 6):
requests for pages that are no product's page are refused, a request waits until its
product and price are known, implausible asks are refused or held for the shopper to
change, and nothing unsent is public."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from discountmarket.config import ConfigError
from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Dispatch,
    DispatchStatus,
    Product,
    RequestStatus,
)
from discountmarket.outreach import page_kind
from tests.conftest import AuthActions, FormPoster
from tests.factories import UserFactory
from tests.sites import Page, StoreSite, product_page, serve
from tests.smtp import RecordingHandler

CONTACT_DECLARED = """<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ContactPage", "name": "Contact us"}
</script></head><body><h1>Contact us</h1><p>Write to sales@lamps.example</p></body></html>"""
LISTING = (
    """<html><body><h1>Lamps</h1>"""
    + "".join(
        f'<div itemscope itemtype="https://schema.org/Product">'
        f'<span itemprop="name">Lamp {n}</span>'
        f'<div itemprop="offers" itemscope itemtype="https://schema.org/Offer">'
        f'<span itemprop="price" content="{n}9.00">€{n}9</span>'
        f'<meta itemprop="priceCurrency" content="EUR"></div></div>'
        for n in range(1, 5)
    )
    + "</body></html>"
)
HOME = """<html><body><h1>Lamps</h1><footer>Write to
<a href="mailto:sales@lamps.example">sales@lamps.example</a></footer></body></html>"""
NO_PRICE = "<html><body><h1>Brass desk lamp</h1><p>Ask us for the price.</p></body></html>"


@pytest.fixture
def shop() -> StoreSite:
    site = StoreSite(
        pages={
            "/": Page(HOME),
            "/p/1": product_page("Brass desk lamp", "120.00"),
            "/p/2": product_page("Floor lamp", "240.00"),
            "/p/get-in-touch": Page(CONTACT_DECLARED),
            "/p/lamps-overview": Page(LISTING),
            "/p/ask-for-price": Page(NO_PRICE),
        }
    )
    with serve(site):
        yield site


@pytest.fixture
def shopper(make_app, smtp: RecordingHandler):  # type: ignore[no-untyped-def]
    app = make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1"], SMTP_URL=smtp.url)
    with app.app_context():
        UserFactory(email="s@example.com")
        db.session.commit()
        forms = FormPoster(app.test_client())
        AuthActions(forms).login("s@example.com")
        yield forms
        db.session.remove()


def _post(forms: FormPoster, url: str, **fields: str):  # type: ignore[no-untyped-def]
    data = {"url": url, "quantity": "1", "valid_days": "7", **fields}
    return forms.post("/my/requests/new", data)


def _request() -> DiscountRequest:
    db.session.rollback()  # see what the app committed
    return db.session.scalars(
        sa.select(DiscountRequest).order_by(DiscountRequest.id.desc())
    ).first()


def _sent(request: DiscountRequest) -> list[Dispatch]:
    db.session.rollback()  # see what the app committed
    return list(
        db.session.scalars(
            sa.select(Dispatch).where(
                Dispatch.request_id == request.id, Dispatch.status == DispatchStatus.SENT
            )
        )
    )


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/", "home"),
        ("/contact", "contact"),
        ("/pages/contact", "contact"),
        ("/cart", "cart"),
        ("/checkout/onepage/", "cart"),
        ("/search?q=lamp", "search"),
        ("/catalogsearch/result/?q=lamp", "search"),
        ("/collections/lamps", "category"),
        ("/product-category/lamps/", "category"),
        ("/account/login", "account"),
        ("/index.php?route=product/category&path=20", "category"),
    ],
)
def test_addresses_of_other_pages_are_refused_at_once(
    shopper: FormPoster, shop: StoreSite, path: str, kind: str
) -> None:
    assert page_kind.kind_of_url(shop.url(path)) == kind
    response = _post(shopper, shop.url(path))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "paste the address of its page" in page
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 0
    assert shop.requests == []  # refused before anything was fetched


@pytest.mark.parametrize(
    "path",
    [
        "/products/brass-lamp",
        "/collections/lamps/products/brass-lamp",
        "/product/brass-lamp/",
        "/brass-lamp.html",
        "/index.php?route=product/product&product_id=42",
        "/catalog/lighting/brass-lamp-123/",
        "/shop/brass-lamp",
        "/contact-lens-solution-250ml",
    ],
)
def test_product_addresses_of_the_common_platforms_pass(path: str) -> None:
    assert page_kind.kind_of_url(f"https://lamps.example{path}") is None


@pytest.mark.parametrize(
    ("path", "kind"), [("/p/get-in-touch", "contact"), ("/p/lamps-overview", "category")]
)
def test_a_page_that_says_it_is_no_product_page_is_never_sent(
    shopper: FormPoster, shop: StoreSite, smtp: RecordingHandler, path: str, kind: str
) -> None:
    response = _post(shopper, shop.url(path), target_price="50")
    assert response.status_code == 302
    request = _request()
    assert request.product.fetch_error == f"not_product:{kind}"
    assert _sent(request) == [] and smtp.messages == []
    page = shopper.client.get(response.location).get_data(as_text=True)
    assert "Not sent to any store" in page and "Tell us about the product" not in page
    board = shopper.client.get("/board").get_data(as_text=True)
    assert request.public_slug not in board
    # A second shopper pasting the same address is refused at once.
    again = _post(shopper, shop.url(path), target_price="40")
    assert again.status_code == 200 and "paste the address of its page" in again.get_data(
        as_text=True
    )


def test_without_a_price_the_request_waits_for_the_shoppers_details(
    shopper: FormPoster, shop: StoreSite, smtp: RecordingHandler
) -> None:
    response = _post(shopper, shop.url("/p/ask-for-price"), target_price="80")
    request = _request()
    assert _sent(request) == [] and smtp.messages == []
    assert request.public_slug not in shopper.client.get("/board").get_data(as_text=True)
    # The form is in the live fragment: it appears without a reload.
    live = shopper.client.get(f"{response.location}/live").get_data(as_text=True)
    assert "Tell us about the product" in live and 'value="Brass desk lamp"' in live
    assert "waits for you" in live
    refused = shopper.post(
        f"{response.location}/product", {"title": "Brass desk lamp", "price": "100"}
    )  # no currency: a price without one is refused
    assert refused.status_code == 302 and _sent(request) == []
    shopper.post(
        f"{response.location}/product",
        {"title": "Brass desk lamp", "price": "100", "currency": "EUR"},
    )
    assert _sent(request)  # its messages went the moment the details were known


def test_an_implausible_ask_is_refused_when_the_price_is_known(
    shopper: FormPoster, shop: StoreSite
) -> None:
    _post(shopper, shop.url("/p/1"), target_price="100")  # read: €120.00
    first = _request()
    assert first.product.price == Decimal("120.00")
    shopper.post(f"/my/requests/{first.id}/cancel", {"confirmed": "1"}, page="/my/requests")
    for ask, words in (
        ({"target_price": "9999999"}, "ask for less than that"),
        ({"target_price": "120"}, "ask for less than that"),
        ({"target_price": "59.99"}, "ask for at least €60.00"),
        ({"target_percent": "60"}, "ask for at least €60.00"),
    ):
        response = _post(shopper, shop.url("/p/1"), **ask)
        assert response.status_code == 200, ask
        assert words in response.get_data(as_text=True), ask
    assert _post(shopper, shop.url("/p/1"), target_price="60").status_code == 302


def test_an_implausible_ask_found_after_reading_waits_for_a_new_one(
    shopper: FormPoster, shop: StoreSite, smtp: RecordingHandler
) -> None:
    response = _post(shopper, shop.url("/p/2"), target_price="1000")  # read after posting
    request = _request()
    assert _sent(request) == [] and smtp.messages == []
    live = shopper.client.get(f"{response.location}/live").get_data(as_text=True)
    assert "Change your ask" in live and "ask for less than that" in live
    too_low = shopper.post(
        f"{response.location}/ask", {"target_price": "10"}, page=response.location
    )
    assert too_low.status_code == 302 and _sent(request) == []
    shopper.post(f"{response.location}/ask", {"target_price": "200"}, page=response.location)
    assert _sent(request) and request.target_price == Decimal("200.00")
    # Once stores have it, the ask cannot change under them.
    shopper.post(f"{response.location}/ask", {"target_price": "190"}, page=response.location)
    db.session.rollback()  # see what the app committed
    assert request.target_price == Decimal("200.00")


def test_a_closed_requests_page_does_not_promise_updates(
    shopper: FormPoster, shop: StoreSite
) -> None:
    response = _post(shopper, shop.url("/p/1"), target_price="100")
    shopper.post(f"{response.location}/cancel", {"confirmed": "1"}, page=response.location)
    assert _request().status == RequestStatus.CANCELLED
    page = shopper.client.get(response.location).get_data(as_text=True)
    assert "updates by itself" not in page and "Tell us about the product" not in page


def test_an_app_refuses_an_ask_floor_that_is_no_share(make_app) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError):
        make_app(ASK_FLOOR=1.5)


def test_the_form_reads_a_pasted_address_before_posting(
    shopper: FormPoster, shop: StoreSite
) -> None:
    """The price field's currency is known before posting; nothing is stored by looking."""

    def preview(url: str) -> dict:
        response = shopper.post("/my/requests/preview", {"url": url}, page="/my/requests/new")
        assert response.status_code == 200
        return response.get_json()

    found = preview(shop.url("/p/1"))
    assert found == {
        "title": "Brass desk lamp",
        "listed": "€120.00",
        "currency": "EUR",
        "refusal": None,
    }
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(Product.id))) == 0
    assert "paste the address of its page" in preview(shop.url("/cart"))["refusal"]
    assert "contact page" in preview(shop.url("/p/get-in-touch"))["refusal"]
    assert preview("not a url")["refusal"]
    # Without the CSRF token nothing is read.
    bare = shopper.client.post("/my/requests/preview", data={"url": shop.url("/p/2")})
    assert bare.status_code == 400
