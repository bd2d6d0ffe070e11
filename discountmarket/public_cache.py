"""Public pages kept rendered for visitors who are not signed in (the board, the home page,
a request's public page and its live part): at a real size most of a page's time is its
rendering, and most readers are anonymous and see the same page.

A kept page is used while the public pages' generation (``public_changes``: any commit
that changes what they show) is the one it was rendered in, and for at most
``PUBLIC_PAGE_SECONDS`` (its "ends in 3 h" and "2 min ago" age; also the bound for changes
made outside the ORM). Each process keeps its own pages, a bounded number.

A kept page holds no visitor's data: it is rendered only for anonymous visitors with no
message waiting, keyed by path, query and language, and its forms carry a placeholder in
place of the CSRF token, replaced by the visitor's own token each time it is served.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any

from flask import current_app, g, make_response, request, session
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from discountmarket import public_changes

__all__ = ["clear", "kept_for_visitors"]

MAX_PAGES = 500  # per process; a board page is ~30 kB
_KEPT_HEADERS = ("Content-Type", "ETag", "Cache-Control")
_CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
# Random per process, so no text a shop or a shopper wrote can stand for it.
_TOKEN_MARK = f"csrf-placeholder-{secrets.token_hex(16)}"


@dataclass(frozen=True)
class _Page:
    body: str
    headers: tuple[tuple[str, str], ...]
    made_at: float


class _Pages:
    """The most recently used pages, at most MAX_PAGES (gunicorn threads may share it)."""

    def __init__(self) -> None:
        self._pages: OrderedDict[tuple[str, ...], _Page] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], max_age: float) -> _Page | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                return None
            if time.monotonic() - page.made_at > max_age:
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[str, ...], page: _Page) -> None:
        with self._lock:
            self._pages[key] = page
            self._pages.move_to_end(key)
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


_PAGES = _Pages()


def clear() -> None:
    """Forget this process's kept pages."""
    _PAGES.clear()


def kept_for_visitors(view: Callable[..., ResponseReturnValue]) -> Callable[..., Any]:
    """Serve ``view``'s page from the kept ones to anonymous visitors; render it otherwise."""

    @wraps(view)
    def serve(*args: Any, **kwargs: Any) -> Any:
        max_age = current_app.config["PUBLIC_PAGE_SECONDS"]
        generation = public_changes.generation() if max_age > 0 and _anonymous_plain() else None
        if generation is None:
            return view(*args, **kwargs)
        app = str(id(current_app._get_current_object()))  # type: ignore[attr-defined]
        key = (app, request.endpoint or "", request.full_path, str(get_locale()), generation)
        page = _PAGES.get(key, max_age)
        if page is None:
            response = _render_keepable(view, args, kwargs)
            if not _keepable(response):
                return _with_token(response)
            page = _Page(
                body=response.get_data(as_text=True),
                headers=tuple(
                    (name, response.headers[name])
                    for name in _KEPT_HEADERS
                    if name in response.headers
                ),
                made_at=time.monotonic(),
            )
            _PAGES.put(key, page)
        return _served(page)

    return serve


def _anonymous_plain() -> bool:
    """A GET by a visitor who is not signed in and has no message waiting to be shown."""
    return (
        request.method in ("GET", "HEAD")
        and not current_user.is_authenticated
        and "_flashes" not in session
    )


def _render_keepable(view: Callable[..., ResponseReturnValue], args: Any, kwargs: Any) -> Any:
    """The view's response, its forms carrying the placeholder instead of a token (Flask-WTF
    gives every form of a request the token it keeps in ``g``)."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    setattr(g, field, _TOKEN_MARK)
    try:
        with _unconditional():
            return make_response(view(*args, **kwargs))
    finally:
        g.pop(field, None)


@contextmanager
def _unconditional() -> Iterator[None]:
    """The request without its If-None-Match / If-Modified-Since while the page is made: a
    poller always sends its ETag, and a 304 made for it could not be kept, so every poll
    after a change would be a miss. The kept page is whole; ``_served`` applies them."""
    saved = {name: request.environ.pop(name) for name in _CONDITIONS if name in request.environ}
    _forget_parsed_conditions()
    try:
        yield
    finally:
        request.environ.update(saved)
        _forget_parsed_conditions()


def _forget_parsed_conditions() -> None:
    for attribute in ("if_none_match", "if_modified_since"):  # werkzeug's cached_property
        request.__dict__.pop(attribute, None)


def _keepable(response: Any) -> bool:
    return (
        response.status_code == 200
        and not response.direct_passthrough
        and not response.is_streamed
        and "Set-Cookie" not in response.headers
    )


def _with_token(response: Any) -> Any:
    if not response.direct_passthrough and not response.is_streamed:
        body = response.get_data(as_text=True)
        if _TOKEN_MARK in body:
            response.set_data(body.replace(_TOKEN_MARK, generate_csrf()))
    return response


def _served(page: _Page) -> Any:
    body = page.body
    if _TOKEN_MARK in body:
        body = body.replace(_TOKEN_MARK, generate_csrf())
    response = current_app.response_class(body, headers=list(page.headers))
    return response.make_conditional(request)  # a live part's unchanged ETag: 304
