"""``judge_submission``: accepted only on evidence, refused on errors, uncertain otherwise —
on the answers real platforms give (WordPress plugins, Shopify, Bitrix, OpenCart, Tilda…)."""

from __future__ import annotations

import json

import pytest

from discountmarket.outreach.form_verdict import Verdict
from discountmarket.outreach.forms import FormPlan, analyse_forms, judge_submission

PAGE = "https://shop.example/contact/"
ACTION = "https://shop.example/send"
FIELDS = 'Name <input name="name"> E-mail <input name="email"> <textarea name="msg"></textarea>'


def form(extra: str = "", attrs: str = 'action="/send" method="post"') -> str:
    return f"<form {attrs}>{FIELDS}{extra}<button>Send</button></form>"


def page(body: str, title: str = "Contact us") -> str:
    return (
        f"<html><head><title>{title}</title></head><body><header><nav>"
        '<a href="/">Home</a><a href="/contact/">Contact</a></nav></header>'
        f"<main>{body}</main><footer>Thank you for shopping with us!</footer></body></html>"
    )


CONTACT = page("<h1>Contact us</h1><p>We will get back to you within a day.</p>" + form())
PLAN: FormPlan = analyse_forms(CONTACT, PAGE)[0]


def judge(
    body: str,
    status: int = 200,
    url: str = ACTION,
    content_type: str = "text/html",
    before: str | None = CONTACT,
) -> Verdict:
    return judge_submission(PLAN, status, url, body, content_type=content_type, before=before)


def with_form(extra: str) -> str:
    return page("<h1>Contact us</h1>" + form(extra))


# --- accepted --------------------------------------------------------------------------------

ACCEPTED_PAGES = {
    "english": page("<h1>Thank you for your message!</h1>"),
    "russian": page("<p>Спасибо! Ваше сообщение отправлено.</p>"),
    "czech": page("<p>Děkujeme, zpráva byla odeslána.</p>"),
    "finnish": page("<p>Kiitos viestistäsi!</p>"),
    "danish": page("<p>Tak for din henvendelse</p>"),
    "german": page("<p>Vielen Dank für Ihre Nachricht.</p>"),
    "spanish": page("<p>¡Gracias! Mensaje enviado.</p>"),
    "french": page("<p>Merci, votre message a bien été envoyé.</p>"),
    "persian": page("<p>با تشکر، پیام شما ارسال شد</p>"),
    "short thanks": page("<p>Thanks, we got your message.</p>"),
    "german request": page("<p>Ihre Anfrage wurde erfolgreich übermittelt.</p>"),
    "polish": page("<p>Twoje zapytanie zostało przekazane do właściciela sklepu!</p>"),
    "ukrainian": page("<p>Ваше повідомлення надіслано.</p>"),
    "dutch": page("<p>We hebben je bericht ontvangen.</p>"),
    "success above the form again": with_form("").replace(
        "<h1>", '<div class="alert alert-success" role="alert">Thanks for contacting us</div><h1>'
    ),
    "cf7 form state": page(
        '<form class="wpcf7-form sent" data-status="sent" action="/send" method="post">'
        f"{FIELDS}<div class='wpcf7-response-output'>Your message was received.</div></form>"
    ),
    "cf7 before 5.2": page(
        '<div class="wpcf7-response-output wpcf7-mail-sent-ok">Your message was received.</div>'
    ),
    "gravity forms": page(
        '<div class="gform_confirmation_wrapper"><div class="gform_confirmation_message">'
        "We have received your enquiry.</div></div>"
    ),
    "wpforms": page('<div class="wpforms-confirmation-container-full"><p>Received.</p></div>'),
    "ninja forms": page('<div class="nf-response-msg">Your form has been received.</div>'),
    "hubspot": page('<div class="submitted-message"><p>We got it.</p></div>'),
    "tilda": page('<div class="t-form-success-popup"><div>Заявка получена</div></div>'),
    "bitrix": page('<div class="mfeedback"><div class="mf-ok-text">Получено.</div></div>'),
    "shopify": page('<p class="note form-success">Our team has your note.</p>'),
    "shopify dawn": page(
        '<h2 class="form-status form-status-list form__message">'
        "Thanks for contacting us. We'll get back to you as soon as possible.</h2>"
    ),
    "prestashop": page('<div class="alert alert-success"><ul><li>Nachricht gesendet.</li></ul>'),
    "magento": page('<div class="message-success success message"><div>Received.</div></div>'),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED_PAGES))
