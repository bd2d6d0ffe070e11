"""Matches the rules were unsure of, for operators to confirm or reject
(``services/match_review.py``)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from discountmarket.blueprints.forms import ActionForm
from discountmarket.blueprints.ops import bp
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import match_review
from discountmarket.services.errors import ServiceError


@bp.route("/matches")
@role_required(Role.OPERATOR)
def matches():
    return render_template(
        "ops/matches.html", matches=match_review.unsure_matches(), action_form=ActionForm()
    )


@bp.route("/matches/<int:match_id>/<any(confirm, reject):verdict>", methods=["POST"])
@role_required(Role.OPERATOR)
def judge_match(match_id: int, verdict: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        match_review.judge(match_id, verdict == "confirm", current_user)
    except ServiceError as error:
        flash(str(error), "error")
    else:
        flash(
            _("Confirmed: the store is asked about its own listing.")
            if verdict == "confirm"
            else _("Rejected: this listing is never used for the product."),
            "success",
        )
    return redirect(url_for("ops.matches"))
