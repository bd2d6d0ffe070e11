"""``flask --app wsgi inbound …``: the inbound mail commands (no database needed)."""

from __future__ import annotations

import json
import sys

import click

from discountmarket.inbound.classify import UnreadableMessage, classify
from discountmarket.inbound.message import MAX_BYTES


@click.group("inbound", help="Understand the mail that stores send back.")
def inbound() -> None:
    pass


def _read(source: str) -> bytes:
    if source == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    with open(source, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


@inbound.command("classify")
@click.argument("source", metavar="FILE")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def classify_command(source: str, as_json: bool) -> None:
    """Classify the raw RFC 5322 message in FILE (- for standard input)."""
    try:
        raw = _read(source)
    except OSError as error:
        raise click.ClickException(f"cannot read {source}: {error.strerror or error}") from error
    try:
        result = classify(raw).to_json()
    except UnreadableMessage as error:
        if as_json:
            click.echo(json.dumps({"error": {"code": "unreadable", "message": str(error)}}))
        else:
            click.echo(f"Error (unreadable): {error}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    click.echo(f"kind: {result['kind']}")
    click.echo(f"token: {result['token']}")
    for key in ("auto_reply", "bounce", "reply"):
        if result[key] is not None:
            click.echo(f"{key}: {json.dumps(result[key], ensure_ascii=False, indent=2)}")