def test_success_pages_are_accepted(name: str) -> None:
    verdict = judge(ACCEPTED_PAGES[name])
    assert verdict.outcome == "accepted", verdict.reason
    assert verdict.accepted and verdict.reason


@pytest.mark.parametrize(
    "url",
    [
        "https://shop.example/thank-you/",
        "https://shop.example/thanks",
        "https://shop.example/spasibo/",
        "https://shop.example/danke",
        "https://shop.example/kontakt/dekujeme",
        "https://shop.example/contact-success",
        "https://shop.example/pages/contact?contact_posted=true#contact_form",
        "https://shop.example/contact/?form_posted=true",
        "https://shop.example/contact/#sent",
        "https://shop.example/contact/#success",
        "https://shop.example/feedback/?success=4f2a9c",
        "https://shop.example/index.php?route=information/contact/success",
        "https://shop.example/kontakty/?odeslano=1",
    ],
)
def test_a_thank_you_address_is_accepted(url: str) -> None:
    """A redirect to a thank-you address is evidence, whatever the page there says."""
    for body in ("", page("<h1>Our shop</h1>")):
        verdict = judge(body, url=url)
        assert verdict.outcome == "accepted", (url, verdict.reason)


@pytest.mark.parametrize(
    "answer",
    [
        {"status": "mail_sent", "message": "Thank you for your message. It has been sent."},
        {"success": True, "data": {"confirmation": "<p>Thanks!</p>"}},
        {"ok": True},
        {"result": "success"},
        {"is_valid": True, "confirmation_message": "Thanks"},
        {"inlineMessage": "Thanks for submitting the form."},
        {"message": "OK", "results": ["123456:789012"]},  # Tilda
    ],
)
def test_json_that_says_sent_is_accepted(answer: dict) -> None:
    verdict = judge(json.dumps(answer), content_type="application/json")
    assert verdict.outcome == "accepted", verdict.reason


def test_json_served_as_html_is_still_read() -> None:
    """WordPress endpoints often answer JSON with a text/html content type."""
    assert judge(json.dumps({"status": "validation_failed"})).outcome == "refused"


# --- refused ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        {"status": "validation_failed", "invalid_fields": [{"field": "your-email"}]},
        {"status": "mail_failed"},
        {"status": "spam"},
        {"status": "acceptance_missing"},
        {"success": False, "data": {"errors": {"general": "Form has not been submitted"}}},
        {"ok": False},
        {"error": "Invalid e-mail"},
        {"errors": {"email": ["is invalid"]}},
        {"result": "error"},
        {"is_valid": False, "validation_messages": {"2": "This field is required."}},
    ],
)
def test_json_that_says_not_sent_is_refused(answer: dict) -> None:
    verdict = judge(json.dumps(answer), content_type="application/json")
    assert verdict.outcome == "refused", verdict.reason


@pytest.mark.parametrize("status", [400, 403, 404, 422, 500])
def test_http_errors_are_refused(status: int) -> None:
    assert judge("<h1>Thank you</h1>", status=status) == Verdict("refused", f"HTTP {status}")


@pytest.mark.parametrize(
    "answer",
    [
        with_form('<span class="error">Please enter your e-mail</span>'),
        with_form("").replace('name="email"', 'name="email" aria-invalid="true"'),
        with_form("<p>Обязательное поле</p>"),
        with_form("<p>Toto pole je povinné</p>"),
        with_form("<p>Vyplňte prosím e-mail.</p>"),
        with_form("<p>Dies ist ein Pflichtfeld.</p>"),
        with_form("<p>این فیلد الزامی است</p>"),
        with_form("<p>Ce champ est obligatoire</p>"),
        with_form('<div class="g-recaptcha"></div>'),
        page("<p>Заполните поле «E-mail».</p>"),  # a message page without the form
        page("<p>Pole je povinné: e-mail</p>"),
        page('<div class="alert alert-danger">Invalid token.</div>'),
        page('<form class="wpcf7-form invalid" data-status="invalid">' + FIELDS + "</form>"),
        page('<div class="gform_validation_errors"><h2>There was a problem.</h2></div>'),
        "<title>Just a moment...</title><div id=challenge-platform></div>",
    ],
)
def test_errors_and_captchas_are_refused(answer: str) -> None:
    verdict = judge(answer)
    assert verdict.outcome == "refused", verdict.reason


