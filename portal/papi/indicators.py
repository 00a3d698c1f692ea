"""The portal's own indicators: how the department keeps to its PAPI plan, per dimension.

Each app measures what citizens see; these measure the plan itself — of the plan's tasks under a
dimension that fell due in a quarter, the share done by their deadline (a deadline on a day off
moves to the next working day)."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from portal.indicators import Direction, Indicator, Measurement, register
from portal.periods import Quarter
from portal.workdays import WorkingCalendar

from .models import PlanTask

# The dimensions the plan's six areas work on (D1 and D7 have no task in the plan).
PLAN_DIMENSIONS = ["D2", "D3", "D4", "D5", "D6", "D8"]


def tasks_done_on_time(dimension: str, period: Quarter) -> Measurement:
    tasks = list(
        PlanTask.objects.filter(
            dimension__code=dimension, deadline__range=(period.start, period.end)
        ).values_list("deadline", "completed_on")
    )
    if not tasks:
        return Measurement(None, {"due": 0, "done_on_time": 0})
    calendar = WorkingCalendar(period.start, period.end)
    on_time = sum(
        1
        for deadline, completed in tasks
        if completed is not None and completed <= calendar.on_or_after(deadline)
    )
    return Measurement(
        round(100 * on_time / len(tasks), 1), {"due": len(tasks), "done_on_time": on_time}
    )


for _code in PLAN_DIMENSIONS:
    register(
        Indicator(
            code=f"KH-{_code}",
            dimension=_code,
            label=_("Plan tasks due in the quarter done on time"),
            unit="%",
            compute=partial(tasks_done_on_time, _code),
            direction=Direction.HIGHER_IS_BETTER,
            target=100,
            description=_(
                "Of the tasks of the PAPI plan under this dimension whose deadline fell in the "
                "quarter, the share completed by the deadline (moved to the next working day "
                "when it falls on a day off), from the progress updates recorded by staff."
            ),
            app_label="papi",
        )
    )
