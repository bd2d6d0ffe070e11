"""Shopper views: ask for a discount, follow the request, accept an offer."""

from __future__ import annotations

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from discountmarket.blueprints.forms import ActionForm, ConfirmedActionForm
from discountmarket.blueprints.live import conditional_fragment
from discountmarket.blueprints.shopper import bp
from discountmarket.blueprints.shopper.forms import (
    AcceptForm,
    AskForm,
    ManualProductForm,
    NotificationsForm,
    ReportForm,
    RequestForm,
)
from discountmarket.extensions import limiter
from discountmarket.i18n import format_money
from discountmarket.models import DiscountRequest, FetchStatus, OfferStatus, Role
from discountmarket.security import referrer_on_this_site, role_required
from discountmarket.services import (
    asks,
    board,
    catalog,
    deals,
    expectations,
    honour,
    inbound_mail,
    market,
    requesting,
)
from discountmarket.services.errors import NotAllowed, ServiceError


def _own_request(request_id: int) -> DiscountRequest:
    try:
        return requesting.owned_request(request_id, current_user)
    except NotAllowed:
        abort(404)


def _back_to(discount_request: DiscountRequest):  # type: ignore[no-untyped-def]
    return redirect(url_for("shopper.request_detail", request_id=discount_request.id))


@bp.route("/requests")
@role_required(Role.SHOPPER)
def my_requests():
    return render_template(
        "shopper/requests.html",
        page=board.shopper_requests(current_user.id, after=request.args.get("after") or None),
    )


@bp.route("/requests/new", methods=["GET", "POST"])
@role_required(Role.SHOPPER)
@limiter.limit("30 per hour", methods=["POST"], key_func=lambda: f"user:{current_user.id}")
def new_request():
    form = RequestForm(url=request.args.get("url") or None)
    if form.validate_on_submit():
        data = requesting.NewRequest(
            url=form.url.data,
            target_price=form.target_price.data,
            target_percent=form.target_percent.data,
            quantity=form.quantity.data,
            note=form.note.data,
            ask_competitors=form.ask_competitors.data,
            ask_equivalents=form.ask_equivalents.data,
            share_contact=form.share_contact.data,
            valid_days=form.valid_days.data,
            shopper_location=form.shopper_location.data,
        )
        try:
            created = requesting.post_request(current_user, data)
        except requesting.DuplicateRequest as error:
            flash(str(error), "info")
            return _back_to(error.existing)
        except requesting.InvalidProductUrl as error:
            form.url.errors = [str(error)]
        except requesting.ImplausibleAsk as error:
            asked = (
                form.target_percent if form.target_percent.data is not None else form.target_price
            )
            asked.errors = [str(error)]
        except ServiceError as error:
            flash(str(error), "error")
        else:
            # The page itself shows the product being read and the stores being reached.
            flash(_("Your request is posted. Follow its progress on this page."), "success")
            return _back_to(created)
    return render_template("shopper/new_request.html", form=form)


@bp.route("/requests/preview", methods=["POST"])
@role_required(Role.SHOPPER)
@limiter.limit("20 per minute", key_func=lambda: f"user:{current_user.id}")
def preview_product():
    """The request form's hint for a pasted address: the product, its listed price and the
    currency to ask in, or why it cannot be asked about (JavaScript; the form works without)."""
    found = catalog.preview(request.form.get("url", "")[:2048])
    return jsonify(
        title=found.title,
        listed=format_money(found.price, found.currency) if found.price is not None else None,
        currency=found.currency,
        refusal=found.refusal,
    )


@bp.route("/requests/<int:request_id>")
@role_required(Role.SHOPPER)
def request_detail(request_id: int):
    discount_request = _own_request(request_id)
    return render_template(
        "shopper/request.html",
        req=discount_request,
        action_form=ActionForm(),
        expectations=expectations.for_request(discount_request),
        **_live_context(discount_request),
    )


@bp.route("/requests/<int:request_id>/live")
@role_required(Role.SHOPPER)
def request_live(request_id: int):
    def context() -> dict:
        discount_request = _own_request(request_id)
        return {"req": discount_request, **_live_context(discount_request)}

    version = board.live_version(request_id=request_id, shopper_id=current_user.id)
    return conditional_fragment(version, "shopper/_live.html", context)


def _live_context(discount_request: DiscountRequest) -> dict:
    product = discount_request.product
    problem = asks.problem_of(discount_request) if discount_request.is_open else None
    ranked = board.ranked_offers(discount_request)
    accepted = next((o for o in ranked if o.status == OfferStatus.ACCEPTED), None)
    prices = market.market_for(discount_request)
    return {
        "offers": ranked,
        "market": prices,
        "accepted": accepted,
        "how_to_buy": deals.how_to_buy(accepted) if accepted else None,
        "replies": inbound_mail.replies_for(discount_request.id),
        "dispatches": board.dispatches_of(discount_request),
        "effective_price": prices.effective_price,
        "fetch_error": catalog.fetch_error_message(discount_request.product.fetch_error),
        "accept_form": AcceptForm(),
        "report_form": ReportForm(),
        # Why nothing has gone to the stores yet, and the form that fixes it: here, in the
        # live fragment, so it appears the moment the product page is read.
        "problem": problem,
        "problem_text": asks.explain(problem, product.currency) if problem else "",
        "manual_form": ManualProductForm(formdata=None, obj=product),
        "ask_form": AskForm(formdata=None, obj=discount_request),
    }


