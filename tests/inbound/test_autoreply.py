"""Auto-reply signals (RT, osTicket, Zammad, Discourse rules), out-of-office vs ticket
acknowledgement, and the alternate contacts an absence names."""

from __future__ import annotations

import pytest

from discountmarket.inbound import autoreply
from discountmarket.inbound import message as mime
from discountmarket.inbound.classify import classify


def mail(
    headers: str, body: str = "Thanks, we will look at it.", subject: str = "Re: Discount request"
) -> bytes:
    return (
        "From: Shop <sales@shop.example>\r\nTo: reply+Tok3n@in.discountmarket.test\r\n"
        f"Subject: {subject}\r\nDate: Mon, 4 Jan 2027 10:00:00 +0000\r\n{headers}\r\n{body}\r\n"
    ).encode()


@pytest.mark.parametrize(
    "headers",
    [
        "Auto-Submitted: auto-replied\r\n",
        "Auto-Submitted: auto-generated\r\n",
        "Auto-Submitted: auto-replied (vacation)\r\n",
        "X-Autoreply: yes\r\n",
        "X-Autorespond: Re: Discount request\r\n",
        "X-AutoReply-From: sales@shop.example\r\n",
        "X-Mail-Autoreply: yes\r\n",
        "Precedence: auto_reply\r\n",
        "X-Precedence: auto_reply\r\n",
        "Precedence: junk\r\n",
        "X-Loop: sales@shop.example\r\n",
        "Return-Path: <>\r\n",
    ],
)
def test_header_signals_make_an_answer_to_us_an_auto_reply(headers: str) -> None:
    assert classify(mail(headers)).kind == "auto_reply"


def test_auto_submitted_no_is_a_human() -> None:
    assert classify(mail("Auto-Submitted: no\r\n")).kind == "reply"


def test_x_auto_response_suppress_alone_is_only_a_weak_signal() -> None:
    """Outlook sets it on ordinary mail: a human reply keeps being a reply."""
    assert classify(mail("X-Auto-Response-Suppress: All\r\n", "We can do EUR 170.")).kind == "reply"


@pytest.mark.parametrize(
    "sender",
    [
        "MAILER-DAEMON@mx.shop.example",
        "postmaster@shop.example",
        "no-reply@shop.example",
        "noreply@shop.example",
        "do-not-reply@shop.example",
    ],
)
def test_machine_senders_answering_us_are_auto_replies(sender: str) -> None:
    raw = mail("").replace(b"Shop <sales@shop.example>", sender.encode())
    assert classify(raw).kind == "auto_reply"


@pytest.mark.parametrize(
    "subject",
    [
        "Automatic reply: Discount request",
        "Auto: Discount request",
        "Automatische Antwort: Rabattanfrage",
        "Abwesenheitsnotiz",
        "Autosvar: Rabattforesporgsel",
        "Automatisk svar: Rabatt",
        "Réponse automatique : Demande de remise",
        "Respuesta automática: Solicitud",
        "Risposta automatica: Richiesta",
        "Automatisch antwoord: Verzoek",
        "Automatická odpověď: Žádost",
        "Odpowiedź automatyczna: Prośba",
        "Автоответ: Запрос скидки",
        "Resposta automática: Pedido",
        "Out of Office: Discount request",
        "[Auto-Reply] Discount request",
    ],
)
def test_auto_reply_subject_prefixes_in_many_languages(subject: str) -> None:
    assert classify(mail("", subject=subject)).kind == "auto_reply"


def test_a_human_subject_that_merely_mentions_absence_words_later_is_a_reply() -> None:
    assert (
        classify(mail("", subject="Re: Discount request (automatic reply not wanted)")).kind
        == "reply"
    )


def test_ticket_acknowledgement_is_an_auto_reply_but_not_out_of_office() -> None:
    body = "Your request (#48213) has been received and is being reviewed by our support staff."
    result = classify(mail("Auto-Submitted: auto-generated\r\n", body)).to_json()
    assert result["kind"] == "auto_reply"
    assert result["auto_reply"] == {"out_of_office": False, "until": None, "alternate_contacts": []}


def test_out_of_office_names_until_and_alternates_but_not_the_sender_or_our_addresses() -> None:
    body = (
        "I am out of the office until 12 January. Please write to Jonas.Klein@shop.example, "
        "sales@shop.example or reply+Tok3n@in.discountmarket.test."
    )
    result = classify(mail("Auto-Submitted: auto-replied\r\n", body)).to_json()
    assert result["auto_reply"] == {
        "out_of_office": True,
        "until": "2027-01-12",
        "alternate_contacts": ["jonas.klein@shop.example"],
    }


def test_us_writers_put_the_month_first() -> None:
    raw = mail(
        "Auto-Submitted: auto-replied\r\nContent-Language: en-US\r\n",
        "I am out of the office until 1/12/2027.",
    )
    assert classify(raw).to_json()["auto_reply"]["until"] == "2027-01-12"
    uk = mail("Auto-Submitted: auto-replied\r\n", "I am out of the office until 1/12/2027.")
    assert classify(uk).to_json()["auto_reply"]["until"] == "2027-12-01"


def test_signals_of_a_mass_mailing() -> None:
    message = mime.parse(mail("List-Id: <news.shop.example>\r\nPrecedence: bulk\r\n"))
    found = autoreply.signals(message)
    assert found.mass and found.generated and not found.explicit


def test_an_alternate_named_in_the_last_lines_of_an_absence_note_is_kept() -> None:
    body = "Out of the office until 12 January. Please contact\r\nJonas Klein\r\njonas@shop.example"
    result = classify(mail("Auto-Submitted: auto-replied\r\n", body)).to_json()
    assert result["auto_reply"]["alternate_contacts"] == ["jonas@shop.example"]
