"""The quarterly PAPI progress report: its content, its HTML and its PDF.

The report loops over the indicator registry and the plan's tasks; it never imports an app.
The PDF is rendered by WeasyPrint with the project's own fonts (full TTFs with every
Vietnamese glyph) and a URL fetcher that can read nothing but the project's static files."""

import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.charts import line_chart
from portal.indicators import registry
from portal.models import DepartmentProfile, Dimension
from portal.pdf import (  # noqa: F401  (the report's fetcher, also read by its tests)
    PDF_FONT_FAMILY,
    RefusedURL,
    administrative_date,
    header_context,
    url_fetcher,
    write_pdf,
)
from portal.periods import Quarter
from portal.selectors import official_series as province_series

from . import selectors
from .models import ActionPlan

TREND_QUARTERS = 4
MOST_OVERDUE = 10

ProgressCallback = Callable[[int], None]


# --- The content ------------------------------------------------------------------------------


def build_context(
    quarter: Quarter,
    *,
    on_progress: ProgressCallback | None = None,
    today: date | None = None,
    measure_missing: bool = False,
) -> dict:
    """Everything the report shows, read with a fixed number of queries. With measure_missing
    (the preview), indicator values not stored yet are computed but not stored."""

    def progress(percent: int) -> None:
        if on_progress:
            on_progress(percent)
        delay = settings.PAPI_REPORT_SECTION_DELAY
        if delay:
            time.sleep(delay)  # tests only: leaves time to kill a worker mid-job

    today = today or timezone.localdate()
    profile = DepartmentProfile.current()
    as_of = min(quarter.end, today)
    previous = quarter.previous()
    plan = ActionPlan.objects.filter(year=quarter.year).first()
    tasks = list(selectors.plan_tasks(year=quarter.year))
    states = selectors.task_states(tasks, on=as_of)
    before = selectors.task_states(tasks, on=min(previous.end, today)) if tasks else []
    progress(5)

    quarters = selectors.quarters_up_to(quarter, TREND_QUARTERS)
    if measure_missing:
        snapshots = selectors.measured_snapshots(quarters)
    else:
        snapshots = selectors.current_snapshots(quarters)
    targets = selectors.targets_for_year(quarter.year)
    province = profile.papi_province or profile.province
    # The same series as /chi-so-papi/, up to the reported year.
    official = {s.code: s for s in province_series(province, until=quarter.year)}
    progress(10)

    dimensions = list(Dimension.objects.all())
    by_dimension = defaultdict(list)
    for state in states:
        by_dimension[state.task.dimension_id].append(state)

    indicator_rows_all = []
    sections = []
    for index, dimension in enumerate(dimensions):
        rows = []
        charts = []
        for indicator in registry.for_dimension(dimension.code):
            series = [(q, snapshots.get((indicator.code, str(q)))) for q in quarters]
            values = [(q, s.value if s else None) for q, s in series]
            value, prior = values[-1][1], values[-2][1]
            target = selectors.target_of(indicator, quarter.year, targets)
            row = {
                "indicator": indicator,
                "value": value,
                "previous": prior,
                "target": target,
                "change": selectors.compare(indicator, value, prior),
                "target_met": (
                    None
                    if value is None or target is None
                    else value == target or indicator.is_better(value, target)
                ),
            }
            rows.append(row)
            indicator_rows_all.append(row)
            points = [(q, value) for q, value in values if value is not None]
            if points:
                charts.append(
                    {
                        "title": f"{indicator.code}. {indicator.label}",
                        "svg": line_chart(
                            [(str(indicator.label), points)],
                            title=f"{indicator.code}. {indicator.label}",
                            axis=quarters,
                            label=lambda q: q.label,
                            font_family=PDF_FONT_FAMILY,
                            height=220,
                        ),
                        "unit": indicator.unit,
                        "rows": [(q.label, value) for q, value in values],
                    }
                )
        official_series = official.get(dimension.code)
        official_chart = None
        if official_series and official_series.latest:
            official_chart = {
                "series": official_series,
                "svg": line_chart(
                    [
                        (province, official_series.points()),
                        (_("Provinces' mean (computed)"), official_series.points("mean")),
                    ],
                    title=_("Official %(code)s score: %(province)s and the provinces' mean")
                    % {"code": dimension.code, "province": province},
                    axis=official_series.axis,
                    y_range=(1, 10),
                    font_family=PDF_FONT_FAMILY,
                    height=220,
                ),
            }
        dimension_states = by_dimension.get(dimension.pk, [])
        sections.append(
            {
                "dimension": dimension,
                "states": dimension_states,
                "counts": {
                    "total": len(dimension_states),
                    "done": sum(1 for s in dimension_states if s.is_done),
                    "open": sum(1 for s in dimension_states if not s.is_done),
                    "late": sum(1 for s in dimension_states if s.is_late),
                },
                "indicators": rows,
                "charts": charts,
                "official": official_chart,
            }
        )
        progress(10 + 50 * (index + 1) // len(dimensions))

    def count(group, predicate):
        return sum(1 for s in group if predicate(s))

    done_ids_before = {s.task.pk for s in before if s.is_done}
    late_ids_before = {s.task.pk for s in before if s.is_late}
    summary = {
        "total": len(states),
        "done": count(states, lambda s: s.is_done),
        "done_late": count(states, lambda s: s.finished_late),
        "in_progress": count(states, lambda s: s.status == "in_progress"),
        "not_started": count(states, lambda s: s.status == "not_started"),
        # Overdue tasks are open ones, counted again inside "in progress" and "not started".
        "open": count(states, lambda s: not s.is_done),
        "late": count(states, lambda s: s.is_late),
        "done_this_quarter": [s for s in states if s.is_done and s.task.pk not in done_ids_before],
        "newly_late": [s for s in states if s.is_late and s.task.pk not in late_ids_before],
        "most_overdue": selectors.overdue(states)[:MOST_OVERDUE],
        "better": [r for r in indicator_rows_all if r["change"] == "better"],
        "worse": [r for r in indicator_rows_all if r["change"] == "worse"],
        "overview": selectors.dimension_overview(states),
    }
    return {
        **header_context(today),
        "province": province,
        "quarter": quarter,
        "previous_quarter": previous,
        "as_of": as_of,
        "plan": plan,
        "summary": summary,
        "sections": sections,
        "annex": registry.all(),
        "status_columns": selectors.STATUS_COLUMNS,
    }


def render_html(
    quarter: Quarter,
    *,
    on_progress: ProgressCallback | None = None,
    preview: bool = False,
    request=None,
) -> str:
    context = build_context(quarter, on_progress=on_progress)
    context["preview"] = preview
    return render_to_string("pdf/papi_report.html", context, request=request)


def render_pdf(quarter: Quarter, *, on_progress: ProgressCallback | None = None) -> bytes:
    html = render_html(quarter, on_progress=on_progress)
    if on_progress:
        on_progress(65)
    pdf = write_pdf(html)
    if on_progress:
        on_progress(95)
    return pdf
