"""Small server-side SVG charts for the operator console.

Why SVG from the server: the CSP allows no inline script or style, and a chart drawn
here works without JavaScript and on any screen (the SVG scales to its viewBox). Every
label goes through ``markupsafe.escape``; every number is formatted by us. That is what
makes the returned ``Markup`` safe to put in a page as it is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

Formatter = Callable[[float], str]

BAR_WIDTH = 480  # viewBox units; the SVG scales to the width of its container
BAR_HEIGHT = 200
HBAR_WIDTH = 400
HBAR_ROW = 26
HBAR_LABEL = 150  # room for the category labels, left of the bars
MAX_LABEL = 24  # characters of a category label shown (all of it is in the <title>)


def _plain(value: float) -> str:
    return f"{value:g}"


def _num(value: float) -> str:
    """A coordinate: short, and never anything but a number."""
    return f"{float(value):.1f}"


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _open_svg(width: float, height: float, title: str, css_class: str) -> list[str]:
    # role=img + aria-label give the chart one accessible name; <title> is the tooltip and
    # the SVG-native name for tools that ignore ARIA.
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css_class}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" role="img" aria-label="{escape(title)}" '
        'font-size="12">',
        f"<title>{escape(title)}</title>",
    ]


def bar_chart(
    points: Sequence[tuple[str, float]],
    *,
    title: str,
    format_value: Formatter = _plain,
) -> Markup:
    """Vertical bars, one per point (e.g. per day), labelled under the axis."""
    top, bottom, left, right = 16.0, 24.0, 8.0, 8.0
    plot_width = BAR_WIDTH - left - right
    plot_height = BAR_HEIGHT - top - bottom
    peak = max((float(value) for _, value in points), default=0.0)
    slot = plot_width / max(len(points), 1)
    # Label every n-th bar so that labels never overlap (about 8 fit).
    every = max(1, math.ceil(len(points) / 8))
    parts = _open_svg(BAR_WIDTH, BAR_HEIGHT, title, "chart-bars")
    baseline = top + plot_height
    parts.append(
        f'<line class="chart-axis" x1="{_num(left)}" y1="{_num(baseline)}" '
        f'x2="{_num(left + plot_width)}" y2="{_num(baseline)}" stroke="#d9e2ec"/>'
    )
    for index, (label, value) in enumerate(points):
        height = plot_height * float(value) / peak if peak > 0 else 0.0
        x = left + index * slot + slot * 0.1
        parts.append(
            f'<rect class="chart-bar" x="{_num(x)}" y="{_num(baseline - height)}" '
            f'width="{_num(slot * 0.8)}" height="{_num(height)}" fill="#0b6e4f">'
            f"<title>{escape(label)}: {escape(format_value(value))}</title></rect>"
        )
        if index % every == 0:
            parts.append(
                f'<text class="chart-label" x="{_num(x + slot * 0.4)}" '
                f'y="{_num(BAR_HEIGHT - 6)}" text-anchor="middle" fill="#627d98">'
                f"{escape(label)}</text>"
            )
    if peak > 0:
        parts.append(
            f'<text class="chart-label" x="{_num(left)}" y="{_num(top - 4)}" fill="#627d98">'
            f"{escape(format_value(peak))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  (built from escaped labels and numbers)


def hbar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    format_value: Formatter = _plain,
    maximum: float | None = None,
) -> Markup:
    """Horizontal bars, one row per category; ``maximum`` fixes the scale (e.g. 100 %)."""
    value_room = 56.0
    plot_width = HBAR_WIDTH - HBAR_LABEL - value_room
    peak = maximum if maximum is not None else max((float(v) for _, v in items), default=0.0)
    height = max(len(items), 1) * HBAR_ROW + 4
    parts = _open_svg(HBAR_WIDTH, height, title, "chart-hbars")
    for index, (label, value) in enumerate(items):
        y = 2 + index * HBAR_ROW
        width = plot_width * min(float(value), peak) / peak if peak > 0 else 0.0
        shown = escape(format_value(value))
        parts.append(
            f'<g class="chart-row"><title>{escape(label)}: {shown}</title>'
            f'<text class="chart-label" x="{_num(HBAR_LABEL - 6)}" y="{_num(y + 16)}" '
            f'text-anchor="end" fill="#1f2933">{escape(_shorten(label))}</text>'
            f'<rect class="chart-bar" x="{_num(HBAR_LABEL)}" y="{_num(y + 4)}" '
            f'width="{_num(width)}" height="{_num(HBAR_ROW - 8)}" fill="#0b6e4f"/>'
            f'<text class="chart-value" x="{_num(HBAR_LABEL + width + 4)}" '
            f'y="{_num(y + 16)}" fill="#1f2933">{shown}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704
