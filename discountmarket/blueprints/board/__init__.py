"""The public side: the home page bid board, public request pages, the language switch."""

from flask import Blueprint

bp = Blueprint("board", __name__)

from discountmarket.blueprints.board import views  # noqa: E402,F401
