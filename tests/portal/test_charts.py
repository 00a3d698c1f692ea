"""The SVG line charts of the PAPI pages and report: time order, a time scale, gaps."""

import re

import pytest
from django.utils import translation

from portal.charts import line_chart, year_axis
from portal.periods import Quarter


def x_labels(svg: str) -> list[tuple[str, float]]:
    return [
        (text, float(x))
        for x, text in re.findall(r'<text x="([\d.]+)"[^>]*class="app-chart__x">([^<]+)<', svg)
    ]


def test_quarters_are_in_time_order_not_in_the_order_of_their_labels():
    points = [(Quarter(2026, n), 70 + n) for n in (1, 2, 3)] + [(Quarter(2025, 4), 65)]
    with translation.override("vi"):
        svg = line_chart([("Chỉ số", points)], title="Chỉ số", label=lambda q: q.label)
    assert [text for text, _x in x_labels(svg)] == [
        "Quý 4/2025",
        "Quý 1/2026",
        "Quý 2/2026",
        "Quý 3/2026",
    ]


def test_years_sit_on_a_time_scale_with_missing_years_as_gaps():
    points = [(2018, 5.1), (2019, 5.3), (2020, 5.2), (2023, 5.6)]
    svg = line_chart([("Thái Nguyên", points)], title="D1", axis=year_axis(2018, 2023))
    labels = dict(x_labels(svg))
    assert list(labels) == ["2018", "2019", "2020", "2021", "2022", "2023"]
    step = labels["2019"] - labels["2018"]
    assert labels["2023"] - labels["2020"] == pytest.approx(3 * step, abs=0.2)
    # A marker for each year with data, and the line stops at the gap: 2018–2020 only.
    assert svg.count("<circle") == 4 + 1  # four points and the legend's marker
    assert re.findall(r'<polyline points="([^"]+)"', svg)[0].count(",") == 3


def test_a_single_year_is_drawn_as_a_point():
    svg = line_chart([("Thái Nguyên", [(2024, 46.3)])], title="PAPI", axis=year_axis(2024))
    assert "<polyline" not in svg and svg.count("<circle") == 2
