"""Property tests of the reception's working-day arithmetic over random dates, with the
holidays seeded from the official calendar (the portal's migrations load them)."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accountability import selectors
from accountability.actions import session_create
from portal.models import Holiday
from portal.workdays import WorkingCalendar, is_working_day, working_days_between
from tests.accountability.factories import ScheduleFactory

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_seeded_calendar_has_the_holidays_the_properties_run_over():
    assert Holiday.objects.filter(date__year=2026, kind=Holiday.Kind.HOLIDAY).count() >= 10


@SETTINGS
@given(day=DAYS)
def test_the_last_publication_day_is_a_working_day_exactly_the_notice_before(day):
    deadline = selectors.latest_publication_day(day)

    assert deadline < day
    assert is_working_day(deadline)
    # The deadline is the notice's first working day: the others lie strictly between.
    assert working_days_between(deadline, day) - (1 if is_working_day(day) else 0) == (
        selectors.schedule_notice_working_days() - 1
    )


@SETTINGS
@given(day=DAYS)
def test_a_session_is_never_held_on_a_weekend_or_holiday_and_never_before_its_plan(day):
    schedule = ScheduleFactory.build()
    schedule.save()

    session = session_create(schedule=schedule, planned_date=day)

    assert session.date >= day
    assert is_working_day(session.date)
    # Nothing in between was a working day: it moved to the first one.
    calendar = WorkingCalendar(day, session.date)
    assert not any(
        calendar.is_working(day + timedelta(days=n)) for n in range((session.date - day).days)
    )
