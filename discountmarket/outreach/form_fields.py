"""Form fields: the controls of one HTML form, what a person would call each of them and
which contact role (name, e-mail, message…) each plays.

This module owns ``FormField``, label discovery (``<label for>``, a wrapping ``<label>``,
the table cell beside or above a field, aria-label/aria-labelledby, placeholder, title, and
the text just before a field), defaults, required flags and role assignment. Reading the
markup itself (attributes, control types, captions around a control, CSS hiding) is
``form_markup``'s; telling honeypots is ``form_traps``'. Everything works on parsed markup
only and tolerates any tree bs4 can build.

Roles are decided by votes. Every piece of text about a field (its name, id, labels,
placeholder…) names a role, names something that is no role (``OTHER``: a password, a company,
a city…) or says nothing; its vote is weighted by how much that source is to be trusted. The
input type and the autocomplete attribute vote too, and so do a dropdown's options when
nothing else names it; a name that only numbers a field ("form_text_1", "input_4") says
nothing. Then each role goes to the field with the strongest net vote for it, one field per
role and one role per field, a field with a sign of a trap after every field without one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from bs4 import Tag

from discountmarket.outreach import form_words as w
from discountmarket.outreach.form_kind_words import NUMBERED_NAME, TOPIC
from discountmarket.outreach.form_markup import (
    CONTROL_TAGS,
    PageIndex,
    attr,
    cell_caption,
    following_text,
    input_type,
    preceding_text,
    text_of,
)
from discountmarket.outreach.form_traps import is_honeypot, is_suspect

__all__ = ["FormField", "assign_roles", "form_controls", "read_fields"]

_ROLE_CANDIDATE_TYPES = frozenset({"text", "email", "tel", "number", "textarea"})
_MAX_LABEL = 200
_MAX_TOPIC_OPTIONS = 30
_STAR = re.compile(r"\*|\(required\)|\(pflicht|\(obligatoire|\(obligatorio", re.I)
_LABEL_TRIM = " \t\r\n:*-\u2013\u2014|\u2022"  # dashes and bullets around captions

# Weights of each source of text about a field: how often it tells the truth.
_W_AUTOCOMPLETE = 6.0
_W_LABEL = 3.0
_W_PLACEHOLDER = 3.0
_W_NAME = 2.5
_W_TITLE = 2.0
_W_NEAR_ALONE = 3.0  # the text before a field when nothing else labels it
_W_NEAR = 1.0
_W_ID = 1.5
_TYPE_VOTES = {"email": ("email", 4.0), "tel": ("phone", 3.0), "textarea": ("message", 2.0)}


@dataclass
class FormField:
    """One named control of a form (radio and checkbox groups are one field)."""

    name: str
    tag: str  # "input" | "textarea" | "select" | "button"
    type: str  # input type in lower case; "textarea"/"select" for those
    label: str | None
    role: str | None
    required: bool
    value: str | None  # the value a browser would send untouched (None: sends nothing)
    options: list[str] = field(default_factory=list)  # select/radio values; a checkbox's value
    honeypot: bool = False  # hidden by CSS or named as a bot trap: must stay empty
    disabled: bool = False  # browsers never send disabled controls


# ------------------------------------------------------------------------------ reading


def form_controls(form: Tag, page: PageIndex) -> list[Tag]:
    """Named controls of a form in document order, including ones tied by ``form=``."""
    controls = [tag for tag in form.find_all(CONTROL_TAGS) if attr(tag, "name")]
    owner = attr(form, "id")
    extra = page.owned_controls.get(owner, []) if owner else []
    seen = {id(tag) for tag in controls}
    return controls + [tag for tag in extra if id(tag) not in seen and attr(tag, "name")]


def read_fields(form: Tag, page: PageIndex) -> list[FormField]:
    """Every named control of the form as a ``FormField``, roles assigned."""
    built: list[_Control] = []
    groups: dict[tuple[str, str], _Control] = {}
    for tag in form_controls(form, page):
        kind = input_type(tag)
        name = attr(tag, "name")
        if kind in ("radio", "checkbox") and (name, kind) in groups:
            groups[(name, kind)].add_choice(tag)  # a group is one field, like in the request
            continue
        control = _Control(tag, kind, name, form, page)
        built.append(control)
        if kind in ("radio", "checkbox"):
            groups[(name, kind)] = control
    assign_roles(built)
    return [control.field for control in built]


class _Control:
    """A control while it is being read: the element, its field and the text about it."""

    def __init__(self, tag: Tag, kind: str, name: str, form: Tag, page: PageIndex) -> None:
        self.tag, self.kind, self.form, self.page = tag, kind, form, page
        self.readonly = tag.has_attr("readonly")
        captions = self.captions
        label = next((_clean(text) for _, text in captions if _clean(text)), None)
        self.field = FormField(
            name=name,
            tag=tag.name,
            type=kind,
            label=label,
            role=None,
            required=self._required(captions),
            value=_default_value(tag, kind),
            options=_options(tag, kind),
            honeypot=is_honeypot(tag, form, name, label, page),
            disabled=tag.has_attr("disabled"),
        )

    def add_choice(self, tag: Tag) -> None:
        value = attr(tag, "value") or "on"
        self.field.options.append(value)
        if tag.has_attr("checked") and self.field.value is None:
            self.field.value = value
        self.field.required = self.field.required or tag.has_attr("required")

    @cached_property
    def captions(self) -> list[tuple[str, str]]:
        """(source, text) about the field, most trustworthy first."""
        if self.kind == "hidden":
            return []  # nobody reads a hidden input's caption, and it has none
        tag = self.tag
        found = [("label", text) for text in self._labels()]
        cell = cell_caption(tag)
        if cell:
            found.append(("cell", cell))
        for source in ("aria-label", "placeholder", "title"):
            if attr(tag, source).strip():
                found.append((source, attr(tag, source)))
        near = following_text(tag) if self.kind in ("checkbox", "radio") else ""
        near = near or preceding_text(tag, self.form)
        if near:
            found.append(("near", near))
        return found

    def _labels(self) -> Iterator[str]:
        ident = attr(self.tag, "id").strip()
        if ident and self.page.labels_for.get(ident):
            yield self.page.labels_for[ident]
        wrapping = self.tag.find_parent("label")
        if wrapping is not None:
            yield text_of(wrapping)
        for ref in attr(self.tag, "aria-labelledby").split():
            target = self.page.by_id(ref)
            if target is not None:
                yield text_of(target)

    def _required(self, captions: list[tuple[str, str]]) -> bool:
        tag = self.tag
        if tag.has_attr("required") or attr(tag, "aria-required").lower() == "true":
            return True
        if "required" in attr(tag, "class").lower():
            return True
        written = (text for source, text in captions if source in ("label", "cell", "near"))
        return any(_STAR.search(text) for text in written)

    @cached_property
    def about(self) -> str:
        """The field's name and label as folded words."""
        return w.split_identifier(self.field.name) + " " + w.fold(self.field.label or "")

    @property
    def is_candidate(self) -> bool:
        """Whether this control may take a role at all."""
        usable = not (self.readonly or self.field.disabled or self.field.honeypot)
        return usable and (self.kind in _ROLE_CANDIDATE_TYPES or self.kind == "select")

    @cached_property
    def votes(self) -> dict[str, float]:
        """Net weight per role: votes for it minus votes for 'no role'."""
        tally: dict[str, float] = defaultdict(float)
        for text, weight in self._texts():
            role = w.role_of(text)
            if role:
                tally[role] += weight
        if self.kind == "select" and not tally and _offers_topics(self.tag):
            tally["subject"] += _W_LABEL  # the options speak when nothing else does
        if self.kind in _TYPE_VOTES:
            role, weight = _TYPE_VOTES[self.kind]
            tally[role] += weight
        auto = attr(self.tag, "autocomplete").lower().split()
        if auto and auto[-1] in w.AUTOCOMPLETE_ROLES:
            tally[w.AUTOCOMPLETE_ROLES[auto[-1]]] += _W_AUTOCOMPLETE
        against = tally.pop(w.OTHER, 0.0)
        allowed = ("subject",) if self.kind == "select" else w.ROLES
        return {role: score - against for role, score in tally.items() if role in allowed}

    def _texts(self) -> Iterator[tuple[str, float]]:
        yield from self._identifier_texts()
        captions = self.captions
        alone = all(source == "near" for source, _ in captions)
        weights = {"label": _W_LABEL, "cell": _W_LABEL, "aria-label": _W_LABEL}
        weights["placeholder"] = _W_PLACEHOLDER
        weights |= {"title": _W_TITLE, "near": _W_NEAR_ALONE if alone else _W_NEAR}
        for source, text in captions:
            yield w.fold(text[:_MAX_LABEL]), weights[source]

    def _identifier_texts(self) -> Iterator[tuple[str, float]]:
        """The field's name and id, unless either names an account: scripts call the
        sender's name "user_name" as often as a login (Bitrix's feedback form), so such
        identifiers say nothing, nor does their twin ("uname" beside "username"), and the
        caption decides: "Ваше имя" a name, "Username" still no role."""
        name = w.split_identifier(self.field.name)
        ident = w.split_identifier(attr(self.tag, "id"))
        if w.USERNAME.search(name) or w.USERNAME.search(ident):
            return
        # "form_text_1" or "input_4" only numbers the field: its captions must say.
        if not NUMBERED_NAME.match(name):
            yield name, _W_NAME
        if ident and ident != name and not NUMBERED_NAME.match(ident):
            yield ident, _W_ID


