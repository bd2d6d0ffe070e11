"""Operator console views. Every route here is for operators only."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from discountmarket import numbers
from discountmarket.blueprints.forms import number_arg
from discountmarket.blueprints.ops import bp
from discountmarket.blueprints.ops.forms import TimeZoneForm
from discountmarket.models import Role
from discountmarket.security import role_required
from discountmarket.services import mail_capture, metrics, preferences
from discountmarket.services.errors import ServiceError


@bp.route("/")
@role_required(Role.OPERATOR)
def dashboard():
    zone_form = TimeZoneForm(time_zone=current_user.time_zone or "")
    return render_template("ops/dashboard.html", overview=metrics.overview(), zone_form=zone_form)


@bp.route("/time-zone", methods=["POST"])
@role_required(Role.OPERATOR)
def set_time_zone():
    form = TimeZoneForm()
    if form.validate_on_submit():
        try:
            preferences.set_time_zone(current_user, form.time_zone.data)
        except ServiceError as error:
            flash(str(error), "error")
        else:
            flash(_("Times are shown in your chosen time zone."), "success")
    else:
        flash(_("Choose a time zone from the list."), "error")
    return redirect(url_for("ops.dashboard"))


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
