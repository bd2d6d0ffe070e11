"""The SSRF vector table through every entry point that takes a URL: `products fetch`,
`stores probe` and posting a request (form-time check, then the background fetch)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, FetchStatus
from tests.conftest import AuthActions, FormPoster
from tests.factories import UserFactory
from tests.outreach.test_http import BLOCKED_URLS
from tests.sites import Page, StoreSite

# The client's own table, without the port-templated entries (nothing listens there).
VECTORS = [url for url in BLOCKED_URLS if "{port}" not in url] + [
    "http://127.0.0.1:9/",
    "http://localhost:9/",
    "http://[::1]:9/",
    "http://[::ffff:127.0.0.1]:9/",
]
REDIRECT_TARGETS = [
    "http://10.0.0.1/admin",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
]


@pytest.mark.parametrize("command", ["products fetch", "stores probe"])
@pytest.mark.parametrize("url", VECTORS)
def test_cli_refuses_every_vector(runner, command: str, url: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=[*command.split(), url, "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["code"] == "blocked_address"


@pytest.mark.parametrize("command", ["products fetch", "stores probe"])
@pytest.mark.parametrize("target", REDIRECT_TARGETS)
def test_cli_refuses_redirects_to_blocked_addresses(
    local_app: Flask, site: StoreSite, command: str, target: str
) -> None:
    site.pages["/go"] = Page("", status=302, headers={"Location": target})
    result = local_app.test_cli_runner().invoke(args=[*command.split(), site.url("/go"), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["error"]["code"] == "blocked_address"


def shopper(app: Flask) -> FormPoster:
    UserFactory(email="s@example.com")
    db.session.commit()
    forms = FormPoster(app.test_client())
    AuthActions(forms).login("s@example.com")
    return forms


def post(forms: FormPoster, url: str):  # type: ignore[no-untyped-def]
    return forms.post("/my/requests/new", {"url": url, "quantity": "1", "valid_days": "7"})


@pytest.mark.parametrize("url", VECTORS)
def test_request_form_refuses_every_literal_vector(app: Flask, url: str) -> None:
    response = post(shopper(app), url)
    assert response.status_code == 200
    assert 'id="url-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(DiscountRequest.id))) == 0


@pytest.mark.parametrize("target", REDIRECT_TARGETS)
def test_request_whose_page_redirects_inward_is_not_fetched(
    local_app: Flask, site: StoreSite, target: str
) -> None:
    site.pages["/p/1"] = Page("", status=302, headers={"Location": target})
    forms = shopper(local_app)
    response = post(forms, site.url("/p/1"))
    assert response.status_code == 302
    request = db.session.scalar(sa.select(DiscountRequest))
    assert request.product.fetch_status == FetchStatus.FAILED
    assert request.product.fetch_error == "blocked_address"
    assert "points to a private network" in forms.client.get(response.location).get_data(
        as_text=True
    )
