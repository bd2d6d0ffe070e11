"""Operator views of the escalation queue: take, call, add a senior contact, resend,
do-not-contact, resolve."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from discountmarket.blueprints.forms import ActionForm
from discountmarket.blueprints.ops import bp
from discountmarket.blueprints.ops.forms import (
    CallForm,
    DoNotContactForm,
    ResendForm,
    ResolveForm,
    SeniorContactForm,
)
from discountmarket.local_time import display_zone, to_utc
from discountmarket.models import CallOutcome, Channel, ContactKind, Escalation, Role
from discountmarket.security import role_required
from discountmarket.services import audit, honour, inbound_mail
from discountmarket.services import escalation as ladder
from discountmarket.services import escalation_actions as actions
from discountmarket.services.errors import ServiceError


def _escalation(escalation_id: int) -> Escalation:
    found = ladder.find(escalation_id)
    if found is None:
        abort(404)
    return found


def _back(escalation: Escalation):  # type: ignore[no-untyped-def]
    return redirect(url_for("ops.escalation_detail", escalation_id=escalation.id))


@bp.route("/queue")
@role_required(Role.OPERATOR)
def queue():
    return render_template("ops/queue.html", items=ladder.queue(), paused=ladder.paused())


@bp.route("/escalations/<int:escalation_id>")
@role_required(Role.OPERATOR)
def escalation_detail(escalation_id: int):
    escalation = _escalation(escalation_id)
    return render_template(
        "ops/escalation.html",
        escalation=escalation,
        waiting=ladder.waiting_requests(escalation.store_id),
        history=audit.escalation_history(escalation),
        reports=honour.open_reports(escalation.store_id),
        tried=ladder.channels_tried(escalation.store_id),
        mail_back=inbound_mail.from_store(escalation.store_id),
        call_form=CallForm(),
        contact_form=SeniorContactForm(),
        resend_form=ResendForm(),
        resolve_form=ResolveForm(),
        dnc_form=DoNotContactForm(),
        action_form=ActionForm(),
    )


def _act(escalation: Escalation, action, done: str):  # type: ignore[no-untyped-def]
    try:
        action()
    except ServiceError as error:
        flash(str(error), "error")
    else:
        flash(done, "success")
    return _back(escalation)


@bp.route("/escalations/<int:escalation_id>/claim", methods=["POST"])
@role_required(Role.OPERATOR)
def claim_escalation(escalation_id: int):
    escalation = _escalation(escalation_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    return _act(escalation, lambda: actions.claim(escalation, current_user), _("It is yours now."))


@bp.route("/escalations/<int:escalation_id>/call", methods=["POST"])
@role_required(Role.OPERATOR)
def log_call(escalation_id: int):
    escalation = _escalation(escalation_id)
    form = CallForm()
    if not form.validate_on_submit():
        flash(_("Choose the call's outcome."), "error")
        return _back(escalation)
    follow_up = to_utc(form.follow_up_at.data, display_zone(escalation.store))
    return _act(
        escalation,
        lambda: actions.log_call(
            escalation, current_user, CallOutcome(form.outcome.data), form.note.data, follow_up
        ),
        _("The call is logged."),
    )


@bp.route("/escalations/<int:escalation_id>/contacts", methods=["POST"])
@role_required(Role.OPERATOR)
def add_senior_contact(escalation_id: int):
    escalation = _escalation(escalation_id)
    form = SeniorContactForm()
    if not form.validate_on_submit():
        flash(_("Give a valid e-mail address."), "error")
        return _back(escalation)

    def add_and_resend() -> None:
        actions.add_senior_contact(
            escalation, current_user, ContactKind.EMAIL, form.email.data, form.label.data
        )
        actions.resend(escalation, current_user, Channel.EMAIL, address=form.email.data.lower())

    return _act(escalation, add_and_resend, _("Senior contact added; the requests are sent to it."))


@bp.route("/escalations/<int:escalation_id>/resend", methods=["POST"])
@role_required(Role.OPERATOR)
def resend(escalation_id: int):
    escalation = _escalation(escalation_id)
    form = ResendForm()
    if not form.validate_on_submit():
        abort(400)
    return _act(
        escalation,
        lambda: actions.resend(escalation, current_user, Channel(form.channel.data)),
        _("The waiting requests are sent again."),
    )


@bp.route("/escalations/<int:escalation_id>/do-not-contact", methods=["POST"])
@role_required(Role.OPERATOR)
def do_not_contact(escalation_id: int):
    escalation = _escalation(escalation_id)
    form = DoNotContactForm()
    if not form.validate_on_submit():
        flash(_("Say why the store must not be contacted."), "error")
        return _back(escalation)
    return _act(
        escalation,
        lambda: actions.mark_do_not_contact(escalation, current_user, form.reason.data),
        _("The store will not be contacted any more."),
    )


@bp.route("/escalations/<int:escalation_id>/resolve", methods=["POST"])
@role_required(Role.OPERATOR)
def resolve(escalation_id: int):
    escalation = _escalation(escalation_id)
    form = ResolveForm()
    if not form.validate_on_submit():
        flash(_("Write how it was resolved."), "error")
        return _back(escalation)
    return _act(
        escalation,
        lambda: actions.resolve(escalation, current_user, form.reason.data),
        _("Resolved."),
    )


@bp.route("/reports/<int:report_id>/<any(confirm, dismiss):decision>", methods=["POST"])
@role_required(Role.OPERATOR)
def decide_report(report_id: int, decision: str):
    entry = honour.find(report_id)
    if entry is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        honour.decide(entry, current_user, confirmed=decision == "confirm")
        flash(
            _("Report confirmed: it counts against the store.")
            if decision == "confirm"
            else _("Report dismissed."),
            "success",
        )
    except ServiceError as error:
        flash(str(error), "error")
    open_case = ladder.latest_for_store(entry.store_id)
    return redirect(
        url_for("ops.escalation_detail", escalation_id=open_case)
        if open_case
        else url_for("ops.queue")
    )
