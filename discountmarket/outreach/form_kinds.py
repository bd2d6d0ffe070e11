"""Form kinds: is this form a contact form, a search box, a login, a sign-up, a newsletter
box, an order (add to cart) form, or something else?

This module owns ``classify``. It reads every signal a person would: the form's own id, class,
name and action URL, its buttons, the heading just above it, its field types and counts, and
the roles ``form_fields`` gave its fields. The rules run from the most certain signal to the
weakest (a password box outweighs a word in a class name) and are written for any site and
language, never for particular pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bs4 import Tag

from discountmarket.outreach import form_kind_words as kw
from discountmarket.outreach import form_words as w
from discountmarket.outreach.form_fields import FormField
from discountmarket.outreach.form_markup import (
    BUTTON_TYPES,
    TEXT_TYPES,
    attr,
    input_type,
    preceding_text,
    text_of,
)

FORM_KINDS = (
    "contact",
    "search",
    "login",
    "registration",
    "newsletter",
    "order",
    "callback",  # "call me back": the store phones, nobody reads a message
    "stock_alert",  # "notify me when it is back in stock"
    "review",  # a product review: a rating beside the text box
    "other",
)

_MAX_FORM_TEXT = 600
_HEADING_CHARS = 60
_REGISTRATION_TEXT_FIELDS = 3  # a password form with this many text fields signs people up
_WHERE = ("ident", "buttons", "heading")  # where a form says what it is for
_CAPTCHA_NAME = re.compile(r"captcha", re.I)
_FOOTER = re.compile(r"(^|[-_ ])footer([-_ ]|$)", re.I)  # "site-footer", not "footertips"


@dataclass
class _Form:
    """One form seen the way the rules need it."""

    tag: Tag
    fields: list[FormField]

    @cached_property
    def ident(self) -> str:
        """The form's own id, class, name, role and action, as words."""
        parts = [attr(self.tag, key) for key in ("id", "class", "name", "role", "action")]
        return w.split_identifier(" ".join(parts))

    @cached_property
    def buttons(self) -> str:
        """What the buttons say (scripts submit many forms from plain buttons)."""
        return self._captions("submit", "image", "button")

    @cached_property
    def submits(self) -> str:
        """What the submit buttons say: not "Upload a file" or "Add an attachment" buttons."""
        return self._captions("submit", "image")

    def _captions(self, *kinds: str) -> str:
        captions = []
        for button in self.tag.find_all(["button", "input"]):
            if input_type(button) in kinds:
                captions += [attr(button, key) for key in ("value", "alt", "title", "aria-label")]
                captions.append(text_of(button) if button.name == "button" else "")
                captions.append(w.split_identifier(attr(button, "name") + " " + attr(button, "id")))
        return w.fold(" ".join(captions))

    @cached_property
    def heading(self) -> str:
        return w.fold(preceding_text(self.tag, None, _HEADING_CHARS, outside_forms=True))

    @cached_property
    def titles(self) -> str:
        """Headings and legends inside the form."""
        found = self.tag.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "legend"], limit=5)
        return w.fold(" ".join(text_of(tag, 200) for tag in found))

    @cached_property
    def text(self) -> str:
        return w.fold(text_of(self.tag)[:_MAX_FORM_TEXT])

    @cached_property
    def visible(self) -> list[FormField]:
        return [
            f
            for f in self.fields
            if f.type != "hidden" and f.type not in BUTTON_TYPES and not f.honeypot
        ]

    @cached_property
    def typed(self) -> list[FormField]:
        """Fields a person types into."""
        return [f for f in self.visible if f.type in TEXT_TYPES or f.type == "textarea"]

    def count(self, *types: str) -> int:
        return sum(1 for f in self.visible if f.type in types)

    def roles(self) -> set[str]:
        return {f.role for f in self.visible if f.role}

    @cached_property
    def free_text(self) -> list[FormField]:
        """Text areas a person writes in (not a captcha's fallback box)."""
        return [
            f
            for f in self.visible
            if f.type == "textarea" and not _CAPTCHA_NAME.search(f.name) and not f.disabled
        ]

    def asks_for(self, pattern: re.Pattern[str], kind: str) -> bool:
        """Whether a field of this input type without a role is named or labelled so."""
        return any(
            pattern.search(w.split_identifier(f.name) + " " + w.fold(f.label or ""))
            for f in self.visible
            if f.type == kind and not f.role
        )

    def says(self, pattern: re.Pattern[str], *where: str) -> bool:
        """Whether the form's identity, buttons or heading (or others named) use these words."""
        return any(pattern.search(getattr(self, source)) for source in where or _WHERE)


