"""Command-line interface: ``flask --app wsgi <command>``."""

from __future__ import annotations

import json
import logging
import secrets
import signal
import sys
import threading
from typing import NoReturn

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from discountmarket import demo_sites, inbound_imap, inbound_smtp, logs, tasks, weburl
from discountmarket.bench_cli import seed_bench
from discountmarket.inbound.cli import inbound as inbound_cli
from discountmarket.models import Role
from discountmarket.outreach import discovery
from discountmarket.outreach.http import FetchError, client_from_config
from discountmarket.services import (
    accounts,
    answer_links,
    catalog,
    demo,
    directory,
    inbound_mail,
    listings,
)
from discountmarket.services.errors import ServiceError

users_cli = AppGroup("users", help="Manage user accounts.")
products_cli = AppGroup("products", help="Read product pages.")
stores_cli = AppGroup("stores", help="Look at store sites.")
links_cli = AppGroup("links", help="Manage the signed answer links sent to stores.")

# The stable error codes of `products fetch --json`; the client's finer codes fold into them.
PRODUCT_ERROR_CODES = {
    "blocked_address",
    "bad_url",
    "timeout",
    "too_large",
    "http_error",
    "robots",
    "not_html",
    "no_product",
}


@users_cli.command("create-operator")
@click.argument("email")
@click.option(
    "--password",
    envvar="DISCOUNTMARKET_OPERATOR_PASSWORD",
    help="Password to set; a strong one is generated and printed when omitted.",
)
def create_operator(email: str, password: str | None) -> None:
    """Create an operator account for EMAIL."""
    if not accounts.is_valid_address(email):
        raise click.UsageError(f"{email!r} is not an address one can sign in with")
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


@products_cli.command("fetch")
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def fetch_product(url: str, as_json: bool) -> None:
    """Fetch a product page and print its title, price, currency and image."""
    try:
        fetched = catalog.fetch(url)
    except FetchError as error:
        _fail(error, as_json)
    snapshot = fetched.snapshot
    result = {
        "url": fetched.result.url,
        "title": snapshot.title,
        "price": f"{snapshot.price:.2f}" if snapshot.price is not None else None,
        "currency": snapshot.currency,
        "image": snapshot.image,
        "store_domain": weburl.registrable_domain(fetched.result.url),
    }
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    for name, value in result.items():
        click.echo(f"{name:>12}: {'' if value is None else value}")


