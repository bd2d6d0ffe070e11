"""Page throughput at a real size (issue 18): ``flask seed-bench`` data in its own
database, gunicorn with 2 sync workers in production mode as docs/deployment.md runs it,
and wrk against each page, each run between two runs of the trivial route (/healthz) so the
ratio is taken in the same conditions.

    .venv/bin/python bench/web_pages.py --requests 100000 [--database postgres|sqlite]
        [--seconds 10] [--connections 8] [--keep]

Prints one row per page: req/s, the ratio to the trivial route, p50 and p99 latency. The
data is kept between runs of the same size and database (it takes minutes to make).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from discountmarket import public_changes  # noqa: E402
from tests.conftest import free_port  # noqa: E402

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
TRIVIAL = "/healthz"


def database(kind: str, requests: int, offers_per_request: int = 5) -> tuple[str, bool]:
    """The URL of the benchmark database for this size, and whether it must be seeded."""
    name = f"dm_bench_{requests}"
    if offers_per_request != 5:  # the default's databases keep their names
        name += f"_{offers_per_request}_offers"
    if kind == "sqlite":
        path = Path(tempfile.gettempdir()) / f"{name}.db"
        return f"sqlite:///{path}", not path.exists()
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", not exists


def environment(url: str, production: bool) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url}
    if production:
        env.update(
            DISCOUNTMARKET_ENV="production",
            SECRET_KEY="bench-" + "s" * 40,
            REDIS_URL="redis://127.0.0.1:6379/13",
            DISCOUNTMARKET_BASE_URL="https://bench.example",
            DISCOUNTMARKET_MAIL_FROM="DiscountMarket <requests@bench.example>",
            DISCOUNTMARKET_INBOUND_DOMAIN="in.bench.example",
            SMTP_URL="smtp://127.0.0.1:2525",
        )
    return env


def flask(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own command, no shell
        [str(ROOT / ".venv/bin/flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed: {done.stderr[-800:]}")
    return done.stdout


@contextmanager
def gunicorn(env: dict[str, str], port: int) -> Iterator[str]:
    base = f"http://127.0.0.1:{port}"
    command = [str(ROOT / ".venv/bin/gunicorn"), "--preload", "--workers", "2"]
    server = subprocess.Popen(  # noqa: S603 - our own command, no shell
        [*command, "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + TRIVIAL, timeout=1)  # noqa: S310 - 127.0.0.1
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)


def get(url: str, **headers: str) -> tuple[str, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - 127.0.0.1
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        return answer.read().decode(), dict(answer.headers)


def deep_board_page(base: str, pages: int = 10) -> str:
    """The board sorted by offers, ``pages`` pages in by its cursor."""
    path = "/board?sort=offers"
    for _ in range(pages):
        html, _ = get(base + path)
        found = re.search(r'href="(/board\?[^"]*after=[^"]+)"', html)
        if not found:
            break
        path = found.group(1).replace("&amp;", "&")
    return path


def pages(base: str) -> list[tuple[str, str, dict[str, str]]]:
    html, _ = get(base + "/board?sort=offers")
    slug = re.search(r'href="/r/([^"/]+)"', html).group(1)
    category = re.search(r'<option value="([a-z0-9-]+)"', get(base + "/board")[0]).group(1)
    _, headers = get(f"{base}/r/{slug}/live")
    return [
        ("base template, no database (/bot)", "/bot", {}),
        ("/ (home)", "/", {}),
        ("/board", "/board", {}),
        (f"/board?category={category}&sort=saving", f"/board?category={category}&sort=saving", {}),
        ("/board 11th page by the cursor", deep_board_page(base), {}),
        ("a request's public page", f"/r/{slug}", {}),
        ("its live poll, changed (200)", f"/r/{slug}/live", {}),
        ("its live poll, unchanged (304)", f"/r/{slug}/live", {"If-None-Match": headers["ETag"]}),
    ]


def wrk(
    url: str, seconds: int, connections: int, headers: dict[str, str]
) -> tuple[float, str, str]:
    """Requests per second, p50 and p99 latency."""
    command = ["wrk", "--latency", "-t", "1", "-c", str(connections), "-d", f"{seconds}s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(  # noqa: S603 - wrk, no shell
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE).group(1)
    if re.search(r"Non-2xx or 3xx responses", out):
        raise SystemExit(f"{url}: error answers under load\n{out}")
    return rate, p50, p99


@contextmanager
def changes(env: dict[str, str], per_second: float) -> Iterator[None]:
    """Retire the kept public pages ``per_second`` times a second (each new offer does)."""
    if not per_second:
        yield
        return
    client = redis.Redis.from_url(env["REDIS_URL"])
    stop = threading.Event()

    def bump() -> None:
        while not stop.wait(1 / per_second):
            client.incr(public_changes.REDIS_KEY)

    thread = threading.Thread(target=bump, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--offers-per-request", type=int, default=5)
    parser.add_argument("--stores", type=int, default=2_000)
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--render-every-time",
        action="store_true",
        help="keep no public page (PUBLIC_PAGE_SECONDS=0): what a signed-in reader costs",
    )
    parser.add_argument(
        "--changes-per-second",
        type=float,
        default=0,
        help="retire the kept pages this often during the run, as new offers would",
    )
    args = parser.parse_args()
    url, empty = database(args.database, args.requests, args.offers_per_request)
    setup = environment(url, production=False)
    flask(setup, "db", "upgrade")
    if empty:
        started = time.monotonic()
        flask(
            setup,
            "seed-bench",
            f"--requests={args.requests}",
            f"--offers-per-request={args.offers_per_request}",
            f"--stores={args.stores}",
        )
        print(f"seeded {args.requests} requests in {time.monotonic() - started:.0f} s")
    if args.database == "postgres":
        with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
    serving = environment(url, production=True)
    if args.render_every_time:
        serving["DISCOUNTMARKET_PUBLIC_PAGE_SECONDS"] = "0"
    with gunicorn(serving, free_port()) as base, changes(serving, args.changes_per_second):
        kept = "no page kept" if args.render_every_time else "public pages kept"
        print(
            f"{args.database}, {args.requests} requests, wrk -c {args.connections} "
            f"-d {args.seconds}s, gunicorn 2 sync workers, {kept}, "
            f"{args.changes_per_second:g} changes/s"
        )
        print("| page | req/s | ÷ trivial | p50 | p99 |\n|---|---|---|---|---|")
        for name, path, headers in pages(base):
            before, *_ = wrk(base + TRIVIAL, args.seconds, args.connections, {})
            rate, p50, p99 = wrk(base + path, args.seconds, args.connections, headers)
            after, *_ = wrk(base + TRIVIAL, args.seconds, args.connections, {})
            trivial = (before + after) / 2
            print(
                f"| {name} | {rate:,.0f} | {rate / trivial:.2f} (trivial {trivial:,.0f}) "
                f"| {p50} | {p99} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
