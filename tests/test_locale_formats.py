"""Prices, numbers, percentages, dates and counted words as each language writes them:
the pages in the reader's language, the e-mails to a store in the store's."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import Role
from discountmarket.services.store_messages import Outreach, compose_email, compose_form_message
from tests.factories import (
    DiscountRequestFactory,
    OfferFactory,
    ProductFactory,
    UserFactory,
    reach_a_store,
)
from tests.security.test_stored_xss import signed_in
from tests.test_translations import CATALOGUE

NBSP = "\u00a0"
LATER = datetime(2030, 3, 5, 12, 0, tzinfo=UTC)
RU_LATER = "5 мар. 2030 г."  # noqa: RUF001 — Cyrillic on purpose (the year abbreviation)

pytestmark = pytest.mark.skipif(
    not CATALOGUE.with_suffix(".mo").exists(), reason="compiled by `make` (pybabel compile)"
)


def page(client: FlaskClient, url: str, language: str) -> str:
    response = client.get(url, headers={"Accept-Language": language})
    assert response.status_code == 200
    # Babel separates with no-break spaces (U+00A0, U+202F); compare them as spaces.
    return response.get_data(as_text=True).replace(NBSP, " ").replace("\u202f", " ")


def a_request_in_roubles():  # type: ignore[no-untyped-def]
    product = ProductFactory(price=Decimal("1234.50"), currency="RUB")
    request = DiscountRequestFactory(
        product=product, target_price=None, target_percent=Decimal("12.5")
    )
    OfferFactory(request=request, price=Decimal("1100.00"), currency="RUB", valid_until=LATER)
    reach_a_store(request)  # on the board
    db.session.commit()
    return request


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", ["RUB 1,234.50", "RUB 1,100.00", "12.5% off", "Mar 5, 2030"]),
        ("ru", ["1 234,50 ₽", "1 100,00 ₽", "скидка 12,5 %", RU_LATER]),
    ],
)
def test_the_public_request_page_formats_for_its_reader(
    app: Flask, client: FlaskClient, language: str, shown: list[str]
) -> None:
    request = a_request_in_roubles()
    html = page(client, f"/r/{request.public_slug}", language)
    for text in shown:
        assert text in html, text
    board = page(client, "/board", language)
    assert shown[0] in board and shown[2] in board


@pytest.mark.parametrize(("language", "date"), [("en", "Mar 5, 2030"), ("ru", RU_LATER)])
def test_dates_on_the_shoppers_pages_use_the_month_names_of_the_language(
    app: Flask, language: str, date: str
) -> None:
    shopper = UserFactory(email="s@example.com")
    DiscountRequestFactory(shopper=shopper, expires_at=LATER)
    db.session.commit()
    html = page(signed_in(app, "s@example.com"), "/my/requests", language)
    assert date in html


@pytest.mark.parametrize(
    ("language", "periods"),
    [("en", ["Last 7 days", "Last 30 days"]), ("ru", ["Последние 7 дней", "Последние 30 дней"])],
)
def test_the_metrics_periods_count_days_in_the_language(
    app: Flask, language: str, periods: list[str]
) -> None:
    UserFactory(email="ops@example.com", role=Role.OPERATOR)
    db.session.commit()
    html = page(signed_in(app, "ops@example.com"), "/ops/metrics", language)
    for period in periods:
        assert period in html


@pytest.mark.parametrize(
    ("locale", "subject", "price"),
    [
        ("en", "2 shoppers ask Shop for a discount", "RUB 1,234.50"),
        ("ru", "Shop: 2 покупателя просят скидку", "1 234,50 ₽"),
    ],
)
def test_a_store_reads_prices_and_counts_in_its_own_language(
    app: Flask, locale: str, subject: str, price: str
) -> None:
    product = ProductFactory(price=Decimal("2000.00"), currency="RUB", store__locale=locale)
    product.store.name = "Shop"
    first = DiscountRequestFactory(product=product, target_price=Decimal("1234.50"))
    second = DiscountRequestFactory(product=product, target_price=Decimal("1500.00"))
    db.session.commit()
    with app.test_request_context(headers={"Accept-Language": "de"}):
        outreach = Outreach(
            store=product.store,
            requests=[first, second],
            dispatch_ids=[1, 2],
            address="shop@example.com",
        )
        message = compose_email(outreach)
        form_subject, form_text = compose_form_message(outreach)
    assert message.subject == form_subject == subject
    for text in (message.text, message.html, form_text):
        assert price in text.replace(NBSP, " ")
