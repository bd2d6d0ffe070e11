"""Honeypots: fields that forms hide from people so that only bots fill them in.

A trap must never get a role nor our data: it is sent empty (or with its default). This module
owns that judgement. A field is a trap when it or a wrapper inside its form is hidden (an
attribute, an inline style, a known hiding class, or a rule of the page's own stylesheet),
when a form builder marks it as its honeypot (Gravity Forms, WPForms, Ninja Forms, the Contact
Form 7 honeypot plugins, Webflow), when it is named or labelled as one ("leave this field
empty"), or when it is taken out of the tab order and out of autofill at once, which no real
field of a contact form is. Weaker single signs only make a field a *suspect*: it loses a
role to any field without them (the visible field wins).
"""

from __future__ import annotations

import re

from bs4 import Tag

from discountmarket.outreach import form_words as w
from discountmarket.outreach.form_markup import PageIndex, attr, css_hidden, input_type

__all__ = ["is_honeypot", "is_suspect"]

_ANCESTOR_LIMIT = 15
# Wrapper (or control) classes and ids that form builders give their honeypot: Gravity
# Forms' "gform_validation_container" / "gfield--type-honeypot", WPForms' "wpforms-field-hp",
# Ninja Forms' "nf-field-hp" / "hp-wrap", CF7 plugins' "<name>-wrap" with "honeypot" in it,
# and Webflow's conditionally invisible elements.
_TRAP_MARK = re.compile(
    r"honey[-_]?pot|hpot|(^|[-_])hp([-_]|$)|gform_validation_container|w-condition-invisible",
    re.I,
)
# Autocomplete values that switch autofill off: a trap must not be filled by the browser.
_NO_AUTOFILL = frozenset({"off", "new-password", "nope", "false", "no"})
# A hidden wrapper around more fields than this is a step or a section that scripts show
# later, not a trap: honeypot wrappers hold one field (two with a time-check box).
_MAX_TRAP_WRAPPER_FIELDS = 2
_FIELD_TYPES = frozenset({"text", "email", "tel", "number", "url", "textarea", "select"})


def is_honeypot(tag: Tag, form: Tag, name: str, label: str | None, page: PageIndex) -> bool:
    """Whether this control is a trap for bots (see the module's docstring)."""
    if input_type(tag) == "hidden":
        return False  # a hidden input is sent as it is anyway
    if w.HONEYPOT.search(w.split_identifier(name)) or w.HONEYPOT.search(w.fold(label or "")):
        return True
    if _out_of_reach(tag):
        return True
    node: Tag | None = tag
    for _ in range(_ANCESTOR_LIMIT):
        if node is None or node is form:
            break
        if _marked_as_trap(node) or (_hidden(node, page) and _holds_one_field(node, tag)):
            return True
        node = node.parent
    return False


def is_suspect(tag: Tag) -> bool:
    """One weak sign of a trap: out of the tab order, or autofill refused on a field that
    is no password. A field without such a sign wins a role over one with it."""
    # "off" alone is too common on real fields to say anything.
    refused = attr(tag, "autocomplete").strip().lower() in _NO_AUTOFILL - {"off"}
    return _untabbable(tag) or (refused and input_type(tag) != "password")


def _out_of_reach(tag: Tag) -> bool:
    """Out of the tab order and out of autofill at once, on a box people type in: the
    markup of the CF7 honeypot plugin and of most hand-made traps."""
    if input_type(tag) not in _FIELD_TYPES or not _untabbable(tag):
        return False
    return attr(tag, "autocomplete").strip().lower() in _NO_AUTOFILL


def _untabbable(tag: Tag) -> bool:
    return attr(tag, "tabindex").strip() == "-1"


def _marked_as_trap(node: Tag) -> bool:
    return any(_TRAP_MARK.search(word) for word in attr(node, "class").split()) or bool(
        _TRAP_MARK.search(attr(node, "id"))
    )


def _hidden(node: Tag, page: PageIndex) -> bool:
    return css_hidden(node) or page.styles.hides(node)


def _holds_one_field(node: Tag, control: Tag) -> bool:
    """The element is the control itself, or wraps few fields (not a whole hidden step)."""
    if node is control:
        return True
    inside = [tag for tag in node.find_all(("input", "textarea", "select")) if attr(tag, "name")]
    return sum(input_type(tag) in _FIELD_TYPES for tag in inside) <= _MAX_TRAP_WRAPPER_FIELDS
