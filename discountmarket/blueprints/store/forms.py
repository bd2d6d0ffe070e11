"""Store forms: an answer (an offer, or a decline with a message) and claiming a store."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from discountmarket import numbers
from discountmarket.blueprints.forms import MORE_THAN_ZERO, NumberField, out_of_range, strip_text
from discountmarket.labels import choices
from discountmarket.services.offers import DISCOUNT_PERCENT


class OfferForm(FlaskForm):
    """A discount offer: a price or a percent off, what the shopper must do, until when."""

    price = NumberField(
        _l("Price for the shopper"),
        validators=[Optional()],
        rule=numbers.PRICE,
        messages=MORE_THAN_ZERO,
    )
    percent = NumberField(
        _l("…or percent off"),
        validators=[Optional()],
        rule=DISCOUNT_PERCENT,
        messages=out_of_range(_l("The discount must be between 1 and 90 percent.")),
    )
    currency = StringField(
        _l("Currency"),
        validators=[Optional(), Regexp(r"^[A-Za-z]{3}$", message=_l("Three letters, e.g. EUR."))],
        filters=[strip_text],
    )
    coupon_code = StringField(
        _l("Coupon code (shown only to the shopper)"),
        validators=[Optional(), Length(max=64)],
        filters=[strip_text],
    )
    terms = TextAreaField(
        _l("Terms: what must the shopper do?"),
        validators=[
            DataRequired(message=_l("Say what the shopper must do to get this price.")),
            Length(max=2000),
        ],
        filters=[strip_text],
        render_kw={"rows": 3},
    )
    extras = TextAreaField(
        _l("Extras (free delivery, a gift, …)"),
        validators=[Optional(), Length(max=1000)],
        filters=[strip_text],
        render_kw={"rows": 2},
    )
    valid_until = DateField(
        _l("Valid until"),
        validators=[DataRequired(message=_l("Say until when the offer is valid."))],
    )


class DeclineForm(FlaskForm):
    """No discount, but a message (and perhaps something else instead)."""

    message = TextAreaField(
        _l("Your message to the shopper"),
        validators=[
            DataRequired(message=_l("Write a short message to the shopper.")),
            Length(max=2000),
        ],
        filters=[strip_text],
        render_kw={"rows": 3},
    )
    extras = TextAreaField(
        _l("What you can offer instead (optional)"),
        validators=[Optional(), Length(max=1000)],
        filters=[strip_text],
        render_kw={"rows": 2},
    )


class ClaimForm(FlaskForm):
    address = RadioField(
        _l("Send the confirmation link to"), validators=[DataRequired()], choices=[]
    )


class DomainForm(FlaskForm):
    site = StringField(
        _l("Your shop's domain"),
        validators=[DataRequired(), Length(max=300)],
        filters=[strip_text],
        render_kw={"placeholder": "shop.example", "autocomplete": "url", "inputmode": "url"},
    )


class DomainMailForm(FlaskForm):
    address = StringField(
        _l("An address on your domain"),
        validators=[DataRequired(), Length(max=254)],
        filters=[strip_text],
        render_kw={"autocomplete": "email", "inputmode": "email"},
    )


class ContactPreferenceForm(FlaskForm):
    channel = RadioField(
        _l("How would you like us to write to you?"),
        choices=choices("contact_preference"),
        default="",
        validators=[Optional()],
    )
