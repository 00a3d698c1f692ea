"""The appointment date: the procedure's processing time in working days after the day of
receipt (a dossier that arrives on a day off counts from the next working day), with the
seeded holidays, including a dossier received on the Friday afternoon before Tết."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal import workdays
from portal.models import Holiday
from procedures import actions

pytestmark = pytest.mark.django_db

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: date, hour: int = 15, minute: int = 30) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ZONE)


def test_the_holidays_are_seeded():
    # Tết 2024: Thursday 8 to Wednesday 14 February, from the reference data.
    assert Holiday.objects.filter(date__range=(date(2024, 2, 8), date(2024, 2, 14))).count() == 7


def test_a_dossier_received_on_the_friday_afternoon_before_tet():
    # Friday 2 February 2024, 16:45; five working days: 5, 6, 7 February, then Tết until the
    # 14th, then Thursday 15 and Friday 16.
    assert actions.due_date_for(_at(date(2024, 2, 2), 16, 45), 5) == date(2024, 2, 16)
    # On the Friday just before Tết 2025 (24 January; Tết 27 January – 31 January).
    assert actions.due_date_for(_at(date(2025, 1, 24), 16, 45), 1) == date(2025, 2, 3)


def test_a_dossier_sent_online_on_a_sunday_counts_from_monday():
    assert actions.due_date_for(_at(date(2024, 3, 10), 22), 1) == date(2024, 3, 12)
    assert actions.due_date_for(_at(date(2024, 3, 11), 9), 1) == date(2024, 3, 12)


@settings(max_examples=80, deadline=None)
@given(
    day=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 20)),
    hour=st.integers(min_value=0, max_value=23),
    days=st.integers(min_value=0, max_value=30),
)
def test_the_appointment_is_the_processing_time_in_working_days(day, hour, days):
    received = _at(day, hour, 0)
    due = actions.due_date_for(received, days)
    start = actions.counting_start(received)
    # The counting starts on the day of receipt when it is a working day, else the next one.
    assert workdays.is_working_day(start)
    assert day <= start <= day + timedelta(days=14)
    assert all(not workdays.is_working_day(day + timedelta(n)) for n in range((start - day).days))
    # Exactly `days` working days later, never on a day off (unless no time at all).
    assert workdays.working_days_between(start, due) == days
    if days:
        assert workdays.is_working_day(due)
        assert due > day
    # One more day of processing never gives an earlier appointment.
    assert actions.due_date_for(received, days + 1) > due
