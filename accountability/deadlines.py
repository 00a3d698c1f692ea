"""The legal clocks of cases and explanation requests, counted from the table of legal limits
(`portal.models.LegalLimit`) in the unit the law uses: calendar days ignore weekends and
holidays; working days skip them (and count make-up Saturdays), with `portal.workdays`.

Nothing here holds a number of days: every value is a row staff can correct, and every clock
carries the limit it rests on, so that pages show its citation beside the date."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from portal.models import LegalLimit
from portal.selectors import legal_limit
from portal.workdays import WorkingCalendar, add_working_days

from .models import Case

# Codes of the rows this app reads (portal migration 0015 and accountability 0003 seed them).
COMPLAINT_ACCEPTANCE = "complaint-acceptance"
COMPLAINT_RESOLUTION = {
    # (instance, longer period) -> code; the longer period is for a complex case or a remote
    # area, the longest for both (Law 02/2011, Arts. 28 and 37).
    ("first", 0): "complaint-resolution-first",
    ("first", 1): "complaint-resolution-first-extended",
    ("first", 2): "complaint-resolution-first-remote-complex",
    ("second", 0): "complaint-resolution-second",
    ("second", 1): "complaint-resolution-second-extended",
    ("second", 2): "complaint-resolution-second-remote-complex",
}
DENUNCIATION_ACCEPTANCE = "denunciation-acceptance"
DENUNCIATION_ACCEPTANCE_EXTENDED = "denunciation-acceptance-extended"
DENUNCIATION_FORWARD = "denunciation-forward"
DENUNCIATION_NOTIFY = "denunciation-notify"
DENUNCIATION_RESOLUTION = "denunciation-resolution"
DENUNCIATION_EXTENSION = "denunciation-extension"
DENUNCIATION_MAX_EXTENSIONS = 2  # "very complex": extended twice (Law 25/2018, Art. 30)
EXPLANATION_ACCEPTANCE = "explanation-acceptance"
EXPLANATION_ANSWER = "explanation-answer"
EXPLANATION_EXTENSION = "explanation-extension"


def count(start: date, value: int, unit: str, calendar: WorkingCalendar | None = None) -> date:
    """The last day of a limit of `value` days from `start` (the start day not counted)."""
    if unit == LegalLimit.Unit.CALENDAR_DAYS:
        return start + timedelta(days=value)
    if calendar is None:
        return add_working_days(start, value)
    day, counted = start, 0
    while counted < value:
        day += timedelta(days=1)
        if calendar.is_working(day):
            counted += 1
    return day


def extend(due: date, limit: LegalLimit, times: int, calendar=None) -> date:
    """A deadline extended `times` times by `limit` (each extension runs from the end of the
    period before it)."""
    for _i in range(times):
        due = count(due, limit.value, limit.unit, calendar)
    return due


@dataclass(frozen=True)
class Clock:
    """One legal clock of a case: what must be done by when, on which legal limits."""

    key: str
    label: str
    start: date
    due: date
    limits: tuple
    done_on: date | None = None

    @property
    def met(self) -> bool | None:
        """True or False once done; None while running."""
        return None if self.done_on is None else self.done_on <= self.due

    def overdue(self, today: date) -> bool:
        return self.done_on is None and today > self.due

    def days_left(self, today: date) -> int:
        return (self.due - today).days


def _clock(key, label, start, codes_and_times, done_on=None, calendar=None) -> Clock:
    """`codes_and_times`: [(code, times)]: the base limit once, then extensions."""
    due, limits = start, []
    for code, times in codes_and_times:
        limit = legal_limit(code)
        limits.append(limit)
        due = extend(due, limit, times, calendar)
    return Clock(key, str(label), start, due, tuple(limits), done_on)


def resolution_code(case) -> str:
    longer = int(bool(case.complex)) + int(bool(case.remote_area))
    return COMPLAINT_RESOLUTION[(case.level, longer)]


def case_clocks(case, calendar: WorkingCalendar | None = None) -> list[Clock]:
    """Every clock of the case that applies at its stage, running or done."""
    clocks = []
    if case.kind == Case.Kind.COMPLAINT:
        clocks.append(
            _clock(
                "acceptance",
                _("Accept or refuse the complaint"),
                case.received_on,
                [(COMPLAINT_ACCEPTANCE, 1)],
                case.accepted_on or _refused_on(case),
                calendar,
            )
        )
        if case.accepted_on:
            clocks.append(
                _clock(
                    "resolution",
                    _("Resolve the complaint"),
                    case.accepted_on,
                    [(resolution_code(case), 1)],
                    case.resolved_on,
                    calendar,
                )
            )
        return clocks
    if not case.within_competence or case.status == Case.Status.FORWARDED:
        clocks.append(
            _clock(
                "forward",
                _("Forward the denunciation to the competent body"),
                case.received_on,
                [(DENUNCIATION_FORWARD, 1)],
                case.forwarded_on,
                calendar,
            )
        )
        return clocks
    acceptance = DENUNCIATION_ACCEPTANCE_EXTENDED if case.acceptance_extended else None
    clocks.append(
        _clock(
            "acceptance",
            _("Initial handling and decision to accept the denunciation"),
            case.received_on,
            [(acceptance or DENUNCIATION_ACCEPTANCE, 1)],
            case.accepted_on or _refused_on(case),
            calendar,
        )
    )
    if case.accepted_on:
        clocks.append(
            _clock(
                "notify",
                _("Notify the denouncer and the person denounced"),
                case.accepted_on,
                [(DENUNCIATION_NOTIFY, 1)],
                case.notified_on,
                calendar,
            )
        )
        times = min(case.extensions, DENUNCIATION_MAX_EXTENSIONS)
        parts = [(DENUNCIATION_RESOLUTION, 1)]
        if times:
            parts.append((DENUNCIATION_EXTENSION, times))
        clocks.append(
            _clock(
                "resolution",
                _("Resolve the denunciation"),
                case.accepted_on,
                parts,
                case.resolved_on,
                calendar,
            )
        )
    return clocks


def _refused_on(case):
    if case.status in (Case.Status.REFUSED, Case.Status.WITHDRAWN):
        return case.resolved_on or case.received_on
    return None


def calendar_for(cases, today: date) -> WorkingCalendar:
    """The holiday calendar read once for the clocks of many cases (a list, the dashboard):
    from the earliest day one of them was received to well after today."""
    first = cases.order_by("received_on").values_list("received_on", flat=True).first()
    return WorkingCalendar(min(first or today, today), today + timedelta(days=400))


def running_clocks(case, calendar=None) -> list[Clock]:
    if case.is_closed:
        return []
    return [clock for clock in case_clocks(case, calendar) if clock.done_on is None]


def explanation_clocks(request, calendar: WorkingCalendar | None = None) -> list[Clock]:
    """Accept or refuse within the limit (working days); then explain within the limit from
    acceptance, extended once (Decree 59/2019, Arts. 11 and 13)."""
    clocks = [
        _clock(
            "acceptance",
            _("Accept or refuse the request for explanation"),
            request.received_on,
            [(EXPLANATION_ACCEPTANCE, 1)],
            request.decided_on,
            calendar,
        )
    ]
    if request.accepted and request.decided_on:
        parts = [(EXPLANATION_ANSWER, 1)]
        if request.extended:
            parts.append((EXPLANATION_EXTENSION, 1))
        clocks.append(
            _clock(
                "explanation",
                _("Give the explanation"),
                request.decided_on,
                parts,
                request.explained_on,
                calendar,
            )
        )
    return clocks
