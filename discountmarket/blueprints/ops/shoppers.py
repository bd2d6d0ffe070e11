"""A shopper in the operator console: their requests, and holding them for review
(``services/shopper_holds.py``, audited). Reached from the dispatch inspector."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from discountmarket.blueprints.forms import ActionForm
from discountmarket.blueprints.ops import bp
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import shopper_holds


@bp.route("/shoppers/<int:shopper_id>")
@role_required(Role.OPERATOR)
def shopper_detail(shopper_id: int):
    shopper = shopper_holds.find_shopper(shopper_id) or abort(404)
    return render_template(
        "ops/shopper.html",
        shopper=shopper,
        requests=shopper_holds.requests_of(shopper),
        action_form=ActionForm(),
    )


@bp.route("/shoppers/<int:shopper_id>/<any(hold, release):action>", methods=["POST"])
@role_required(Role.OPERATOR)
def set_shopper_hold(shopper_id: int, action: str):
    """Hold the shopper's requests for review, or release them."""
    shopper = shopper_holds.find_shopper(shopper_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    if action == "hold":
        changed = shopper_holds.hold(shopper, current_user)
        done = _("This shopper's requests are held for review: none goes to a store.")
        unchanged = _("This shopper's requests were already held for review.")
    else:
        changed = shopper_holds.release(shopper, current_user)
        done = _("This shopper's requests are released: the waiting ones go now.")
        unchanged = _("This shopper's requests were not held.")
    flash(done if changed else unchanged, "success" if changed else "info")
    return redirect(url_for("ops.shopper_detail", shopper_id=shopper.id))
