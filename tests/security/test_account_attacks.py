"""The outside review's account attacks, replayed over HTTP and refused.

1. Locking anyone out of their account by failing to sign in as them.
2. The e-mail confirmation link used as a reusable login.
3. Sessions and "remember me" cookies that outlive signing out.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from flask_login.utils import decode_cookie

from discountmarket.extensions import db
from discountmarket.models import Role, User
from tests.conftest import AuthActions, FormPoster, csrf_token_from
from tests.factories import PASSWORD, UserFactory
from tests.mailbox import link_in, messages_to

OPERATOR = "operator@example.com"
NEW_PASSWORD = "a-brand-new-passphrase"


def sign_in_from(
    app: Flask, address: str, email: str, password: str, forwarded_for: str | None = None
):  # type: ignore[no-untyped-def]
    """One sign-in attempt by a fresh browser at ``address`` (or behind a proxy there)."""
    client = app.test_client()
    options: dict[str, Any] = {"environ_base": {"REMOTE_ADDR": address}}
    if forwarded_for:
        options["headers"] = {"X-Forwarded-For": forwarded_for}
    token = csrf_token_from(client.get("/auth/login", **options).get_data(as_text=True))
    data = {"email": email, "password": password, "csrf_token": token}
    return client.post("/auth/login", data=data, **options)


def operator() -> User:
    user = UserFactory(email=OPERATOR, role=Role.OPERATOR)
    db.session.commit()
    return user


# --- 1. Sign-in limits: per (account, client), failures only -------------------------------


def test_guessing_from_many_addresses_does_not_lock_the_owner_out(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()  # the shipped limits
    with app.app_context():
        operator()
    # The reviewer's attack: wrong passwords for the operator from six addresses.
    for n in range(6):
        statuses = [
            sign_in_from(app, f"10.0.0.{n + 1}", OPERATOR, "wrong-guess-123").status_code
            for _ in range(15)
        ]
        # Each attacking address is slowed down for this account...
        assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}
    # ...but the operator, from their own address, signs in at once.
    response = sign_in_from(app, "192.0.2.50", OPERATOR, PASSWORD)
    assert response.status_code == 302 and response.location == "/ops/"


def test_a_slowed_pair_is_told_when_to_retry_and_slows_nobody_else(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(LOGIN_PER_ACCOUNT_RATE_LIMIT="3 per minute")
    with app.app_context():
        operator()
        UserFactory(email="shopper@example.com")
        db.session.commit()
    statuses = [
        sign_in_from(app, "10.0.0.1", OPERATOR, "wrong-guess-123").status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 200]
    slowed = sign_in_from(app, "10.0.0.1", OPERATOR, PASSWORD)
    assert slowed.status_code == 429 and int(slowed.headers["Retry-After"]) <= 60
    # Another account from that address, and the same account from elsewhere, go through.
    assert sign_in_from(app, "10.0.0.1", "shopper@example.com", PASSWORD).status_code == 302
    assert sign_in_from(app, "10.0.0.2", OPERATOR, PASSWORD).status_code == 302


def test_plus_tag_spellings_of_an_account_share_its_budget(make_app) -> None:  # type: ignore[no-untyped-def]
    """A guesser cannot buy fresh tries with ``operator+1@``, ``operator+2@``...: one mailbox,
    one account, one budget."""
    app = make_app(LOGIN_PER_ACCOUNT_RATE_LIMIT="3 per minute")
    with app.app_context():
        operator()
    spellings = [OPERATOR.replace("@", f"+{n}@") for n in range(5)]
    statuses = [
        sign_in_from(app, "10.0.0.1", email, "wrong-guess-123").status_code for email in spellings
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_successful_sign_ins_do_not_count(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(LOGIN_RATE_LIMIT="2 per minute", LOGIN_PER_ACCOUNT_RATE_LIMIT="2 per minute")
    with app.app_context():
        operator()
    statuses = [sign_in_from(app, "10.0.0.1", OPERATOR, PASSWORD).status_code for _ in range(5)]
    assert statuses == [302] * 5


def test_behind_a_trusted_proxy_each_client_is_limited_on_its_own(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(TRUSTED_PROXIES=1, LOGIN_RATE_LIMIT="3 per minute")
    with app.app_context():
        operator()
    # Every request arrives from the proxy (127.0.0.1); the client is in X-Forwarded-For.
    statuses = [
        sign_in_from(app, "127.0.0.1", f"u{n}@example.com", "wrong-1234", "203.0.113.5").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    response = sign_in_from(app, "127.0.0.1", OPERATOR, PASSWORD, "198.51.100.7")
    assert response.status_code == 302


def test_without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(LOGIN_RATE_LIMIT="3 per minute")
    statuses = [
        sign_in_from(app, "10.0.0.1", OPERATOR, "wrong-1234", f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


# --- 2. The confirmation link confirms, once, and signs nobody in --------------------------


def register(forms: FormPoster, email: str) -> str:
    forms.post(
        "/auth/register",
        {"email": email, "password": PASSWORD, "confirm": PASSWORD, "role": "shopper"},
    )
    (message,) = messages_to(email)
    return link_in(message, "/auth/confirm/")


def test_the_confirmation_link_is_not_a_login(app: Flask, forms: FormPoster) -> None:
    link = register(forms, "new@example.com")
    holder = app.test_client()  # whoever has the link: a forwarded mail, a login-CSRF page
    response = holder.get(link)
    assert response.status_code == 302 and response.location == "/auth/login"
    assert holder.get("/my/requests").status_code == 302
    page = holder.get("/auth/login").get_data(as_text=True)
    assert "Your e-mail address is confirmed. Please sign in." in page
    user = db.session.scalar(db.select(User).filter_by(email="new@example.com"))
    assert user is not None and user.email_confirmed_at is not None and user.last_login_at is None
    # The owner signs in with the password, as anyone must.
    assert AuthActions(FormPoster(holder)).login("new@example.com").location == "/my/requests"


def test_the_confirmation_link_works_once(app: Flask, forms: FormPoster) -> None:
    link = register(forms, "new@example.com")
    assert app.test_client().get(link).location == "/auth/login"
    again = app.test_client()
    response = again.get(link)
    assert response.location == "/auth/login"
    assert "already used" in again.get("/auth/login").get_data(as_text=True)
    assert again.get("/my/requests").status_code == 302


def test_a_password_reset_kills_the_confirmation_link(app: Flask, forms: FormPoster) -> None:
    user = UserFactory(email="s@example.com")
    db.session.commit()
    forms.post("/auth/forgot-password", {"email": "s@example.com"})
    (reset,) = messages_to("s@example.com")
    # An old confirmation link, as if sent before the password changed (still unconfirmed).
    user.email_confirmed_at = None
    db.session.commit()
    forms.post("/auth/login", {"email": "s@example.com", "password": PASSWORD})  # re-sends it
    confirm = link_in(messages_to("s@example.com")[-1], "/auth/confirm/")
    forms.post(link_in(reset, "/auth/reset/"), {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    holder = app.test_client()
    assert holder.get(confirm).location == "/auth/login"
    assert "already used" in holder.get("/auth/login").get_data(as_text=True)
    assert holder.get("/my/requests").status_code == 302


# --- 3. Signing out ends the session everywhere ---------------------------------------------


def copy_cookie(source: FlaskClient, name: str, target: FlaskClient) -> None:
    cookie = source.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    target.set_cookie(name, cookie.value)


def test_a_copied_session_cookie_dies_at_sign_out(app: Flask, client: FlaskClient) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    auth = AuthActions(FormPoster(client))
    auth.login("s@example.com")
    thief = app.test_client()
    copy_cookie(client, "session", thief)
    assert thief.get("/my/requests").status_code == 200
    auth.logout()
    assert thief.get("/my/requests").status_code == 302


def test_a_copied_remember_me_cookie_dies_at_sign_out(app: Flask, client: FlaskClient) -> None:
    user = UserFactory(email="s@example.com")
    db.session.commit()
    forms = FormPoster(client)
    forms.post("/auth/login", {"email": "s@example.com", "password": PASSWORD, "remember": "y"})
    remember = client.get_cookie("remember_token")
    assert remember is not None
    # Flask-Login's cookie names the session generation, like the session does.
    db.session.refresh(user)
    assert decode_cookie(remember.value) == f"{user.id}.{user.session_version}"
    before = app.test_client()
    copy_cookie(client, "remember_token", before)
    assert before.get("/my/requests").status_code == 200  # the cookie alone signs in
    thief = app.test_client()
    copy_cookie(client, "remember_token", thief)
    AuthActions(forms).logout()
    assert thief.get("/my/requests").status_code == 302


def test_remember_me_lasts_30_days_not_a_year(client: FlaskClient, forms: FormPoster) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    forms.post("/auth/login", {"email": "s@example.com", "password": PASSWORD, "remember": "y"})
    remember = client.get_cookie("remember_token")
    assert remember is not None and remember.expires is not None
    lifetime = remember.expires - datetime.now(UTC)
    assert timedelta(days=29) < lifetime <= timedelta(days=30)


def test_signing_in_starts_a_new_session_and_csrf_token(app: Flask, client: FlaskClient) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    # A token read (or planted) before sign-in...
    before = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    AuthActions(FormPoster(client)).login("s@example.com")
    # ...is no good in the signed-in session.
    response = client.post("/auth/logout", data={"csrf_token": before})
    assert response.status_code == 400
    assert client.get("/my/requests").status_code == 200


def test_sign_out_everywhere(app: Flask, client: FlaskClient) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    phone = app.test_client()
    AuthActions(FormPoster(phone)).login("s@example.com")
    AuthActions(FormPoster(client)).login("s@example.com")
    page = client.get("/my/requests").get_data(as_text=True)
    assert 'action="/auth/logout-everywhere"' in page and "Sign out everywhere" in page
    # Not without the form's CSRF token.
    assert client.post("/auth/logout-everywhere").status_code == 400
    assert phone.get("/my/requests").status_code == 200
    response = FormPoster(client).post("/auth/logout-everywhere", {}, page="/")
    assert response.status_code == 302
    assert client.get("/my/requests").status_code == 302
    assert phone.get("/my/requests").status_code == 302
