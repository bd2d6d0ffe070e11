"""The Russian catalogue: complete, placeholders intact, and actually used."""

from __future__ import annotations

import re
from gettext import c2py
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
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


def extracted_ids() -> set[str]:
    """Every marked string in the code and templates, as `make translations` extracts them
    (``_``, ``ngettext``, ``{% trans %}`` blocks, lazy strings)."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
    found = extract_from_dir(str(ROOT), method_map, options_map, keywords=keywords)
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def test_the_catalogue_holds_exactly_the_strings_in_use() -> None:
    """A new UI string without a Russian translation fails here, and so does a stale one."""
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in messages()}
    used = extracted_ids()
    assert sorted(used - known) == [], "not in the catalogue"
    assert sorted(known - used) == [], "no longer used"


def test_plurals_have_the_three_russian_forms() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="ru")
    assert catalogue.num_plurals == 3
    plurals = [m for m in catalogue if m.id and isinstance(m.id, tuple)]
    assert len(plurals) >= 6
    for message in plurals:
        assert len(message.string) == 3 and all(message.string), message.id[0]
    # The header's rule picks the right form: 1 and 21 день, 3 дня, 7 and 11 дней.
    plural = c2py(catalogue.plural_expr)
    days = catalogue.get(("Last %(num)d day", "Last %(num)d days"))
    chosen = [days.string[plural(n)] % {"num": n} for n in (1, 3, 7, 11, 21)]
    assert chosen == [
        "Последний 1 день",
        "Последние 3 дня",
        "Последние 7 дней",
        "Последние 11 дней",
        "Последний 21 день",
    ]


JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
WORD = re.compile(r"[^\W\d_]{2}")
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "value")


def unmarked_words(template: Path) -> list[str]:
    """Words a template shows outside any Jinja expression, so outside ``_()``."""
    text = JINJA.sub(" ", template.read_text(encoding="utf-8"))
    if template.suffix == ".txt":
        return [line.strip() for line in text.splitlines() if WORD.search(line)]
    page = BeautifulSoup(text, "html.parser")
    for verbatim in page(["script", "style", "code", "pre"]):
        verbatim.decompose()
    found = [str(s).strip() for s in page.find_all(string=True) if WORD.search(s)]
    for element in page.find_all(True):
        for name in SHOWN_ATTRIBUTES:
            value = element.get(name)
            if isinstance(value, str) and WORD.search(value):
                found.append(f"{name}={value}")
    return found


def test_no_template_shows_words_not_marked_for_translation() -> None:
    # The doctype; a domain is no word; the answer page's hidden "which form" values.
    allowed = {"html", "placeholder=example.com", "value=offer", "value=decline"}
    left = {
        str(template.relative_to(ROOT)): words
        for template in sorted((ROOT / "templates").rglob("*.*"))
        if (words := [w for w in unmarked_words(template) if w not in allowed])
    }
    assert left == {}


def test_the_unmarked_word_check_finds_one(tmp_path: Path) -> None:
    template = tmp_path / "page.html"
    template.write_text(
        '<p title="Hint">{{ _("Marked") }} Forgotten <code>kept</code></p>', encoding="utf-8"
    )
    assert unmarked_words(template) == ["Forgotten", "title=Hint"]


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
