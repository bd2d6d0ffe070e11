"""Helpers for the browser journeys: the running app, captured mail, pages and screenshots."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from discountmarket import create_app
from discountmarket.extensions import db
from tests.smtp import RecordingHandler

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOT_DIR = Path(os.environ.get("E2E_SCREENSHOT_DIR") or Path(__file__).parent / "screenshots")
# The README's pictures (`make screenshots`): the viewport only, from pages opened with
# README_DENSITY (fewer pixels than CSS pixels), so the files stay small.
README_SHOTS = os.environ.get("E2E_README_SCREENSHOTS") == "1"
README_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
README_VIEWPORT = {"width": 960, "height": 800}
README_DENSITY = {"device_scale_factor": 2 / 3} if README_SHOTS else {}
PASSWORD = "correct-horse-battery"
MAIL_WAIT_SECONDS = 30


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


@dataclass
class LiveServer:
    url: str
    config: dict[str, Any]
    smtp: RecordingHandler | None  # None: mail goes to the outbox
    logs: dict[str, Path]
    processes: dict[str, subprocess.Popen]

    @contextmanager
    def app_context(self) -> Iterator[None]:
        """An app on the live database and queue: what it enqueues, the worker runs."""
        app = create_app(self.config)
        with app.app_context():
            yield
            db.session.remove()
            db.engine.dispose()

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(
            f"--- {name} ---\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            for name, path in self.logs.items()
        )

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            assert process.poll() is None, f"the {name} died:\n{self.log_tail()}"

    def mail(self, to: str, containing: str = "") -> EmailMessage:
        """The first message to ``to`` whose text contains ``containing``; waits for it."""
        assert self.smtp is not None, "this server keeps its mail in the outbox"
        deadline = time.monotonic() + MAIL_WAIT_SECONDS
        while True:
            for message in list(self.smtp.messages):
                if to in message["To"] and containing in text_of(message):
                    return message
            assert time.monotonic() < deadline, (
                f"no mail to {to} containing {containing!r}; got "
                f"{[(m['To'], m['Subject']) for m in self.smtp.messages]}\n{self.log_tail()}"
            )
            time.sleep(0.2)

    def link(self, message: EmailMessage, path: str, after: str = "") -> str:
        """The first link to this app under ``path`` in a message's text, after the text
        ``after`` (a message may list several requests, each with its own link)."""
        text = text_of(message)
        found = re.search(
            re.escape(self.url + path) + r"[^\s<>\"']+", text[max(text.find(after), 0) :]
        )
        assert found, f"no {path} link after {after!r} in:\n{text}"
        return found.group(0)


@dataclass
class Browser:
    """Chromium; each journey opens its own contexts (separate cookies: separate people)."""

    chromium: Any
    contexts: list[Any] = field(default_factory=list)

    def new_page(self, **options: Any) -> Any:
        """A page in a new context; ``options`` for the context (e.g. device_scale_factor)."""
        context = self.chromium.new_context(**{"viewport": DESKTOP, "locale": "en-US", **options})
        self.contexts.append(context)
        return context.new_page()

    def close_pages(self) -> None:
        while self.contexts:
            self.contexts.pop().close()


class Shots:
    """Screenshots of a journey's key steps at desktop and phone widths."""

    def __init__(self, journey: str) -> None:
        self.folder = SCREENSHOT_DIR / journey
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def take(self, page: Any, step: str) -> None:
        self.count += 1
        for width, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.screenshot(
                path=self.folder / f"{self.count:02d}-{step}-{width}.png", full_page=True
            )
        page.set_viewport_size(DESKTOP)

    @staticmethod
    def readme(
        page: Any, name: str, top: Any = None, size: dict[str, int] = README_VIEWPORT
    ) -> None:
        """With E2E_README_SCREENSHOTS=1, the README's picture docs/screenshots/<name>.png:
        the viewport only, scrolled to put the ``top`` locator at its top, no focus ring."""
        if not README_SHOTS:
            return
        README_DIR.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(size)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        if top is not None:
            top.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 16)")
        page.screenshot(path=README_DIR / f"{name}.png")
        page.set_viewport_size(DESKTOP)


def sign_in(page: Any, base_url: str, email: str, password: str = PASSWORD) -> None:
    from playwright.sync_api import expect

    page.goto(base_url + "/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out", exact=True)).to_be_visible()


def flash(page: Any) -> Any:
    return page.locator(".flashes")


def in_days(days: int) -> str:
    """A date from today, as a date input takes it."""
    return (datetime.now(UTC) + timedelta(days=days)).date().isoformat()


def fill_offer(page: Any, price: str, terms: str = "Pick it up in the shop this week.") -> None:
    """Fill a store's offer form with an offer valid for two weeks."""
    page.get_by_label("Price for the shopper").fill(price)
    page.get_by_label("Terms").fill(terms)
    page.get_by_label("Valid until").fill(in_days(14))


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)
