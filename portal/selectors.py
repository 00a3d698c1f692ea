"""Reads of the PAPI spine: plan tasks with their derived state, indicator snapshots and
targets, the report archive. Each function issues a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from . import roles
from .indicators import Indicator, measure, registry
from .models import (
    ActionPlan,
    Dimension,
    IndicatorSnapshot,
    IndicatorTarget,
    OfficialScore,
    PlanTask,
    ReportJob,
    TaskUpdate,
)
from .periods import Quarter
from .workdays import WorkingCalendar


@dataclass
class TaskState:
    """A task as it stood on a given day: its status then, and whether it was late."""

    task: PlanTask
    status: str
    progress: int
    due: date  # the deadline, moved to the next working day when it falls on a day off
    is_late: bool  # still open after the day it was due
    finished_late: bool  # done, but after the day it was due
    days_overdue: int  # working days past due (open tasks) or done after due
    last_update: TaskUpdate | None

    @property
    def status_label(self):
        return PlanTask.Status(self.status).label

    @property
    def is_done(self):
        return self.status == PlanTask.Status.DONE


def plan_tasks(*, year: int | None = None, plan: ActionPlan | None = None):
    tasks = PlanTask.objects.select_related("plan", "dimension", "unit", "lead").prefetch_related(
        Prefetch("updates", queryset=TaskUpdate.objects.order_by("-on", "-created_at", "-pk"))
    )
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    if year is not None:
        tasks = tasks.filter(plan__year=year)
    return tasks


def task_states(tasks, *, on: date | None = None, calendar: WorkingCalendar | None = None):
    """The state of each task on the day `on` (today by default). Past days are read from the
    dated progress updates, so a report on an earlier quarter shows that quarter's picture.
    The tasks should come from plan_tasks() so that their updates are prefetched."""
    today = timezone.localdate()
    on = on or today
    tasks = list(tasks)
    if not tasks:
        return []
    if calendar is None:
        calendar = WorkingCalendar(
            min(t.deadline for t in tasks), max(on, *(t.deadline for t in tasks))
        )
    states = []
    for task in tasks:
        updates = list(task.updates.all())
        if on >= today:
            status, progress = task.status, task.progress
            completed_on = task.completed_on
            last = updates[0] if updates else None
        else:
            last = next((u for u in updates if u.on <= on), None)
            status = last.status if last else PlanTask.Status.NOT_STARTED
            progress = last.progress if last else 0
            completed_on = last.on if last and status == PlanTask.Status.DONE else None
        due = calendar.on_or_after(task.deadline)
        done = status == PlanTask.Status.DONE
        if done:
            finished = completed_on or due
            days = max(calendar.between(due, finished), 0)
            is_late, finished_late = False, days > 0
        else:
            days = max(calendar.between(due, on), 0)
            is_late, finished_late = days > 0, False
        states.append(TaskState(task, status, progress, due, is_late, finished_late, days, last))
    return states


def overdue(states):
    """Open tasks past their due day, the most overdue first."""
    return sorted(
        (s for s in states if s.is_late), key=lambda s: (-s.days_overdue, s.task.deadline)
    )


STATUS_COLUMNS = [
    PlanTask.Status.NOT_STARTED,
    PlanTask.Status.IN_PROGRESS,
    PlanTask.Status.DONE,
]


def dimension_overview(states):
    """Per PAPI dimension: counts by status, how many are late, the total."""
    rows = []
    by_dimension = defaultdict(list)
    for state in states:
        by_dimension[state.task.dimension_id].append(state)
    for dimension in Dimension.objects.all():
        group = by_dimension.get(dimension.pk, [])
        counts = [sum(1 for s in group if s.status == status) for status in STATUS_COLUMNS]
        rows.append(
            {
                "dimension": dimension,
                "counts": counts,
                "late": sum(1 for s in group if s.is_late),
                "total": len(group),
            }
        )
    return rows


def leadership_emails() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.LEADERSHIP)
        .exclude(email="")
    )
    return sorted(set(users.values_list("email", flat=True)))


# --- Indicators -------------------------------------------------------------------------------


def quarters_up_to(quarter: Quarter, count: int) -> list[Quarter]:
    quarters = [quarter]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    return quarters


def current_snapshots(quarters, codes=None) -> dict[tuple[str, str], IndicatorSnapshot]:
    """{(code, "2024-Q4"): snapshot} for the current snapshot of each pair, in one query."""
    rows = IndicatorSnapshot.objects.current().filter(quarter__in=[str(q) for q in quarters])
    if codes is not None:
        rows = rows.filter(code__in=list(codes))
    return {(s.code, s.quarter): s for s in rows}


def measured_snapshots(quarters) -> dict[tuple[str, str], IndicatorSnapshot]:
    """current_snapshots() of every registered indicator, with the pairs not stored yet
    computed now and left unsaved: what a report would store, without writing it."""
    snapshots = current_snapshots(quarters)
    for indicator in registry.all():
        for quarter in quarters:
            if (indicator.code, str(quarter)) not in snapshots:
                value, inputs = measure(indicator, quarter)
                snapshots[indicator.code, str(quarter)] = IndicatorSnapshot(
                    quarter=str(quarter), code=indicator.code, value=value, inputs=inputs
                )
    return snapshots


def targets_for_year(year: int) -> dict[str, Decimal]:
    return dict(IndicatorTarget.objects.filter(year=year).values_list("code", "value"))


def target_of(indicator: Indicator, year: int, targets: dict[str, Decimal]):
    """The target staff set for the year, else the indicator's default."""
    value = targets.get(indicator.code)
    return value if value is not None else indicator.target