def _clean(text: str) -> str:
    return " ".join(text.split())[:_MAX_LABEL].strip(_LABEL_TRIM)


def _offers_topics(tag: Tag) -> bool:
    """A dropdown of what a message is about ("General question", "Order", "Returns"…):
    most of its real options (the first may be a "Choose…" prompt) name topics."""
    options = [w.fold(option.get_text(" ", strip=True)) for option in tag.find_all("option")]
    options = [text for text in options if text][:_MAX_TOPIC_OPTIONS]
    topical = sum(bool(TOPIC.search(text)) for text in options)
    return topical >= 2 and topical * 2 >= len(options) - 1


def _default_value(tag: Tag, kind: str) -> str | None:
    if kind == "textarea":
        return tag.get_text()
    if kind == "select":
        return _select_default(tag)
    if kind in ("checkbox", "radio"):
        return (attr(tag, "value") or "on") if tag.has_attr("checked") else None
    if kind == "hidden":
        return attr(tag, "value")
    return attr(tag, "value") if tag.has_attr("value") else None


def _option_value(option: Tag) -> str:
    return attr(option, "value") if option.has_attr("value") else option.get_text(" ", strip=True)


def _select_default(tag: Tag) -> str | None:
    options = tag.find_all("option")
    chosen = next((option for option in options if option.has_attr("selected")), None)
    if chosen is not None:
        return _option_value(chosen)
    return next((value for value in map(_option_value, options) if value), None)


