"""Language choice: browser default, the switcher (remembered), the user's setting."""

from __future__ import annotations

from bs4 import BeautifulSoup
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
    # The browser's order of preference counts, not the order of our languages.
    assert html_lang(client, headers={"Accept-Language": "de;q=1, ru;q=0.8, en;q=0.5"}) == "ru"
    assert html_lang(client, headers={"Accept-Language": "ru;q=0.3, en-GB;q=0.9"}) == "en"


def test_the_switcher_shows_the_language_in_use(client: FlaskClient) -> None:
    html = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert '<option value="ru" selected>Русский</option>' in html
    assert '<label for="language">Язык</label>' in html


def test_the_switcher_changes_language_only_with_its_button(client: FlaskClient) -> None:
    """Choosing an option with the keyboard must not navigate (WCAG 3.2.2, on input)."""
    html = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    form = BeautifulSoup(html, "html.parser").select_one("form.language-form")
    assert form is not None and form.select_one("select#language") is not None
    button = form.select_one("button[type=submit]")
    assert button is not None and button.get_text(strip=True) == "Сменить"
    assert "hidden" not in button.attrs and "js-hide" not in button.get("class", [])
    assert not form.select("[onchange]")
    response = client.get("/static/js/app.js")
    script = response.get_data(as_text=True)
    response.close()  # a file response: close it, or the unclosed file warns
    assert ".submit()" not in script, "a script submits a form by itself"


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
