"""The offline demo, end to end over HTTP: the sample shops on 127.0.0.1, the stores
``seed-demo`` creates for them, a real worker (`flask worker`, another process) and the
outbox mail backend. A shopper's request reaches the shop and its two competitors by e-mail
and contact form; the operator follows the signed link in the outbox; the shopper accepts."""

from __future__ import annotations

import html
import re
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from discountmarket import demo_sites
from discountmarket.config import ConfigError
from discountmarket.demo_sites.shop_app import ROBOTS
from discountmarket.extensions import db
from discountmarket.models import (
    CapturedMail,
    Channel,
    DiscountRequest,
    Dispatch,
    DispatchAttempt,
    Escalation,
    Offer,
    RequestStatus,
    Store,
)
from discountmarket.outreach.http import FetchError, client_from_config
from discountmarket.services import demo
from tests.conftest import AuthActions, FormPoster
from tests.processes import WorkerProcess, wait_until_sent

SHOPPER, _, OPERATOR = demo.DEMO_ACCOUNTS
ANSWER_LINK_IN_TEXT = re.compile(r"http://localhost/store/answer/[^\s\"<#]+")


@pytest.fixture
def shops() -> Iterator[list[demo_sites.RunningShop]]:
    with demo_sites.serving(demo_sites.SHOPS, [0] * len(demo_sites.SHOPS)) as running:
        yield running


def worker(app: Flask, log: Path, allow: list[str]) -> WorkerProcess:
    """A real queue consumer with the demo's settings (business hours left on: the sample
    shops are open around the clock)."""
    return WorkerProcess(
        app,
        log,
        workers=3,
        OUTREACH_ALLOW_HOSTS=allow,
        BASE_URL="http://localhost",
        RESPECT_BUSINESS_HOURS=True,
    )


def signed_in(app: Flask, account: tuple) -> FlaskClient:
    client = app.test_client()
    response = AuthActions(FormPoster(client)).login(account[0], account[1])
    assert response.status_code == 302
    return client


def read(url: str, form: bytes | None = None) -> str:
    """GET (or POST the urlencoded ``form`` to) a sample shop on 127.0.0.1."""
    request = urllib.request.Request(url, data=form)  # noqa: S310 - the sample shops only
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
        return response.read().decode()


