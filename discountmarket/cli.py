"""Command-line interface: ``flask --app wsgi <command>``."""

from __future__ import annotations

import secrets

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from discountmarket import tasks
from discountmarket.models import Role
from discountmarket.services import accounts, demo
from discountmarket.services.errors import ServiceError

users_cli = AppGroup("users", help="Manage user accounts.")


@users_cli.command("create-operator")
@click.argument("email")
@click.option(
    "--password",
    envvar="DISCOUNTMARKET_OPERATOR_PASSWORD",
    help="Password to set; a strong one is generated and printed when omitted.",
)
def create_operator(email: str, password: str | None) -> None:
    """Create an operator account for EMAIL."""
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    if len(password) < accounts.MIN_PASSWORD_LENGTH:
        raise click.UsageError(
            f"the password must have at least {accounts.MIN_PASSWORD_LENGTH} characters"
        )
    try:
        user = accounts.create_user(email, password, Role.OPERATOR)
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Operator {user.email} created (id {user.id}).")
    if generated:
        click.echo(f"Password: {password}")


@click.command("worker")
@with_appcontext
@click.option("--drain", is_flag=True, help="Run every task that is due, then exit.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker threads.")
def worker(drain: bool, workers: int | None) -> None:
    """Run the task queue consumer."""
    from flask import current_app

    if drain:
        processed = tasks.drain()
        click.echo(f"Processed {processed} task(s).")
        return
    tasks.run_consumer(workers or current_app.config["HUEY_WORKERS"])


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load demo accounts, stores and requests (once; later runs change nothing)."""
    from flask import current_app

    if current_app.config["ENV"] == "production":
        raise click.ClickException("seed-demo refuses to run in production")
    created = demo.seed()
    click.echo("Demo data loaded." if created else "Demo data already present.")
    click.echo(demo.logins_text())


def register(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(worker)
    app.cli.add_command(seed_demo)
