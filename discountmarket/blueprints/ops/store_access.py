"""Operator actions on who may act for a store: withdrawing a store's answer link to a
request (from the dispatch inspector) and verifying a store manager (from the store's page).
Both are audited by their services."""

from __future__ import annotations

from typing import TypeVar

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from discountmarket.blueprints.forms import ActionForm
from discountmarket.blueprints.ops import bp
from discountmarket.blueprints.ops.forms import ManagerForm
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import answer_links, claims, directory_listing, metrics
from discountmarket.services.errors import ServiceError

T = TypeVar("T")


def _found(record: T | None) -> T:
    if record is None:
        abort(404)
    return record


@bp.route("/dispatches/<int:dispatch_id>/revoke-link", methods=["POST"])
@role_required(Role.OPERATOR)
def revoke_answer_link(dispatch_id: int):
    dispatch = _found(metrics.dispatch_detail(dispatch_id))
    if not ActionForm().validate_on_submit():
        abort(400)
    if answer_links.revoke(dispatch.request, dispatch.store, current_user):
        flash(
            _(
                "The answer link is withdrawn: every copy of it stops working. "
                "A later mail to the store carries a new one."
            ),
            "success",
        )
    else:
        flash(_("No answer link has gone to this store for this request yet."), "info")
    return redirect(url_for("ops.dispatch_inspector", dispatch_id=dispatch.id))


@bp.route("/stores/<int:store_id>/managers", methods=["POST"])
@role_required(Role.OPERATOR)
def verify_manager(store_id: int):
    store = _found(directory_listing.find_store(store_id))
    form = ManagerForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors or not form.email.raw_data:
            abort(400)
        flash(_("Give the address of a store manager's account."), "error")
    else:
        try:
            user, added = claims.verify_manager(store, form.email.data, current_user)
        except ServiceError as error:
            flash(str(error), "error")
        else:
            message = (
                _("%(email)s now manages %(store)s.", email=user.email, store=store.name)
                if added
                else _("%(email)s already manages %(store)s.", email=user.email, store=store.name)
            )
            flash(message, "success" if added else "info")
    return redirect(url_for("ops.store_detail", store_id=store.id))
