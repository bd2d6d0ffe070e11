"""Command-line tools: operators, demo data."""

from __future__ import annotations

import json
import logging
import re
import subprocess
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.demo_sites import SHOPS
from discountmarket.extensions import db
from discountmarket.models import AuditEntry, DiscountRequest, Offer, Role, Store, User
from discountmarket.services import demo
from tests.catalogue import PAIRS, Pair
from tests.catalogue_sites import serve_catalogue
from tests.conftest import AuthActions, FormPoster
from tests.factories import DiscountRequestFactory, StoreFactory, answer_token
from tests.matching.pair_runner import same_page
from tests.sites import Page, product_page


def test_create_operator_with_generated_password(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["users", "create-operator", "Ops@Example.com"])
    assert result.exit_code == 0, result.output
    password = re.search(r"Password: (\S+)", result.output).group(1)  # type: ignore[union-attr]
    user = db.session.scalar(sa.select(User).filter_by(email="ops@example.com"))
    assert user.role == Role.OPERATOR and user.email_confirmed_at is not None
    client = app.test_client()
    AuthActions(FormPoster(client)).login("ops@example.com", password)
    assert client.get("/ops/").status_code == 200


def test_create_operator_refuses_duplicates_and_short_passwords(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    assert (
        runner.invoke(
            args=["users", "create-operator", "a@example.com", "--password", "long-enough-pw"]
        ).exit_code
        == 0
    )
    again = runner.invoke(
        args=["users", "create-operator", "A@example.com", "--password", "long-enough-pw"]
    )
    assert again.exit_code != 0 and "already exists" in again.output
    short = runner.invoke(args=["users", "create-operator", "b@example.com", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output
    assert (
        "Password:"
        not in runner.invoke(
            args=["users", "create-operator", "c@example.com", "--password", "long-enough-pw"]
        ).output
    )


def test_seed_demo_loads_once_and_shows_a_living_board(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0 and "Demo data loaded." in first.output
    for email, password, _, _ in demo.DEMO_ACCOUNTS:
        assert email in first.output and password in first.output
    counts = {
        model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, Store, DiscountRequest, Offer)
    }
    assert counts["User"] == 3 and counts["Store"] == len(demo.STORES) + len(SHOPS)
    assert counts["DiscountRequest"] >= 5 and counts["Offer"] >= 5

    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "already present" in second.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == counts["Store"]

    # Every demo store has competitors, and the board shows the requests with offers.
    stores = db.session.scalars(sa.select(Store)).all()
    assert all(store.competitors for store in stores)
    html = app.test_client().get("/").get_data(as_text=True)
    assert "Noise-cancelling headphones X200" in html and "€259.00" in html

    # Each demo account signs in with the printed password and reaches its own page.
    for email, password, role, _ in demo.DEMO_ACCOUNTS:
        client = app.test_client()
        response = AuthActions(FormPoster(client)).login(email, password)
        assert response.status_code == 302, role
        assert client.get(response.location).status_code == 200


def test_seed_demo_refuses_production(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(ENV="production")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "production" in result.output


def test_products_fetch_json(local_app: Flask, site) -> None:  # type: ignore[no-untyped-def]
    site.pages["/p/tv"] = product_page('TV 55"', "1 299,00", currency="EUR", image="/tv.png")
    site.pages["/go"] = Page("", status=302, headers={"Location": "/p/tv"})
    result = local_app.test_cli_runner().invoke(
        args=["products", "fetch", site.url("/go"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "url": site.url("/p/tv"),
        "title": 'TV 55"',
        "price": "1299.00",
        "currency": "EUR",
        "image": site.url("/tv.png"),
        "store_domain": f"127.0.0.1:{site.port}",
    }


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/missing", "http_error"),
        ("/file", "not_html"),
        ("/plain", "no_product"),
        ("/private/x", "robots"),
    ],
)
def test_products_fetch_json_errors(local_app: Flask, site, path: str, code: str) -> None:  # type: ignore[no-untyped-def]
    site.pages["/file"] = Page(b"\x89PNG", content_type="image/png")
    site.pages["/plain"] = Page("<html><body><p>Nothing to see.</p></body></html>")
    site.pages["/robots.txt"] = Page(
        "User-agent: *\nDisallow: /private/", content_type="text/plain"
    )
    result = local_app.test_cli_runner().invoke(
        args=["products", "fetch", site.url(path), "--json"]
    )
    assert result.exit_code == 1
    error = json.loads(result.output)["error"]
    assert error["code"] == code and error["message"]


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://127.0.0.1:9/", "blocked_address"),  # loopback without the allow-list
        ("http://169.254.169.254/latest/meta-data/", "blocked_address"),
        ("http://2130706433/", "blocked_address"),
        ("ftp://example.com/file", "bad_url"),
        ("not a url", "bad_url"),
    ],
)
def test_products_fetch_refuses_bad_targets(runner, url: str, code: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["products", "fetch", url, "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["code"] == code


def test_products_fetch_plain_output(local_app: Flask, site) -> None:  # type: ignore[no-untyped-def]
    site.pages["/p"] = product_page("Mug", "9.50")
    result = local_app.test_cli_runner().invoke(args=["products", "fetch", site.url("/p")])
    assert (
        result.exit_code == 0 and "title: Mug" in result.output and "price: 9.50" in result.output
    )


def test_links_revoke_withdraws_a_stores_answer_link(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    request = DiscountRequestFactory()
    rival = StoreFactory(domain="rival.example")
    db.session.commit()
    store = request.product.store
    mine, theirs = answer_token(request, store), answer_token(request, rival)
    client = app.test_client()

    by_domain = runner.invoke(
        args=["links", "revoke", "--request", str(request.id), "--store", "WWW.Rival.example"]
    )
    assert by_domain.exit_code == 0, by_domain.output
    assert by_domain.output == f"revoked request={request.id} store=rival.example\n"
    assert client.get(f"/store/answer/{theirs}").status_code == 410
    assert client.get(f"/store/answer/{mine}").status_code == 200  # the other store's stays

    by_id = runner.invoke(
        args=["links", "revoke", "--request", str(request.id), "--store", str(store.id)]
    )
    assert by_id.output == f"revoked request={request.id} store={store.domain}\n"
    assert client.get(f"/store/answer/{mine}").status_code == 410
    entries = db.session.execute(sa.select(AuditEntry.actor_id, AuditEntry.action)).all()
    assert entries == [(None, "revoke_answer_link")] * 2


def test_links_revoke_says_when_there_is_nothing_to_revoke(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    request = DiscountRequestFactory()
    db.session.commit()
    store = request.product.store
    none = runner.invoke(
        args=["links", "revoke", "--request", str(request.id), "--store", store.domain]
    )
    assert none.exit_code == 0
    assert none.output == f"not-issued request={request.id} store={store.domain}\n"
    for args, message in (
        (["--request", "999999", "--store", store.domain], "no request 999999"),
        (["--request", str(request.id), "--store", "unknown.example"], "no store unknown.example"),
        (["--request", str(request.id), "--store", "999999"], "no store 999999"),
        (["--request", str(request.id)], "Missing option '--store'"),
    ):
        result = runner.invoke(args=["links", "revoke", *args])
        assert result.exit_code != 0 and message in result.output, result.output
    assert db.session.scalar(sa.select(sa.func.count(AuditEntry.id))) == 0


def test_demo_logins_are_printed_again_once_the_demo_runs(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["demo-logins", "--url", "http://127.0.0.1:5000"])
    assert result.exit_code == 0, result.output
    assert "Ready: http://127.0.0.1:5000" in result.output
    for email, password, _role, _name in demo.DEMO_ACCOUNTS:
        assert email in result.output and password in result.output


def test_make_run_is_quiet_unless_verbose() -> None:
    """`make run` repeats the logins at the end of start-up and keeps the per-request and
    per-task lines out unless VERBOSE=1 (read from make's own dry run)."""

    def dry_run(*variables: str) -> str:
        return subprocess.run(
            ["make", "-n", "run", *variables], capture_output=True, text=True, check=True
        ).stdout

    quiet, verbose = dry_run(), dry_run("VERBOSE=1")
    assert "worker --quiet" in quiet and "demo-logins --url" in quiet
    assert "worker --quiet" not in verbose and "worker " in verbose


def test_quiet_access_log_silences_the_request_lines(make_app) -> None:  # type: ignore[no-untyped-def]
    werkzeug = logging.getLogger("werkzeug")
    before = werkzeug.level
    try:
        make_app(QUIET_ACCESS_LOG=True)
        assert werkzeug.getEffectiveLevel() == logging.WARNING
    finally:
        werkzeug.setLevel(before)


@pytest.mark.parametrize("address", ["ops@localhost", "ops@example.test", "two words@example.com"])
def test_create_operator_refuses_addresses_the_sign_in_form_refuses(runner, address: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["users", "create-operator", address])
    assert result.exit_code == 2 and "sign in with" in result.output
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def catalogue_pair(source: str, target: str, *, sold: bool) -> Pair:
    return next(
        pair
        for pair in PAIRS
        if (pair.source_shop, pair.target_shop) == (source, target)
        and (pair.expected_path is not None) == sold
    )


def test_products_match_json(local_app: Flask) -> None:
    pair = catalogue_pair("opensearch", "woocommerce", sold=True)
    with serve_catalogue(["opensearch", "woocommerce"]) as shops:
        result = local_app.test_cli_runner().invoke(
            args=[
                "products",
                "match",
                shops.url("opensearch", pair.source_path),
                "--store",
                shops.url("woocommerce", "/"),
                "--json",
            ]
        )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert set(found) == {"product", "store", "match", "searched", "errors"}
    assert set(found["product"]) == {"url", "title", "brand", "gtin", "mpn"}
    assert len(found["product"]["gtin"]) == 14 and found["product"]["brand"]
    assert found["store"] == urlsplit(shops.url("woocommerce", "/")).netloc
    match = found["match"]
    assert set(match) == {"url", "title", "price", "currency", "confidence", "by"}
    assert same_page(match["url"], pair.expected_path or "")
    assert match["by"] == "gtin" and match["confidence"] >= 0.95 and match["currency"] == "EUR"
    assert re.fullmatch(r"\d+\.\d\d", match["price"])
    assert found["searched"] and all("/wp-json/wc/store/v1/" in url for url in found["searched"])
    assert found["errors"] == []


def test_products_match_without_a_match_and_on_an_unreadable_page(local_app: Flask) -> None:
    pair = catalogue_pair("shopify", "teashop", sold=False)
    runner = local_app.test_cli_runner()
    with serve_catalogue(["shopify", "teashop"]) as shops:
        source, store = shops.url("shopify", pair.source_path), shops.url("teashop", "/")
        none = runner.invoke(args=["products", "match", source, "--store", store, "--json"])
        plain = runner.invoke(args=["products", "match", source, "--store", store])
        gone = runner.invoke(
            args=["products", "match", shops.url("shopify", "/products/nope"), "--store", store]
        )
    assert none.exit_code == 0 and json.loads(none.output)["match"] is None
    assert plain.exit_code == 0 and "not found" in plain.output
    assert gone.exit_code == 1 and "Error (http_error)" in gone.output
