"""Store views: answering through a signed link (no account), the portal, claiming."""

from __future__ import annotations

from datetime import UTC, datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from discountmarket import i18n
from discountmarket.blueprints.forms import ActionForm
from discountmarket.blueprints.store import bp
from discountmarket.blueprints.store.forms import (
    ClaimForm,
    ContactPreferenceForm,
    DeclineForm,
    OfferForm,
)
from discountmarket.extensions import limiter
from discountmarket.models import DiscountRequest, Offer, OfferKind, Role, Store, User
from discountmarket.security import role_required
from discountmarket.services import (
    answer_links,
    board,
    claims,
    inbound_mail,
    offers,
    preferences,
    reply_offers,
    reputation,
    stores,
)
from discountmarket.services.asked_about import asked_about
from discountmarket.services.errors import NotAllowed, ServiceError


def _offer_from(form: OfferForm) -> offers.Answer:
    valid_until = form.valid_until.data
    return offers.Answer(
        kind=OfferKind.OFFER,
        price=form.price.data,
        percent=form.percent.data,
        currency=form.currency.data or None,
        coupon_code=form.coupon_code.data,
        terms=form.terms.data,
        extras=form.extras.data,
        # A date means "through that whole day" (UTC): the shopper has until its end.
        valid_until=datetime.combine(valid_until, time.max, tzinfo=UTC) if valid_until else None,
    )


def _decline_from(form: DeclineForm) -> offers.Answer:
    return offers.Answer(kind=OfferKind.DECLINE, terms=form.message.data, extras=form.extras.data)


def _answer_forms(current: Offer | None) -> tuple[OfferForm, DeclineForm]:
    """The two ways to answer, filled in with the current answer when there is one."""
    if request.method == "POST":
        posted = request.form.get("kind")
        return (
            OfferForm() if posted == "offer" else OfferForm(formdata=None),
            DeclineForm() if posted == "decline" else DeclineForm(formdata=None),
        )
    offer_form, decline_form = OfferForm(formdata=None), DeclineForm(formdata=None)
    if current is not None and current.kind == OfferKind.OFFER:
        offer_form.process(obj=current)
        offer_form.valid_until.data = current.valid_until.date() if current.valid_until else None
    elif current is not None:
        decline_form.process(message=current.terms, extras=current.extras)
    return offer_form, decline_form


def _fill_from_draft(form: OfferForm, draft: reply_offers.Draft, req: DiscountRequest) -> None:
    """The store's e-mail reply as a filled-in offer: one click sends it as it stands."""
    form.price.data, form.percent.data = draft.price, draft.percent
    form.currency.data, form.coupon_code.data = draft.currency, draft.coupon
    form.terms.data = _("As in our e-mail reply.")
    form.valid_until.data = req.expires_at.date()


def _handle_answer(
    discount_request: DiscountRequest,
    store: Store,
    author: User | None,
    here: str,
    withdraw_url: str,
    contact_url: str,
):  # type: ignore[no-untyped-def]
    """The answer page of one store for one request, shared by link and portal: the store's
    answer as the shopper sees it (with edit and withdraw), or two clear ways to answer."""
    i18n.prefer_page_locale(store.locale)  # the store's language on the store's own page
    current = offers.live_answer(discount_request.id, store.id)
    offer_form, decline_form = _answer_forms(current)
    draft = reply_offers.draft_for(discount_request.id, store.id)
    if draft is not None and request.method == "GET":
        _fill_from_draft(offer_form, draft, discount_request)
    posted = {"offer": (offer_form, _offer_from), "decline": (decline_form, _decline_from)}
    form, read = posted.get(request.form.get("kind", ""), (None, None))
    if form is not None and read is not None and form.validate_on_submit():
        try:
            offers.answer(discount_request, store, read(form), author=author)
        except offers.OfferInvalid as error:
            for name, message in error.errors.items():
                field = form._fields.get(
                    "message" if name == "terms" and form is decline_form else name
                )
                if field is not None:
                    field.errors = [*field.errors, message]
        except ServiceError as error:
            flash(str(error), "error")
        else:
            flash(_("Thank you. Your answer is on the shopper's bid board."), "success")
            return redirect(here)
    ranked = board.ranked_offers(discount_request)
    competing = [o for o in ranked if o.store_id != store.id]
    return render_template(
        "store/answer.html",
        req=discount_request,
        asked=asked_about(discount_request, store),
        store=store,
        offer_form=offer_form,
        decline_form=decline_form,
        current=current,
        editing=request.method == "POST" or request.args.get("edit") == "1",
        posted_kind=request.form.get("kind"),
        competing=competing,
        replies=inbound_mail.replies_for(discount_request.id, store.id),
        draft=draft,
        accepted=next((o for o in ranked if o.status.value == "accepted"), None),
        answerable=answer_links.answerable(discount_request),
        here=here,
        withdraw_url=withdraw_url,
        contact_url=contact_url,
        contact_form=ContactPreferenceForm(channel=store.contact_preference or ""),
        action_form=ActionForm(),
        effective_price=board.effective_price,
        reputations=reputation.for_stores({o.store_id for o in competing}),
    )


@bp.errorhandler(answer_links.LinkRefused)
def link_refused(error: answer_links.LinkRefused):  # type: ignore[no-untyped-def]
    """A clear page, not a bare error, for an expired, revoked or tampered link."""
    return render_template("store/link_refused.html", reason=error.reason, message=str(error)), 410


