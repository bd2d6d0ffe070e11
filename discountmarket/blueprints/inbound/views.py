"""``POST /inbound/mime``: a raw RFC 5322 message from a mail provider's forwarding.

Authenticated by a shared secret (``Authorization: Bearer <INBOUND_SECRET>``; without a
configured secret the endpoint does not exist), size-capped, idempotent by Message-ID. No
session and no CSRF token: a provider calls it, not a browser.
"""

from __future__ import annotations

from flask import abort, current_app, jsonify, request

from discountmarket.blueprints.inbound import bp
from discountmarket.extensions import csrf, limiter
from discountmarket.security import require_bearer
from discountmarket.services import inbound_mail


@bp.route("/mime", methods=["POST"])
@csrf.exempt  # authenticated by the shared secret, not by a session
@limiter.limit("600 per minute")
def receive_mime():
    require_bearer(current_app.config["INBOUND_SECRET"])
    if (request.content_length or 0) > inbound_mail.MAX_BYTES:
        abort(413)
    raw = request.get_data(cache=False)
    try:
        received, new = inbound_mail.accept(raw, "http")
    except inbound_mail.TooLarge:
        abort(413)
    return jsonify(id=received.id, kind=received.kind, duplicate=not new), 201 if new else 200