@products_cli.command("match")
@click.argument("url")
@click.option("--store", "store_address", required=True, help="The shop: a domain or a URL.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def match_product(url: str, store_address: str, as_json: bool) -> None:
    """Look for the product at URL in another shop and print its listing there."""
    try:
        outcome = listings.match_url_in_store(url, store_address)
    except FetchError as error:
        _fail(error, as_json)
    result = listings.report(outcome)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    found = result["match"]
    click.echo(f"{result['product']['title']} at {result['store']}:")
    if found:
        click.echo(
            f"  {found['title']} — {found['price'] or '?'} {found['currency'] or ''}"
            f" ({found['by']}, {found['confidence']:.0%})\n  {found['url']}"
        )
    else:
        click.echo(
            "  not found" + (f" ({len(result['errors'])} errors)" if result["errors"] else "")
        )


def _fail(error: FetchError, as_json: bool) -> NoReturn:
    """Print a fetch error with its stable code and stop with status 1."""
    code = "no_product" if error.code == "not_product" else error.code
    code = code if code in PRODUCT_ERROR_CODES else "http_error"
    if as_json:
        click.echo(json.dumps({"error": {"code": code, "message": error.message}}))
    else:
        click.echo(f"Error ({code}): {error.message}", err=True)
    sys.exit(1)


@stores_cli.command("probe")
@click.argument("url")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def probe_site(url: str, as_json: bool) -> None:
    """Find a store site's contact pages, e-mail addresses, phones and forms."""
    from flask import current_app

    config = current_app.config
    try:
        with client_from_config(config) as client:
            result = discovery.probe(client, url, max_pages=config["OUTREACH_MAX_PAGES"])
    except FetchError as error:
        if as_json:
            click.echo(json.dumps({"error": {"code": error.code, "message": error.message}}))
        else:
            click.echo(f"Error ({error.code}): {error.message}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
        return
    click.echo(f"Site: {result.url}")
    for title, values in (
        ("Contact pages", result.contact_pages),
        ("E-mails", result.emails),
        ("Phones", result.phones),
    ):
        click.echo(f"{title}: {', '.join(values) if values else '-'}")
    click.echo(f"Forms: {len(result.forms) or '-'}")
    for plan in result.forms:
        state = "can submit" if plan.submittable else f"blocked: {plan.blocked_reason}"
        fields = ", ".join(f"{role}={name}" for role, name in plan.fields.items())
        shown = f" [{state}]" if plan.kind == "contact" else ""
        click.echo(f"  {plan.kind} {plan.method.upper()} {plan.action}{shown} {fields}".rstrip())
    for error in result.errors:
        click.echo(f"Not read: {error.url} ({error.code}: {error.message})")


@stores_cli.command("add")
@click.argument("url")
@click.option("--name", help="The store's name (default: its domain).")
@click.option("--category", "categories", multiple=True, help="A category (created if new).")
@click.option("--competitor", "competitors", multiple=True, help="A known store's domain.")
def add_store(
    url: str, name: str | None, categories: tuple[str, ...], competitors: tuple[str, ...]
) -> None:
    """Add the store at URL (or update the one on its domain) and print its id."""
    try:
        store, created = directory.add_store(
            url, name=name, categories=categories, competitors=competitors
        )
    except ServiceError as error:  # unknown competitors, a bad URL: exit status 1
        raise click.ClickException(str(error)) from error
    click.echo(f"{'Created' if created else 'Updated'} store {store.domain}.", err=True)
    click.echo(store.id)


@links_cli.command("revoke")
@click.option("--request", "request_id", type=int, required=True, help="The request's id.")
@click.option("--store", "store_ref", required=True, help="The store's domain or id.")
def revoke_link(request_id: int, store_ref: str) -> None:
    """Withdraw the store's answer link to the request: every copy stops working (audited).

    Prints one line, ``revoked request=ID store=DOMAIN`` or ``not-issued request=ID
    store=DOMAIN`` (no link was ever sent); an unknown request or store exits with 1."""
    try:
        store, revoked = answer_links.revoke_by_reference(request_id, store_ref)
    except ServiceError as error:
        raise click.ClickException(str(error)) from error
    outcome = "revoked" if revoked else "not-issued"
    click.echo(f"{outcome} request={request_id} store={store.domain}")


@click.command("worker")
@with_appcontext
@click.option(
    "--drain",
    is_flag=True,
    help="Run the periodic work (sweeps, escalation, digests, expiry) and every task that"
    " is due, then exit: for cron.",
)
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker threads.")
@click.option("--quiet", is_flag=True, help="Log warnings and errors only, not every task.")
def worker(drain: bool, workers: int | None, quiet: bool) -> None:
    """Run the task queue consumer."""
    from flask import current_app

    if drain:
        logs.configure(current_app, level=logging.WARNING if quiet else logging.INFO)
        periodic = tasks.run_periodic_work()
        processed = tasks.drain()
        click.echo(f"Processed {processed} task(s).")
        click.echo("Periodic work: " + "; ".join(_said(n, r) for n, r in periodic.items()))
        return
    tasks.run_consumer(workers or current_app.config["HUEY_WORKERS"], quiet=quiet)


def _said(name: str, result: object) -> str:
    """A periodic task's result on one line: ``sla_sweep retried=0 escalated=1``."""
    if isinstance(result, dict):
        return " ".join([name, *(f"{key}={value}" for key, value in result.items())])
    return f"{name}={result}"


def _refuse_in_production(command: str) -> None:
    from flask import current_app

    if current_app.config["ENV"] == "production":
        raise click.ClickException(f"{command} refuses to run in production")


def _sample_sites() -> list[tuple[demo_sites.Shop, str]]:
    from flask import current_app

    return demo_sites.site_urls(current_app.config["DEMO_SITES_PORT"])


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load demo accounts, stores, requests and the sample shops (later runs add only what
    is missing)."""
    _refuse_in_production("seed-demo")
    created = demo.seed()
    click.echo("Demo data loaded." if created else "Demo data already present.")
    sites = _sample_sites()
    demo.seed_sample_shops(sites)
    click.echo(demo.logins_text())
    click.echo(demo.sample_shops_text(sites))


@inbound_cli.command("smtp")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=2525, show_default=True, type=click.IntRange(1, 65535))
@with_appcontext
def inbound_smtp_listener(host: str, port: int) -> None:
    """Receive the inbound domain's mail (its MX): replies, bounces, mailto opt-outs."""
    from flask import current_app

    listener = inbound_smtp.controller(current_app._get_current_object(), host, port)  # type: ignore[attr-defined]
    listener.start()
    click.echo(f"Receiving mail for {current_app.config['INBOUND_DOMAIN']} on {host}:{port}.")
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    listener.stop()


@inbound_cli.command("replay")
@click.argument("ids", nargs=-1, required=True, type=click.IntRange(1, 2**31 - 1))
@with_appcontext
def inbound_replay(ids: tuple[int, ...]) -> None:
    """Read stored messages again with today's classifier and act on what changed."""
    for inbound_id in ids:
        outcome = inbound_mail.replay(inbound_id)
        if outcome is None:
            raise click.ClickException(f"No inbound message {inbound_id}.")
        before, now = outcome
        click.echo(f"{inbound_id}: {before} -> {now}" if before != now else f"{inbound_id}: {now}")


@inbound_cli.command("imap")
@click.option("--once", is_flag=True, help="One pass over the mailbox, then exit.")
@click.option(
    "--interval",
    default=60.0,
    show_default=True,
    type=click.FloatRange(min=1),
    metavar="SECONDS",
    help="Between passes, when the server cannot IDLE (announce new mail).",
)
@with_appcontext
def inbound_imap_poller(once: bool, interval: float) -> None:
    """Receive store mail from an ordinary mailbox (DISCOUNTMARKET_INBOUND_IMAP_URL)."""
    from flask import current_app

    poller = inbound_imap.Poller(current_app._get_current_object())  # type: ignore[attr-defined]
    try:
        if once:
            click.echo(f"Processed {poller.once()} message(s).")
            return
        poller.connect()
    except inbound_imap.PassStopped as error:
        raise click.ClickException(
            f"processed {error.processed} message(s), then stopped: {error} (retried next pass)"
        ) from error
    except inbound_imap.MailboxError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Reading {poller.address.shown if poller.address else ''} (Ctrl-C stops).")
    previous = {
        signum: signal.signal(signum, lambda *_: poller.stop.set())
        for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        poller.run_forever(interval)
    except inbound_imap.MailboxError as error:
        raise click.ClickException(str(error)) from error
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@click.command("demo-logins")
@click.option("--url", default=None, help="The web app's address, printed with the logins.")
def demo_logins(url: str | None) -> None:
    """Print the demo logins (`make run` repeats them once everything has started)."""
    click.echo()
    if url:
        click.echo(f"Ready: {url}   captured mail (as the operator): {url}/ops/mail")
    click.echo(demo.logins_text())


@click.command("demo-sites")
@with_appcontext
def serve_demo_sites() -> None:
    """Serve the sample shops on 127.0.0.1 (ports from DISCOUNTMARKET_DEMO_SITES_PORT on)
    until Ctrl-C; their contact forms record what they receive."""
    from flask import current_app

    _refuse_in_production("demo-sites")

    def announce(shop: demo_sites.Shop, _message: object) -> None:
        click.echo(f"{shop.name}: a contact-form message arrived", err=True)

    ports = demo_sites.ports(current_app.config["DEMO_SITES_PORT"])
    try:
        with demo_sites.serving(demo_sites.SHOPS, ports, on_message=announce) as running:
            click.echo(f"Sample shops: {' '.join(shop.url for shop in running)} (Ctrl-C stops).")
            threading.Event().wait()
    except OSError as error:  # a port in use: say which setting moves them
        raise click.ClickException(
            f"cannot serve the sample shops ({error}); set DISCOUNTMARKET_DEMO_SITES_PORT"
        ) from error
    except KeyboardInterrupt:
        pass


def register(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(products_cli)
    app.cli.add_command(stores_cli)
    app.cli.add_command(links_cli)
    app.cli.add_command(inbound_cli)
    app.cli.add_command(worker)
    app.cli.add_command(seed_demo)
    app.cli.add_command(seed_bench)
    app.cli.add_command(demo_logins)
    app.cli.add_command(serve_demo_sites)
