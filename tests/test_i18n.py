"""Language choice: browser default, the switcher (remembered), the user's setting."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from discountmarket.extensions import db
from discountmarket.models import User
from tests.conftest import AuthActions, FormPoster
from tests.factories import UserFactory


def html_lang(client: FlaskClient, **kwargs) -> str:  # type: ignore[no-untyped-def]
    html = client.get("/", **kwargs).get_data(as_text=True)
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_browser_language_is_the_default(client: FlaskClient) -> None:
    assert html_lang(client) == "en"
    assert html_lang(client, headers={"Accept-Language": "ru-RU,ru;q=0.9"}) == "ru"
    assert html_lang(client, headers={"Accept-Language": "de-DE"}) == "en"


def test_switcher_is_remembered_and_saved_for_the_user(app: Flask, client: FlaskClient) -> None:
    forms = FormPoster(client)
    response = forms.post("/language", {"language": "ru", "next": "/auth/login"}, page="/")
    assert response.status_code == 302 and response.location == "/auth/login"
    assert html_lang(client, headers={"Accept-Language": "en"}) == "ru"

    user = UserFactory(email="s@example.com")
    db.session.commit()
    AuthActions(forms).login("s@example.com")
    forms.post("/language", {"language": "en", "next": "https://evil.example/"}, page="/")
    db.session.refresh(user)
    assert user.locale == "en"
    # A new device of the same user gets the saved language after sign-in.
    other = app.test_client()
    AuthActions(FormPoster(other)).login("s@example.com")
    assert html_lang(other, headers={"Accept-Language": "ru"}) == "en"


def test_unknown_language_is_refused(client: FlaskClient) -> None:
    response = FormPoster(client).post("/language", {"language": "xx"}, page="/")
    assert response.status_code == 400
    assert db.session.scalar(db.select(User)) is None
