"""Reading what a store's site answered to a contact-form post: accepted, or refused (the
form came back with errors, a captcha appeared, an HTTP error). Pure: no network.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from discountmarket.outreach import form_words as w
from discountmarket.outreach.form_captcha import find_captcha
from discountmarket.outreach.form_fields import read_fields
from discountmarket.outreach.form_markup import BUTTON_TYPES, PageIndex, attr, css_hidden, text_of
from discountmarket.outreach.markup import Page

if TYPE_CHECKING:
    from discountmarket.outreach.forms import FormPlan

log = logging.getLogger(__name__)

_SAME_FORM_SHARE = 0.6  # share of our fields a returned form must have to be "ours"
_MAX_PAGE_TEXT = 20_000

_CHALLENGE_PAGE = w.words(
    r"just a moment|checking your browser|attention required|verify you are (a )?human",
    r"are you a robot|проверка браузера|cf-challenge|challenge-platform|cf_chl",
)
# Bootstrap keeps these in every form and shows them with CSS only after a failed check.
_ERROR_TEMPLATES = frozenset({"invalid-feedback", "invalid-tooltip"})
_ERROR_CLASS = re.compile(
    r"error|invalid|not-valid|has-danger|alert-danger|fehler|chyba|erreur|errore", re.I
)


def page_root(tag: Tag) -> BeautifulSoup | None:
    """The document a tag belongs to, if it was parsed as one."""
    top = None
    for parent in tag.parents:
        top = parent
    return top if isinstance(top, BeautifulSoup) else None


def detect_captcha(form: Tag, soup: BeautifulSoup | None = None) -> str | None:
    """The captcha guarding a form: one of ``CAPTCHA_KINDS``, or None."""
    root = soup if soup is not None else page_root(form)
    index = PageIndex(root or form)
    try:
        return find_captcha(form, root, read_fields(form, index))
    except Exception:
        log.exception("captcha detection failed")
        return None


def judge_submission(plan: FormPlan, status: int, final_url: str, html: str) -> tuple[bool, str]:
    """Did the store accept what we sent? (success, short reason)."""
    if not 200 <= status < 400:
        return False, f"HTTP {status}"
    try:
        page = Page.load(html or "", final_url)
    except Exception:
        log.exception("could not parse the response from %s", final_url)
        page = None
    if page is None:
        return True, f"HTTP {status}"
    ours = _returned_form(plan, page.soup)
    if ours is not None and _shows_errors(ours):
        return False, "the form came back with errors"
    if ours is not None and plan.captcha is None and detect_captcha(ours, page.soup):
        return False, "a captcha is now shown"
    text = w.fold(text_of(page.soup.body or page.soup, _MAX_PAGE_TEXT))
    if w.SUCCESS.search(text):
        return True, "success message"
    # Our form came back and error wording shows, inside the form or around it (many
    # platforms print the message above the form).
    if ours is not None and (
        w.FIELD_ERROR.search(w.fold(text_of(ours, skip=_unseen)))
        or w.FIELD_ERROR.search(
            w.fold(text_of(page.soup.body or page.soup, _MAX_PAGE_TEXT, skip=_unseen))
        )
    ):
        return False, "the form came back with errors"
    markup = w.fold(str(page.soup)[:_MAX_PAGE_TEXT])  # the title and ids of challenge pages
    if _CHALLENGE_PAGE.search(text) or _CHALLENGE_PAGE.search(markup):
        return False, "a captcha is now shown"
    return True, f"HTTP {status}"


def _returned_form(plan: FormPlan, soup: BeautifulSoup) -> Tag | None:
    """The form we submitted, if the response shows it again."""
    ours = {f.name for f in plan.all_fields if f.type not in BUTTON_TYPES and f.type != "hidden"}
    for form in soup.find_all("form"):
        names = {attr(tag, "name") for tag in form.find_all(["input", "textarea", "select"])}
        if ours and len(ours & names) >= _SAME_FORM_SHARE * len(ours):
            return form
    return None


def _shows_errors(form: Tag) -> bool:
    """Field errors a page marks up: aria-invalid, a field with an error class, or words in
    a visible error element or alert (not a red "*", not "Thank you" in an alert)."""
    if form.find(attrs={"aria-invalid": "true"}):
        return True
    for tag in form.find_all(True):
        classes = attr(tag, "class")
        marked = bool(_ERROR_CLASS.search(classes + " " + attr(tag, "id")))
        marked = marked and not _ERROR_TEMPLATES.intersection(classes.split())
        if not (marked or attr(tag, "role") == "alert") or _hidden_within(tag, form):
            continue
        if tag.name in ("input", "textarea", "select"):
            if marked:
                return True
            continue
        said = w.fold(text_of(tag, 500))
        if any(char.isalpha() for char in said) and not w.SUCCESS.search(said):
            return True
    return False


def _unseen(tag: Tag) -> bool:
    """Markup a visitor does not see: hidden by an attribute, a style or a class."""
    return css_hidden(tag) or bool(_ERROR_TEMPLATES.intersection(attr(tag, "class").split()))


def _hidden_within(tag: Tag, form: Tag) -> bool:
    node: Tag | None = tag
    while node is not None and node is not form:
        if css_hidden(node):
            return True
        node = node.parent
    return False
