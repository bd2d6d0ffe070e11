"""The server-side SVG charts: well-formed, accessible, and escaping every label."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markupsafe import Markup

from discountmarket import charts

SVG = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script>'


def parse(svg: Markup) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314  (our own output)


def test_bar_chart_has_one_bar_with_a_title_per_point() -> None:
    svg = charts.bar_chart([("1 Jun", 3), ("2 Jun", 0), ("3 Jun", 6)], title="Requests")
    root = parse(svg)

    assert isinstance(svg, Markup)
    assert root.get("role") == "img" and root.get("aria-label") == "Requests"
    assert root.find(f"{SVG}title").text == "Requests"
    bars = root.findall(f"{SVG}rect")
    assert [bar.find(f"{SVG}title").text for bar in bars] == ["1 Jun: 3", "2 Jun: 0", "3 Jun: 6"]
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[1] == 0 and heights[2] == 2 * heights[0]
    assert "style=" not in svg  # the CSP refuses inline styles


def test_labels_and_titles_are_escaped() -> None:
    for svg in (
        charts.bar_chart([(EVIL, 1)], title=EVIL),
        charts.hbar_chart([(EVIL, 1)], title=EVIL, format_value=lambda v: f"<b>{v}</b>"),
    ):
        assert "<script" not in svg and "<b>" not in svg
        assert "&lt;script&gt;" in svg
        root = parse(svg)  # still well-formed
        assert root.find(f"{SVG}title").text == EVIL


def test_hbar_chart_scales_to_a_fixed_maximum() -> None:
    root = parse(charts.hbar_chart([("email", 0.5), ("form", 1.0)], title="Rate", maximum=1.0))
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[1] == 2 * widths[0]
    labels = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "chart-label"]
    assert labels == ["email", "form"]


def test_long_labels_are_shortened_but_kept_whole_in_the_title() -> None:
    label = "A store with a remarkably long name indeed"
    root = parse(charts.hbar_chart([(label, 2)], title="Stores"))
    assert root.find(f"{SVG}g/{SVG}title").text == f"{label}: 2"
    assert root.find(f"{SVG}g/{SVG}text").text.endswith("…")


def test_empty_charts_render() -> None:
    assert parse(charts.bar_chart([], title="None")).find(f"{SVG}rect") is None
    assert parse(charts.hbar_chart([], title="None")).find(f"{SVG}g") is None