def classify(form: Tag, fields: list[FormField]) -> str:
    """The kind of a form: one of ``FORM_KINDS``."""
    seen = _Form(form, fields)
    rules = (
        _by_password,
        _by_lookalike,
        _by_free_text,
        _by_recovery,
        _by_search,
        _by_purpose,
        _by_shape,
    )
    for rule in rules:
        kind = rule(seen)
        if kind:
            return kind
    return "other"


def _by_password(form: _Form) -> str | None:
    passwords = form.count("password")
    if not passwords:
        return None
    if passwords >= 2:
        return "registration"
    for kind, pattern in (("login", w.LOGIN), ("registration", w.REGISTRATION)):
        if form.says(pattern, "ident", "buttons"):
            return kind
    return "login" if len(form.typed) < _REGISTRATION_TEXT_FIELDS else "registration"


def _by_lookalike(form: _Form) -> str | None:
    """Forms shaped like contact forms that are for something else.

    A review: a rating beside the text box, where the form says it is a review or asks for
    no address to answer (a site's own feedback form may ask for a rating too). A stock
    alert, a call-back request or a shipping quote says so; a call-back form in its id,
    buttons or title, or above it when it asks for no e-mail address (a contact page may
    offer a call-back in the heading of its contact form)."""
    free = bool(form.free_text)
    if free and any(_is_rating(f) for f in form.fields) and _reviews(form):
        return "review"
    if form.says(kw.STOCK_ALERT, *(("ident", "buttons") if free else _WHERE), "titles"):
        return "stock_alert"
    if form.says(kw.CALLBACK, "ident", "buttons", "titles"):
        return "callback"
    if form.says(kw.CALLBACK, "heading") and "email" not in form.roles():
        return "callback"
    if not free and form.says(kw.SHIPPING_QUOTE, *_WHERE, "titles"):
        return "other"
    return None


def _reviews(form: _Form) -> bool:
    return "email" not in form.roles() or form.says(kw.REVIEW, *_WHERE, "titles")


def _is_rating(field: FormField) -> bool:
    """A star rating: choices, a number or a scripted hidden box named or labelled so."""
    if field.type not in ("radio", "select", "hidden", "number", "range"):
        return False
    return bool(kw.RATING.search(w.split_identifier(field.name) + " " + w.fold(field.label or "")))


def _by_free_text(form: _Form) -> str | None:
    """A box to write in is what contact, comment and review forms are for, unless the
    form says it is for something else."""
    if not form.free_text:
        return None
    if form.says(w.CONTACT, "ident", "buttons"):
        return "contact"
    if form.says(w.NEWSLETTER, "ident", "buttons"):
        return "newsletter"
    if form.says(w.REGISTRATION, "ident", "buttons") or form.asks_for(w.USERNAME, "text"):
        return "registration"  # a profile's "about me": contact forms want no user name
    if form.says(w.ORDER, "buttons") or _has_order_fields(form):
        return "order"
    if form.says(w.NOT_A_MESSAGE, "submits") or form.says(w.JOB_OR_POLL, "ident", "buttons"):
        return "other"
    if form.asks_for(w.JOB_OR_POLL, "file"):
        return "other"  # "attach your CV"
    if form.says(w.JOB_OR_POLL, "heading") and not form.says(w.CONTACT, "heading"):
        return "other"
    return "contact"


