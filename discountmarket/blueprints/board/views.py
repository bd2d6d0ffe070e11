"""Home page bid board and public request pages."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from discountmarket.blueprints.board import bp
from discountmarket.blueprints.board.forms import LanguageForm
from discountmarket.i18n import LOCALE_COOKIE
from discountmarket.security import safe_next_url
from discountmarket.services import board, preferences


@bp.route("/")
def index():
    page = request.args.get("page", 1, type=int) or 1
    rows, has_more = board.open_requests(page=page)
    return render_template("board/index.html", rows=rows, page=page, has_more=has_more)


@bp.route("/r/<slug>")
def request_page(slug: str):
    discount_request = board.request_by_slug(slug)
    if discount_request is None:
        abort(404)
    offers = board.ranked_offers(discount_request)
    return render_template(
        "board/request.html",
        req=discount_request,
        offers=offers,
        effective_price=board.effective_price,
    )


@bp.route("/language", methods=["POST"])
def set_language():
    form = LanguageForm()
    target = safe_next_url(form.next.data) or url_for("board.index")
    if not form.validate_on_submit():
        abort(400)
    response = redirect(target)
    response.set_cookie(
        LOCALE_COOKIE,
        form.language.data,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    if current_user.is_authenticated:
        preferences.set_locale(current_user, form.language.data)
    return response
