# ruff: noqa: RUF001 — words and signs in Cyrillic and other scripts are the point.
"""The end of an absence in any of our languages and date formats, the year from the
message's Date and rolled over."""

from __future__ import annotations

from datetime import date

import pytest

from discountmarket.inbound.dates import end_of_absence

SENT = date(2027, 1, 5)


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("I am out of the office until 12 January.", "2027-01-12"),
        ("I will return on Monday, January 12th.", "2027-01-12"),
        ("I'm away until January 20, 2027 with no access to e-mail.", "2027-01-20"),
        ("back on 14.01.", "2027-01-14"),
        ("Ich bin bis zum 14.01.2027 nicht im Büro.", "2027-01-14"),
        ("Ich bin ab dem 18.01. wieder im Büro.", "2027-01-18"),
        ("Bis einschließlich 3. Februar bin ich im Urlaub.", "2027-02-03"),
        ("Je suis absente jusqu'au 3 février inclus.", "2027-02-03"),
        ("De retour le lundi 11 janvier.", "2027-01-11"),
        ("Я в отпуске до 15 января.", "2027-01-15"),
        ("Буду в офисе с 18 января.", "2027-01-18"),
        ("Do 14. ledna jsem na dovolené.", "2027-01-14"),
        ("Estoy fuera de la oficina hasta el 12 de enero.", "2027-01-12"),
        ("Sono fuori ufficio fino al 10/01/2027.", "2027-01-10"),
        ("Ik ben afwezig tot en met 8 januari.", "2027-01-08"),
        ("Jag är på semester till och med 6 januari.", "2027-01-06"),
        ("Jestem na urlopie do 20 stycznia.", "2027-01-20"),
        ("Away from 2 January to 20 January.", "2027-01-20"),
        ("Out of office 2027-01-20.", "2027-01-20"),
        ("I am on leave.", None),
    ],
)
def test_end_of_absence(text: str, until: str | None) -> None:
    found = end_of_absence(text, SENT)
    assert (found.isoformat() if found else None) == until


def test_a_date_before_the_message_rolls_over_to_the_next_year() -> None:
    assert end_of_absence("до 15 января", date(2026, 12, 28)) == date(2027, 1, 15)
    assert end_of_absence("back on 4th January", date(2026, 12, 22)) == date(2027, 1, 4)


def test_impossible_dates_are_ignored() -> None:
    assert end_of_absence("until 31 February", SENT) is None
    assert end_of_absence("until 45.13.", SENT) is None


@pytest.mark.parametrize(
    ("text", "until"),
    [
        ("I am back on Monday.", "2027-01-11"),  # SENT is Tuesday 5 January 2027
        ("Ich bin bis Freitag im Urlaub.", "2027-01-08"),
        ("В отпуске до пятницы.", "2027-01-08"),
        ("Jsem pryč do úterý.", "2027-01-12"),  # the same weekday means next week
        ("I was ill on Monday and am away now.", None),
    ],
)
def test_a_weekday_alone_is_the_next_such_day(text: str, until: str | None) -> None:
    found = end_of_absence(text, SENT)
    assert (found.isoformat() if found else None) == until