def _by_recovery(form: _Form) -> str | None:
    """Password recovery ("Forgot your password?") and lone captcha boxes: kind "other"."""
    if form.says(w.PASSWORD_RECOVERY, *_WHERE, "titles") and len(form.typed) <= 2:
        return "other"
    if form.typed and all(_CAPTCHA_NAME.search(f.name + " " + (f.label or "")) for f in form.typed):
        return "other"
    return None


def _by_search(form: _Form) -> str | None:
    if form.count("search") or attr(form.tag, "role").lower() == "search":
        return "search"
    roles = form.roles()
    if "email" in roles or "phone" in roles:
        return None
    query = [f for f in form.typed if w.SEARCH_FIELD.match(w.split_identifier(f.name))]
    if query and len(form.typed) <= 2:
        return "search"
    if form.says(w.SEARCH, "ident", "buttons"):
        return "search"  # advanced search and filter forms have many fields, or none yet
    if form.says(w.SEARCH) and 1 <= len(form.typed) <= 3:
        return "search"
    return None


def _by_purpose(form: _Form) -> str | None:
    """Forms whose words say what they are for."""
    if not form.typed and form.says(w.CONTACT, "ident"):
        return "contact"  # a contact form that scripts fill in later
    if _has_order_fields(form) or (form.says(w.ORDER) and not form.typed):
        return "order"
    roles = form.roles()
    footer_signup = _in_footer(form.tag) and form.says(w.NEWSLETTER, *_WHERE, "titles")
    if footer_signup and "email" in roles and "message" not in roles:
        return "newsletter"  # a footer sign-up box, however many fields it asks for
    if "email" in roles and len(form.typed) <= 3 and form.says(w.NEWSLETTER, *_WHERE, "text"):
        return "newsletter"
    if form.says(w.REGISTRATION) and len(form.typed) >= 2:
        return "registration"
    if form.says(w.LOGIN) and len(form.typed) <= 2:
        return "login"
    if _asks_a_question(form, roles):
        return "contact"  # help desks: "Ask a question", "Submit a request"
    named = roles & {"name", "first_name", "last_name"}
    if "message" in roles and roles & {"email", "name"}:
        return "contact"  # a one-line message box ("send to a friend")
    if form.says(w.CONTACT) and named and roles & {"email", "phone"}:
        return "contact"  # callback and enquiry forms without a text area
    return None


def _by_shape(form: _Form) -> str | None:
    """Last resort: what forms of this shape usually are."""
    typed = form.typed
    if len(typed) == 1 and typed[0].role == "email":
        return "newsletter"
    if len(typed) == 1 and typed[0].type in ("text", "search"):
        return "search"
    return None


def _asks_a_question(form: _Form, roles: set[str]) -> bool:
    """An enquiry or help-desk request form: it says so, and it asks what the request is
    about, or for an e-mail address beside something else. Help desks often build the
    message box with scripts or leave it unnamed, so a text area is not required. A user
    name or a password reset makes it an account's request ("Send request" to reset it)."""
    if not form.says(w.ENQUIRY, *_WHERE, "titles") or form.asks_for(w.USERNAME, "text"):
        return False
    if form.says(w.PASSWORD_RECOVERY, *_WHERE, "titles"):
        return False
    return bool(roles & {"subject", "message"}) or ("email" in roles and len(form.typed) >= 2)


def _in_footer(tag: Tag) -> bool:
    """Whether the form sits in the page's footer (``<footer>``, or an element so named)."""
    for parent in tag.parents:
        if parent.name == "footer" or _FOOTER.search(
            attr(parent, "id") + " " + attr(parent, "class")
        ):
            return True
    return False


def _has_order_fields(form: _Form) -> bool:
    names = [w.split_identifier(f.name) for f in form.fields]
    return any(w.QUANTITY_FIELD.search(name) for name in names)
