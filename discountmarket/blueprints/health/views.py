"""``/healthz``: the process answers (no dependency touched, so a database outage does
not get every web process restarted). ``/readyz``: the database, the queue and Redis
answer; 503 otherwise, so a load balancer sends no traffic here meanwhile."""

from flask import Response, current_app, jsonify

from discountmarket.blueprints.health import bp, prometheus
from discountmarket.extensions import limiter
from discountmarket.security import require_bearer
from discountmarket.services import monitoring, readiness


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


@bp.route("/metrics")
@limiter.exempt
def metrics():  # type: ignore[no-untyped-def]
    """Prometheus text format, for a scraper holding the token (404 without one set)."""
    require_bearer(current_app.config["METRICS_TOKEN"])
    body = prometheus.exposition(monitoring.figures())
    return Response(body, mimetype=prometheus.CONTENT_TYPE)
