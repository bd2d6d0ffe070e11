"""Accounts: sign-up with a confirmation link, sign-in, password reset, session versions."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import Role, User
from discountmarket.services import accounts
from discountmarket.services.errors import ServiceError
from tests.factories import PASSWORD, UserFactory
from tests.mailbox import link_in, messages_to

NEW_PASSWORD = "a-brand-new-passphrase"


def users() -> list[User]:
    return list(db.session.scalars(sa.select(User).order_by(User.id)))


def token_in_link(address: str, path_prefix: str) -> str:
    """The token at the end of the link in the last message to the address."""
    return link_in(messages_to(address)[-1], path_prefix).removeprefix(path_prefix)


# --- sign-up and confirmation ------------------------------------------------------------


def test_sign_up_creates_an_unconfirmed_account_and_mails_the_link(app: Flask) -> None:
    accounts.register("  New.Shopper@Example.COM ", "long-enough-pass", locale="ru")
    (user,) = users()
    assert user.email == "new.shopper@example.com" and user.role == Role.SHOPPER
    assert user.locale == "ru" and user.email_confirmed_at is None
    assert user.password_hash != "long-enough-pass"
    assert accounts.authenticate("new.shopper@example.com", "long-enough-pass") == user

    token = token_in_link("new.shopper@example.com", "/auth/confirm/")
    assert accounts.confirm_email(token).id == user.id
    db.session.refresh(user)
    confirmed_at = user.email_confirmed_at
    assert confirmed_at is not None
    with pytest.raises(accounts.InvalidLink, match="already used"):
        accounts.confirm_email(token)  # the link works once; the first moment stays
    db.session.refresh(user)
    assert user.email_confirmed_at == confirmed_at


def test_a_store_manager_may_sign_up_but_an_operator_may_not(app: Flask) -> None:
    accounts.register("manager@shop.example", "long-enough-pass", role=Role.STORE_MANAGER)
    assert [u.role for u in users()] == [Role.STORE_MANAGER]
    with pytest.raises(ServiceError, match="cannot be chosen"):
        accounts.register("ops@example.com", "long-enough-pass", role=Role.OPERATOR)
    assert len(users()) == 1 and messages_to("ops@example.com") == []


def test_signing_up_with_a_taken_address_mails_its_owner_and_changes_nothing(app: Flask) -> None:
    owner = UserFactory(email="taken@example.com")
    db.session.commit()
    password_hash = owner.password_hash
    accounts.register("Taken@Example.com", "someone-elses-pass")
    assert users() == [owner] and owner.password_hash == password_hash
    (notice,) = messages_to("taken@example.com")
    assert "already have an account" in notice.subject
    assert "/auth/forgot-password" in notice.text_body and "/auth/confirm/" not in notice.text_body


def test_resending_the_confirmation_mails_a_working_link(app: Flask) -> None:
    user = UserFactory(email="late@example.com", email_confirmed_at=None)
    db.session.commit()
    accounts.resend_confirmation(user)
    assert accounts.confirm_email(token_in_link("late@example.com", "/auth/confirm/")) == user


def test_confirmation_links_that_do_not_fit_are_refused(
    app: Flask, issued_ago: Callable[[float], AbstractContextManager[None]]
) -> None:
    user = UserFactory(email="old@example.com", email_confirmed_at=None)
    db.session.commit()
    token = accounts.confirmation_token(user)
    with issued_ago(app.config["EMAIL_CONFIRM_MAX_AGE"] + 60):
        stale = accounts.confirmation_token(user)
    refused = [
        token[:-3] + "abc",  # tampered
        accounts.reset_token(user),  # a token for another purpose
        stale,
    ]
    for bad in refused:
        with pytest.raises(accounts.InvalidLink):
            accounts.confirm_email(bad)
    # The address changed since the link was sent: it confirms nothing.
    user.email = "new@example.com"
    db.session.commit()
    with pytest.raises(accounts.InvalidLink, match="not valid"):
        accounts.confirm_email(token)
    db.session.refresh(user)
    assert user.email_confirmed_at is None


# --- signing in and sessions -------------------------------------------------------------


def test_authentication(app: Flask) -> None:
    user = UserFactory(email="me@example.com")
    db.session.commit()
    assert accounts.authenticate(" ME@example.com", PASSWORD) == user
    assert accounts.authenticate("me@example.com", PASSWORD + "x") is None
    assert accounts.authenticate("nobody@example.com", PASSWORD) is None
    assert accounts.find_user("Me@Example.com ") == user and accounts.find_user("x@y.z") is None


def test_recording_a_sign_in(app: Flask) -> None:
    user = UserFactory(last_login_at=None)
    db.session.commit()
    accounts.record_login(user)
    db.session.expire_all()
    assert db.session.get(User, user.id).last_login_at is not None


def test_session_ids_go_stale_when_the_password_changes(app: Flask) -> None:
    user = UserFactory()
    db.session.commit()
    session_id = user.get_id()
    assert accounts.load_session_user(session_id) == user
    accounts.set_password(user, NEW_PASSWORD)
    db.session.commit()
    assert accounts.load_session_user(session_id) is None
    assert accounts.load_session_user(user.get_id()) == user
    assert accounts.authenticate(user.email, NEW_PASSWORD) == user


@pytest.mark.parametrize("session_id", ["", "abc", "1", "1.x", "x.1", "999.1", "-1.1"])
def test_malformed_or_unknown_session_ids_load_nobody(app: Flask, session_id: str) -> None:
    UserFactory()
    db.session.commit()
    assert accounts.load_session_user(session_id) is None


def test_creating_an_account_directly(app: Flask) -> None:
    user = accounts.create_user(
        "Ops@Example.com", "operator-passphrase", Role.OPERATOR, display_name="Olga"
    )
    assert (user.email, user.role, user.display_name) == ("ops@example.com", Role.OPERATOR, "Olga")
    assert user.email_confirmed_at is not None
    unconfirmed = accounts.create_user("raw@example.com", "x" * 12, Role.SHOPPER, confirmed=False)
    assert unconfirmed.email_confirmed_at is None
    with pytest.raises(ServiceError, match="already exists"):
        accounts.create_user("OPS@example.com", "another-passphrase", Role.SHOPPER)
    assert len(users()) == 2


# --- password reset ----------------------------------------------------------------------


def test_a_reset_link_works_once_and_confirms_the_address(app: Flask) -> None:
    user = UserFactory(email="forgot@example.com", email_confirmed_at=None)
    db.session.commit()
    old_session = user.get_id()
    accounts.request_password_reset("Forgot@Example.com")
    (message,) = messages_to("forgot@example.com")
    assert "60 minutes" in message.text_body
    token = token_in_link("forgot@example.com", "/auth/reset/")
    assert accounts.user_for_reset_token(token) == user

    assert accounts.reset_password(token, NEW_PASSWORD) == user
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert accounts.authenticate("forgot@example.com", NEW_PASSWORD) == user
    assert user.email_confirmed_at is not None
    assert accounts.load_session_user(old_session) is None
    with pytest.raises(accounts.InvalidLink, match="already used"):
        accounts.reset_password(token, "yet-another-passphrase")
    assert accounts.authenticate("forgot@example.com", NEW_PASSWORD) == user


def test_no_reset_mail_for_unknown_or_inactive_accounts(app: Flask) -> None:
    UserFactory(email="gone@example.com", active=False)
    db.session.commit()
    accounts.request_password_reset("gone@example.com")
    accounts.request_password_reset("never@example.com")
    assert messages_to("gone@example.com") == messages_to("never@example.com") == []


def test_reset_links_that_do_not_fit_are_refused(
    app: Flask, issued_ago: Callable[[float], AbstractContextManager[None]]
) -> None:
    user = UserFactory()
    db.session.commit()
    password_hash = user.password_hash
    with issued_ago(app.config["PASSWORD_RESET_MAX_AGE"] + 60):
        stale = accounts.reset_token(user)
    token = accounts.reset_token(user)
    for bad in (stale, accounts.confirmation_token(user), token + "x"):
        with pytest.raises(accounts.InvalidLink):
            accounts.reset_password(bad, NEW_PASSWORD)
    user.active = False  # a deactivated account cannot be taken back through an old link
    db.session.commit()
    with pytest.raises(accounts.InvalidLink):
        accounts.user_for_reset_token(token)
    db.session.refresh(user)
    assert user.password_hash == password_hash and user.session_version == 1


# --- one account per mailbox -------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("A+1@Example.com", "a@example.com"),
        ("a+shop+more@example.com", "a@example.com"),
        ("a.b@example.com", "a.b@example.com"),  # dots matter outside Gmail
        ("A.B+shop@gmail.com", "ab@gmail.com"),
        ("a.b@googlemail.com", "ab@gmail.com"),
        ("  Plain@Example.com ", "plain@example.com"),
        ("+tag@example.com", "+tag@example.com"),  # nothing before the tag: kept whole
    ],
)
def test_the_mailbox_key(address: str, key: str) -> None:
    assert accounts.mailbox_key(address) == key


@pytest.mark.parametrize("variant", ["a+1@example.com", "A+again@Example.com"])
def test_a_plus_address_of_an_account_is_that_account(app: Flask, variant: str) -> None:
    owner = UserFactory(email="a@example.com")
    db.session.commit()
    accounts.register(variant, "someone-elses-pass")
    assert users() == [owner]
    (notice,) = messages_to("a@example.com")
    assert "already have an account" in notice.subject
    assert messages_to(accounts.normalize_email(variant)) == []


def test_gmail_dots_and_googlemail_are_one_mailbox(app: Flask) -> None:
    owner = UserFactory(email="ab@gmail.com")
    db.session.commit()
    accounts.register("A.B+shop@googlemail.com", "someone-elses-pass")
    assert users() == [owner]
    (notice,) = messages_to("ab@gmail.com")
    assert "already have an account" in notice.subject
    # Outside Gmail a dot is part of the name: a different mailbox, a new account.
    UserFactory(email="ab@example.com")
    db.session.commit()
    accounts.register("a.b@example.com", "long-enough-pass")
    assert [user.email for user in users()] == ["ab@gmail.com", "ab@example.com", "a.b@example.com"]


def test_a_new_account_keeps_the_typed_address_and_its_key(app: Flask) -> None:
    accounts.register("Shopper+Deals@Example.com", "long-enough-pass")
    (user,) = users()
    assert (user.email, user.email_key) == ("shopper+deals@example.com", "shopper@example.com")
    (message,) = messages_to("shopper+deals@example.com")
    assert message.subject == "Confirm your e-mail address"


def test_creating_an_account_directly_refuses_another_address_of_a_mailbox(app: Flask) -> None:
    accounts.create_user("ops@example.com", "operator-passphrase", Role.OPERATOR)
    with pytest.raises(ServiceError, match="already exists"):
        accounts.create_user("ops+2@example.com", "another-passphrase", Role.SHOPPER)
    accounts.create_user("o.p.s@googlemail.com", "x" * 12, Role.SHOPPER)
    with pytest.raises(ServiceError, match="already exists"):
        accounts.new_user("ops+x@gmail.com", "x" * 12, Role.SHOPPER)
    assert [user.email for user in users()] == ["ops@example.com", "o.p.s@googlemail.com"]


def test_signing_in_by_any_address_of_the_mailbox(app: Flask) -> None:
    owner = UserFactory(email="ab@gmail.com")
    db.session.commit()
    assert accounts.authenticate("A.B+shop@googlemail.com", PASSWORD) == owner
    assert accounts.authenticate("a.b@gmail.com", "wrong-password") is None
    assert accounts.find_user("ab+x@gmail.com") == owner


def test_an_exact_address_wins_over_a_shared_key(app: Flask) -> None:
    """Two accounts of one mailbox from before the rule: each signs in by its own address."""
    first = UserFactory(email="a@example.com")
    db.session.commit()
    later = UserFactory.build(email="a+1@example.com")
    later.email_key = "a+1@example.com"  # what the migration gives the later account
    db.session.add(later)
    db.session.commit()
    assert accounts.find_user("a+1@example.com") == later
    assert accounts.find_user("A@example.com") == first
    assert accounts.find_user("a+2@example.com") == first
