"""The operator console: dashboard, escalation queue, store directory, metrics, outbox."""

from flask import Blueprint

bp = Blueprint("ops", __name__, url_prefix="/ops")

from discountmarket.blueprints.ops import (  # noqa: E402,F401  (register routes)
    directory,
    escalations,
    matches,
    metrics_views,
    shoppers,
    store_access,
    views,
)
