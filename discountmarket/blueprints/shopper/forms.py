"""Shopper forms: asking for a discount, correcting a product by hand, accepting."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DecimalField,
    HiddenField,
    IntegerField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from discountmarket.blueprints.forms import strip_text


class RequestForm(FlaskForm):
    url = URLField(
        _l("Product page"),
        validators=[DataRequired(), Length(max=2048)],
        filters=[strip_text],
        render_kw={"placeholder": "https://", "inputmode": "url"},
    )
    target_price = DecimalField(
        _l("Price you would pay"),
        places=2,
        validators=[
            Optional(),
            NumberRange(min=Decimal("0.01"), message=_l("Must be more than zero.")),
        ],
        render_kw={"inputmode": "decimal"},
    )
    target_percent = DecimalField(
        _l("…or a discount in percent"),
        places=2,
        validators=[Optional(), NumberRange(min=1, max=90, message=_l("Between 1 and 90."))],
        render_kw={"inputmode": "decimal"},
    )
    quantity = IntegerField(
        _l("Quantity"),
        default=1,
        validators=[InputRequired(), NumberRange(min=1, max=99, message=_l("From 1 to 99."))],
    )
    note = TextAreaField(
        _l("Note for the stores"),
        validators=[Optional(), Length(max=1000)],
        filters=[strip_text],
        render_kw={"rows": 4, "maxlength": 1000},
    )
    shopper_location = StringField(
        _l("Your city or country (optional)"),
        validators=[Optional(), Length(max=100)],
        filters=[strip_text],
    )
    valid_days = IntegerField(
        _l("Keep the request open for (days)"),
        default=7,
        validators=[InputRequired(), NumberRange(min=1, max=30, message=_l("From 1 to 30 days."))],
    )
    ask_competitors = BooleanField(_l("Also ask competing stores"), default=True)
    share_contact = BooleanField(_l("Share my e-mail address with the stores"), default=False)

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        valid = super().validate(extra_validators)
        if self.target_price.data is not None and self.target_percent.data is not None:
            self.target_percent.errors = [
                *self.target_percent.errors,
                str(_l("Give a price or a percentage, not both.")),
            ]
            return False
        return valid


class ManualProductForm(FlaskForm):
    title = StringField(
        _l("Product name"), validators=[DataRequired(), Length(max=500)], filters=[strip_text]
    )
    price = DecimalField(
        _l("Price on the store's site"),
        places=2,
        validators=[Optional(), NumberRange(min=Decimal("0.01"))],
    )
    currency = StringField(
        _l("Currency (e.g. EUR)"),
        validators=[Optional(), Regexp(r"^[A-Za-z]{3}$", message=_l("Three letters, e.g. EUR."))],
        filters=[strip_text],
    )


class AcceptForm(FlaskForm):
    version = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])


class NotificationsForm(FlaskForm):
    enabled = HiddenField(validators=[DataRequired(), Regexp(r"^(on|off)$")])


class ReportForm(FlaskForm):
    note = TextAreaField(
        _l("What happened?"), validators=[DataRequired(), Length(max=1000)], filters=[strip_text]
    )
