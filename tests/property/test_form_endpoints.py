"""Every POST route, fed arbitrary form data with a valid CSRF token, as the role it needs:
never a 500 (the app turns any escaped exception into one)."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discountmarket import create_app
from discountmarket.extensions import db
from discountmarket.models import (
    DispatchStatus,
    Escalation,
    MatchStatus,
    OfferStatus,
    ProductMatch,
    Role,
    StoreContact,
    StoreMembership,
)
from discountmarket.services import accounts, escalation, honour
from discountmarket.services.store_messages import opt_out_token
from tests.conftest import AuthActions, FormPoster, base_config, csrf_token_from
from tests.factories import (
    DiscountRequestFactory,
    DispatchFactory,
    OfferFactory,
    ProductFactory,
    UserFactory,
    answer_token,
)
from tests.property.hostile_numbers import hostile_numbers
from tests.services.test_escalation import MONDAY_NOON, silent_dispatch


def _post_rules() -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(base_config("sqlite://", Path(instance)))
        rules = app.url_map.iter_rules()
        return sorted((rule.endpoint, rule.rule) for rule in rules if "POST" in rule.methods)


POST_RULES = _post_rules()
SIGN_OUTS = ("auth.logout", "auth.logout_everywhere")

# Every field name the app's forms use, plus names no form has.
FIELD_NAMES = [
    "address",
    "ask_competitors",
    "business_hours",
    "categories",
    "category",
    "channel",
    "competitors",
    "confirm",
    "coupon_code",
    "currency",
    "email",
    "enabled",
    "extras",
    "file",
    "follow_up_at",
    "homepage",
    "kind",
    "label",
    "language",
    "level",
    "locale",
    "name",
    "new_category",
    "next",
    "note",
    "outcome",
    "password",
    "percent",
    "price",
    "q",
    "quantity",
    "reason",
    "remember",
    "role",
    "share_contact",
    "shopper_location",
    "status",
    "submit",
    "target_percent",
    "target_price",
    "terms",
    "timezone",
    "title",
    "url",
    "valid_days",
    "valid_until",
    "value",
    "version",
]
JUNK_NAMES = ["", "csrf", "__proto__", "x" * 300, "name[]", "ümlaut", "a\x00b", "id", "user_id"]

SAMPLES = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "Infinity",
    "99999999999999999999999",
    "0.001",
    "1,5",
    "89.00",
    "2026-13-45",
    "2026-02-30T25:61",
    "9999-12-31",
    "https://shop.example/p/1",
    "javascript:alert(1)",
    "http://[::1",
    "mailto:x@y",
    "a@b",
    "@",
    "offer",
    "decline",
    "promised_answer",
    "email",
    "phone",
    "form",
    "y",
    "on",
    "true",
    "de",
    "cs",
    "xx_YY",
    "Europe/Prague",
    "Mars/Olympus",
    "\x00",
    "\r\n\t\x1b[0m",
    "\u202e\u200b\ufeff",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s%n{0}{{ 7*7 }}",
    "تومان ۱۲٬۹۹۰",
    "😀" * 50,
]
values = st.one_of(
    st.sampled_from(SAMPLES),
    hostile_numbers,  # NaN, sNaN, infinities, exponents, huge and non-ASCII digits
    st.text(max_size=60),
    st.builds(
        lambda c, n: c * n, st.characters(exclude_categories=["Cs"]), st.integers(1_000, 5_000)
    ),
)
field_values = st.one_of(values, st.lists(values, min_size=2, max_size=3))
csv_bytes = st.one_of(
    st.binary(max_size=2_000),
    st.lists(
        st.lists(st.one_of(st.sampled_from(SAMPLES), st.text(max_size=20)), max_size=6).map(
            ",".join
        ),
        max_size=8,
    ).map(lambda rows: "\n".join(["name,homepage,email", *rows]).encode("utf-8", "replace")),
)
uploads = st.builds(
    lambda content, filename: (io.BytesIO(content), filename),
    csv_bytes,
    st.sampled_from(["stores.csv", "x.txt", "ünï.csv", ""]),
)
form_data = st.dictionaries(
    st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(JUNK_NAMES), st.text(max_size=12)),
    field_values,
    max_size=10,
)


def with_upload(data: dict[str, Any], upload: tuple[io.BytesIO, str]) -> dict[str, Any]:
    """A multipart body. Kept small: above 500 kB Werkzeug's test client spools the body
    to a temporary file it never closes (a ResourceWarning, an error under this suite)."""

    def short(value: Any) -> Any:
        return [v[:1_000] for v in value] if isinstance(value, list) else value[:1_000]

    return {**{key: short(value) for key, value in data.items()}, "file": upload}


# Valid submissions (from the blueprint tests), so that examples also get past validation:
# each example keeps some of these fields, replaced or not, and adds arbitrary ones.
ANSWER = {
    "kind": "offer",
    "price": "89.00",
    "terms": "Order by phone.",
    "coupon_code": "SECRET-42",
    "valid_until": "2099-01-01",
}
VALID: dict[str, dict[str, str]] = {
    "auth.login": {"email": "shopper@example.com", "password": "wrong-password"},
    "board.set_language": {"language": "en", "next": "/"},
    "ops.add_contact": {"kind": "email", "value": "owner@shop.example", "level": "1"},
    "ops.add_senior_contact": {"email": "owner@shop.example", "label": "Owner"},
    "ops.resend": {"channel": "email"},
    "ops.log_call": {"outcome": "promised_answer", "note": "Back Monday"},
    "ops.resolve": {"reason": "Owner promised an offer"},
    "ops.do_not_contact": {"reason": "Asked us to stop"},
    "ops.new_store": {"name": "Lamp shop", "homepage": "https://www.lamps.example/"},
    "ops.edit_store": {"name": "Lamp shop", "homepage": "https://www.lamps.example/"},
    "shopper.accept_offer": {"version": "1"},
    "shopper.new_request": {"url": "https://shop.example/p/1", "target_price": "90"},
    "store.answer": ANSWER,
    "store.portal_answer": ANSWER,
}


def payloads(endpoint: str) -> st.SearchStrategy[dict[str, Any]]:
    base = VALID.get(endpoint, {})
    kept = st.fixed_dictionaries(
        {}, optional={key: st.one_of(st.just(value), values) for key, value in base.items()}
    )
    data = st.tuples(kept, form_data).map(lambda pair: {**pair[0], **pair[1]})
    return st.tuples(data, st.one_of(st.none(), uploads)).map(
        lambda pair: pair[0] if pair[1] is None else with_upload(*pair)
    )


@dataclass
class World:
    ids: dict[str, int]
    ops_ids: dict[str, int]
    tokens: dict[str, str]
    emails: dict[Role, str]


def build_world() -> World:
    shopper = UserFactory(email="shopper@example.com", role=Role.SHOPPER)
    manager = UserFactory(email="manager@example.com", role=Role.STORE_MANAGER)
    UserFactory(email="operator@example.com", role=Role.OPERATOR)
    resetter = UserFactory(email="reset@example.com", role=Role.SHOPPER)
    request = DiscountRequestFactory(shopper=shopper)
    store = request.product.store
    DispatchFactory(request=request, store=store, status=DispatchStatus.SENT, sent_at=MONDAY_NOON)
    offer = OfferFactory(request=request)
    accepted = OfferFactory(
        request=DiscountRequestFactory(shopper=shopper), status=OfferStatus.ACCEPTED
    )
    db.session.add(StoreMembership(user_id=manager.id, store_id=store.id))
    db.session.commit()
    report = honour.report(accepted.id, shopper, "They would not honour it")
    db.session.commit()

    dispatch = silent_dispatch(MONDAY_NOON - timedelta(days=10), name="Quiet Lamps")
    escalation.sla_sweep(MONDAY_NOON)
    case = db.session.scalar(sa.select(Escalation))
    contact = db.session.scalar(sa.select(StoreContact).filter_by(store_id=dispatch.store_id))
    listing = ProductFactory()
    unsure = ProductMatch(
        product=request.product,
        store=listing.store,
        listing=listing,
        status=MatchStatus.UNSURE,
        by="title",
        confidence=Decimal("0.7"),
        decided_at=MONDAY_NOON,
    )
    db.session.add(unsure)
    db.session.commit()
    return World(
        ids={
            "request_id": request.id,
            "offer_id": offer.id,
            "accepted_offer_id": accepted.id,
            "store_id": store.id,
            "report_id": report.id,
            "escalation_id": case.id,
        },
        ops_ids={
            "store_id": dispatch.store_id,
            "contact_id": contact.id,
            "dispatch_id": dispatch.id,
            "shopper_id": shopper.id,
            "match_id": unsure.id,
        },
        tokens={
            "store.answer": answer_token(request, store),
            "store.withdraw_by_link": answer_token(request, store),
            "store.opt_out_post": opt_out_token(store, "sales@shop.example"),
            "auth.reset_password": accounts.reset_token(resetter),
        },
        emails={
            Role.SHOPPER: shopper.email,
            Role.STORE_MANAGER: manager.email,
            Role.OPERATOR: "operator@example.com",
        },
    )


def role_for(endpoint: str) -> Role | None:
    blueprint, _, view = endpoint.partition(".")
    if blueprint == "shopper" or endpoint in SIGN_OUTS:
        return Role.SHOPPER
    if blueprint == "ops":
        return Role.OPERATOR
    if blueprint == "store" and (view.startswith("portal") or view == "claim"):
        return Role.STORE_MANAGER
    return None


def url_for_rule(endpoint: str, rule: str, world: World, decision: str) -> str:
    ids = {**world.ids, **(world.ops_ids if endpoint.startswith("ops.") else {})}
    if endpoint == "shopper.report_offer":
        ids["offer_id"] = ids.pop("accepted_offer_id")
    url = rule
    for name, value in ids.items():
        url = url.replace(f"<int:{name}>", str(value))
    url = url.replace("<token>", world.tokens.get(endpoint, "not-a-token"))
    url = url.replace("<any(confirm, dismiss):decision>", decision)
    url = url.replace("<any(hold, release):action>", "hold" if decision == "confirm" else "release")
    url = url.replace("<any(confirm, reject):verdict>", "reject")
    assert "<" not in url, f"no value for a parameter of {rule}"
    return url


def sign_in(client: FlaskClient, role: Role | None, world: World) -> str:
    """Sign in (when a role is needed) and return a CSRF token for this session."""
    if role is not None:
        response = AuthActions(FormPoster(client)).login(world.emails[role])
        assert response.status_code == 302, "could not sign in"
        return csrf_token_from(client.get("/").get_data(as_text=True))
    return csrf_token_from(client.get("/auth/login").get_data(as_text=True))


@pytest.mark.parametrize(("endpoint", "rule"), POST_RULES, ids=[e for e, _ in POST_RULES])
# Werkzeug's test client spools large multipart bodies to temporary files it never closes.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_form_endpoint_never_answers_500(make_app: Any, endpoint: str, rule: str) -> None:
    # Limits stay on (the limiter is shared by every app in the process; switching it off
    # here would switch it off for later tests): the generous login limits keep examples
    # from being refused, and a 429 is an answer, not a failure.
    app: Flask = make_app(
        LOGIN_RATE_LIMIT="10000 per minute",
        LOGIN_PER_ACCOUNT_RATE_LIMIT="10000 per minute",
        ACCOUNT_MAIL_RATE_LIMIT="10000 per minute",
    )
    with app.app_context():
        world = build_world()
        role = role_for(endpoint)
        client = app.test_client()
        token = sign_in(client, role, world)
        state = {"token": token}

        @settings(
            max_examples=15,
            derandomize=True,  # the same examples on every run: CI is never flaky
            deadline=None,
            database=None,
            suppress_health_check=[
                HealthCheck.function_scoped_fixture,
                HealthCheck.too_slow,
                HealthCheck.data_too_large,
            ],
        )
        @given(data=payloads(endpoint), decision=st.sampled_from(["confirm", "dismiss"]))
        def post(data: dict[str, Any], decision: str) -> None:
            url = url_for_rule(endpoint, rule, world, decision)
            response = client.post(url, data={**data, "csrf_token": state["token"]})
            assert response.status_code != 500, (url, data)
            if endpoint in SIGN_OUTS:
                state["token"] = sign_in(client, role, world)

        post()
        db.session.remove()