@bp.route("/requests/<int:request_id>/ask", methods=["POST"])
@role_required(Role.SHOPPER)
def change_ask(request_id: int):
    discount_request = _own_request(request_id)
    form = AskForm()
    if not form.validate_on_submit():
        flash(_("Please check the ask: %(errors)s", errors=_form_errors(form)), "error")
        return _back_to(discount_request)
    try:
        requesting.change_ask(
            discount_request, current_user, form.target_price.data, form.target_percent.data
        )
    except ServiceError as error:
        flash(str(error), "error")
    else:
        flash(_("Thank you; your request goes to the stores now."), "success")
    return _back_to(discount_request)


@bp.route("/requests/<int:request_id>/product", methods=["POST"])
@role_required(Role.SHOPPER)
def set_product(request_id: int):
    discount_request = _own_request(request_id)
    product = discount_request.product
    if product.fetch_status != FetchStatus.FAILED:
        flash(_("The product details were read from the store's page already."), "info")
        return _back_to(discount_request)
    form = ManualProductForm()
    if form.validate_on_submit():
        catalog.set_manually(
            product, form.title.data, form.price.data, (form.currency.data or "").upper() or None
        )
        flash(_("Thank you; the product details are saved."), "success")
    else:
        flash(_("Please check the product details: %(errors)s", errors=_form_errors(form)), "error")
    return _back_to(discount_request)


@bp.route("/requests/<int:request_id>/cancel", methods=["POST"])
@role_required(Role.SHOPPER)
def cancel_request(request_id: int):
    discount_request = _own_request(request_id)
    form = ConfirmedActionForm()
    if form.validate_on_submit() and not form.is_confirmed:
        return render_template("shopper/confirm.html", req=discount_request, form=form)
    if form.validate_on_submit():
        try:
            requesting.cancel(discount_request, current_user)
            flash(_("Your request is cancelled; the stores will be told."), "info")
        except ServiceError as error:
            flash(str(error), "error")
    return _back_to(discount_request)


@bp.route("/requests/<int:request_id>/reopen", methods=["POST"])
@role_required(Role.SHOPPER)
def reopen_request(request_id: int):
    discount_request = _own_request(request_id)
    if ActionForm().validate_on_submit():
        try:
            requesting.reopen(discount_request, current_user)
            flash(_("Your request is open again for 7 days."), "success")
        except ServiceError as error:
            flash(str(error), "error")
    return _back_to(discount_request)


@bp.route("/requests/<int:request_id>/notifications", methods=["POST"])
@role_required(Role.SHOPPER)
def set_notifications(request_id: int):
    discount_request = _own_request(request_id)
    form = NotificationsForm()
    if form.validate_on_submit():
        requesting.set_offer_notifications(
            discount_request, current_user, form.enabled.data == "on"
        )
        flash(
            _("We will e-mail you about new offers (at most once an hour).")
            if form.enabled.data == "on"
            else _("We will not e-mail you about new offers for this request."),
            "info",
        )
    return _back_to(discount_request)


@bp.route("/offers/<int:offer_id>/accept", methods=["POST"])
@role_required(Role.SHOPPER)
def accept_offer(offer_id: int):
    form = AcceptForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        offer = requesting.offer_for(offer_id, current_user)
    except NotAllowed:
        abort(404)
    if not form.is_confirmed:
        return render_template("shopper/confirm.html", req=offer.request, offer=offer, form=form)
    try:
        offer = requesting.accept(
            offer_id,
            current_user,
            seen_version=form.version.data,
            share_contact=bool(form.share_contact.data),
        )
    except ServiceError as error:  # changed meanwhile: back to the offers, as they are now
        flash(str(error), "error")
        return _back_to(offer.request)
    # The store's name stays inside each sentence: many end in "." ("Shop Ltd.").
    if offer.request.share_contact:
        accepted = _(
            "Offer from %(store)s accepted: the store has your e-mail address "
            "and will get in touch.",
            store=offer.store.name,
        )
    else:
        accepted = _(
            "Offer from %(store)s accepted. Your e-mail address was not shared: buy as "
            "the offer says, or write to the store.",
            store=offer.store.name,
        )
    flash(accepted, "success")
    return _back_to(offer.request)


def _form_errors(form) -> str:  # type: ignore[no-untyped-def]
    return " ".join(
        f"{form[name].label.text}: {' '.join(errors)}" for name, errors in form.errors.items()
    )


@bp.route("/offers/<int:offer_id>/report", methods=["POST"])
@role_required(Role.SHOPPER)
@limiter.limit("10 per hour", methods=["POST"], key_func=lambda: f"user:{current_user.id}")
def report_offer(offer_id: int):
    form = ReportForm()
    if not form.validate_on_submit():
        flash(_("Tell us what happened (up to 1,000 characters)."), "error")
        return redirect(referrer_on_this_site(url_for("shopper.my_requests")))
    try:
        entry = honour.report(offer_id, current_user, form.note.data)
    except NotAllowed:
        abort(404)
    except ServiceError as error:
        flash(str(error), "error")
        return redirect(url_for("shopper.my_requests"))
    flash(_("Thank you. Our team will look into it and contact the store."), "success")
    return redirect(url_for("shopper.request_detail", request_id=entry.offer.request_id))