def test_an_error_address_is_refused() -> None:
    assert judge("", url="https://shop.example/contact/?success=false").outcome == "refused"
    assert judge("", url="https://shop.example/contact/?error=1").outcome == "refused"


# --- uncertain -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "url", "answer", "content_type"),
    [
        (200, "https://shop.example/", page("<h1>New arrivals</h1>", "Our shop"), "text/html"),
        (200, ACTION, "", "text/html"),
        (204, ACTION, "", ""),
        (302, PAGE, "", ""),  # a redirect we were not allowed to follow
        (200, ACTION, json.dumps({"id": 17, "queued": 1}), "application/json"),
        (200, ACTION, json.dumps([1, 2]), "application/json"),
        (200, PAGE, CONTACT, "text/html"),  # the same contact page, no marker
        (200, ACTION, page("<p>Welcome to our shop</p>"), "text/html"),
        (200, ACTION, "OK", "text/plain"),
    ],
)
def test_answers_that_say_nothing_are_uncertain(
    status: int, url: str, answer: str, content_type: str
) -> None:
    verdict = judge(answer, status=status, url=url, content_type=content_type)
    assert verdict.outcome == "uncertain", verdict.reason
    assert verdict.reason


def test_the_home_page_again_says_so() -> None:
    verdict = judge(page("<h1>New arrivals</h1>"), url="https://shop.example/")
    assert verdict == Verdict("uncertain", "the store answered with its home page")


# --- look-alikes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        '<span class="error" style="display:none">Required</span>',  # a hidden template
        '<div class="invalid-feedback">Please enter a valid e-mail.</div>',  # Bootstrap's
        '<span class="error">*</span>',  # a red star
        '<div class="errors"></div>',  # an empty container
    ],
)
def test_error_look_alikes_are_no_refusal(markup: str) -> None:
    verdict = judge(with_form(markup))
    assert verdict.outcome == "uncertain", verdict.reason


def test_a_success_message_with_our_empty_form_again_is_accepted() -> None:
    """Many platforms show the message above a fresh, empty copy of the form."""
    answer = with_form("").replace("<h1>", '<div role="alert">Thank you, we will reply.</div><h1>')
    assert judge(answer).outcome == "accepted"


@pytest.mark.parametrize(
    "template",
    [
        '<div class="alert alert-success" style="display:none">Thank you!</div>',
        '<div class="alert-success" hidden>Thank you!</div>',
        '<div class="js-successbox t-form__successbox" style="display:none;"></div>',  # Tilda
        '<div class="w-form-done"><div>Thank you! Your submission has been received!</div></div>',
        '<div class="alert alert-success"></div>',
    ],
)
def test_success_templates_on_the_contact_page_are_no_evidence(template: str) -> None:
    """A hidden or empty success box, or one the contact page showed before the post."""
    contact = CONTACT.replace("<h1>", template + "<h1>")
    verdict = judge(contact, url=PAGE, before=contact)
    assert verdict.outcome == "uncertain", verdict.reason


def test_words_the_contact_page_said_already_are_no_evidence() -> None:
    """'We will get back to you within a day' is on the contact page before any post."""
    assert judge(CONTACT, url=PAGE).outcome == "uncertain"
    # Without the contact page to compare with, the same words count.
    assert judge(CONTACT, url=PAGE, before=None).outcome == "accepted"


def test_thanks_in_the_footer_is_no_evidence() -> None:
    assert judge(page("<h1>Bestsellers</h1>")).outcome == "uncertain"


@pytest.mark.parametrize("text", ["Commercial enquiries welcome", "Kontakt for mere info"])
def test_success_words_inside_other_words_are_no_evidence(text: str) -> None:
    """'merci' in 'commercial', 'tak for' in 'kontakt for'."""
    assert judge(page(f"<p>{text}</p>")).outcome == "uncertain"


def test_a_static_required_notice_is_no_refusal() -> None:
    """A form that says '* required' before any post has not come back with errors."""
    contact = page(form('<div role="alert">Fields marked * are required</div>'))
    plan = analyse_forms(contact, PAGE)[0]
    verdict = judge_submission(plan, 200, PAGE, contact, before=contact)
    assert verdict.outcome == "uncertain", verdict.reason


def test_a_refusal_outweighs_a_success_box() -> None:
    answer = page(
        '<div class="alert alert-success">Added to cart</div>'
        '<div class="alert alert-danger">The message could not be sent.</div>'
    )
    assert judge(answer).outcome == "refused"
