"""The evidence in a store's answer to a contact-form post, one kind at a time: a JSON
status, the address we were sent to, platform markup that shows "sent" or "not sent", and
new sentences in the page. ``form_outcome.judge_submission`` weighs them. Pure: no network.

Evidence is what the answer shows that the contact page did not: pages carry hidden
"Thank you" templates, and a contact page may say "we will get back to you" before any post.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from discountmarket.outreach import form_words as w
from discountmarket.outreach import outcome_words as o
from discountmarket.outreach.form_markup import attr, css_hidden

Outcome = Literal["accepted", "refused", "uncertain"]

_URL_WORD = re.compile(r"[^a-z]+")
_NOT_READ = frozenset({"script", "style", "noscript", "template", "textarea", "option", "select"})
_CHROME = frozenset({"header", "footer", "nav"})  # site-wide parts, not the answer
_MARKER_TEXT = 300
_MAX_STRINGS = 5_000  # text pieces read per page: a shop's answer has far fewer
_JSON_START = ("{", "[")


@dataclass(frozen=True)
class Verdict:
    """How a post went by what the store answered, and why we think so."""

    outcome: Outcome
    reason: str

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"


def accepted(reason: str) -> Verdict:
    return Verdict("accepted", reason)


def refused(reason: str) -> Verdict:
    return Verdict("refused", reason)


def uncertain(reason: str) -> Verdict:
    return Verdict("uncertain", reason)


# --- JSON ------------------------------------------------------------------------------------


def parse_json(body: str, content_type: str) -> Any | None:
    """The answer as JSON when it is JSON (declared, or plainly so: WordPress endpoints
    often say text/html); None otherwise."""
    text = body.strip()
    if "json" not in content_type and not text.startswith(_JSON_START):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def json_verdict(data: Any) -> Verdict:
    """Form endpoints' JSON: Contact Form 7's ``status``, ``success``/``ok``/``is_valid``
    flags (WPForms, Gravity Forms, Elementor), ``result``, errors, Tilda's ``message``."""
    if not isinstance(data, dict):
        return uncertain("a JSON answer of an unknown shape")
    if data.get("errors") or data.get("error"):
        return refused("the JSON answer reports errors")
    for flag in ("success", "ok", "is_valid"):
        if data.get(flag) is False:
            return refused(f"the JSON answer says {flag}: false")
    for key in ("status", "result"):
        value = _json_word(data.get(key))
        if value in o.JSON_REFUSED:
            return refused(f"the JSON answer says {key}: {value}")
        if value in o.JSON_SENT:
            return accepted(f"the JSON answer says {key}: {value}")
    for flag in ("success", "ok", "is_valid"):
        if data.get(flag) is True:
            return accepted(f"the JSON answer says {flag}: true")
    if _json_word(data.get("message")) == "ok" or any(data.get(k) for k in o.JSON_SENT_KEYS):
        return accepted("the JSON answer confirms the message")
    return uncertain("a JSON answer without a known status")


