"""Operator console views. Every route here is for operators only."""

from flask import abort, render_template, request

from discountmarket.blueprints.ops import bp
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import mail_capture, metrics


@bp.route("/")
@role_required(Role.OPERATOR)
def dashboard():
    return render_template("ops/dashboard.html", overview=metrics.overview())


@bp.route("/outbox")
@role_required(Role.OPERATOR)
def outbox_list():
    page = request.args.get("page", 1, type=int) or 1
    messages, has_more = mail_capture.page_of_messages(page)
    return render_template("ops/outbox.html", messages=messages, page=page, has_more=has_more)


@bp.route("/outbox/<int:message_id>")
@role_required(Role.OPERATOR)
def outbox_message(message_id: int):
    message = mail_capture.message(message_id)
    if message is None:
        abort(404)
    return render_template("ops/outbox_message.html", message=message)
