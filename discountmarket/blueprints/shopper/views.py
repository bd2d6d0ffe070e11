"""Shopper views."""

from flask import render_template
from flask_login import current_user

from discountmarket.blueprints.shopper import bp
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import board


@bp.route("/requests")
@role_required(Role.SHOPPER)
def my_requests():
    return render_template(
        "shopper/requests.html", requests=board.shopper_requests(current_user.id)
    )
