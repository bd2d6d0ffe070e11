# ruff: noqa: RUF001 — words in Cyrillic and Persian are the point here.
"""The shared vocabulary of the form modules: folding text and identifiers, building patterns
folded like the text, and which role a piece of text about a field names."""

from __future__ import annotations

import re

import pytest

from discountmarket.outreach import form_words as w


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("  Prénom\u00a0 *  ", "prenom *"),
        ("PRENOM", "prenom"),
        ("Straße", "strasse"),  # casefold, not lower
        ("Ваш e-mail", "ваш e-mail"),
        ("Йогурт", "иогурт"),  # й and и are one letter here
        ("نام\u200cخانوادگي", "نام خانوادگی"),  # ZWNJ splits words; Arabic yeh is Persian yeh
        ("كتاب", "کتاب"),
        ("ﬁrst", "first"),  # compatibility forms
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert w.fold(text) == folded


@pytest.mark.parametrize(
    ("identifier", "words"),
    [
        ("ctl00$txtFirstName", "ctl 00 txt first name"),
        ("contact_form[e-mail]", "contact form e mail"),
        ("phone2", "phone 2"),
        ("USERNAME", "username"),
        ("your-message__body", "your message body"),
        ("", ""),
    ],
)
def test_split_identifier(identifier: str, words: str) -> None:
    assert w.split_identifier(identifier) == words


def test_patterns_are_folded_like_the_text() -> None:
    pattern = w.words(r"prénom|Ваше ИМЯ")
    assert pattern.search(w.fold("Votre PRÉNOM"))
    assert pattern.search(w.fold("ваше имя"))
    assert not pattern.search("Votre PRÉNOM")  # unfolded text does not match


def test_upper_case_escapes_are_refused() -> None:
    # Folding lower-cases the pattern: \S would silently become \s.
    with pytest.raises(ValueError, match="upper-case regex escape"):
        w.words(r"e-mail\S+")
    assert w.words(r"\bname\b").pattern == r"\bname\b"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("full name", "name"),  # before first/last name: it contains both
        ("first and last name", "name"),
        ("company name", w.OTHER),  # before "name"
        ("user name", w.OTHER),
        ("email address", "email"),  # before "address"
        ("street address", w.OTHER),
        ("repeat email", w.OTHER),  # confirmations carry no role of their own
        ("last name", "last_name"),
        ("your first name", "first_name"),
        ("phone", "phone"),
        ("subject", "subject"),
        ("message", "message"),
        ("your name", "name"),
        ("tel", "phone"),
        ("hotel", None),  # "tel" as a word only
        ("favourite colour", None),
    ],
)
def test_role_of(text: str, role: str | None) -> None:
    assert w.role_of(w.fold(text)) == role


def test_every_role_has_words_and_autocomplete_maps_to_roles() -> None:
    named = {role for role, _pattern in w.ROLE_WORDS}
    assert set(w.ROLES) <= named
    assert named - set(w.ROLES) == {w.OTHER}
    assert set(w.AUTOCOMPLETE_ROLES.values()) <= set(w.ROLES)


@pytest.mark.parametrize(
    ("name", "search"), [("q", True), ("search_query", True), ("keywords", True), ("quote", False)]
)
def test_search_field_names(name: str, search: bool) -> None:
    assert bool(w.SEARCH_FIELD.match(w.split_identifier(name))) is search


@pytest.mark.parametrize(
    ("name", "quantity"),
    [
        ("qty", True),
        ("cart[12][qty]", True),
        ("Menge", True),
        ("quantity_1", True),
        ("amount_due", True),
        ("quantum", False),
        ("equity", False),
    ],
)
def test_quantity_field_names(name: str, quantity: bool) -> None:
    assert bool(w.QUANTITY_FIELD.search(w.split_identifier(name))) is quantity


@pytest.mark.parametrize(
    ("text", "pattern", "found"),
    [
        ("I agree to the privacy policy", w.CONSENT, True),
        ("Souhlasím se zpracováním osobních údajů", w.CONSENT, True),
        ("Send me offers and news", w.MARKETING, True),
        ("Leave this field empty", w.HONEYPOT, True),
        ("Ваше сообщение успешно отправлено", w.SUCCESS, True),
        ("Vielen Dank für Ihre Nachricht", w.SUCCESS, True),
        ("Dieses Feld ist ein Pflichtfeld", w.FIELD_ERROR, True),
        ("Please fill in your name", w.FIELD_ERROR, True),
        ("Thank you", w.FIELD_ERROR, False),
        ("Your message", w.SUCCESS, False),
    ],
)
def test_vocabularies_match_folded_text(text: str, pattern: re.Pattern[str], found: bool) -> None:
    assert bool(pattern.search(w.fold(text))) is found
