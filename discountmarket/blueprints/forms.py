"""Form pieces shared by blueprints."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import request
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, HiddenField
from wtforms.widgets import TextInput

from discountmarket import numbers
from discountmarket.numbers import NumberRefused, NumberRule, Refusal

MORE_THAN_ZERO = {Refusal.TOO_SMALL: _l("Must be more than zero.")}


class ActionForm(FlaskForm):
    """A button that changes state: a POST carrying only the CSRF token."""


class ConfirmedActionForm(ActionForm):
    """An action that cannot be undone: the first POST shows what will happen, the second
    (``confirmed``) does it. Works without JavaScript."""

    confirmed = HiddenField()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed.data == "1"


def strip_text(value: str | None) -> str | None:
    """Trim surrounding whitespace (phones and password managers add it)."""
    return value.strip() if isinstance(value, str) else value


_REFUSED = {
    Refusal.NOT_A_NUMBER: _l("Enter a number in digits, e.g. 12.50."),
    Refusal.NOT_ASCII_DIGITS: _l("Use the digits 0 to 9."),
    Refusal.AMBIGUOUS_GROUPING: _l("Write the number without a thousands separator."),
    Refusal.TOO_LONG: _l("This number is too long."),
}


def refusal_message(error: NumberRefused) -> str:
    """Why a typed number was refused, in the reader's language."""
    rule = error.rule
    if error.refusal in _REFUSED:
        return str(_REFUSED[error.refusal])
    if error.refusal == Refusal.TOO_MANY_PLACES:
        if not rule.places:
            return _("Enter a whole number.")
        return _("At most %(places)d digits after the decimal point.", places=rule.places)
    if error.refusal == Refusal.TOO_SMALL:
        low = format_decimal(rule.low)
        return (
            _("Must be more than %(low)s.", low=low)
            if rule.low_open
            else _("Must be at least %(low)s.", low=low)
        )
    high = format_decimal(rule.high)
    return (
        _("Must be less than %(high)s.", high=high)
        if rule.high_open
        else _("Must be at most %(high)s.", high=high)
    )


def out_of_range(message: Any) -> dict[Refusal, Any]:
    """The field's own wording for a number outside its bounds, either side."""
    return {Refusal.TOO_SMALL: message, Refusal.TOO_LARGE: message}


class NumberField(Field):
    """A number typed by a person, read by ``numbers.NumberRule`` (plain digits, one
    decimal point or comma, optional thousands grouping; no NaN, infinities, exponents or
    non-ASCII digits): a ``Decimal`` with the rule's places, an ``int`` when it has none.
    A refused entry is shown back as typed, with the reason next to the field."""

    widget = TextInput()

    def __init__(
        self,
        label: Any = None,
        validators: Any = None,
        *,
        rule: NumberRule,
        messages: dict[Refusal, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        render_kw = {"inputmode": "decimal" if rule.places else "numeric"}
        super().__init__(
            label, validators, render_kw=render_kw | kwargs.pop("render_kw", {}), **kwargs
        )
        self.rule = rule
        self.messages = messages or {}

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = None
        text = valuelist[0] if valuelist else ""
        if not isinstance(text, str) or not text.strip():
            return
        try:
            value = self.rule.parse(text)
        except NumberRefused as error:
            message = self.messages.get(error.refusal) or refusal_message(error)
            raise ValueError(str(message)) from None
        self.data = int(value) if not self.rule.places else value

    def _value(self) -> str:
        if self.raw_data:
            return str(self.raw_data[0])[:200]
        if isinstance(self.data, Decimal | int) and not isinstance(self.data, bool):
            return str(self.data)
        return ""


def number_arg(name: str, rule: NumberRule, default: int | None = None) -> int | None:
    """A whole number from the query string; malformed or out of ``rule``, the default (a
    crafted ``?page=`` or cursor id restarts the list rather than failing)."""
    text = request.args.get(name)
    if text is None:
        return default
    try:
        return rule.parse_int(text)
    except NumberRefused:
        return default


def whole_number(value: Any) -> int:
    """``coerce`` of select fields with numeric choices: ids, never ``int()``'s guesses
    (``int("٣")`` is 3, ``int(" 1_0 ")`` is 10)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return numbers.NON_NEGATIVE.parse_int(str(value))