def _json_word(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return value.strip().lower() if isinstance(value, str) else ""


# --- the address we ended on -----------------------------------------------------------------


def url_verdict(final_url: str, before_urls: tuple[str, ...]) -> Verdict | None:
    """A thank-you address ("/thank-you", "?contact_posted=true", "#sent",
    "route=information/contact/success") we were sent to, or an error one ("?error=1");
    only what the form's own page and action addresses do not say already."""
    if not final_url or final_url in before_urls:
        return None
    known = set().union(*(_url_words(url) for url in before_urls)) if before_urls else set()
    for key, value in _query(final_url):
        words = set(_URL_WORD.split(key.lower())) - {""}
        if words & o.QUERY_FAILURE_KEYS and value.lower() not in o.FALSE_VALUES:
            return refused(f"sent on to an error address ({final_url[:120]})")
        if words & {"status", "result"}:
            if value.lower() in o.JSON_SENT:
                return accepted(f"sent on to a success address ({final_url[:120]})")
            continue
        if words & set(o.QUERY_SUCCESS_KEYS):
            if value.lower() in o.FALSE_VALUES:
                return refused(f"sent on to an error address ({final_url[:120]})")
            return accepted(f"sent on to a success address ({final_url[:120]})")
    if (_url_words(final_url) - known) & (o.URL_SUCCESS_WORDS | set(o.URL_SUCCESS_PHRASES)):
        return accepted(f"sent on to a thank-you address ({final_url[:120]})")
    return None


def _query(url: str) -> list[tuple[str, str]]:
    parts = urlsplit(url)
    return parse_qsl(parts.query, keep_blank_values=True)


def _url_words(url: str) -> set[str]:
    """The words of a URL's path, query values and fragment, plus the phrases it holds."""
    parts = urlsplit(url)
    text = w.fold(unquote(f"{parts.path} {parts.query} {parts.fragment}"))
    found = {word for word in _URL_WORD.split(text) if word}
    return found | {phrase for phrase in o.URL_SUCCESS_PHRASES if phrase in text}


def is_home(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path.strip("/") in ("", "index.php", "index.html") and not parts.query


# --- platform markup -------------------------------------------------------------------------


def marker_verdict(soup: BeautifulSoup, before: BeautifulSoup | None) -> Verdict | None:
    """Contact Form 7's form state, then visible platform messages new since the contact
    page ("sent": Gravity's confirmation, Bitrix's mf-ok-text, an alert-success…; "not
    sent": validation boxes, alert-danger…). A refusal outweighs a success message."""
    for form in soup.find_all("form"):
        state = _cf7_state(form)
        if state in o.CF7_REFUSED:
            return refused(f"Contact Form 7 says {state}")
        if state == o.CF7_SENT and _cf7_state_of(before) != o.CF7_SENT:
            return accepted("Contact Form 7 says sent")
    old = set(_markers(before, o.FAILURE_CLASSES)) | set(_markers(before, o.SUCCESS_CLASSES))
    for name, text in _markers(soup, o.FAILURE_CLASSES):
        if (name, text) not in old and not o.SUCCESS.search(text):
            return refused(f"the page shows an error ({name})")
    for name, text in _markers(soup, o.SUCCESS_CLASSES):
        if (name, text) not in old and not o.VALIDATION.search(text):
            return accepted(f"the page shows a success message ({name})")
    return None


def _cf7_state(form: Tag) -> str:
    classes = attr(form, "class").lower().split()
    if "wpcf7-form" not in classes and not form.has_attr("data-status"):
        return ""
    status = attr(form, "data-status").strip().lower()
    if status:
        return status
    return next((c for c in classes if c == o.CF7_SENT or c in o.CF7_REFUSED), "")


def _cf7_state_of(soup: BeautifulSoup | None) -> str:
    if soup is None:
        return ""
    return next((s for s in map(_cf7_state, soup.find_all("form")) if s), "")


def _markers(soup: BeautifulSoup | None, names: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(class, folded text) of visible elements with one of ``names`` that say something."""
    if soup is None:
        return
    for tag in soup.find_all(class_=lambda value: bool(value) and value.lower() in names):
        name = next(c for c in attr(tag, "class").lower().split() if c in names)
        text = w.fold(" ".join(_strings(tag)))[:_MARKER_TEXT]
        if any(char.isalpha() for char in text) and not _hidden(tag):
            yield name, text


def _hidden(tag: Tag) -> bool:
    """Hidden by itself or by any element around it."""
    node: Tag | None = tag
    while isinstance(node, Tag):
        if css_hidden(node):
            return True
        node = node.parent
    return False


# --- sentences -------------------------------------------------------------------------------


def snippets(soup: BeautifulSoup | None) -> list[str]:
    """The folded visible text pieces of a page's content (header, footer and navigation
    left out: they are the same on every page)."""
    return [] if soup is None else [w.fold(text) for text in _strings(soup.body or soup, True)]


def _strings(root: Tag, skip_chrome: bool = False) -> Iterator[str]:
    """Visible strings under ``root`` in document order; unread subtrees are not entered."""
    stack: list[PageElement] = [root]
    count = 0
    while stack and count < _MAX_STRINGS:
        node = stack.pop()
        if isinstance(node, Tag):
            if node is root or not _unread(node, skip_chrome):
                stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:  # not comments, CDATA, doctype
            text = str(node).strip()
            if text:
                count += 1
                yield text


def _unread(tag: Tag, skip_chrome: bool) -> bool:
    if tag.name in _NOT_READ or css_hidden(tag):
        return True
    if o.ERROR_TEMPLATES.intersection(attr(tag, "class").split()):
        return True
    return skip_chrome and (tag.name in _CHROME or attr(tag, "role") == "navigation")


def new_match(pattern: re.Pattern[str], after: list[str], before: list[str]) -> str | None:
    """The first piece of ``after`` that matches ``pattern`` at a word's start ("merci",
    not "commercial") and that the contact page did not show."""
    seen = set(before)
    for text in after:
        if text in seen:
            continue
        for match in pattern.finditer(text):
            start = match.start()
            if start == 0 or not text[start - 1].isalnum():
                return text
    return None
