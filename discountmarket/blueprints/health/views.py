"""``/healthz``: the process answers (no dependency touched, so a database outage does
not get every web process restarted). ``/readyz``: the database, the queue and Redis
answer; 503 otherwise, so a load balancer sends no traffic here meanwhile."""

from flask import jsonify

from discountmarket.blueprints.health import bp
from discountmarket.extensions import limiter
from discountmarket.services import readiness


@bp.route("/healthz")
@limiter.exempt
def healthz():  # type: ignore[no-untyped-def]
    return jsonify(status="ok")


@bp.route("/readyz")
@limiter.exempt
def readyz():  # type: ignore[no-untyped-def]
    found = readiness.check()
    body = {"ready": found.ready, "checks": found.checks, "queue_depth": found.queue_depth}
    return jsonify(body), 200 if found.ready else 503
