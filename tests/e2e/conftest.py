"""Browser journeys: Debian's Chromium (driven by Playwright) against the app served by
gunicorn on 127.0.0.1, with a real queue worker (`flask worker`), a real SMTP server that
captures every message and store sites on 127.0.0.1.

The servers, the worker and the browser start once for this package and stop after its
last journey (not at the end of the session: later tests measure their own speed and
count threads); every journey makes its own users and data. The journeys test the
browser UI, not the database: they run in the SQLite pass of `make test` only (the
backends are covered by the rest of the suite). The demo walkthrough starts its own app
(tests/e2e/server.py starts both), configured as `make run` configures it.

Run them alone with `DM_TEST_BACKEND=sqlite .venv/bin/python -m pytest tests/e2e` (or leave
them out with `-m "not e2e"`). Each journey saves screenshots of its key steps at desktop
and phone widths under tests/e2e/screenshots/<journey>/ (or $E2E_SCREENSHOT_DIR).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BACKEND, free_port
from tests.e2e.server import live_app
from tests.e2e.support import Browser, LiveServer, Shots
from tests.smtp import RecordingHandler, smtp_server

E2E_DIR = Path(__file__).parent
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")

# The journeys' own settings: outreach to the store sites on 127.0.0.1, at any hour.
SETTINGS = {
    "DISCOUNTMARKET_ENV": "testing",
    "DISCOUNTMARKET_OUTREACH_ALLOW_HOSTS": json.dumps(["127.0.0.1"]),
    "DISCOUNTMARKET_OUTREACH_MIN_INTERVAL": "0",
    "DISCOUNTMARKET_RESPECT_BUSINESS_HOURS": "false",
    # The journeys post as few shoppers; the per-shopper limits have their own tests.
    "DISCOUNTMARKET_SHOPPER_NEW_STORES_PER_DAY": "100",
    "DISCOUNTMARKET_SHOPPER_REQUESTS_PER_DAY": "100",
    # A site's work takes turns; the journeys' shops are quick, so the next turn is soon.
    "DISCOUNTMARKET_SITE_BUSY_RETRY_SECONDS": "1",
}


def chromium_path() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def _skip_reason() -> str | None:
    if BACKEND != "sqlite":
        return "browser journeys run once, in the SQLite pass (they test the UI, not the database)"
    if chromium_path() is None:
        return "Chromium not found (apt-get install chromium; `make install` does it)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is marked ``e2e``, and skipped (with the reason) when
    it cannot or need not run, before any server or browser starts."""
    reason = _skip_reason()
    for item in items:
        if E2E_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="package")
def e2e_smtp() -> Iterator[RecordingHandler]:
    with smtp_server(free_port()) as handler:
        yield handler


@pytest.fixture(scope="package")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, e2e_smtp: RecordingHandler
) -> Iterator[LiveServer]:
    """gunicorn serving wsgi:app and `flask worker`, on a fresh, migrated SQLite database,
    sending mail to the test SMTP server."""
    with live_app(tmp_path_factory.mktemp("e2e"), SETTINGS, smtp=e2e_smtp) as server:
        yield server


@pytest.fixture(scope="package")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Browser]:
    """Pages for one journey; their contexts (cookies) are closed after it."""
    opened = Browser(chromium)
    yield opened
    opened.close_pages()


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    return Shots(request.node.name.removeprefix("test_"))


@pytest.fixture
def live(live_server: LiveServer) -> Iterator[LiveServer]:
    """The live server, with the test's app context for setting up data; fails the test
    when the server or worker died during it."""
    with live_server.app_context():
        yield live_server
    live_server.check_alive()
