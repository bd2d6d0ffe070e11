"""Accounts: registration with e-mail confirmation, authentication, password reset.

Nothing here tells a caller whether an address has an account: registration and reset
requests answer the same way either way, and the account holder learns the rest by e-mail.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from discountmarket import jobs
from discountmarket.extensions import db
from discountmarket.mailboxes import mailbox_key
from discountmarket.models import Role, User
from discountmarket.outreach.tokens import TokenError, make_token, read_token
from discountmarket.services import mailing
from discountmarket.services.errors import ServiceError
from discountmarket.urls import external_url

SELF_SERVICE_ROLES = (Role.SHOPPER, Role.STORE_MANAGER)
MIN_PASSWORD_LENGTH = 10

_RESET = "password-reset"
_CONFIRM = "email-confirm"


class InvalidLink(ServiceError):
    """A confirmation or reset link is broken, expired or already used."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The account of this address: its exact address first, else the account of its
    mailbox (``a.b+shop@gmail.com`` finds ``ab@gmail.com``). The exact match keeps each of
    the accounts that shared a mailbox before the rule (migration e1f2a3b4c5d6) reachable."""
    email = normalize_email(email)
    exact = db.session.scalar(sa.select(User).where(User.email == email))
    if exact is not None:
        return exact
    return db.session.scalar(sa.select(User).where(User.email_key == mailbox_key(email)))


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not-a-real-password", method=method)


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None. Costs the same whether or not the user exists."""
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    if not check_password_hash(user.password_hash, password):
        return None
    return user


def record_login(user: User) -> None:
    user.last_login_at = datetime.now(UTC)
    jobs.commit()


def register(
    email: str, password: str, role: Role = Role.SHOPPER, locale: str | None = None
) -> None:
    """Create an unconfirmed account and mail a confirmation link.

    For an address whose mailbox already has an account (``a+1@x`` is ``a@x``'s), mail that
    account's owner, at its own address, instead; the caller cannot tell the cases apart.
    """
    if role not in SELF_SERVICE_ROLES:
        raise ServiceError(_l("This role cannot be chosen at sign-up."))
    email = normalize_email(email)
    existing = find_user(email)
    if existing is not None:
        hash_password(password)  # same work as a new account, so timing tells nothing
        mailing.queue_template(
            "account_exists",
            existing.email,
            _l("You already have an account"),
            locale=existing.locale,
            reset_url=external_url("auth.forgot_password"),
            login_url=external_url("auth.login"),
        )
    else:
        user = User(email=email, password_hash=hash_password(password), role=role, locale=locale)
        db.session.add(user)
        db.session.flush()
        _queue_confirmation(user)
    jobs.commit()


def confirmation_token(user: User) -> str:
    # Bound to the password hash and the confirmation state: the link works once, and a
    # password change (a reset by the rightful owner) kills every copy of it.
    return make_token(_CONFIRM, {"uid": user.id, "email": user.email, "st": _confirm_state(user)})


def _confirm_state(user: User) -> str:
    confirmed = "confirmed" if user.email_confirmed_at is not None else "unconfirmed"
    return _digest(f"{user.password_hash}|{confirmed}")


def confirm_email(token: str) -> User:
    """Mark the address confirmed. The link is single-use and never signs anyone in."""
    payload = _read(_CONFIRM, token, current_app.config["EMAIL_CONFIRM_MAX_AGE"])
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("email"):
        raise InvalidLink(_l("This confirmation link is not valid."))
    if user.email_confirmed_at is not None or _confirm_state(user) != payload.get("st"):
        raise InvalidLink(_l("This confirmation link was already used or is no longer valid."))
    user.email_confirmed_at = datetime.now(UTC)
    jobs.commit()
    return user


def resend_confirmation(user: User) -> None:
    _queue_confirmation(user)
    jobs.commit()


def _queue_confirmation(user: User) -> None:
    mailing.queue_template(
        "confirm_email",
        user.email,
        _l("Confirm your e-mail address"),
        locale=user.locale,
        confirm_url=external_url("auth.confirm_email", token=confirmation_token(user)),
    )


def request_password_reset(email: str) -> None:
    """Mail a reset link when the address has an account; do nothing visible otherwise."""
    user = find_user(email)
    if user is None or not user.active:
        return
    mailing.queue_template(
        "reset_password",
        user.email,
        _l("Reset your password"),
        locale=user.locale,
        reset_url=external_url("auth.reset_password", token=reset_token(user)),
        max_age_minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60,
    )
    jobs.commit()


def reset_token(user: User) -> str:
    # Binding the token to the current hash makes it single-use: a reset changes the hash.
    return make_token(_RESET, {"uid": user.id, "pw": _password_fingerprint(user)})


def _password_fingerprint(user: User) -> str:
    return _digest(user.password_hash)


def _digest(text: str) -> str:
    # Tokens are signed, not encrypted: carry a digest, never a piece of the hash itself.
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def user_for_reset_token(token: str) -> User:
    payload = _read(_RESET, token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = db.session.get(User, payload.get("uid"))
    if user is None or not user.active or _password_fingerprint(user) != payload.get("pw"):
        raise InvalidLink(_l("This reset link has expired or was already used."))
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset_token(token)
    set_password(user, new_password)
    # Following the e-mailed link proves the address too.
    if user.email_confirmed_at is None:
        user.email_confirmed_at = datetime.now(UTC)
    jobs.commit()
    return user


def end_all_sessions(user: User) -> None:
    """Sign ``user`` out everywhere: every session and "remember me" cookie issued so far
    (copies included) names the old ``session_version`` and stops working."""
    db.session.execute(
        sa.update(User)
        .where(User.id == user.id)
        .values(session_version=User.session_version + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["session_version"])
    jobs.commit()


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    user.session_version += 1  # log out every other session


def is_valid_address(email: str) -> bool:
    """The sign-in form's rule for an address (email-validator, no DNS look-up): an account
    made elsewhere (the CLI) must be one its owner can sign in with."""
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def create_user(email: str, password: str, role: Role, **options: Any) -> User:
    """Create an account directly (CLI). Raises if the address is taken; ``options`` as
    for ``new_user``."""
    user = new_user(email, password, role, **options)
    jobs.commit()
    return user


def new_user(
    email: str,
    password: str,
    role: Role,
    *,
    confirmed: bool = True,
    display_name: str | None = None,
) -> User:
    """An account added to the caller's unit of work (demo data, the CLI); refused when
    the address's mailbox already has one."""
    email = normalize_email(email)
    if find_user(email) is not None:
        raise ServiceError(f"an account for {email} already exists")
    user = User(
        email=email,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name,
        email_confirmed_at=datetime.now(UTC) if confirmed else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def load_session_user(session_id: str) -> User | None:
    """Flask-Login's user loader: ``"<id>.<session_version>"``, refused once stale."""
    user_id, _, version = session_id.partition(".")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version):
        return None
    return user


def _read(purpose: str, token: str, max_age: int) -> dict:
    try:
        return read_token(purpose, token, max_age)
    except TokenError as error:
        raise InvalidLink(_l("This link has expired or is not valid.")) from error
