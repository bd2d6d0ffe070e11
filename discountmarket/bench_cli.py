"""``flask --app wsgi seed-bench``: data at a real size for the benchmarks in bench/."""

from __future__ import annotations

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from discountmarket.services import bench_data
from discountmarket.services.bench_sizes import Sizes


@click.command("seed-bench")
@click.option("--requests", "requests_", type=click.IntRange(1, 10_000_000), default=10_000)
@click.option("--offers-per-request", type=click.IntRange(0, 50), default=5)
@click.option("--stores", type=click.IntRange(2, 1_000_000), default=2_000)
@click.option("--shoppers", type=click.IntRange(1, 10_000_000), help="Default: requests / 5.")
@click.option("--escalations", type=click.IntRange(0, 100_000), default=100)
@click.option("--seed", type=int, default=1, help="The same seed makes the same data.")
@with_appcontext
def seed_bench(
    requests_: int,
    offers_per_request: int,
    stores: int,
    shoppers: int | None,
    escalations: int,
    seed: int,
) -> None:
    """Add N requests (about K offers each, in every state) for S stores; bulk inserts, one
    commit. Refuses to run in production."""
    if current_app.config["ENV"] == "production":
        raise click.ClickException("seed-bench refuses to run in production")
    sizes = Sizes(
        requests=requests_,
        offers_per_request=offers_per_request,
        stores=stores,
        shoppers=shoppers or max(1, requests_ // 5),
        escalations=escalations,
        seed=seed,
    )
    started = time.monotonic()
    bench_data.seed(sizes, say=click.echo)
    click.echo(f"seeded in {time.monotonic() - started:.0f} s")
