"""The working-day calendar that every legal clock counts with.

Saturdays and Sundays are days off unless staff marked them as make-up working days; holidays
come from the Holiday table, which staff keep up to date as the government announces each year.
"""

from datetime import date, timedelta

from .models import Holiday


def _calendar(start: date, end: date) -> tuple[set[date], set[date]]:
    rows = Holiday.objects.filter(date__range=(min(start, end), max(start, end)))
    holidays, makeup = set(), set()
    for day, kind in rows.values_list("date", "kind"):
        (makeup if kind == Holiday.Kind.MAKEUP_WORKDAY else holidays).add(day)
    return holidays, makeup


def _is_working(day: date, holidays: set[date], makeup: set[date]) -> bool:
    if day in makeup:
        return True
    return day.weekday() < 5 and day not in holidays


def is_working_day(day: date) -> bool:
    return _is_working(day, *_calendar(day, day))


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the start day itself not counted).

    Legal texts count "within N working days" from the day after the event, so
    add_working_days(Friday, 1) is the next Monday when that Monday is a working day.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    # Long breaks (Tết) can add nine days off in a row: read a generous window once.
    horizon = start + timedelta(days=days * 2 + 30)
    holidays, makeup = _calendar(start, horizon)
    current, counted = start, 0
    while counted < days:
        current += timedelta(days=1)
        if current > horizon:
            horizon = current + timedelta(days=days + 30)
            holidays, makeup = _calendar(current, horizon)
        if _is_working(current, holidays, makeup):
            counted += 1
    return current


def limit_end(start: date, limit) -> date:
    """The last day of a legal limit (a `LegalLimit`) counted from `start`, the start day not
    counted, in the limit's own unit: working days skip weekends and holidays."""
    if limit.unit == limit.Unit.WORKING_DAYS:
        return add_working_days(start, limit.value)
    return start + timedelta(days=limit.value)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    holidays, makeup = _calendar(start, end)
    total, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if _is_working(current, holidays, makeup):
            total += 1
    return total


class WorkingCalendar:
    """The calendar of a date range read once, for code that asks about many dates (a list of
    plan tasks) without a query per date."""

    def __init__(self, start: date, end: date):
        # A margin so that a deadline on the last day of a long break still finds its workday.
        self.start, self.end = start - timedelta(days=1), end + timedelta(days=30)
        self._holidays, self._makeup = _calendar(self.start, self.end)

    def is_working(self, day: date) -> bool:
        return _is_working(day, self._holidays, self._makeup)

    def on_or_after(self, day: date) -> date:
        """The day itself when it is a working day, else the next working day."""
        while not self.is_working(day):
            day += timedelta(days=1)
        return day

    def between(self, start: date, end: date) -> int:
        """As working_days_between, from the calendar already read."""
        if end < start:
            return -self.between(end, start)
        total, current = 0, start
        while current < end:
            current += timedelta(days=1)
            if self.is_working(current):
                total += 1
        return total
