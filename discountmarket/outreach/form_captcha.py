"""Captchas: does a form make people prove they are human, and with what?

This module owns ``find_captcha``: the widgets of reCAPTCHA, hCaptcha and Cloudflare
Turnstile, other vendors' widgets, and home-made captchas (a picture of a code, "type the
characters you see", a sum to solve). It looks inside the form, and at the page's scripts only
when the form holds a bare widget element that such a script fills: a page that loads
reCAPTCHA for its contact form does not make its search box a captcha form.
"""

# ruff: noqa: RUF001 — captcha words in Cyrillic and Persian, and math signs, are the point.
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from discountmarket.outreach import form_words as w
from discountmarket.outreach.form_fields import FormField
from discountmarket.outreach.form_markup import TEXT_TYPES, attr, css_hidden, text_of

CAPTCHA_KINDS = ("recaptcha", "hcaptcha", "turnstile", "other")

_MAX_MARKUP = 500_000  # a form's markup scanned for widgets
_MAX_SCRIPT = 5_000  # of each inline script on the page
# Most specific first: hCaptcha and Turnstile can mimic reCAPTCHA's class names.
_VENDORS = (
    ("turnstile", re.compile(r"cf-turnstile|challenges\.cloudflare\.com/turnstile", re.I)),
    ("hcaptcha", re.compile(r"h-captcha|hcaptcha", re.I)),
    ("recaptcha", re.compile(r"g-recaptcha|grecaptcha|recaptcha", re.I)),
    (
        "other",
        re.compile(
            r"solvemedia|adcopy_response|funcaptcha|arkoselabs|keycaptcha|geetest|mtcaptcha"
            r"|frc-captcha|friendlycaptcha|areyouahuman|playthru|smartcaptcha|qaptcha",
            re.I,
        ),
    ),
)
_MARKER = re.compile(r"captcha", re.I)
# Images a script draws (".../code.php?r=123", "/kcaptcha/", "securimage_show.php").
_IMAGE = re.compile(
    r"captcha|securimage|antispam|(validat|verif)\w*code|"
    r"(code|kod|secur|verif|check|rand|img|image)\w*\.(php|aspx?|jsp|cgi|ashx)",
    re.I,
)
# The box people type the answer into, by its name or caption.
_ANSWER = w.words(
    r"captcha|капч|antispam|anti-spam|spam ?protection|spam|human|robot|anti-?bot|\bquiz\b",
    r"security ?code|verification ?code|verify ?(number|code)|validat\w* ?code|confirm ?code",
    r"keystring|vercode|checkcode|validcode|authcode|seccode|imgcode|visual verification",
    r"characters (you see|shown|in the)|letters (you see|shown)|(enter|type) the (code|word)",
    r"kod z obrazk|opiste|opisz|przepisz|kontrolni kod|overovaci kod|ellenorzo kod",
    r"sicherheitscode|prufcode|spamschutz|sicherheitsfrage|sicherheitsuberpruf|code ein",
    r"code de securite|recopi|codigo de (seguridad|verificacao|verificacion)",
    r"codice di (sicurezza|controllo|verifica)|controlecode",
    r"beveiligingscode|tarkist|varmistu|kontrolkode|sikkerhe[dt]skode|sakerhetskod",
    r"kontrollkod|biztonsagi kod|kod weryfikacyjny|verificatiecode|введите (код|символы)",
    r"код с (картинки|изображения)|защитный код|проверочный код|код безопасности",
    r"код подтверждения|случайный вопрос|контрольный вопрос|защита от|антиспам",
    r"کد امنیتی|کد تصویر",
    # "... the number in the picture"
    r"obrazk|obrazek|картинк|рисунк|изображен|(in|on|from) the (image|picture)|\bim bild",
    r"l'image|la imagen|immagine|kuvassa|kuvasta|billedet|bilden|bildet|kepen|تصویر",
)
_SUM = re.compile(
    r"\d+\s*(\+|-|−|\*|×|x|plus|minus|times)\s*\d+\s*(=|\?)|"
    r"(what|how much) is \d|сколько будет|kolik je|wie ?viel ist|combien (font|fait)|"
    r"cuanto es|quanto fa|mennyi|ile to|hoeveel is",
    re.I,
)


def find_captcha(
    form: Tag, soup: BeautifulSoup | Tag | None, fields: list[FormField]
) -> str | None:
    """The captcha guarding a form (one of ``CAPTCHA_KINDS``) or None; ``fields`` are the
    form's fields as ``form_fields.read_fields`` reads them."""
    vendor = _vendor(str(form)[:_MAX_MARKUP])
    if vendor:
        return vendor
    if _has_widget_marker(form):
        # A bare widget element that a script of the page turns into a captcha.
        return (_vendor(_page_scripts(soup)) if soup is not None else None) or "other"
    return "other" if _has_own_captcha(form, fields) else None


def _vendor(markup: str) -> str | None:
    return next((name for name, pattern in _VENDORS if pattern.search(markup)), None)


def _has_widget_marker(form: Tag) -> bool:
    """An element a captcha script fills: one with a site key, or with "captcha" in its class
    or id (unless hidden: such boxes appear only after failed attempts)."""
    markers = form.find_all(attrs={"data-sitekey": True}) + [
        tag
        for tag in form.find_all(["div", "span", "iframe"])
        if _MARKER.search(attr(tag, "class") + " " + attr(tag, "id"))
    ]
    return any(not css_hidden(tag) for tag in markers)


def _page_scripts(soup: BeautifulSoup | Tag) -> str:
    scripts = soup.find_all("script")
    return " ".join(attr(s, "src") + " " + s.get_text()[:_MAX_SCRIPT] for s in scripts)


def _has_own_captcha(form: Tag, fields: list[FormField]) -> bool:
    """A home-made captcha: a box without a role to type a code, a word or a sum's result in."""
    answers = [f for f in fields if f.type in TEXT_TYPES and not f.honeypot and not f.role]
    if not answers:
        return False
    for f in answers:
        about = w.split_identifier(f.name) + " " + w.fold(f.label or "")
        if _ANSWER.search(about) or _SUM.search(f.label or ""):
            return True
    if _SUM.search(text_of(form, 3_000)):
        return True
    return any(_is_captcha_image(img) for img in form.find_all("img"))


def _is_captcha_image(img: Tag) -> bool:
    """A picture of a code: a captcha script's URL, or alt text that says so."""
    caption = w.fold(attr(img, "alt") + " " + attr(img, "title"))
    return bool(_IMAGE.search(attr(img, "src")) or _ANSWER.search(caption))
