"""Captchas, called directly: vendor widgets and which vendor wins when markup mimics another,
bare widget elements filled by the page's scripts, and home-made captchas (a code from a
picture, a sum). The plan-level cases are in test_forms.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from discountmarket.outreach.form_captcha import CAPTCHA_KINDS, find_captcha
from discountmarket.outreach.form_fields import read_fields
from discountmarket.outreach.form_markup import PageIndex

MESSAGE = '<input type="email" name="email"><textarea name="message"></textarea>'


def captcha(body: str, *, head: str = "", with_page: bool = True) -> str | None:
    soup = BeautifulSoup(
        f"<html><head>{head}</head><body><form>{body}</form></body></html>", "html.parser"
    )
    form = soup.find("form")
    assert isinstance(form, Tag)
    found = find_captcha(form, soup if with_page else None, read_fields(form, PageIndex(soup)))
    assert found is None or found in CAPTCHA_KINDS
    return found


@pytest.mark.parametrize(
    ("widget", "kind"),
    [
        # Turnstile and hCaptcha mimic reCAPTCHA's names: the specific vendor wins.
        ('<div class="cf-turnstile g-recaptcha" data-sitekey="k"></div>', "turnstile"),
        ('<div class="h-captcha" data-callback="grecaptchaDone"></div>', "hcaptcha"),
        ('<div class="g-recaptcha" data-sitekey="k"></div>', "recaptcha"),
        ('<div id="funcaptcha" data-pkey="k"></div>', "other"),
        ('<div class="frc-captcha" data-sitekey="k"></div>', "other"),
        ('<script src="https://static.geetest.com/static/gt.js"></script>', "other"),
    ],
)
def test_vendor_widgets(widget: str, kind: str) -> None:
    assert captcha(MESSAGE + widget) == kind


def test_a_bare_widget_takes_its_vendor_from_the_pages_scripts() -> None:
    widget = '<div id="form-captcha"></div>'
    script = '<script src="https://js.hcaptcha.com/1/api.js"></script>'
    assert captcha(MESSAGE + widget, head=script) == "hcaptcha"
    assert captcha(MESSAGE + widget, head=script, with_page=False) == "other"
    assert captcha(MESSAGE + widget) == "other"  # a script we do not know fills it
    assert captcha(MESSAGE, head=script) is None  # no widget in this form: not guarded


def test_a_hidden_widget_element_is_no_captcha_yet() -> None:
    # Such boxes appear only after failed attempts.
    assert captcha(MESSAGE + '<div class="captcha-box" style="display:none"></div>') is None
    assert captcha(MESSAGE + '<div data-sitekey="k" hidden></div>') is None


@pytest.mark.parametrize(
    "box",
    [
        '<label>Security code <input name="f9"></label>',
        '<input name="vercode">',
        '<input name="answer" placeholder="Type the characters you see">',
        '<label>Spam check: 3 + 4 = <input name="sum"></label>',
        '<p>How much is 2 plus 5?</p><input name="a1">',
        '<img src="/securimage/securimage_show.php?sid=1"><input name="code">',
        '<img src="/img/x.png" alt="Captcha"><input name="code">',
    ],
)
def test_home_made_captchas(box: str) -> None:
    assert captcha(MESSAGE + box) == "other"


def test_a_code_picture_needs_a_box_to_type_the_code_in() -> None:
    picture = '<img src="/captcha.php?r=1">'
    assert captcha(MESSAGE + picture) is None  # every field has a role: nothing to solve
    assert captcha(MESSAGE + picture + '<input name="website" style="display:none">') is None
    assert captcha(MESSAGE + picture + '<input name="c">') == "other"


def test_a_plain_contact_form_has_none() -> None:
    assert captcha(MESSAGE + '<input name="name"><img src="/logo.png" alt="Shop">') is None