def test_the_whole_loop_offline(make_app, tmp_path, shops) -> None:  # type: ignore[no-untyped-def]
    # As `make run` allows it: the sample shops' own ports of 127.0.0.1, no other.
    allow = [f"127.0.0.1:{urlsplit(shop.url).port}" for shop in shops]
    app: Flask = make_app(
        HUEY_IMMEDIATE=False,
        HUEY_SQLITE_PATH=str(tmp_path / "queue.db"),
        OUTREACH_ALLOW_HOSTS=allow,
    )
    coffee = [shop for shop in shops if shop.shop.group == "coffee"]
    own, *rivals = coffee
    item = own.shop.items[0]
    with app.app_context():
        demo.seed()
        assert demo.seed_sample_shops([(s.shop, s.url) for s in shops]) == len(shops)

        # 1. The demo shopper asks for a discount on a sample product.
        shopper = signed_in(app, SHOPPER)
        response = FormPoster(shopper).post(
            "/my/requests/new",
            {
                "url": own.url + item.path,
                "target_price": "170",
                "quantity": "1",
                "valid_days": "7",
                "ask_competitors": "y",
            },
        )
        assert response.status_code == 302
        request_page = response.location
        request_id = int(request_page.rstrip("/").rsplit("/", 1)[1])

        # 2. The worker reads the product and reaches the shop and its two competitors, each
        # through one channel: its contact form (no e-mail besides).
        with worker(app, tmp_path / "worker.log", allow) as process:
            wait_until_sent(process, expected=len(coffee), timeout=25, request_id=request_id)
        discount_request = db.session.get(DiscountRequest, request_id)
        assert discount_request.product.title == item.title
        assert discount_request.product.price == Decimal(item.price)
        rows = db.session.execute(
            sa.select(Store.domain, Dispatch.channel)
            .join(Dispatch.store)
            .where(Dispatch.request_id == request_id)
        ).all()
        assert sorted(rows) == sorted((urlsplit(s.url).netloc, Channel.FORM) for s in coffee)
        assert db.session.scalar(sa.select(sa.func.count(CapturedMail.id))) == 0
        for shop in shops:
            received = shop.app.messages()
            if shop in coffee:
                # Each shop is asked about its own listing: found by its search, by EAN.
                (own,) = [i for i in shop.shop.items if i.gtin == item.gtin]
                assert len(received) == 1, shop.shop.name
                text = " ".join(received[0].fields.values())
                assert own.title in text and shop.url + own.path in text
                assert own.title in html.unescape(read(shop.url + "/inbox"))
            else:
                assert received == []
        page = shopper.get(request_page).get_data(as_text=True)
        assert item.title in page and page.count("contact form") >= 3
        assert all(html.escape(s.shop.name) in page for s in coffee)

        # 3. A rival's manager reads the message in the shop's inbox and follows its link.
        rival = rivals[0]
        (link,) = set(ANSWER_LINK_IN_TEXT.findall(read(rival.url + "/inbox")))
        answer = urlsplit(link).path
        operator = signed_in(app, OPERATOR)

        # 4. ...and posts an offer on the store's behalf (the link is all it takes).
        assert html.escape(rival.shop.name) in operator.get(answer).get_data(as_text=True)
        posted = FormPoster(operator).post(
            answer,
            {
                "kind": "offer",
                "price": "175.00",
                "terms": "Mention the code when ordering.",
                "valid_until": (date.today() + timedelta(days=5)).isoformat(),
            },
        )
        assert posted.status_code == 302

        # 5. The shopper sees the offer on the request page and the bid board, and accepts.
        page = shopper.get(request_page).get_data(as_text=True)
        assert html.escape(rival.shop.name) in page and "€175.00" in page
        slug = discount_request.public_slug
        assert "€175.00" in app.test_client().get(f"/r/{slug}").get_data(as_text=True)
        offer = db.session.scalar(sa.select(Offer).where(Offer.request_id == request_id))
        accept = f"/my/offers/{offer.id}/accept"
        assert accept in page
        accepted = FormPoster(shopper).post(
            accept, {"version": str(offer.version), "confirmed": "1"}, page=request_page
        )
        assert accepted.status_code == 302
        db.session.expire_all()
        assert db.session.get(DiscountRequest, request_id).status == RequestStatus.FULFILLED


def test_sample_shops_speak_like_shops(shops) -> None:  # type: ignore[no-untyped-def]
    russian = next(shop for shop in shops if shop.shop.locale == "ru")
    home = read(russian.url + "/")
    assert 'lang="ru"' in home and "Контакты" in home
    assert read(russian.url + "/robots.txt") == ROBOTS
    contact = read(russian.url + "/contact")
    assert russian.shop.email in contact and 'method="post"' in contact

    # A post missing a required field is refused, as a real shop would; nothing is recorded.
    assert "заполните" in read(russian.url + "/contact", b"user_name=Ann")
    assert russian.app.messages() == []

    # What a shop receives is shown escaped on its inbox page.
    hostile = b"user_name=%3Cscript%3Ex%3C%2Fscript%3E&user_email=a%40b.example&MESSAGE=hi"
    assert "Спасибо" in read(russian.url + "/contact", hostile)
    inbox = read(russian.url + "/inbox")
    assert "&lt;script&gt;x&lt;/script&gt;" in inbox and "<script>x" not in inbox


def test_demo_sites_refuse_production(make_app) -> None:  # type: ignore[no-untyped-def]
    result = make_app(ENV="production").test_cli_runner().invoke(args=["demo-sites"])
    assert result.exit_code != 0 and "refuses to run in production" in result.output


