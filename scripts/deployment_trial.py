"""The deployment guide (docs/deployment.md) walked end to end on this machine, in production
mode, against the sample shops (PRODUCTION_TRIAL_WITH_LOCAL_SHOPS): a fresh PostgreSQL
database and Redis, the release order (migrate, the first operator, then two web nodes
under gunicorn as documented, then two workers), a recording SMTP server as the relay, and
a client that speaks through the "proxy" (X-Forwarded-For/-Proto, as nginx would send).

The whole loop goes across the nodes: a shopper signs up on one node and confirms on the
other; posts a request; the workers read the page, search the competitors' shops and
deliver through their contact forms; a competitor answers by its signed link; the shopper
sees the offer and accepts it; a web node is killed and the other carries on. Exits 1 with
the step that failed. Run by `make soak` (about a minute):

    .venv/bin/python scripts/deployment_trial.py
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from discountmarket import demo_sites  # noqa: E402
from tests.conftest import CSRF_INPUT, free_port  # noqa: E402
from tests.smtp import RecordingHandler, smtp_server  # noqa: E402

ADMIN_URL = os.environ.get("TRIAL_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DATABASE = "dm_deployment_trial"
REDIS_URL = os.environ.get("TRIAL_REDIS_URL", "redis://127.0.0.1:6379/12")
SHOPPER, PASSWORD = "shopper@trial.example", "trial-password-123"
PROXY_HEADERS = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}


def step(name: str) -> None:
    print(f"- {name}", flush=True)


def wait_for(what: str, check: Callable[[], object], timeout: float = 90) -> object:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise SystemExit(f"trial failed: {what} (waited {timeout:.0f} s)")


def fresh_database() -> str:
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE


def settings(database_url: str, mail: RecordingHandler, shops: list[str], base: str) -> dict:
    """docs/deployment.md's settings, for this machine."""
    return {
        **os.environ,
        "DISCOUNTMARKET_ENV": "production",
        "SECRET_KEY": "trial-" + "s" * 40,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "DISCOUNTMARKET_BASE_URL": base,
        "DISCOUNTMARKET_TRUSTED_PROXIES": "1",
        "SMTP_URL": mail.url,
        "DISCOUNTMARKET_MAIL_FROM": "DiscountMarket <requests@trial.example>",
        "DISCOUNTMARKET_INBOUND_DOMAIN": "in.trial.example",
        "DISCOUNTMARKET_METRICS_TOKEN": "trial-metrics-token",
        "DISCOUNTMARKET_PRODUCTION_TRIAL_WITH_LOCAL_SHOPS": "true",
        "DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS": json.dumps(shops),
        "DISCOUNTMARKET_OUTREACH_MIN_INTERVAL": "0.2",
        "DISCOUNTMARKET_RESPECT_BUSINESS_HOURS": "false",
    }


