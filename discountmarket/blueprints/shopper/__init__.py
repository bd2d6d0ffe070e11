"""The shopper's own pages."""

from flask import Blueprint

bp = Blueprint("shopper", __name__, url_prefix="/my")

from discountmarket.blueprints.shopper import views  # noqa: E402,F401
