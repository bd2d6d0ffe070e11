"""Stopping us: a store's one-click opt-out from a message, and a site owner's opt-out of
a whole domain after proving control of it (services/domain_optout.py)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from discountmarket.blueprints.store import bp
from discountmarket.blueprints.store.forms import DomainForm, DomainMailForm
from discountmarket.extensions import csrf, limiter
from discountmarket.services import domain_optout, optout
from discountmarket.services.errors import ServiceError


@bp.route("/optout/<token>")
def opt_out(token: str):
    try:
        store, _address = optout.store_for_token(token)
    except ServiceError as error:
        return render_template("store/optout.html", error=str(error)), 400
    return render_template("store/optout.html", store=store, token=token)


@bp.route("/optout/<token>", methods=["POST"])
@csrf.exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no session; the
# signed token in the URL is the authorisation, and opting out is idempotent.
@limiter.limit("30 per minute")
def opt_out_post(token: str):
    try:
        store = optout.opt_out(token)
    except ServiceError as error:
        return render_template("store/optout.html", error=str(error)), 400
    return render_template("store/optout.html", store=store, done=True)


@bp.route("/optout", methods=["GET", "POST"])
def domain_opt_out():
    """The public opt-out page: which domain?"""
    form = DomainForm()
    if form.validate_on_submit():
        try:
            site = domain_optout.site_for(form.site.data)
        except ServiceError as error:
            form.site.errors = [str(error)]
        else:
            return redirect(url_for("store.prove_domain", site=site))
    return render_template("store/domain_optout.html", form=form)


@bp.route("/optout-domain")
def prove_domain():
    """How to prove the domain is yours: publish the code, or get a link by mail."""
    try:
        site = domain_optout.site_for(request.args.get("site", ""))
    except ServiceError:
        return redirect(url_for("store.domain_opt_out"))
    return _proof_page(site)


@bp.route("/optout-domain/check", methods=["POST"])
@limiter.limit("10 per minute;60 per hour")
def check_domain():
    try:
        site = domain_optout.site_for(request.form.get("site", ""))
    except ServiceError:
        return redirect(url_for("store.domain_opt_out"))
    try:
        stopped = domain_optout.opt_out_by_published_code(site)
    except ServiceError as error:
        flash(str(error), "error")
        return _proof_page(site), 400
    return render_template("store/domain_optout.html", site=site, stopped=stopped, done=True)


@bp.route("/optout-domain/mail", methods=["POST"])
@limiter.limit("10 per minute;30 per hour")  # and 3 a day per address (recipient caps)
def mail_domain():
    mail_form = DomainMailForm()
    try:
        site = domain_optout.site_for(request.form.get("site", ""))
    except ServiceError:
        return redirect(url_for("store.domain_opt_out"))
    if not mail_form.validate_on_submit():
        return _proof_page(site, mail_form), 400
    try:
        domain_optout.mail_confirmation(site, mail_form.address.data, str(get_locale()))
    except ServiceError as error:
        mail_form.address.errors = [str(error)]
        return _proof_page(site, mail_form), 400
    flash(_("We sent a link to that address. Open it to stop our requests."), "success")
    return redirect(url_for("store.prove_domain", site=site))


@bp.route("/optout-domain/confirm/<token>")
def confirm_domain_opt_out(token: str):
    """A page with one button: a mail scanner that follows the link changes nothing."""
    try:
        site = domain_optout.site_for_token(token)
    except ServiceError as error:
        return render_template("store/domain_optout.html", error=str(error)), 400
    return render_template("store/domain_optout.html", site=site, token=token, confirm=True)


@bp.route("/optout-domain/confirm/<token>", methods=["POST"])
@limiter.limit("30 per minute")
def confirm_domain_opt_out_post(token: str):
    try:
        site, stopped = domain_optout.opt_out_by_mail(token)
    except ServiceError as error:
        return render_template("store/domain_optout.html", error=str(error)), 400
    return render_template("store/domain_optout.html", site=site, stopped=stopped, done=True)


def _proof_page(site: str, mail_form: DomainMailForm | None = None) -> str:
    return render_template(
        "store/domain_optout.html",
        site=site,
        proof=domain_optout.proof_for(site),
        mail_form=mail_form or DomainMailForm(formdata=None),
    )
