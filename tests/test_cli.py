"""Command-line tools: operators, demo data."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask

from discountmarket.extensions import db
from discountmarket.models import DiscountRequest, Offer, Role, Store, User
from discountmarket.services import demo
from tests.conftest import AuthActions, FormPoster


def test_create_operator_with_generated_password(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(args=["users", "create-operator", "Ops@Example.com"])
    assert result.exit_code == 0, result.output
    password = re.search(r"Password: (\S+)", result.output).group(1)  # type: ignore[union-attr]
    user = db.session.scalar(sa.select(User).filter_by(email="ops@example.com"))
    assert user.role == Role.OPERATOR and user.email_confirmed_at is not None
    client = app.test_client()
    AuthActions(FormPoster(client)).login("ops@example.com", password)
    assert client.get("/ops/").status_code == 200


def test_create_operator_refuses_duplicates_and_short_passwords(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    assert (
        runner.invoke(
            args=["users", "create-operator", "a@example.com", "--password", "long-enough-pw"]
        ).exit_code
        == 0
    )
    again = runner.invoke(
        args=["users", "create-operator", "A@example.com", "--password", "long-enough-pw"]
    )
    assert again.exit_code != 0 and "already exists" in again.output
    short = runner.invoke(args=["users", "create-operator", "b@example.com", "--password", "short"])
    assert short.exit_code != 0 and "at least 10" in short.output
    assert (
        "Password:"
        not in runner.invoke(
            args=["users", "create-operator", "c@example.com", "--password", "long-enough-pw"]
        ).output
    )


def test_seed_demo_loads_once_and_shows_a_living_board(app: Flask, runner) -> None:  # type: ignore[no-untyped-def]
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0 and "Demo data loaded." in first.output
    for email, password, _, _ in demo.DEMO_ACCOUNTS:
        assert email in first.output and password in first.output
    counts = {
        model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (User, Store, DiscountRequest, Offer)
    }
    assert counts["User"] == 3 and counts["Store"] == 12
    assert counts["DiscountRequest"] >= 5 and counts["Offer"] >= 5

    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0 and "already present" in second.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Store)) == 12

    # Every demo store has competitors, and the board shows the requests with offers.
    stores = db.session.scalars(sa.select(Store)).all()
    assert all(store.competitors for store in stores)
    html = app.test_client().get("/").get_data(as_text=True)
    assert "Noise-cancelling headphones X200" in html and "€259.00" in html

    # Each demo account signs in with the printed password and reaches its own page.
    for email, password, role, _ in demo.DEMO_ACCOUNTS:
        client = app.test_client()
        response = AuthActions(FormPoster(client)).login(email, password)
        assert response.status_code == 302, role
        assert client.get(response.location).status_code == 200


def test_seed_demo_refuses_production(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(ENV="production")
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "production" in result.output
