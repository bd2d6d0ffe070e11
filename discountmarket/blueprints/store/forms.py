"""Store forms: an answer (offer or decline) and claiming a store."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from discountmarket.blueprints.forms import strip_text


class AnswerForm(FlaskForm):
    kind = RadioField(
        _l("Do you offer a discount?"),
        choices=[
            SelectChoice("offer", _l("Make an offer")),
            SelectChoice("decline", _l("No discount, but…")),
        ],
        default="offer",
        validators=[DataRequired()],
    )
    price = DecimalField(
        _l("Price for the shopper"),
        places=2,
        validators=[
            Optional(),
            NumberRange(min=Decimal("0.01"), message=_l("Must be more than zero.")),
        ],
        render_kw={"inputmode": "decimal"},
    )
    percent = DecimalField(
        _l("…or percent off"),
        places=2,
        validators=[Optional()],
        render_kw={"inputmode": "decimal"},
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
        _l("Terms: what must the shopper do? (for a decline: your message)"),
        validators=[Optional(), Length(max=2000)],
        filters=[strip_text],
        render_kw={"rows": 3},
    )
    extras = TextAreaField(
        _l("Extras (free delivery, a gift, …)"),
        validators=[Optional(), Length(max=1000)],
        filters=[strip_text],
        render_kw={"rows": 2},
    )
    valid_until = DateField(_l("Valid until"), validators=[Optional()])


class ClaimForm(FlaskForm):
    address = RadioField(
        _l("Send the confirmation link to"), validators=[DataRequired()], choices=[]
    )
