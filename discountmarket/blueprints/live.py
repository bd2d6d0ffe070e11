"""Live fragments: parts of a page that the browser re-fetches every few seconds.

The ETag is a version string of what the fragment shows, so an unchanged fragment costs a
304 with no rendering (the version is computed by a few aggregate queries).
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import make_response, render_template, request


def conditional_fragment(version: str, template: str, **context: Any):  # type: ignore[no-untyped-def]
    etag = hashlib.sha256(version.encode()).hexdigest()[:32]
    if request.if_none_match.contains(etag):
        response = make_response("", 304)
    else:
        response = make_response(render_template(template, **context))
    response.set_etag(etag)
    # Private: the fragment may hold the shopper's own data; revalidate every time.
    response.headers["Cache-Control"] = "private, no-cache"
    return response