@bp.route("/answer/<token>", methods=["GET", "POST"])
@limiter.limit("60 per hour", methods=["POST"])
def answer(token: str):
    # Anyone with the link may look (the outcome stays readable for a while after the
    # request ends); answering needs an open request.
    link = answer_links.resolve(token, to_answer=request.method == "POST")
    here = url_for("store.answer", token=token)
    withdraw_url = url_for("store.withdraw_by_link", token=token)
    contact_url = url_for("store.contact_by_link", token=token)
    return _handle_answer(link.request, link.store, None, here, withdraw_url, contact_url)


@bp.route("/answer/<token>/withdraw", methods=["POST"])
def withdraw_by_link(token: str):
    link = answer_links.resolve(token, to_answer=True)
    _withdraw(link.request, link.store, None)
    return redirect(url_for("store.answer", token=token))


def _withdraw(discount_request: DiscountRequest, store: Store, author: User | None) -> None:
    if not ActionForm().validate_on_submit():
        abort(400)
    current = offers.live_answer(discount_request.id, store.id)
    if current is None:
        flash(_("There is no answer to withdraw."), "info")
        return
    try:
        offers.withdraw(current, author=author)
        flash(_("Your answer is withdrawn."), "info")
    except ServiceError as error:
        flash(str(error), "error")


@bp.route("/answer/<token>/contact", methods=["POST"])
@limiter.limit("30 per hour")
def contact_by_link(token: str):
    link = answer_links.resolve(token, to_answer=False)
    _set_contact(link.store, None)
    return redirect(url_for("store.answer", token=token))


def _set_contact(store: Store, author: User | None) -> None:
    form = ContactPreferenceForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        preferences.set_store_contact_preference(store, form.channel.data or None, author)
        flash(_("Thank you; we will write to you that way."), "success")
    except ServiceError as error:
        flash(str(error), "error")


@bp.route("/")
@role_required(Role.STORE_MANAGER)
def portal():
    managed = stores.managed_by(current_user.id)
    return render_template(
        "store/portal.html",
        stores=managed,
        managers={store.id: claims.managers(store) for store in managed},
        requests=board.requests_for_manager(current_user.id),
    )


def _managed_request(store_id: int, request_id: int) -> tuple[Store, DiscountRequest]:
    """Only a manager of the store, and only for a request that store was asked."""
    found = board.request_for_manager(current_user.id, store_id, request_id)
    if found is None:
        abort(404)
    return found


@bp.route("/stores/<int:store_id>/requests/<int:request_id>", methods=["GET", "POST"])
@role_required(Role.STORE_MANAGER)
def portal_answer(store_id: int, request_id: int):
    store, discount_request = _managed_request(store_id, request_id)
    here = url_for("store.portal_answer", store_id=store_id, request_id=request_id)
    withdraw_url = url_for("store.portal_withdraw", store_id=store_id, request_id=request_id)
    contact_url = url_for("store.portal_contact", store_id=store_id, request_id=request_id)
    return _handle_answer(discount_request, store, current_user, here, withdraw_url, contact_url)


@bp.route("/stores/<int:store_id>/requests/<int:request_id>/withdraw", methods=["POST"])
@role_required(Role.STORE_MANAGER)
def portal_withdraw(store_id: int, request_id: int):
    store, discount_request = _managed_request(store_id, request_id)
    _withdraw(discount_request, store, current_user)
    return redirect(url_for("store.portal_answer", store_id=store_id, request_id=request_id))


@bp.route("/stores/<int:store_id>/requests/<int:request_id>/contact", methods=["POST"])
@role_required(Role.STORE_MANAGER)
def portal_contact(store_id: int, request_id: int):
    store, _discount_request = _managed_request(store_id, request_id)
    _set_contact(store, current_user)
    return redirect(url_for("store.portal_answer", store_id=store_id, request_id=request_id))


@bp.route("/claim", methods=["GET", "POST"])
@role_required(Role.STORE_MANAGER)
@limiter.limit("10 per hour", methods=["POST"])
def claim():
    domain = (request.values.get("domain") or "").strip()[:300]
    store = stores.find_for_address(domain) if domain else None
    form = ClaimForm()
    if store is not None:
        # Choices carry positions, not addresses: the page shows only masked addresses.
        addresses = claims.claim_addresses(store)
        form.address.choices = [
            SelectChoice(str(index), claims.masked(address))
            for index, address in enumerate(addresses)
        ]
        if form.validate_on_submit():
            address = addresses[int(form.address.data)]
            try:
                claims.start_claim(current_user, store, address)
            except ServiceError as error:
                flash(str(error), "error")
            else:
                flash(
                    _(
                        "We sent a confirmation link to %(address)s.",
                        address=claims.masked(address),
                    ),
                    "success",
                )
                return redirect(url_for("store.portal"))
    elif domain:
        flash(_("We do not know a store at %(domain)s yet.", domain=domain), "info")
    return render_template("store/claim.html", form=form, store=store, domain=domain)


@bp.route("/claim/<token>")
@role_required(Role.STORE_MANAGER)
def confirm_claim(token: str):
    try:
        store = claims.confirm_claim(token, current_user)
    except NotAllowed as error:
        flash(str(error), "error")
        return redirect(url_for("store.portal"))
    except ServiceError as error:
        flash(str(error), "error")
        return redirect(url_for("store.claim"))
    flash(_("You now manage %(store)s.", store=store.name), "success")
    return redirect(url_for("store.portal"))
