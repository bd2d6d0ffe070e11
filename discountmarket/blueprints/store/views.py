"""Store portal views."""

from flask import render_template
from flask_login import current_user

from discountmarket.blueprints.store import bp
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import board, stores


@bp.route("/")
@role_required(Role.STORE_MANAGER)
def portal():
    return render_template(
        "store/portal.html",
        stores=stores.managed_by(current_user.id),
        requests=board.requests_for_manager(current_user.id),
    )
