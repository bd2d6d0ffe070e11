"""Probes for process supervisors and load balancers: ``/healthz`` and ``/readyz``."""

from flask import Blueprint

bp = Blueprint("health", __name__)

from discountmarket.blueprints.health import views  # noqa: E402,F401
