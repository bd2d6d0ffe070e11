"""Every numeric form field and numeric query parameter, fed hostile numbers through HTTP
(with CSRF, as the role it needs): never a 500, and nothing non-finite or out of bounds
is ever stored."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discountmarket import numbers
from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Offer, Product, Role
from tests.property.hostile_numbers import board_cursors, hostile_numbers
from tests.property.test_form_endpoints import (
    POST_RULES,
    VALID,
    build_world,
    role_for,
    sign_in,
    url_for_rule,
)

# (endpoint, numeric field): every number a form takes.
NUMERIC_FIELDS = [
    ("shopper.new_request", "target_price"),
    ("shopper.new_request", "target_percent"),
    ("shopper.new_request", "quantity"),
    ("shopper.new_request", "valid_days"),
    ("shopper.set_product", "price"),
    ("shopper.accept_offer", "version"),
    ("store.answer", "price"),
    ("store.answer", "percent"),
    ("store.portal_answer", "price"),
    ("store.portal_answer", "percent"),
    ("ops.new_store", "categories"),
    ("ops.edit_store", "categories"),
    ("ops.add_contact", "level"),
]
RULES = dict(POST_RULES)

# (role, path, numeric parameter): every number a page reads from its query string.
QUERY_NUMBERS = [
    (Role.OPERATOR, "/ops/mail", "page"),
    (Role.OPERATOR, "/ops/dispatches", "before"),
    (Role.OPERATOR, "/ops/dispatches?status=sent&channel=email", "before"),
    (Role.OPERATOR, "/ops/stores", "after"),
    (Role.OPERATOR, "/ops/stores?q=shop", "after"),
    (Role.OPERATOR, "/ops/stores", "category"),
    (Role.OPERATOR, "/ops/metrics", "days"),
]
HYPOTHESIS = settings(
    max_examples=25,
    derandomize=True,  # the same examples on every run: CI is never flaky
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def nothing_unbounded_stored() -> None:
    checks = [
        (Offer.price, numbers.PRICE),
        (Offer.percent, numbers.PERCENT),
        (DiscountRequest.target_price, numbers.PRICE),
        (DiscountRequest.target_percent, numbers.PERCENT),
        (Product.price, numbers.PRICE),
    ]
    for column, rule in checks:
        for value in db.session.scalars(sa.select(column).where(column.is_not(None))):
            assert rule.contains(value), (column, value)
    for quantity in db.session.scalars(sa.select(DiscountRequest.quantity)):
        assert 1 <= quantity <= 99


@pytest.mark.parametrize(("endpoint", "field"), NUMERIC_FIELDS, ids=map("-".join, NUMERIC_FIELDS))
def test_numeric_field_never_answers_500(make_app: Any, endpoint: str, field: str) -> None:
    app: Flask = make_app(LOGIN_RATE_LIMIT="10000 per minute")
    with app.app_context():
        world = build_world()
        client = app.test_client()
        token = sign_in(client, role_for(endpoint), world)

        @HYPOTHESIS
        @given(value=st.one_of(hostile_numbers, st.lists(hostile_numbers, min_size=2, max_size=3)))
        def post(value: Any) -> None:
            url = url_for_rule(endpoint, RULES[endpoint], world, "confirm")
            data = {**VALID.get(endpoint, {}), field: value, "csrf_token": token}
            response = client.post(url, data=data)
            assert response.status_code not in (500, 429), (url, value)
            nothing_unbounded_stored()

        post()
        db.session.remove()


@pytest.mark.parametrize(("role", "path", "name"), QUERY_NUMBERS, ids=[q[2] for q in QUERY_NUMBERS])
def test_numeric_query_parameter_never_answers_500(
    make_app: Any, role: Role, path: str, name: str
) -> None:
    app: Flask = make_app(LOGIN_RATE_LIMIT="10000 per minute")
    with app.app_context():
        world = build_world()
        client = app.test_client()
        sign_in(client, role, world)

        @HYPOTHESIS
        @given(value=hostile_numbers)
        def get(value: str) -> None:
            base, _, fixed = path.partition("?")
            query = dict(pair.split("=") for pair in fixed.split("&") if pair)
            response = client.get(base, query_string={**query, name: value})
            assert response.status_code in (200, 400), (path, name, value)

        get()
        db.session.remove()


def test_crafted_board_cursors_never_answer_500(make_app: Any) -> None:
    app: Flask = make_app()
    with app.app_context():
        build_world()
        client = app.test_client()

        @settings(HYPOTHESIS, max_examples=80)
        @given(cursor=board_cursors)
        def get(cursor: str) -> None:
            for sort in ("newest", "ending", "offers", "saving"):
                response = client.get("/board", query_string={"sort": sort, "after": cursor})
                assert response.status_code == 200, (sort, cursor)

        get()
        db.session.remove()
