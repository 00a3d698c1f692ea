"""Reads of the reception calendar."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from portal.selectors import legal_limit
from portal.workdays import WorkingCalendar, add_working_days

from .deadlines import case_clocks, explanation_clocks
from .models import (
    Booking,
    Case,
    Dialogue,
    DialogueQuestion,
    ExplanationRequest,
    ReceptionSchedule,
    ReceptionSession,
    Recommendation,
    Visit,
)

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
        )
        .select_related("schedule")
        .order_by("date")
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
    return Visit.objects.of_units_of(user).in_month(year, month).select_related("unit")


def visits_received(start: date, end: date) -> int:
    return Visit.objects.filter(visited_on__range=(start, end)).count()


# --- Cases ---------------------------------------------------------------------------------------


def _share(hits: int, total: int) -> float | None:
    return None if total == 0 else round(100 * hits / total, 1)


def _clock_calendar(start: date, end: date) -> WorkingCalendar:
    return WorkingCalendar(start - timedelta(days=10), end + timedelta(days=120))


def cases_accepted_within_limit(start: date, end: date) -> float | None:
    """Share (%) of the cases whose acceptance clock ended in the period that ended on time
    (accepted, or refused with reasons, by the legal limit)."""
    calendar = _clock_calendar(start, end)
    done = []
    for case in Case.objects.filter(
        received_on__lte=end, received_on__gte=start - timedelta(days=60)
    ):
        for clock in case_clocks(case, calendar):
            finished = clock.done_on and start <= clock.done_on <= end
            if clock.key in ("acceptance", "forward") and finished:
                done.append(clock.met)
    return _share(sum(done), len(done))


def cases_resolved_within_limit(start: date, end: date) -> float | None:
    """Share (%) of the cases resolved in the period whose decision came within the limit."""
    calendar = _clock_calendar(start, end)
    met = []
    for case in Case.objects.filter(resolved_on__range=(start, end), accepted_on__isnull=False):
        for clock in case_clocks(case, calendar):
            if clock.key == "resolution" and clock.done_on:
                met.append(clock.met)
    return _share(sum(met), len(met))


def case_statistics(quarters) -> list[dict]:
    """The public statistics: for each quarter, complaints and denunciations received,
    accepted, resolved, forwarded, and the share resolved within the limit. Counts only:
    nothing about a person or a case."""
    rows = []
    for quarter in quarters:
        start, end = quarter.start, quarter.end
        period = (start, end)
        counts = {
            counted.pop("kind"): counted
            for counted in Case.objects.order_by()
            .values("kind")
            .annotate(
                received=Count("pk", filter=Q(received_on__range=period)),
                accepted=Count("pk", filter=Q(accepted_on__range=period)),
                forwarded=Count("pk", filter=Q(forwarded_on__range=period)),
                resolved=Count(
                    "pk", filter=Q(resolved_on__range=period, status=Case.Status.RESOLVED)
                ),
            )
        }
        none = {"received": 0, "accepted": 0, "forwarded": 0, "resolved": 0}
        row = {
            "quarter": quarter,
            "kinds": [
                {"kind": kind, "label": label, **counts.get(kind, none)}
                for kind, label in Case.Kind.choices
            ],
        }
        row["accepted_on_time"] = cases_accepted_within_limit(start, end)
        row["resolved_on_time"] = cases_resolved_within_limit(start, end)
        rows.append(row)
    return rows


def explanations_within_limit(start: date, end: date) -> float | None:
    """Share (%) of the explanations given in the period within the legal limit."""
    calendar = _clock_calendar(start - timedelta(days=60), end)
    met = []
    for request in ExplanationRequest.objects.filter(explained_on__range=(start, end)):
        for clock in explanation_clocks(request, calendar):
            if clock.key == "explanation" and clock.done_on:
                met.append(clock.met)
    return _share(sum(met), len(met))


def dialogues_held(start: date, end: date) -> int:
    return Dialogue.objects.public().filter(held_at__date__range=(start, end)).count()


def dialogue_questions_answered(start: date, end: date) -> float | None:
    """Share (%) of the approved questions of the period's dialogues that were answered."""
    questions = DialogueQuestion.objects.filter(
        dialogue__held_at__date__range=(start, end), status=DialogueQuestion.Status.APPROVED
    )
    total = questions.count()
    return _share(questions.exclude(answer="").count(), total)


def recommendations_on_time(start: date, end: date) -> float | None:
    """Share (%) of the recommendations due in the period that were implemented by their
    deadline."""
    due = Recommendation.objects.filter(due_on__range=(start, end))
    total = due.count()
    on_time = due.filter(
        status=Recommendation.Status.IMPLEMENTED, implemented_on__lte=F("due_on")
    ).count()
    return _share(on_time, total)


def public_dialogues():
    return Dialogue.objects.public().select_related("unit")


def overdue_recommendations(user, today: date | None = None):
    return (
        Recommendation.objects.of_units_of(user)
        .overdue(today)
        .select_related("conclusion", "follow_up_unit")
    )