def test_only_demos_open_the_address_check(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """OUTREACH_ALLOW_HOSTS lets the outbound client reach this machine: never in production."""
    with pytest.raises(ConfigError, match=r"^DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS: must be empty"):
        make_app(ENV="production", OUTREACH_ALLOW_HOSTS=["127.0.0.1"])
    monkeypatch.setenv("DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS", '["127.0.0.1"]')
    with pytest.raises(ConfigError, match=r"^DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS: must be empty"):
        make_app(ENV="production")
    assert make_app(ENV="development").config["OUTREACH_ALLOW_HOSTS"] == ["127.0.0.1"]
    monkeypatch.delenv("DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS")
    assert make_app(ENV="production").config["OUTREACH_ALLOW_HOSTS"] == []


def test_seed_demo_adds_the_sample_shops_as_competitors(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    first_port = app.config["DEMO_SITES_PORT"]
    for shop, url in demo_sites.site_urls(first_port):
        assert all(url + item.path in result.output for item in shop.items)
        store = db.session.scalar(sa.select(Store).where(Store.domain == urlsplit(url).netloc))
        assert store.name == shop.name and store.contacts[0].value == shop.email
        assert {s.name for s in store.competitors} == {
            other.name for other in demo_sites.SHOPS if other.group == shop.group
        } - {shop.name}
    # Run again (say, after changing the ports): nothing is duplicated.
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Store))
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == count


def test_the_demo_data_happens_in_order(app: Flask) -> None:
    """Every seeded moment follows the one before it: the product read, the request posted,
    its messages queued, tried, sent, then the stores' answers; nothing after now."""
    assert demo.seed()
    now = datetime.now(UTC)
    requests = db.session.scalars(sa.select(DiscountRequest)).all()
    assert requests
    for request in requests:
        product = request.product
        assert product.fetched_at <= request.created_at and product.created_at <= request.created_at
        assert request.created_at <= now and request.created_at <= request.updated_at
        dispatches = db.session.scalars(sa.select(Dispatch).filter_by(request_id=request.id)).all()
        assert dispatches
        sent_to = {}
        for dispatch in dispatches:
            assert request.created_at <= dispatch.created_at <= dispatch.sent_at <= now
            assert dispatch.created_at <= dispatch.updated_at
            attempts = db.session.scalars(
                sa.select(DispatchAttempt).filter_by(dispatch_id=dispatch.id)
            ).all()
            assert len(attempts) == dispatch.attempts  # the inspector agrees with the count
            for attempt in attempts:
                assert dispatch.created_at <= attempt.started_at <= attempt.finished_at
                assert attempt.finished_at <= dispatch.sent_at
            sent_to[dispatch.store_id] = dispatch.sent_at
        for offer in db.session.scalars(sa.select(Offer).filter_by(request_id=request.id)):
            assert sent_to[offer.store_id] <= offer.created_at <= now
            assert offer.created_at <= offer.updated_at
            assert offer.valid_until is None or offer.valid_until >= offer.created_at
    for case in db.session.scalars(sa.select(Escalation)):
        assert case.store.created_at <= case.opened_at <= now


def test_the_demo_allow_list_names_ports(make_app) -> None:  # type: ignore[no-untyped-def]
    """As `make run` sets it: the sample shops' ports of 127.0.0.1, nothing else there."""
    first = 5101
    allowed = [f"127.0.0.1:{port}" for port in demo_sites.ports(first)]
    app = make_app(OUTREACH_ALLOW_HOSTS=allowed, DEMO_SITES_PORT=first)
    assert app.config["OUTREACH_ALLOW_HOSTS"] == allowed
    with client_from_config(app.config) as client, pytest.raises(FetchError) as refused:
        client.get("http://127.0.0.1:22/")
    assert refused.value.code == "blocked_address"
    with pytest.raises(ConfigError, match=r"OUTREACH_ALLOW_HOSTS.*port"):
        make_app(OUTREACH_ALLOW_HOSTS=["127.0.0.1:ssh"])
