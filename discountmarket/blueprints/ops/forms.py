"""Operator forms for the escalation queue."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from discountmarket.blueprints.forms import strip_text
from discountmarket.labels import choices
from discountmarket.local_time import zone_names


class CallForm(FlaskForm):
    outcome = RadioField(
        _l("Outcome"), choices=choices("call_outcome"), validators=[DataRequired()]
    )
    note = TextAreaField(
        _l("Note"), validators=[Optional(), Length(max=2000)], filters=[strip_text]
    )
    # Typed in the page's time zone (local_time.display_zone); the view converts it to UTC.
    follow_up_at = DateTimeLocalField(
        _l("Follow up at"),
        format="%Y-%m-%dT%H:%M",
        validators=[Optional()],
    )


class SeniorContactForm(FlaskForm):
    email = EmailField(
        _l("Senior contact's e-mail"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
        filters=[strip_text],
    )
    label = StringField(
        _l("Who (e.g. head of e-commerce)"),
        validators=[Optional(), Length(max=200)],
        filters=[strip_text],
    )


class ResendForm(FlaskForm):
    channel = RadioField(
        _l("Channel"),
        choices=[SelectChoice("email", _l("E-mail")), SelectChoice("form", _l("Contact form"))],
        validators=[DataRequired()],
    )


class ResolveForm(FlaskForm):
    reason = StringField(
        _l("How the escalation ended"),
        validators=[DataRequired(), Length(max=300)],
        filters=[strip_text],
    )


class DoNotContactForm(FlaskForm):
    """Shares the page with ``ResolveForm``: its own label, and an id of its own."""

    reason = StringField(
        _l("Why the store must not be contacted"),
        id="dnc-reason",
        validators=[DataRequired(), Length(max=300)],
        filters=[strip_text],
    )


class ManagerForm(FlaskForm):
    """An operator verifies a store manager: the address of their account."""

    email = EmailField(
        _l("Address of their account"),
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=254)],
        filters=[strip_text],
    )


class TimeZoneForm(FlaskForm):
    time_zone = SelectField(_l("Show and type times in"), validators=[Optional()], choices=[])

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.time_zone.choices = [("", str(_l("Each store's own time zone")))] + [
            (name, name) for name in sorted(zone_names())
        ]