def _options(tag: Tag, kind: str) -> list[str]:
    if kind == "select":
        return [_option_value(option) for option in tag.find_all("option")]
    if kind in ("checkbox", "radio"):
        return [attr(tag, "value") or "on"]
    return []


# ------------------------------------------------------------------------------ roles


def assign_roles(controls: list[_Control]) -> None:
    """Give each role to the field voted most strongly for it; one role per field."""
    # A field with a sign of a trap comes after every field without one: the visible wins.
    offers = [
        (not is_suspect(control.tag), score, -index, role, control)
        for index, control in enumerate(controls)
        if control.is_candidate
        for role, score in control.votes.items()
        if score > 0
    ]
    taken: set[str] = set()
    for *_, role, control in sorted(offers, key=lambda offer: offer[:3], reverse=True):
        if role not in taken and control.field.role is None:
            control.field.role = role
            taken.add(role)
    _pair_names([control.field for control in controls], taken)
    _drop_job_title([control for control in controls if control.is_candidate])


def _pair_names(fields: list[FormField], taken: set[str]) -> None:
    """A bare "name" beside a first (last) name is the other half: "Nom" next to "Prénom",
    "Name" next to "Vorname", "Nombre" next to "Apellidos", "Имя" next to "Фамилия"."""
    if "name" not in taken or ("first_name" in taken) == ("last_name" in taken):
        return
    for field_ in fields:
        if field_.role == "name":
            field_.role = "last_name" if "first_name" in taken else "first_name"


def _drop_job_title(candidates: list[_Control]) -> None:
    """A "Title" next to a "Company" asks for a job title, not for a subject."""
    for index, control in enumerate(candidates):
        if control.field.role == "subject" and w.TITLE.search(control.about):
            neighbours = candidates[max(index - 1, 0) : index] + candidates[index + 1 : index + 2]
            if any(w.COMPANY.search(other.about) for other in neighbours):
                control.field.role = None
