"""Reads of the reception calendar."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from portal.selectors import legal_limit
from portal.workdays import WorkingCalendar

from .models import Booking, ReceptionSchedule, ReceptionSession

NOTICE_LIMIT = "reception-schedule-notice"


def schedule_notice():
    """The legal limit (with its citation) for publishing the head's reception schedule ahead
    (Law 42/2013, Art. 24), from the table of legal limits staff keep."""
    return legal_limit(NOTICE_LIMIT)


def schedule_notice_working_days() -> int:
    return schedule_notice().value


def public_schedules():
    return ReceptionSchedule.objects.filter(is_published=True)


def public_sessions():
    return (
        ReceptionSession.objects.public()
        .select_related("schedule")
        .annotate(booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)))
    )


# The list view shows this far ahead; the month view pages through the rest.
LIST_DAYS = 92


def upcoming_sessions(today: date | None = None):
    today = today or timezone.localdate()
    return public_sessions().filter(date__range=(today, today + timedelta(days=LIST_DAYS)))


def bookable_sessions(keep: int | None = None):
    """Sessions with a place left (and `keep`, the one the citizen chose, even if full, so that
    the form can say so), with their booked count, in one query."""
    today = timezone.localdate()
    sessions = (
        ReceptionSession.objects.bookable(today)
        .filter(date__lte=today + timedelta(days=LIST_DAYS))
        .select_related("schedule")
        .annotate(booked=Count("bookings", filter=Q(bookings__status=Booking.Status.BOOKED)))
    )
    return sessions.filter(Q(booked__lt=F("capacity")) | Q(pk=keep or 0))


def month_sessions(year: int, month: int):
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return public_sessions().filter(date__range=(first, last))


@dataclass
class Day:
    day: date | None
    sessions: list


def month_weeks(year: int, month: int, sessions) -> list[list[Day]]:
    """The month as weeks of seven days from Monday, each day with its sessions (None outside
    the month)."""
    by_day: dict[date, list] = {}
    for session in sessions:
        by_day.setdefault(session.date, []).append(session)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                Day(d if d.month == month else None, by_day.get(d, []) if d.month == month else [])
                for d in week
            ]
        )
    return weeks


def places_left(session) -> int:
    booked = getattr(session, "booked", None)
    if booked is None:
        booked = session.bookings.filter(status=Booking.Status.BOOKED).count()
    return max(session.capacity - booked, 0)


def latest_publication_day(session_date: date) -> date:
    """The last day on which a session on `session_date` may be published: the notice counts
    working days before the day, the day itself not counted."""
    needed = schedule_notice_working_days()
    cal = WorkingCalendar(session_date - timedelta(days=needed * 2 + 30), session_date)
    day, counted = session_date, 0
    while counted < needed:
        day -= timedelta(days=1)
        if cal.is_working(day):
            counted += 1
    return day


def next_month(today: date) -> tuple[int, int]:
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def director_notice_problems(today: date | None = None) -> list[dict]:
    """What the staff dashboard warns about: next month has no published Director reception,
    or its Director reception was (or will be) published later than the law's notice allows."""
    today = today or timezone.localdate()
    year, month = next_month(today)
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    sessions = list(
        ReceptionSession.objects.filter(
            schedule__kind=ReceptionSchedule.Kind.DIRECTOR,
            date__range=(first, last),
            status__in=ReceptionSession.OPEN,
        ).order_by("date")
    )
    published = [s for s in sessions if s.is_published and s.schedule.is_published]
    if not published:
        deadline = latest_publication_day(sessions[0].date) if sessions else None
        return [
            {
                "kind": "missing",
                "month": first,
                "deadline": deadline,
                "session": (sessions or [None])[0],
            }
        ]
    problems = []
    for session in published:
        deadline = latest_publication_day(session.date)
        if session.published_at and timezone.localdate(session.published_at) > deadline:
            problems.append(
                {"kind": "late", "month": first, "deadline": deadline, "session": session}
            )
    return problems


def bookings_due_reminder(today: date | None = None):
    """Bookings with an email whose session is on the next working day after today."""
    from portal.workdays import add_working_days

    today = today or timezone.localdate()
    tomorrow = add_working_days(today, 1)
    return Booking.objects.filter(
        status=Booking.Status.BOOKED,
        reminder_sent_at__isnull=True,
        session__date__gt=today,
        session__date__lte=tomorrow,
        session__status__in=ReceptionSession.OPEN,
    ).exclude(email="")


def months_with_director_reception(start: date, end: date) -> int:
    """Months between start and end with a Director's session held (not cancelled, not to come)."""
    end = min(end, timezone.localdate())
    days = ReceptionSession.objects.filter(
        schedule__kind=ReceptionSchedule.Kind.DIRECTOR,
        date__range=(start, end),
        status__in=ReceptionSession.OPEN,
    ).values_list("date", flat=True)
    return len({(day.year, day.month) for day in days})


def bookings_made(start: date, end: date) -> int:
    return Booking.objects.filter(created_at__date__range=(start, end)).count()


def visits_of_month(user, year: int, month: int):
    from .models import Visit

    return Visit.objects.of_units_of(user).in_month(year, month).select_related("unit")


def visits_received(start: date, end: date) -> int:
    from .models import Visit

    return Visit.objects.filter(visited_on__range=(start, end)).count()
