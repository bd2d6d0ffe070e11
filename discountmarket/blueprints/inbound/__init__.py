"""Mail coming back to us through a provider's HTTP forwarding (``POST /inbound/mime``)."""

from flask import Blueprint

bp = Blueprint("inbound", __name__, url_prefix="/inbound")

from discountmarket.blueprints.inbound import views  # noqa: E402,F401
