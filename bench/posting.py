"""Posting a request with a 20-store fan-out, in the web process (issue 18): the bench
database of ``bench/web_pages.py`` (make it first), a store with 20 competitors and
products whose pages were read already, and a shopper posting through the real form view
(CSRF, session, limits, fan-out planning, the job queued). The worker's jobs are queued,
not run: only the web process's time is measured.

    .venv/bin/python bench/posting.py --requests 100000 [--database postgres|sqlite]
        [--posts 300]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from bench.web_pages import database
from discountmarket import create_app
from discountmarket.extensions import db
from discountmarket.models import (
    ContactKind,
    FetchStatus,
    Product,
    Role,
    Store,
    StoreContact,
    StoreStatus,
    User,
)

PASSWORD = "bench-password"  # noqa: S105 — the seeded accounts' own


def setting_up(posts: int) -> tuple[str, list[str]]:
    """A store with 20 competitors (two addresses each), ``posts`` read product pages, and
    a shopper; returns the shopper's e-mail and the product URLs."""
    tag = f"post{int(time.time())}"
    now = datetime.now(UTC)
    own = Store(name=tag, domain=f"{tag}.example", homepage=f"https://{tag}.example/")
    for n in range(20):
        rival = Store(
            name=f"{tag} rival {n}",
            domain=f"{tag}-rival{n}.example",
            homepage=f"https://{tag}-rival{n}.example/",
            status=StoreStatus.ACTIVE,
            last_probed_at=now,
            contacts=[
                StoreContact(kind=ContactKind.EMAIL, value=f"{box}@{tag}-rival{n}.example")
                for box in ("sales", "owner")
            ],
        )
        own.competitors.append(rival)
    urls = [f"https://{tag}.example/p/{n}" for n in range(posts)]
    db.session.add_all(
        Product(
            store=own,
            url=url,
            title=f"Grinder {n}",
            price=Decimal("200.00"),
            currency="EUR",
            fetch_status=FetchStatus.FETCHED,
            fetched_at=now,
        )
        for n, url in enumerate(urls)
    )
    shopper = db.session.scalar(sa.select(User).where(User.role == Role.SHOPPER).limit(1))
    db.session.commit()
    return shopper.email, urls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--posts", type=int, default=300)
    args = parser.parse_args()
    url, empty = database(args.database, args.requests)
    if empty:
        raise SystemExit("no bench data of that size: run bench/web_pages.py first")
    queue = Path(tempfile.mkdtemp()) / "queue.db"
    app = create_app(
        {
            "DATABASE_URL": url,
            "HUEY_IMMEDIATE": False,
            "HUEY_SQLITE_PATH": str(queue),
            "FANOUT_MAX_STORES": 21,  # the store and its 20 competitors
            "SHOPPER_REQUESTS_PER_DAY": 100_000,
            "TRUSTED_SHOPPER_REQUESTS_PER_DAY": 100_000,
            "WTF_CSRF_ENABLED": True,
            "RATELIMIT_ENABLED": False,  # one shopper posts them all: past its hourly limit
        }
    )
    with app.app_context():
        email, urls = setting_up(args.posts)
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    login = {"email": email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=login).status_code == 302
    form = client.get("/my/requests/new").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    times = []
    for product_url in urls:
        data = {
            "csrf_token": token,
            "url": product_url,
            "target_price": "180",
            "valid_days": "7",
            "quantity": "1",
            "ask_competitors": "y",
        }
        started = time.perf_counter()
        answer = client.post("/my/requests/new", data=data)
        times.append(time.perf_counter() - started)
        if answer.status_code != 302:
            raise SystemExit(answer.get_data(as_text=True))
    times.sort()
    p50 = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    print(
        f"{args.database}, {args.requests} requests: {len(times)} posts with a 21-store "
        f"fan-out, p50 {p50:.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
