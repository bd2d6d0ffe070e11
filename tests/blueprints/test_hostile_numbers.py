"""The outside review's hostile numbers, through the real endpoints: NaN, sNaN, infinities,
exponents and absurd sizes in forms and query strings are refused next to the field or
ignored, never a 500 and never stored."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import (
    DiscountRequest,
    Offer,
    OfferStatus,
    Role,
    StoreMembership,
    User,
)
from discountmarket.services import board
from tests.conftest import AuthActions, FormPoster
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    UserFactory,
    answer_token,
)

HOSTILE = ["NaN", "sNaN", "-NaN", "Infinity", "-Infinity", "inf", "1e400", "1e10", "1E2"]


def signed_in(app: Flask, role: Role, email: str) -> FormPoster:
    UserFactory(email=email, role=role)
    db.session.commit()
    forms = FormPoster(app.test_client())
    assert AuthActions(forms).login(email).status_code == 302
    return forms


INTEGERS = ["NaN", "Infinity", "1e400", "1" * 5_000, "\u0663", "1.5"]
REQUEST_NUMBERS = [
    *((field, value) for field in ("target_price", "target_percent") for value in HOSTILE),
    *((field, value) for field in ("quantity", "valid_days") for value in INTEGERS),
]


@pytest.mark.parametrize(("field", "value"), REQUEST_NUMBERS)
def test_request_form_refuses_hostile_numbers(app: Flask, field: str, value: str) -> None:
    forms = signed_in(app, Role.SHOPPER, "s@example.com")
    data = {"url": "https://shop.example/p/1", "quantity": "1", "valid_days": "7", field: value}
    response = forms.post("/my/requests/new", data)
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 0


def _answer(**fields: str) -> dict[str, str]:
    valid_until = (date.today() + timedelta(days=10)).isoformat()
    return {"kind": "offer", "terms": "Order by phone.", "valid_until": valid_until, **fields}


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("field", ["price", "percent"])
def test_answer_link_refuses_hostile_numbers(app: Flask, field: str, value: str) -> None:
    request = DiscountRequestFactory()
    DispatchFactory(request=request, store=request.product.store)
    db.session.commit()
    url = "/store/answer/" + answer_token(request, request.product.store)
    response = FormPoster(app.test_client()).post(url, _answer(**{field: value}))
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e10", "10000000000"])
def test_portal_answer_refuses_hostile_numbers(app: Flask, value: str) -> None:
    request = DiscountRequestFactory()
    store = request.product.store
    DispatchFactory(request=request, store=store)
    forms = signed_in(app, Role.STORE_MANAGER, "m@example.com")
    manager = db.session.scalar(sa.select(User).filter_by(email="m@example.com"))
    db.session.add(StoreMembership(user_id=manager.id, store_id=store.id))
    db.session.commit()
    url = f"/store/stores/{store.id}/requests/{request.id}"
    response = forms.post(url, _answer(price=value))
    assert response.status_code == 200
    assert 'id="price-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


def test_an_infinite_price_is_never_stored_or_shown(app: Flask) -> None:
    """On SQLite "Infinity" used to be stored and the board showed "∞"."""
    request = DiscountRequestFactory()
    DispatchFactory(request=request, store=request.product.store)
    db.session.commit()
    url = "/store/answer/" + answer_token(request, request.product.store)
    FormPoster(app.test_client()).post(url, _answer(price="Infinity"))
    public = app.test_client().get(f"/r/{request.public_slug}").get_data(as_text=True)
    assert "∞" not in public and "inf" not in public.lower().replace("info", "")
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


@pytest.mark.parametrize(
    "version", ["1" * 5_000, "99999999999999999999", "-1", "\u0661", "NaN", ""]
)
def test_accept_refuses_an_absurd_version(app: Flask, version: str) -> None:
    offer = OfferFactory(request=DiscountRequestFactory(shopper__email="s@example.com"))
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login("s@example.com")
    page = f"/my/requests/{offer.request_id}"
    response = forms.post(f"/my/offers/{offer.id}/accept", {"version": version}, page=page)
    assert response.status_code == 400
    db.session.refresh(offer)
    assert offer.status == OfferStatus.ACTIVE


def _cursor(payload: object) -> str:
    raw = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


CURSORS = [
    _cursor(["saving", "NaN", 1]),
    _cursor(["saving", "sNaN", 1]),
    _cursor(["saving", "Infinity", 1]),
    _cursor(["saving", "1e400", 1]),
    _cursor(["saving", 1e308, 1]),
    b"WyJzYXZpbmciLCBOYU4sIDFd".decode(),  # ["saving", NaN, 1]: JSON's own NaN
    _cursor(["saving", "1", 10**30]),
    _cursor(["offers", 10**30, 1]),
    _cursor(["offers", 1, -(10**30)]),
    _cursor(["newest", "2026-01-01T00:00:00+00:00", 2**63]),
    _cursor(["newest", {"a": [1, {"b": 2}]}, 1]),
    _cursor(["newest", ["nested"], 1]),
    _cursor(["offers", True, True]),
    _cursor({"saving": 1, "x": 2, "y": 3}),
    _cursor(b"[" * 100_000),
    _cursor(b"\xff\xfe\x00garbage"),
    "%%%not-base64",
    "A" * 10_000,
]


@pytest.mark.parametrize("cursor", CURSORS, ids=range(len(CURSORS)))
@pytest.mark.parametrize("sort", ["newest", "ending", "offers", "saving"])
def test_crafted_board_cursors_restart_the_board(
    client: FlaskClient, app: Flask, cursor: str, sort: str
) -> None:
    DiscountRequestFactory()
    db.session.commit()
    response = client.get("/board", query_string={"sort": sort, "after": cursor})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "/ops/mail?page=" + "9" * 30,
        "/ops/mail?page=-" + "9" * 30,
        "/ops/mail?page=" + "9" * 5_000,
        "/ops/dispatches?before=" + "9" * 30,
        "/ops/dispatches?before=-" + "9" * 30,
        "/ops/dispatches?before=9223372036854775808",
        "/ops/stores?after=" + "9" * 30,
        "/ops/stores?after=-" + "9" * 30,
        "/ops/metrics?days=" + "9" * 30,
    ],
)
def test_huge_query_numbers_on_operator_pages(app: Flask, query: str) -> None:
    forms = signed_in(app, Role.OPERATOR, "op@example.com")
    assert forms.client.get(query).status_code in (200, 400)


@pytest.mark.parametrize(
    ("sort", "value"),
    [
        ("newest", datetime(2026, 1, 1, tzinfo=UTC)),
        ("ending", datetime(2026, 1, 8, tzinfo=UTC)),
        ("offers", 0),
        ("saving", -1),  # no offers yet
        ("saving", Decimal("12.5000000000000000000")),
        ("saving", 1.0e-05),  # SQLite's float, written "1e-05"
    ],
)
def test_cursors_we_write_are_read_back(sort: str, value: object) -> None:
    cursor = board._encode_cursor(sort, value, 2**31 - 1)
    decoded = board._decode_cursor(cursor, sort)
    assert decoded is not None and decoded[1] == 2**31 - 1
    assert decoded[0] == (Decimal(str(value)) if isinstance(value, float) else value)


@pytest.mark.parametrize(
    ("typed", "stored", "message"),
    [
        ("89,50", Decimal("89.50"), None),  # the Russian decimal comma
        ("1 089,50", None, "above the product"),  # read as 1089.50: above the list price
        ("\u0668\u0669", None, "Use the digits 0 to 9."),  # Arabic-Indic 89: refused
        ("\uff18\uff19", None, "Use the digits 0 to 9."),  # full-width 89: refused
        ("1,500", None, "without a thousands separator"),
        ("89.9999", None, "At most 2 digits after the decimal point."),
        ("10000000000", None, "Must be less than 10,000,000,000."),
    ],
)
def test_answer_prices_as_people_type_them(
    app: Flask, typed: str, stored: Decimal | None, message: str | None
) -> None:
    request = DiscountRequestFactory()
    DispatchFactory(request=request, store=request.product.store)
    db.session.commit()
    url = "/store/answer/" + answer_token(request, request.product.store)
    response = FormPoster(app.test_client()).post(url, _answer(price=typed))
    offer = db.session.scalar(sa.select(Offer))
    if stored is not None:
        assert response.status_code == 302 and offer.price == stored
        return
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and offer is None
    assert 'id="price-error"' in html and message in html
    assert f'value="{typed}"' in html  # shown back as typed, to be corrected
