"""Public forms."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField
from wtforms.validators import DataRequired

from discountmarket.i18n import LANGUAGE_NAMES


class LanguageForm(FlaskForm):
    language = SelectField(
        choices=[SelectChoice(code, name) for code, name in LANGUAGE_NAMES.items()],
        validators=[DataRequired()],
    )
    next = HiddenField()
