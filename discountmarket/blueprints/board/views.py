"""The public side: home page, the bid board, public request pages, the language switch."""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from discountmarket.blueprints.board import bp
from discountmarket.blueprints.board.forms import LanguageForm
from discountmarket.blueprints.live import conditional_fragment
from discountmarket.i18n import LOCALE_COOKIE
from discountmarket.models import DiscountRequest
from discountmarket.public_cache import kept_for_visitors
from discountmarket.security import safe_next_url
from discountmarket.services import board, preferences, reputation

HOME_ROWS = 6


@bp.route("/")
@kept_for_visitors
def index():
    page = board.open_requests(board.BoardQuery(), per_page=HOME_ROWS)
    return render_template("board/index.html", rows=page.rows, has_more=bool(page.next_cursor))


@bp.route("/board")
@kept_for_visitors
def board_page():
    query = board.BoardQuery(
        category=request.args.get("category") or None,
        store=request.args.get("store") or None,
        search=(request.args.get("q") or "").strip()[:100] or None,
        sort=request.args.get("sort") if request.args.get("sort") in board.SORTS else "newest",
        after=request.args.get("after") or None,
    )
    page = board.open_requests(query)
    return render_template(
        "board/board.html",
        page=page,
        query=query,
        categories=board.categories(),
        sorts=board.SORTS,
    )


@bp.route("/r/<slug>")
@kept_for_visitors
def request_page(slug: str):
    discount_request = _public_request(slug)
    return render_template(
        "board/request.html", req=discount_request, **_public_live_context(discount_request)
    )


@bp.route("/r/<slug>/live")
@kept_for_visitors
def request_live(slug: str):
    def context() -> dict:
        discount_request = _public_request(slug)
        return {"req": discount_request, **_public_live_context(discount_request)}

    return conditional_fragment(board.live_version(slug=slug), "board/_offers.html", context)


def _public_request(slug: str) -> DiscountRequest:
    discount_request = board.request_by_slug(slug)
    if discount_request is None:
        abort(404)
    return discount_request


def _public_live_context(discount_request: DiscountRequest) -> dict:
    offers = board.ranked_offers(discount_request)
    return {
        "offers": offers,
        "effective_price": board.effective_price,
        "reputations": reputation.for_stores({offer.store_id for offer in offers}),
        "show_coupons": False,
    }


@bp.route("/bot")
def bot_info():
    return render_template("board/bot.html", user_agent=current_app.config["OUTREACH_USER_AGENT"])


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
