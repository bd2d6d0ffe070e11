"""Operator views of the metrics dashboard and the dispatch inspector."""

from __future__ import annotations

import enum
from typing import TypeVar

from flask import abort, render_template, request
from flask_babel import format_date, format_decimal, format_percent
from flask_babel import gettext as _
from markupsafe import Markup

from discountmarket import charts, numbers
from discountmarket.blueprints.forms import ActionForm, number_arg
from discountmarket.blueprints.ops import bp
from discountmarket.labels import label
from discountmarket.models import Channel, DispatchStatus, Role
from discountmarket.security import role_required
from discountmarket.services import answer_links, mail_capture, metrics

E = TypeVar("E", bound=enum.Enum)


def _enum_arg(enum_class: type[E], name: str) -> E | None:
    """A filter from the query string; an unknown value means "no filter", not an error."""
    try:
        return enum_class(request.args.get(name, ""))
    except ValueError:
        return None


def _charts(figures: metrics.PeriodMetrics) -> dict[str, Markup]:
    return {
        "requests": charts.bar_chart(
            [(format_date(day.day, "d MMM"), day.count) for day in figures.requests_per_day],
            title=_("Requests posted per day"),
            format_value=format_decimal,
        ),
        "dispatches": charts.hbar_chart(
            [
                (
                    _(
                        "%(channel)s: %(status)s",
                        channel=label(row.channel, "channel"),
                        status=label(row.status, "dispatch_status"),
                    ),
                    row.count,
                )
                for row in figures.dispatches
            ],
            title=_("Dispatches by channel and outcome"),
            format_value=format_decimal,
        ),
        "answer_rates": charts.hbar_chart(
            [
                (str(label(rate.channel, "channel")), rate.rate or 0.0)
                for rate in figures.answer_rates
            ],
            title=_("Answer rate per channel"),
            format_value=format_percent,
            maximum=1.0,
        ),
    }


@bp.route("/metrics")
@role_required(Role.OPERATOR)
def metrics_page():
    days = number_arg("days", numbers.integers(1, max(metrics.PERIODS)), metrics.PERIODS[0])
    if days not in metrics.PERIODS:
        days = metrics.PERIODS[0]
    figures = metrics.period_metrics(days)
    return render_template(
        "ops/metrics.html",
        figures=figures,
        periods=metrics.PERIODS,
        charts=_charts(figures),
    )


@bp.route("/dispatches")
@role_required(Role.OPERATOR)
def dispatch_list():
    status = _enum_arg(DispatchStatus, "status")
    channel = _enum_arg(Channel, "channel")
    before = number_arg("before", numbers.ROW_ID)
    page = metrics.dispatch_page(status=status, channel=channel, before=before)
    # Kept on the pager's links so that paging stays within the filter.
    filters = {
        name: member.value for name, member in (("status", status), ("channel", channel)) if member
    }
    return render_template(
        "ops/dispatches.html",
        page=page,
        status=status,
        channel=channel,
        before=before,
        filters=filters,
        statuses=list(DispatchStatus),
        channels=list(Channel),
    )


@bp.route("/dispatches/<int:dispatch_id>")
@role_required(Role.OPERATOR)
def dispatch_inspector(dispatch_id: int):
    dispatch = metrics.dispatch_detail(dispatch_id)
    if dispatch is None:
        abort(404)
    return render_template(
        "ops/dispatch.html",
        dispatch=dispatch,
        link=answer_links.link_of(dispatch.request_id, dispatch.store_id),
        sent_mail=mail_capture.messages_for_dispatch(dispatch),
        grace_days=answer_links.RESULT_GRACE.days,
        action_form=ActionForm(),
    )
