"""Shopper forms: asking for a discount, correcting a product by hand, accepting."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp
from wtforms.widgets import HiddenInput

from discountmarket import numbers
from discountmarket.blueprints.forms import (
    MORE_THAN_ZERO,
    ConfirmedActionForm,
    NumberField,
    out_of_range,
    strip_text,
)
from discountmarket.services.offers import DISCOUNT_PERCENT

QUANTITY = numbers.integers(1, 99)
VALID_DAYS = numbers.integers(1, 30)


class AskForm(FlaskForm):
    """What the shopper would pay: a price, or a discount in percent (one of the two)."""

    target_price = NumberField(
        _l("Price you would pay"),
        validators=[Optional()],
        rule=numbers.PRICE,
        messages=MORE_THAN_ZERO,
    )
    target_percent = NumberField(
        _l("…or a discount in percent"),
        validators=[Optional()],
        rule=DISCOUNT_PERCENT,
        messages=out_of_range(_l("Between 1 and 90.")),
    )

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        valid = super().validate(extra_validators)
        if self.target_price.data is not None and self.target_percent.data is not None:
            self.target_percent.errors = [
                *self.target_percent.errors,
                str(_l("Give a price or a percentage, not both.")),
            ]
            return False
        return valid


class RequestForm(AskForm):
    url = URLField(
        _l("Product page"),
        validators=[DataRequired(), Length(max=2048)],
        filters=[strip_text],
        render_kw={"placeholder": "https://", "inputmode": "url"},
    )
    quantity = NumberField(
        _l("Quantity"),
        default=1,
        validators=[InputRequired()],
        rule=QUANTITY,
        messages=out_of_range(_l("From 1 to 99.")),
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
    valid_days = NumberField(
        _l("Keep the request open for (days)"),
        default=7,
        validators=[InputRequired()],
        rule=VALID_DAYS,
        messages=out_of_range(_l("From 1 to 30 days.")),
    )
    ask_competitors = BooleanField(_l("Also ask competing stores"), default=True)
    ask_equivalents = BooleanField(
        _l("Also stores that may sell something equivalent"), default=False
    )
    share_contact = BooleanField(_l("Share my e-mail address with the stores"), default=False)


class ManualProductForm(FlaskForm):
    title = StringField(
        _l("Product name"), validators=[DataRequired(), Length(max=500)], filters=[strip_text]
    )
    # A request goes to stores with a price in a currency, never without.
    price = NumberField(
        _l("Price on the store's site"),
        validators=[InputRequired()],
        rule=numbers.PRICE,
        messages=MORE_THAN_ZERO,
    )
    currency = StringField(
        _l("Currency (e.g. EUR)"),
        validators=[
            DataRequired(),
            Regexp(r"^[A-Za-z]{3}$", message=_l("Three letters, e.g. EUR.")),
        ],
        filters=[strip_text],
    )


class AcceptForm(ConfirmedActionForm):
    # The offer's version the shopper saw: a bounded whole number, else the POST is a 400.
    version = NumberField(validators=[InputRequired()], rule=numbers.ROW_ID, widget=HiddenInput())
    share_contact = BooleanField(_l("Give the store my e-mail address to complete the sale"))


class NotificationsForm(FlaskForm):
    enabled = HiddenField(validators=[DataRequired(), Regexp(r"^(on|off)$")])


class ReportForm(FlaskForm):
    note = TextAreaField(
        _l("What happened?"), validators=[DataRequired(), Length(max=1000)], filters=[strip_text]
    )