def indicator_table(quarters: list[Quarter]):
    """Every registered indicator with its current value in each quarter and its target for the
    year of the last quarter."""
    snapshots = current_snapshots(quarters)
    targets = targets_for_year(quarters[-1].year)
    return [
        {
            "indicator": indicator,
            "values": [snapshots.get((indicator.code, str(q))) for q in quarters],
            "target": target_of(indicator, quarters[-1].year, targets),
        }
        for indicator in registry.all()
    ]


def indicator_quarters(code: str, count: int = 8) -> list[Quarter]:
    """The quarters to show an indicator over: up to the latest it was computed for (or the
    current quarter), `count` of them."""
    computed = IndicatorSnapshot.objects.filter(code=code).values_list("quarter", flat=True)
    latest = max((Quarter.parse(q) for q in computed), default=None)
    return quarters_up_to(latest or Quarter.containing(timezone.localdate()), count)


def snapshot_history(code: str):
    return IndicatorSnapshot.objects.filter(code=code).select_related("computed_by")


def compare(indicator: Indicator, value, previous) -> str:
    """ "better", "worse", "same" or "" (nothing to compare) in the indicator's direction."""
    if value is None or previous is None:
        return ""
    if value == previous:
        return "same"
    return "better" if indicator.is_better(value, previous) else "worse"


# --- Reports ----------------------------------------------------------------------------------


def report_archive():
    return ReportJob.objects.select_related("requested_by")


def report_quarter_choices(today: date | None = None, count: int = 8) -> list[Quarter]:
    """The quarters a report can be requested for: the current one and those before it."""
    today = today or timezone.localdate()
    current = Quarter.containing(today)
    quarters = set(quarters_up_to(current, count))
    # Every quarter of the years a plan exists for, so that a past plan can be reported on.
    for year in ActionPlan.objects.values_list("year", flat=True):
        quarters.update(q for n in range(1, 5) if (q := Quarter(year, n)) <= current)
    return sorted(quarters, reverse=True)


# --- Official PAPI scores ---------------------------------------------------------------------

EIGHT_DIMENSIONS_SINCE = 2018  # PAPI's structure since 2018: 8 dimensions of 1–10, total 8–80


@dataclass
class OfficialYear:
    year: int
    score: Decimal | None  # the province's published score; None: not rated that year
    note: int | None  # the number of its source in the series' `sources`
    mean: Decimal | None  # computed from the table: mean of the provinces rated that year
    rank: int | None  # computed: 1 + the number of rated provinces that scored higher
    rated: int  # how many provinces were rated that year


