"""The store portal for managers of claimed stores."""

from flask import Blueprint

bp = Blueprint("store", __name__, url_prefix="/store")

from discountmarket.blueprints.store import views  # noqa: E402,F401
