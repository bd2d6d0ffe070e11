"""Account views: parse the form, call the accounts service, render or redirect."""

from __future__ import annotations

from flask import (
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from discountmarket.blueprints.auth import bp
from discountmarket.blueprints.auth.forms import (
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)
from discountmarket.blueprints.forms import ActionForm
from discountmarket.extensions import limiter
from discountmarket.i18n import select_locale
from discountmarket.mailboxes import mailbox_key
from discountmarket.models import Role
from discountmarket.security import safe_next_url
from discountmarket.services import accounts


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _per_account_limit() -> str:
    return current_app.config["LOGIN_PER_ACCOUNT_RATE_LIMIT"]


def _account_mail_limit() -> str:
    return current_app.config["ACCOUNT_MAIL_RATE_LIMIT"]


def _account_and_client() -> str:
    # Per (account, client address): failures from elsewhere never slow the owner down.
    # Keyed by mailbox, as sign-in is: "+tag" spellings of one account share the budget.
    email = mailbox_key(request.form.get("email", ""))
    return f"account:{email}|client:{get_remote_address()}"


def _failed_sign_in(_response: Response) -> bool:
    """Only a wrong password counts against the sign-in limits, never a success."""
    return bool(g.get("failed_sign_in"))


def _sign_in(user, remember: bool = False) -> None:  # type: ignore[no-untyped-def]
    # A fresh session: nothing planted in the browser before sign-in (a session cookie,
    # a CSRF token) carries over into the signed-in one.
    session.clear()
    g.pop("csrf_token", None)
    login_user(user, remember=remember)
    accounts.record_login(user)


def home_for(user) -> str:  # type: ignore[no-untyped-def]
    if user.role == Role.OPERATOR:
        return url_for("ops.dashboard")
    if user.role == Role.STORE_MANAGER:
        return url_for("store.portal")
    return url_for("shopper.my_requests")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(_account_mail_limit, methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = RegisterForm()
    if form.validate_on_submit():
        accounts.register(
            form.email.data, form.password.data, Role(form.role.data), locale=select_locale()
        )
        return render_template("auth/check_email.html", email=form.email.data, purpose="confirm")
    return render_template("auth/register.html", form=form)


@bp.route("/confirm/<token>")
def confirm_email(token: str):
    # Confirming proves the address, nothing more: the link works once and signs nobody in.
    try:
        user = accounts.confirm_email(token)
    except accounts.InvalidLink as error:
        flash(str(error), "error")
        return redirect(url_for("auth.login"))
    if current_user.is_authenticated and current_user.id == user.id:
        flash(_("Your e-mail address is confirmed."), "success")
        return redirect(home_for(current_user))
    flash(_("Your e-mail address is confirmed. Please sign in."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed_sign_in)
@limiter.limit(
    _per_account_limit,
    key_func=_account_and_client,
    methods=["POST"],
    deduct_when=_failed_sign_in,
)
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None or not user.is_active:
            g.failed_sign_in = True
            flash(_("Wrong e-mail or password."), "error")
        elif user.email_confirmed_at is None:
            accounts.resend_confirmation(user)
            flash(
                _("Please confirm your e-mail address first; we have sent the link again."),
                "info",
            )
        else:
            _sign_in(user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")) or home_for(user))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    return _sign_out(_("You are signed out."))


@bp.route("/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    return _sign_out(_("You are signed out on every device."))


def _sign_out(message: str):  # type: ignore[no-untyped-def]
    # A POST with a CSRF token, so a third-party page cannot sign anyone out. The session
    # generation moves on: no copy of any session or "remember me" cookie of this account
    # outlives it.
    if ActionForm().validate_on_submit():
        accounts.end_all_sessions(current_user)
        logout_user()
        flash(message, "info")
    return redirect(url_for("board.index"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(_account_mail_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        accounts.request_password_reset(form.email.data)
        return render_template("auth/check_email.html", email=form.email.data, purpose="reset")
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        accounts.user_for_reset_token(token)
    except accounts.InvalidLink as error:
        flash(str(error), "error")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user = accounts.reset_password(token, form.password.data)
        _sign_in(user)
        flash(_("Your password is changed."), "success")
        return redirect(home_for(user))
    return render_template("auth/reset_password.html", form=form)
