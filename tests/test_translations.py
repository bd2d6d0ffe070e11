"""The Russian catalogue: complete, placeholders intact, and actually used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def messages():  # type: ignore[no-untyped-def]
    with CATALOGUE.open("rb") as handle:
        return [m for m in read_po(handle, locale="ru") if m.id]


def test_every_message_is_translated_with_its_placeholders() -> None:
    found = messages()
    assert len(found) > 500
    for message in found:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated: {ids[0]!r}"
        assert not message.fuzzy, f"fuzzy: {ids[0]!r}"
        wanted = set(PLACEHOLDER.findall(ids[0])) | set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= wanted, f"placeholders differ: {ids[0]!r}"


def test_the_catalogue_knows_every_string_the_templates_use() -> None:
    """A new UI string without a Russian translation fails here (run `make translations`)."""
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in messages()}
    used: set[str] = set()
    for template in (ROOT / "templates").rglob("*.*"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]""", text))
    missing = sorted(s for s in used if s.replace('\\"', '"') not in known)
    assert missing == []


@pytest.mark.skipif(
    not CATALOGUE.with_suffix(".mo").exists(), reason="compiled by `make` (pybabel compile)"
)
def test_the_ui_speaks_russian(client: FlaskClient) -> None:
    russian = {m.id: m.string for m in messages() if isinstance(m.id, str)}
    html = client.get("/", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert 'lang="ru"' in html
    for text in ("Open requests", "Bid board", "Sign in"):
        assert russian[text] in html and russian[text] != text


@pytest.mark.skipif(
    not CATALOGUE.with_suffix(".mo").exists(), reason="compiled by `make` (pybabel compile)"
)
def test_stores_get_messages_in_their_language(app: Flask) -> None:
    from discountmarket.outreach import mail

    with app.test_request_context():
        message = mail.compose(
            "reset_password",
            "a@example.com",
            "Reset",
            locale="ru",
            reset_url="https://dm.example/r",
            max_age_minutes=60,
        )
    assert "пароль" in message.text.lower()
