"""Operator console views. Every route here is for operators only."""

from flask import abort, redirect, render_template, url_for

from discountmarket import numbers
from discountmarket.blueprints.forms import number_arg
from discountmarket.blueprints.ops import bp
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import mail_capture, metrics


@bp.route("/")
@role_required(Role.OPERATOR)
def dashboard():
    return render_template("ops/dashboard.html", overview=metrics.overview())


@bp.route("/mail")
@role_required(Role.OPERATOR)
def captured_mail_list():
    page = number_arg("page", numbers.PAGE, default=1)
    messages, has_more = mail_capture.page_of_messages(page)
    return render_template(
        "ops/captured_mail.html", messages=messages, page=page, has_more=has_more
    )


@bp.route("/mail/<int:message_id>")
@role_required(Role.OPERATOR)
def captured_mail_message(message_id: int):
    message = mail_capture.message(message_id)
    if message is None:
        abort(404)
    return render_template("ops/captured_mail_message.html", message=message)


# The page was called "outbox" until it was told apart from the dispatch outbox.
@bp.route("/outbox")
@bp.route("/outbox/<int:message_id>")
@role_required(Role.OPERATOR)
def old_outbox(message_id: int | None = None):
    if message_id is None:
        return redirect(url_for("ops.captured_mail_list"), 301)
    return redirect(url_for("ops.captured_mail_message", message_id=message_id), 301)
