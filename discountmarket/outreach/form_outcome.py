"""Reading what a store's site answered to a contact-form post: accepted (on evidence),
refused (the form came back with errors, a captcha appeared, an HTTP error, a JSON error)
or uncertain (nothing says either). The evidence readers live in ``form_verdict``.
Pure: no network.
"""

from __future__ import annotations

import html
import logging
import re
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from discountmarket.outreach import form_words as w
from discountmarket.outreach import outcome_words as o
from discountmarket.outreach.form_captcha import find_captcha
from discountmarket.outreach.form_fields import read_fields
from discountmarket.outreach.form_markup import BUTTON_TYPES, PageIndex, attr, css_hidden, text_of
from discountmarket.outreach.form_verdict import (
    Verdict,
    accepted,
    is_home,
    json_verdict,
    marker_verdict,
    new_match,
    parse_json,
    refused,
    snippets,
    uncertain,
    url_verdict,
)
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


def judge_submission(
    plan: FormPlan,
    status: int,
    final_url: str,
    body: str,
    *,
    content_type: str = "",
    before: str | bytes | None = None,
) -> Verdict:
    """How the store took what we sent: accepted only on evidence (a thank-you address, a
    platform's "sent" markup or JSON, a new success message), refused on errors, and
    uncertain otherwise. ``before`` is the contact page as read just before the post: what
    it showed already (templates, "we will reply within a day") is no evidence."""
    if not 200 <= status < 400:
        return refused(f"HTTP {status}")
    data = parse_json(body or "", content_type)
    if data is not None:
        return json_verdict(data)
    by_url = url_verdict(final_url, (plan.page, plan.action))
    soup = _soup(body, final_url)
    if soup is None:
        return by_url or uncertain(f"HTTP {status} with an empty answer")
    earlier = _soup(before, plan.page) if before else None
    return _judge_page(plan, soup, earlier, by_url) or _no_evidence(plan, status, final_url, soup)


def _judge_page(
    plan: FormPlan, soup: BeautifulSoup, earlier: BeautifulSoup | None, by_url: Verdict | None
) -> Verdict | None:
    ours = _returned_form(plan, soup)
    if ours is not None and _shows_errors(ours) and not _showed_errors(plan, earlier):
        return refused("the form came back with errors")
    if ours is not None and plan.captcha is None and detect_captcha(ours, soup):
        return refused("a captcha is now shown")
    marked = marker_verdict(soup, earlier)
    if marked is not None:
        return marked
    after, shown = snippets(soup), snippets(earlier)
    said = new_match(o.SUCCESS, after, shown)
    if said is not None:
        return accepted(f"success message: {said[:80]}")
    if by_url is not None:
        return by_url
    # Our form back: any error wording; another page: only plain validation messages.
    said = new_match(w.FIELD_ERROR if ours is not None else o.VALIDATION, after, shown)
    if said is not None:
        return refused(f"the store says a field is wrong: {said[:80]}")
    text = w.fold(text_of(soup.body or soup, _MAX_PAGE_TEXT))
    markup = w.fold(str(soup)[:_MAX_PAGE_TEXT])  # the title and ids of challenge pages
    if _CHALLENGE_PAGE.search(text) or _CHALLENGE_PAGE.search(markup):
        return refused("a captcha is now shown")
    return None


def _no_evidence(plan: FormPlan, status: int, final_url: str, soup: BeautifulSoup) -> Verdict:
    if is_home(final_url) and not is_home(plan.page):
        return uncertain("the store answered with its home page")
    if _returned_form(plan, soup) is not None:
        return uncertain("the contact form came back without a word about the message")
    return uncertain(f"HTTP {status} without a sign of success")


def _soup(body: str | bytes | None, url: str) -> BeautifulSoup | None:
    """The answer as a document; plain text becomes a paragraph; None when empty."""
    if not body or not body.strip():
        return None
    try:
        page = Page.load(body, url)
        if page is None and isinstance(body, str):
            page = Page.load(f"<p>{html.escape(body)}</p>", url)
    except Exception:
        log.exception("could not parse the response from %s", url)
        return None
    return page.soup if page is not None else None


def _showed_errors(plan: FormPlan, earlier: BeautifulSoup | None) -> bool:
    """The contact page's own form already looked like that (a static "* required" alert)."""
    form = _returned_form(plan, earlier) if earlier is not None else None
    return form is not None and _shows_errors(form)


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
        marked = marked and not o.ERROR_TEMPLATES.intersection(classes.split())
        if not (marked or attr(tag, "role") == "alert") or _hidden_within(tag, form):
            continue
        if tag.name in ("input", "textarea", "select"):
            if marked:
                return True
            continue
        said = w.fold(text_of(tag, 500))
        if any(char.isalpha() for char in said) and not o.SUCCESS.search(said):
            return True
    return False


def _hidden_within(tag: Tag, form: Tag) -> bool:
    node: Tag | None = tag
    while node is not None and node is not form:
        if css_hidden(node):
            return True
        node = node.parent
    return False
