"""CSRF on every state-changing route, rate limits, error pages and security headers."""

from __future__ import annotations

import re

import pytest
from flask import Flask, abort
from flask.testing import FlaskClient

from discountmarket.extensions import db
from tests.conftest import AuthActions, FormPoster, csrf_token_from
from tests.factories import UserFactory

# RFC 8058 one-click opt-out: mail clients POST without cookies or tokens; the signed token
# in the URL authorises it and the action is idempotent. Tested in tests/services/test_delivery.py.
# A mail provider's forwarding (POST /inbound/mime) has no session: its shared secret is
# the authorisation. Tested in tests/blueprints/test_inbound_mime.py.
CSRF_EXEMPT = {"/store/optout/<token>", "/inbound/mime"}


def state_changing_routes(app: Flask) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.methods & {"POST", "PUT", "PATCH", "DELETE"} and rule.rule not in CSRF_EXEMPT
    )


def concrete(rule: str) -> str:
    """A URL matching the rule: numbers for <int:...>, a dummy string for the rest."""
    rule = re.sub(r"<int:\w+>", "1", rule)
    rule = re.sub(r"<any\(([^,)]+)[^>]*>", r"\1", rule)
    return re.sub(r"<(?:\w+:)?\w+>", "x" * 20, rule)


def test_every_post_without_a_csrf_token_is_refused(app: Flask) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    client = app.test_client()
    AuthActions(FormPoster(client)).login("s@example.com")
    routes = state_changing_routes(app)
    assert "/auth/login" in routes and "/auth/logout" in routes and "/language" in routes
    for rule in routes:
        response = client.post(concrete(rule), data={"email": "s@example.com"})
        assert response.status_code == 400, rule
        assert "The form expired" in response.get_data(as_text=True), rule
    # Still signed in: the refused sign-out did nothing.
    assert client.get("/my/requests").status_code == 200


def test_a_token_from_another_session_is_refused(app: Flask) -> None:
    foreign = csrf_token_from(app.test_client().get("/auth/login").get_data(as_text=True))
    response = app.test_client().post(
        "/auth/login", data={"email": "a@example.com", "password": "x", "csrf_token": foreign}
    )
    assert response.status_code == 400


def test_login_is_rate_limited_per_address(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(LOGIN_RATE_LIMIT="3 per minute")
    forms = FormPoster(app.test_client())
    statuses = [
        forms.post(
            "/auth/login", {"email": f"u{n}@example.com", "password": "wrong-password"}
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = forms.post("/auth/login", {"email": "x@example.com", "password": "p"})
    assert response.status_code == 429
    assert "Too many requests" in response.get_data(as_text=True)
    assert "Retry-After" in response.headers
    # Another client address is not affected.
    other = app.test_client()
    html = other.get("/auth/login", environ_base={"REMOTE_ADDR": "10.0.0.9"}).get_data(as_text=True)
    response = other.post(
        "/auth/login",
        data={"email": "x@example.com", "password": "p", "csrf_token": csrf_token_from(html)},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert response.status_code == 200


def test_failed_logins_are_limited_per_account_and_address(make_app) -> None:  # type: ignore[no-untyped-def]
    # Per (account, client address): another address is never slowed down by these
    # failures (tests/security/test_account_attacks.py replays the lockout attack).
    app = make_app(LOGIN_PER_ACCOUNT_RATE_LIMIT="2 per hour")
    statuses = []
    for address in ["10.0.0.1", "10.0.0.1", "10.0.0.1", "10.0.0.2"]:
        client = app.test_client()
        env = {"REMOTE_ADDR": address}
        html = client.get("/auth/login", environ_base=env).get_data(as_text=True)
        statuses.append(
            client.post(
                "/auth/login",
                data={
                    "email": "Target@example.com",
                    "password": "guess-123456",
                    "csrf_token": csrf_token_from(html),
                },
                environ_base=env,
            ).status_code
        )
    assert statuses == [200, 200, 429, 200]


def test_account_mail_is_rate_limited(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(ACCOUNT_MAIL_RATE_LIMIT="2 per minute")
    forms = FormPoster(app.test_client())
    statuses = [
        forms.post("/auth/forgot-password", {"email": "victim@example.com"}).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("code", [400, 403, 404, 429, 500])
def test_error_pages_use_the_site_layout(make_app, code: int) -> None:  # type: ignore[no-untyped-def]
    app = make_app()

    @app.route(f"/boom/{code}")
    def boom():  # type: ignore[no-untyped-def]
        if code == 500:
            raise RuntimeError("unexpected")
        abort(code)

    response = app.test_client().get(f"/boom/{code}")
    html = response.get_data(as_text=True)
    assert response.status_code == code
    assert 'class="site-header"' in html and f'<p class="error-code">{code}</p>' in html
    assert "unexpected" not in html  # no internals leak


def test_api_clients_get_json_errors(client: FlaskClient) -> None:
    response = client.get("/nowhere", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json() == {"error": {"code": 404, "message": "Page not found"}}


def test_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in headers  # only in production


def test_production_sends_hsts_and_secure_cookies(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(ENV="production", TESTING=False)
    client = app.test_client()
    response = client.get("/auth/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_no_inline_script_in_pages(client: FlaskClient) -> None:
    for path in ("/", "/auth/login", "/auth/register", "/auth/forgot-password"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and "onclick=" not in html and "style=" not in html, path
