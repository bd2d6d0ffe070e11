"""Sign-up with confirmation, sign-in, sign-out and password reset, through HTTP."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import Role, User
from discountmarket.services import accounts
from tests.conftest import AuthActions, FormPoster, without_tokens
from tests.factories import PASSWORD, UserFactory
from tests.mailbox import link_in, messages_to

NEW_PASSWORD = "a-brand-new-passphrase"


def register(forms: FormPoster, email: str, role: str = "shopper", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return forms.post(
        "/auth/register",
        {"email": email, "password": password, "confirm": password, "role": role},
    )


def test_sign_up_confirm_and_land_on_own_page(
    app: Flask, client: FlaskClient, forms: FormPoster
) -> None:
    response = register(forms, "New.Shopper@Example.com")
    assert response.status_code == 200
    assert "Check your e-mail" in response.get_data(as_text=True)
    user = db.session.scalar(db.select(User).filter_by(email="new.shopper@example.com"))
    assert user is not None and user.role == Role.SHOPPER and user.email_confirmed_at is None
    assert user.password_hash != PASSWORD and user.password_hash.startswith("pbkdf2:")

    # Not yet confirmed: signing in re-sends the link instead.
    forms.post("/auth/login", {"email": "new.shopper@example.com", "password": PASSWORD})
    assert client.get("/my/requests").status_code == 302

    (first, _resent) = messages_to("new.shopper@example.com")
    assert first.subject == "Confirm your e-mail address"
    assert first.html_body and "Confirm my address" in first.html_body
    # Confirming proves the address and asks for the password (tests/security/
    # test_account_attacks.py: the link is no login).
    response = client.get(link_in(first, "/auth/confirm/"))
    assert response.status_code == 302 and response.location == "/auth/login"
    assert client.get("/my/requests").status_code == 302
    db.session.refresh(user)
    assert user.email_confirmed_at is not None and user.last_login_at is None
    response = forms.post("/auth/login", {"email": "new.shopper@example.com", "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/my/requests"
    assert client.get("/my/requests").status_code == 200
    db.session.refresh(user)
    assert user.last_login_at is not None


def test_store_manager_sign_up_gets_the_portal(client: FlaskClient, forms: FormPoster) -> None:
    register(forms, "boss@shop.example", role="store_manager")
    (message,) = messages_to("boss@shop.example")
    assert client.get(link_in(message, "/auth/confirm/")).location == "/auth/login"
    response = forms.post("/auth/login", {"email": "boss@shop.example", "password": PASSWORD})
    assert response.location == "/store/"


def test_nobody_signs_up_as_operator(forms: FormPoster) -> None:
    response = register(forms, "sneaky@example.com", role="operator")
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(User).filter_by(email="sneaky@example.com")) is None


def test_bad_sign_up_input_is_reported_next_to_the_fields(forms: FormPoster) -> None:
    response = forms.post(
        "/auth/register",
        {"email": "not-an-email", "password": "short", "confirm": "other", "role": "shopper"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="email-error"' in html and 'id="password-error"' in html
    assert 'id="confirm-error"' in html
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


@pytest.mark.parametrize(
    ("owner", "typed"),
    [
        ("taken@example.com", "taken@example.com"),
        # Another address of the account's mailbox is the same taken address: the same
        # answer, and the owner is told at the account's own address.
        ("ab@gmail.com", "a.b+1@googlemail.com"),
    ],
)
def test_sign_up_does_not_reveal_existing_accounts(
    forms: FormPoster, owner: str, typed: str
) -> None:
    UserFactory(email=owner)
    db.session.commit()
    taken = without_tokens(register(forms, typed).get_data(as_text=True))
    fresh = without_tokens(register(forms, "fresh@example.com").get_data(as_text=True))
    assert taken.replace(typed, "X") == fresh.replace("fresh@example.com", "X")
    assert db.session.scalar(db.select(db.func.count(User.id))) == 2
    (notice,) = messages_to(owner)
    assert notice.subject == "You already have an account"
    assert "/auth/forgot-password" in notice.text_body
    assert typed == owner or messages_to(typed) == []


def test_sign_in_and_out(client: FlaskClient, auth: AuthActions) -> None:
    UserFactory(email="op@example.com", role=Role.OPERATOR)
    db.session.commit()
    response = auth.login("OP@example.com ")
    assert response.status_code == 302 and response.location == "/ops/"
    assert client.get("/ops/").status_code == 200
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/ops/").status_code == 302


def test_sign_out_needs_a_post(client: FlaskClient, auth: AuthActions) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    auth.login("s@example.com")
    assert client.get("/auth/logout").status_code == 405
    assert client.get("/my/requests").status_code == 200


def test_wrong_password_and_unknown_user_look_the_same(auth: AuthActions) -> None:
    UserFactory(email="known@example.com")
    db.session.commit()
    wrong = without_tokens(
        auth.login("known@example.com", "wrong-password-123").get_data(as_text=True)
    )
    unknown = without_tokens(
        auth.login("nobody@example.com", "wrong-password-123").get_data(as_text=True)
    )
    assert "Wrong e-mail or password." in wrong
    strip = lambda html: html.replace("known@", "X@").replace("nobody@", "X@")  # noqa: E731
    assert strip(wrong) == strip(unknown)


def test_inactive_user_cannot_sign_in(client: FlaskClient, auth: AuthActions) -> None:
    UserFactory(email="gone@example.com", active=False)
    db.session.commit()
    auth.login("gone@example.com")
    assert client.get("/my/requests").status_code == 302


def test_next_parameter_only_redirects_within_the_site(app: Flask) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    for target, expected in [
        ("/my/requests?x=1", "/my/requests?x=1"),
        ("https://evil.example/", "/my/requests"),
        ("//evil.example/", "/my/requests"),
        ("/\\evil.example", "/my/requests"),
        ("javascript:alert(1)", "/my/requests"),
    ]:
        forms = FormPoster(app.test_client())
        response = forms.post(
            f"/auth/login?next={target}",
            {"email": "s@example.com", "password": PASSWORD},
            page="/auth/login",
        )
        assert response.location == expected, target


def test_password_reset_flow(client: FlaskClient, forms: FormPoster, auth: AuthActions) -> None:
    user = UserFactory(email="forgetful@example.com")
    db.session.commit()
    response = forms.post("/auth/forgot-password", {"email": "forgetful@example.com"})
    assert "If an account exists" in response.get_data(as_text=True)
    (message,) = messages_to("forgetful@example.com")
    assert message.subject == "Reset your password"
    reset_path = link_in(message, "/auth/reset/")

    response = forms.post(reset_path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert client.get("/my/requests").status_code == 200  # signed in by the reset

    # The link works once only.
    response = client.get(reset_path)
    assert response.status_code == 302 and response.location == "/auth/forgot-password"

    auth.logout()
    auth.login("forgetful@example.com", PASSWORD)
    assert client.get("/my/requests").status_code == 302
    auth.login("forgetful@example.com", NEW_PASSWORD)
    assert client.get("/my/requests").status_code == 200
    db.session.refresh(user)
    assert user.session_version == 3  # one for the reset, one for signing out


def test_reset_for_unknown_address_looks_the_same_and_sends_nothing(forms: FormPoster) -> None:
    UserFactory(email="known@example.com")
    db.session.commit()
    known = forms.post("/auth/forgot-password", {"email": "known@example.com"})
    unknown = forms.post("/auth/forgot-password", {"email": "ghost@example.com"})
    assert without_tokens(known.get_data(as_text=True)).replace("known@", "X@") == without_tokens(
        unknown.get_data(as_text=True)
    ).replace("ghost@", "X@")
    assert messages_to("ghost@example.com") == []


def test_reset_ends_other_sessions(app: Flask, forms: FormPoster) -> None:
    UserFactory(email="s@example.com")
    db.session.commit()
    other_device = app.test_client()
    AuthActions(FormPoster(other_device)).login("s@example.com")
    assert other_device.get("/my/requests").status_code == 200

    forms.post("/auth/forgot-password", {"email": "s@example.com"})
    (message,) = messages_to("s@example.com")
    forms.post(
        link_in(message, "/auth/reset/"), {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert other_device.get("/my/requests").status_code == 302


def test_tampered_or_foreign_tokens_are_refused(client: FlaskClient) -> None:
    user = UserFactory(email="s@example.com")
    db.session.commit()
    confirm = accounts.confirmation_token(user)
    reset = accounts.reset_token(user)
    assert client.get(f"/auth/reset/{reset[:-2]}xx").location == "/auth/forgot-password"
    # A confirmation token is not a reset token, and the other way round.
    assert client.get(f"/auth/reset/{confirm}").location == "/auth/forgot-password"
    assert client.get(f"/auth/confirm/{reset}").location == "/auth/login"


def test_expired_reset_link_is_refused(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(PASSWORD_RESET_MAX_AGE=0)
    with app.app_context():
        user = UserFactory(email="s@example.com")
        db.session.commit()
        token = accounts.reset_token(user)
    import time

    time.sleep(1.1)
    response = app.test_client().get(f"/auth/reset/{token}")
    assert response.location == "/auth/forgot-password"


def test_signing_in_by_another_address_of_the_mailbox(
    client: FlaskClient, auth: AuthActions
) -> None:
    UserFactory(email="ab@gmail.com")
    db.session.commit()
    response = auth.login("A.B+shop@googlemail.com")
    assert response.status_code == 302 and response.location == "/my/requests"
    assert client.get("/my/requests").status_code == 200
