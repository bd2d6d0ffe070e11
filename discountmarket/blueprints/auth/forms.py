"""Account forms."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SubmitField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length

from discountmarket.blueprints.forms import strip_text
from discountmarket.models import Role
from discountmarket.services.accounts import MIN_PASSWORD_LENGTH

MAX_PASSWORD_LENGTH = 128  # long passphrases welcome; the bound only stops abuse

_email = [DataRequired(), Length(max=254), Email(check_deliverability=False)]


def email_field() -> EmailField:
    return EmailField(
        _l("E-mail"), validators=_email, filters=[strip_text], render_kw={"autocomplete": "email"}
    )


def _new_password() -> list:
    return [
        DataRequired(),
        Length(
            min=MIN_PASSWORD_LENGTH,
            max=MAX_PASSWORD_LENGTH,
            message=lazy_ngettext(
                "Use %(min)d to %(num)d character.",
                "Use %(min)d to %(num)d characters.",
                MAX_PASSWORD_LENGTH,
                min=MIN_PASSWORD_LENGTH,
            ),
        ),
    ]


class RegisterForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"), validators=_new_password(), render_kw={"autocomplete": "new-password"}
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    role = RadioField(
        _l("I am"),
        choices=[
            SelectChoice(Role.SHOPPER.value, _l("a shopper looking for a better price")),
            SelectChoice(Role.STORE_MANAGER.value, _l("a store manager answering requests")),
        ],
        default=Role.SHOPPER.value,
        validators=[DataRequired()],
    )
    submit = SubmitField(_l("Create account"))


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=MAX_PASSWORD_LENGTH)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me signed in"))
    submit = SubmitField(_l("Sign in"))


class ForgotPasswordForm(FlaskForm):
    email = email_field()
    submit = SubmitField(_l("Send reset link"))


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=_new_password(), render_kw={"autocomplete": "new-password"}
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set new password"))
