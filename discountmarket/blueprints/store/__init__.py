"""The store portal for managers of claimed stores."""

from flask import Blueprint

bp = Blueprint("store", __name__, url_prefix="/store")

from discountmarket.blueprints.store import opt_out_views, views  # noqa: E402,F401