def flask(env: dict, *args: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own commands, no shell
        [str(ROOT / ".venv/bin/flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise SystemExit(f"trial failed: flask {' '.join(args)}: {done.stderr.strip()[-500:]}")
    return done.stdout


@contextmanager
def process(env: dict, *command: str) -> Iterator[subprocess.Popen]:
    started = subprocess.Popen(  # noqa: S603 - our own commands, no shell
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield started
    finally:
        if started.poll() is None:
            started.send_signal(signal.SIGTERM)
            try:
                started.wait(20)
            except subprocess.TimeoutExpired:
                started.kill()


class Browser:
    """A client behind the TLS proxy: the proxy's headers on every request, and the
    session's Secure cookies kept though the hop to gunicorn is plain HTTP."""

    def __init__(self) -> None:
        self.session = requests.Session()
        self.session.headers.update(PROXY_HEADERS)

    def get(self, url: str) -> requests.Response:
        return self._keep(self.session.get(url, timeout=20))

    def post(
        self, url: str, data: dict[str, str], form_page: str | None = None
    ) -> requests.Response:
        page = self.get(form_page or url).text
        token = CSRF_INPUT.search(page)
        fields = {**data, **({"csrf_token": token.group(1)} if token else {})}
        # A browser sends the page it posts from; over HTTPS the CSRF check requires it.
        referer = "https://" + (form_page or url).split("://", 1)[1]
        return self._keep(
            self.session.post(
                url, data=fields, headers={"Referer": referer}, timeout=20, allow_redirects=False
            )
        )

    def _keep(self, response: requests.Response) -> requests.Response:
        for cookie in self.session.cookies:
            cookie.secure = False  # the proxy speaks HTTPS to the browser
        return response


def main() -> None:
    web_ports = [free_port(), free_port()]
    nodes = [f"http://127.0.0.1:{port}" for port in web_ports]
    with ExitStack() as stack:
        mail = stack.enter_context(smtp_server(free_port()))
        shops = stack.enter_context(
            demo_sites.serving(demo_sites.SHOPS, [0] * len(demo_sites.SHOPS))
        )
        hosts = [shop.url.split("//", 1)[1] for shop in shops]
        env = settings(fresh_database(), mail, hosts, nodes[0])
        step("release: migrate, then the first operator")
        flask(env, "db", "upgrade")
        flask(env, "users", "create-operator", "ops@trial.example", "--password", PASSWORD)
        step("two web nodes (gunicorn --preload, as documented) and two workers")
        gunicorn = [str(ROOT / ".venv/bin/gunicorn"), "--preload", "--workers", "2"]
        web = [
            stack.enter_context(process(env, *gunicorn, "--bind", f"127.0.0.1:{p}", "wsgi:app"))
            for p in web_ports
        ]
        for _worker in (1, 2):
            stack.enter_context(
                process(
                    env,
                    str(ROOT / ".venv/bin/flask"),
                    "--app",
                    "wsgi",
                    "worker",
                    "--workers",
                    "2",
                    "--quiet",
                )
            )
        for node in nodes:
            wait_for(f"{node}/readyz", lambda node=node: _ok(f"{node}/readyz"), 60)
        walk(nodes, mail, shops, web)
    print("deployment trial: passed")


def _ok(url: str) -> bool:
    try:
        return requests.get(url, timeout=5).status_code == 200
    except requests.RequestException:
        return False


def walk(nodes: list[str], mail: RecordingHandler, shops: list, web: list) -> None:
    a, b = nodes
    browser = Browser()
    step("a shopper signs up on one node and confirms on the other")
    registered = browser.post(
        f"{a}/auth/register",
        {"email": SHOPPER, "password": PASSWORD, "confirm": PASSWORD, "role": "shopper"},
    )
    assert "Check your e-mail" in registered.text, f"sign-up answered {registered.status_code}"
    confirm = wait_for("the confirmation mail", lambda: _link(mail, SHOPPER, "/auth/confirm/"))
    browser.get(str(confirm).replace(a, b))
    response = browser.post(f"{b}/auth/login", {"email": SHOPPER, "password": PASSWORD})
    assert response.status_code == 302, f"sign-in answered {response.status_code}"

    step("the operator puts the coffee shops in the directory as competitors")
    coffee = [shop for shop in shops if shop.shop.group == "coffee"]
    operator = Browser()
    signed_in = operator.post(
        f"{b}/auth/login", {"email": "ops@trial.example", "password": PASSWORD}
    )
    assert signed_in.status_code == 302, f"the operator's sign-in answered {signed_in.status_code}"
    for index, shop in enumerate(coffee):
        earlier = ", ".join(s.url.split("//", 1)[1] for s in coffee[:index])
        fields = {"name": shop.shop.name, "homepage": shop.url + "/", "locale": shop.shop.locale}
        fields |= {"status": "active", "competitors": earlier}
        added = operator.post(f"{b}/ops/stores/new", fields)
        assert added.status_code == 302, f"adding {shop.shop.name} answered {added.status_code}"

    step("the shopper posts a request for a sample shop's grinder")
    own = next(shop for shop in shops if shop.shop.slug == "bean-and-burr")
    grinder = own.shop.item("kallisto-40-grinder")
    posted = browser.post(
        f"{a}/my/requests/new",
        {
            "url": own.url + grinder.path,
            "target_price": "170",
            "quantity": "1",
            "valid_days": "7",
            "ask_competitors": "y",
        },
    )
    assert posted.status_code == 302, f"posting answered {posted.status_code}"
    location = posted.headers["Location"]
    path = "/" + location.split("://", 1)[1].split("/", 1)[1] if "://" in location else location
    request_page = b + path

    step("the workers search the competitors' shops and deliver through their forms")
    wait_for("a message in each coffee shop", lambda: all(s.app.messages() for s in coffee), 120)
    crema = next(shop for shop in coffee if shop.shop.slug == "crema-supply")
    text = " ".join(crema.app.messages()[0].fields.values())
    own_page = crema.url + crema.shop.item("kallisto-40-grinder").path
    assert own_page in text and own.url not in text, "Crema was not asked about its own page"

    step("the competitor answers by its signed link, on the other node")
    answer = re.search(r"https?://\S+/store/answer/\S+", text)
    assert answer, "no answer link in the message"
    link = b + "/store/answer/" + answer.group(0).rsplit("/store/answer/", 1)[1]
    valid = (date.today() + timedelta(days=10)).isoformat()
    offered = browser.post(
        link,
        {"kind": "offer", "price": "179.00", "terms": "Mention the trial.", "valid_until": valid},
    )
    assert offered.status_code == 302, f"the offer answered {offered.status_code}"

    step("the shopper sees the offer; web node A is killed; node B carries on")
    web[0].kill()
    page = str(
        wait_for("the offer on the request page", lambda: _offer_shown(browser, request_page))
    )
    assert "Also at Crema Supply" in page, "the competitor's own price is not shown"
    step("the shopper accepts it and is sent to Crema's own product page")
    accept = re.search(
        r'action="(/my/offers/\d+/accept)".*?name="version" value="(\d+)"', page, re.S
    )
    assert accept, "no accept button for the offer"
    accepted = browser.post(
        b + accept.group(1), {"version": accept.group(2), "confirmed": "1"}, form_page=request_page
    )
    assert accepted.status_code == 302, f"accepting answered {accepted.status_code}"
    done = browser.get(request_page).text
    assert "How to buy from Crema Supply" in done and f'href="{own_page}"' in done, "no way to buy"
    metrics = requests.get(
        f"{b}/metrics", headers={"Authorization": "Bearer trial-metrics-token"}, timeout=10
    )
    assert metrics.status_code == 200 and "discountmarket_" in metrics.text, "no metrics"


def _offer_shown(browser: Browser, url: str) -> str | None:
    html = browser.get(url).text
    return html if "€179.00" in html and "Crema Supply" in html else None


def _link(mail: RecordingHandler, address: str, path: str) -> str | None:
    for message in mail.to(address):
        body = message.get_body(preferencelist=("plain",))
        found = re.search(rf"https?://\S+{re.escape(path)}\S+", body.get_content() if body else "")
        if found:
            return found.group(0)
    return None


if __name__ == "__main__":
    main()