@dataclass
class OfficialSeries:
    code: str
    name: str
    scale: str
    axis: list[int]  # every year from the first to the last, in time order
    years: list[OfficialYear]  # the same years, newest first; a year without data is a gap
    sources: list[str]
    parts_year: int | None = None
    parts_previous_year: int | None = None
    parts: list[dict] | None = None  # sub-dimensions in parts_year and the year before

    @property
    def latest(self) -> OfficialYear | None:
        return next((y for y in self.years if y.score is not None), None)

    def points(self, attribute: str = "score") -> list[tuple[int, Decimal]]:
        """(year, value) in time order, leaving out the years without one."""
        return [
            (y.year, getattr(y, attribute))
            for y in reversed(self.years)
            if getattr(y, attribute) is not None
        ]


def cite(sources: list[str], source: str) -> int:
    """The number of `source` in the list of a table's sources, added when new."""
    if source not in sources:
        sources.append(source)
    return sources.index(source) + 1


def official_series(province: str, *, until: int | None = None) -> list[OfficialSeries]:
    """The province's official total and dimension scores since 2018 (the total first, then
    D1–D8), with the national mean and the province's rank among the rated provinces computed
    from the same provincial table, and its sub-dimension scores in the last two years.
    The one source of these figures for /chi-so-papi/ and the quarterly report."""
    rows = OfficialScore.objects.filter(
        scope=OfficialScore.Scope.PROVINCE,
        level__in=[OfficialScore.Level.TOTAL, OfficialScore.Level.DIMENSION],
        year__gte=EIGHT_DIMENSIONS_SINCE,
    )
    parts = OfficialScore.objects.for_province(province).filter(
        level=OfficialScore.Level.SUB_DIMENSION, year__gte=EIGHT_DIMENSIONS_SINCE
    )
    if until is not None:
        rows, parts = rows.filter(year__lte=until), parts.filter(year__lte=until)
    everyone = defaultdict(list)  # (code, year) -> every rated province's score
    own = {}
    names = {}
    for score in rows.only("year", "province", "code", "score", "source", "scale", "name_vi"):
        everyone[score.code, score.year].append(score.score)
        if score.province == province:
            own[score.code, score.year] = score
            names[score.code] = score
    if not everyone:
        return []
    axis = list(range(min(y for _c, y in everyone), max(y for _c, y in everyone) + 1))
    dimension_names = {d.code: d.name for d in Dimension.objects.all()}
    parts_by_dimension = defaultdict(dict)
    for part in parts:
        parts_by_dimension[part.code.split(".")[0]][part.code, part.year] = part
    result = []
    for code in ["PAPI", *sorted(dimension_names)]:
        if not any((code, year) in own for year in axis):
            continue
        sources: list[str] = []
        note = partial(cite, sources)

        years = []
        for year in reversed(axis):
            rated = sorted(everyone.get((code, year), []), reverse=True)
            mine = own.get((code, year))
            years.append(
                OfficialYear(
                    year=year,
                    score=mine.score if mine else None,
                    note=note(mine.source) if mine else None,
                    mean=(sum(rated) / len(rated)).quantize(Decimal("0.0001")) if rated else None,
                    rank=1 + sum(1 for s in rated if s > mine.score) if mine else None,
                    rated=len(rated),
                )
            )
        series = OfficialSeries(
            code=code,
            name=dimension_names.get(code) or (names[code].name if code in names else code),
            scale="8-80" if code == "PAPI" else "1-10",
            axis=axis,
            years=years,
            sources=sources,
        )
        mine = parts_by_dimension.get(code, {})
        part_years = sorted({year for _c, year in mine}, reverse=True)
        if part_years:
            latest, previous = part_years[0], part_years[1] if len(part_years) > 1 else None
            series.parts_year, series.parts_previous_year = latest, previous
            series.parts = []
            for (part_code, year), part in sorted(mine.items()):
                if year != latest:
                    continue
                before = mine.get((part_code, previous))
                series.parts.append(
                    {
                        "code": part_code,
                        "name": part.name,
                        "score": part.score,
                        "previous": before.score if before else None,
                        "change": part.score - before.score if before else None,
                        "note": note(part.source),
                    }
                )
        result.append(series)
    return result
