"""Reads of the PAPI plan: plan tasks with their derived state, indicator snapshots and
targets, the report archive. Each function issues a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from portal import roles
from portal.indicators import Indicator, measure, registry
from portal.models import Dimension
from portal.periods import Quarter
from portal.workdays import WorkingCalendar

from .models import (
    ActionPlan,
    IndicatorSnapshot,
    IndicatorTarget,
    PlanTask,
    ReportJob,
    TaskUpdate,
)


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
