"""Sign-up, sign-in, sign-out, e-mail confirmation and password reset."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from discountmarket.blueprints.auth import views  # noqa: E402,F401  (registers routes)
