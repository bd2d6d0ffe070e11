"""The operator console."""

from flask import Blueprint

bp = Blueprint("ops", __name__, url_prefix="/ops")

from discountmarket.blueprints.ops import views  # noqa: E402,F401
