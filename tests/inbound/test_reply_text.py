# ruff: noqa: RUF001 — words and signs in Cyrillic and other scripts are the point.
"""Only the new text of a human reply."""

from __future__ import annotations

import pytest

from discountmarket.inbound import reply_text

NEW = "We can do EUR 170 for your customer."


@pytest.mark.parametrize(
    "history",
    [
        (
            "On Mon, Jan 4, 2027 at 10:12 AM DiscountMarket "
            "<reply+x@in.discountmarket.test> wrote:\n> Hello"
        ),
        (
            "On Mon, Jan 4, 2027 at 10:12 AM DiscountMarket "
            "<reply+x@in.discountmarket.test>\nwrote:\n> Hello"
        ),
        "Am Mo., 4. Jan. 2027 um 10:12 Uhr schrieb DiscountMarket <r@x.example>:\n> Hallo",
        "Le lun. 4 janv. 2027 à 10:12, DiscountMarket <r@x.example> a écrit :\n> Bonjour",
        "El lun, 4 ene 2027 a las 10:12, DiscountMarket (<r@x.example>) escribió:\n> Hola",
        "Il giorno lun 4 gen 2027 alle ore 10:12 DiscountMarket <r@x.example> ha scritto:\n> Ciao",
        "Op ma 4 jan. 2027 om 10:12 schreef DiscountMarket <r@x.example>:\n> Hallo",
        "Dne 4. 1. 2027 v 10:12 DiscountMarket napsal(a):\n> Dobrý den",
        "4 янв. 2027 г., в 10:12, DiscountMarket <r@x.example> написал(а):\n> Здравствуйте",
        "Понедельник, 4 января 2027, 10:12 +03:00 от DiscountMarket <r@x.example>:\n> Здравствуйте",
        "DiscountMarket пишет:\n> Здравствуйте",
        "W dniu 4.01.2027 o 10:12, DiscountMarket pisze:\n> Dzień dobry",
        "-----Original Message-----\nFrom: DiscountMarket\nSent: Monday\nHello",
        (
            "________________________________\nFrom: DiscountMarket <r@x.example>\n"
            "Sent: 04 January 2027 10:12\nHello"
        ),
        (
            "From: DiscountMarket <r@x.example>\nSent: Monday, January 4, 2027 "
            "10:12 AM\nTo: shop\nHello"
        ),
        "Von: DiscountMarket <r@x.example>\nGesendet: Montag, 4. Januar 2027 10:12\nAn: shop",
        "De : DiscountMarket <r@x.example>\nEnvoyé : lundi 4 janvier 2027 10:12\nÀ : shop",
        "Od: DiscountMarket <r@x.example>\nOdesláno: pondělí 4. ledna 2027 10:12\nKomu: shop",
        "От: DiscountMarket <r@x.example>\nОтправлено: 4 января 2027 г. 10:12\nКому: shop",
        "-- \nAnna Berg\n+49 30 1234 5678",
        "Sent from my iPhone",
        "Von meinem iPhone gesendet",
        "> quoted only",
    ],
)
def test_history_and_signatures_are_cut(history: str) -> None:
    assert reply_text.from_plain(f"{NEW}\n\n{history}\n") == NEW


def test_valedictions_end_the_new_text() -> None:
    assert reply_text.from_plain(f"{NEW}\n\nBest regards,\nAnna\nTel. +49 30 123456") == NEW
    assert reply_text.from_plain(f"{NEW}\n\nС уважением,\nИван") == NEW


def test_a_trailing_signature_block_without_a_marker() -> None:
    text = f"{NEW}\n\nAnna Berg\nBean & Burr\n+49 30 1234 5678"
    assert reply_text.from_plain(text, "Anna Berg") == NEW
    assert reply_text.from_plain(f"Hello,\n\n{NEW}") == f"Hello,\n\n{NEW}"


def test_interleaved_quotes_keep_the_answers() -> None:
    text = "> Would you sell it for EUR 170?\nYes, EUR 175 is fine.\n> When?\nToday."
    assert reply_text.from_plain(text) == "Yes, EUR 175 is fine.\nToday."


@pytest.mark.parametrize(
    "quote",
    [
        '<div class="gmail_quote"><div class="gmail_attr">On Mon wrote:</div>'
        "<blockquote>old EUR 189</blockquote></div>",
        '<blockquote type="cite">old EUR 189</blockquote>',
        '<div class="moz-cite-prefix">On 04.01.27 DiscountMarket wrote:</div>'
        "<blockquote>old</blockquote>",
        '<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>From:</b> x</div>'
        "<div>old EUR 189</div>",
        '<div id="divRplyFwdMsg"><b>Von:</b> x</div><p>old</p>',
    ],
)
def test_html_quote_containers_are_removed(quote: str) -> None:
    html = f"<html><body><div>{NEW}</div>{quote}</body></html>"
    assert reply_text.extract(None, html) == NEW


def test_plain_is_preferred_to_html_and_empty_bodies_give_empty_text() -> None:
    assert reply_text.extract(NEW, "<p>other</p>") == NEW
    assert reply_text.extract(None, None) == ""
    assert reply_text.extract("  ", "") == ""


def test_a_last_paragraph_of_labelled_terms_with_a_date_is_no_signature() -> None:
    text = "Hello,\n\nQuote: Q-10045\nPrice: 1,249.00 EUR\nValid until: 31.01.2027"
    assert reply_text.from_plain(text, "Support") == text


def test_a_thank_you_that_opens_the_reply_is_no_closing() -> None:
    text = "Hi,\n\nThanks!\n\nWe can do EUR 170 for you. Let me know.\n\nBest,\nAnna"
    assert (
        reply_text.from_plain(text) == "Hi,\n\nThanks!\n\nWe can do EUR 170 for you. Let me know."
    )
