"""Live fragments: parts of a page that the browser re-fetches every few seconds.

The ETag is a version string of what the fragment shows, so an unchanged fragment costs a
304 with no rendering and no reading beyond the version (one statement: board.live_version);
the fragment's context is gathered only when it is rendered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from flask import abort, make_response, render_template, request


def conditional_fragment(  # type: ignore[no-untyped-def]
    version: str | None, template: str, context: Callable[[], dict[str, Any]]
):
    """304 when the browser holds this version; else the fragment. No version: 404."""
    if version is None:
        abort(404)
    etag = hashlib.sha256(version.encode()).hexdigest()[:32]
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        response = make_response(render_template(template, **context()))
    response.set_etag(etag)
    # Private: the fragment may hold the shopper's own data; revalidate every time.
    response.headers["Cache-Control"] = "private, no-cache"
    return response
