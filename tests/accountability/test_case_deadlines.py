"""Property tests of the cases' and explanations' legal clocks over random dates, with the
holidays the portal's migrations seed: working-day limits never end on a day off, calendar-day
limits ignore days off, and the longer periods and extensions add up as the law says. Every
number comes from the table of legal limits."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accountability import deadlines
from accountability.models import Case, ExplanationRequest
from portal.models import Holiday, LegalLimit
from portal.selectors import forget_legal_limit, legal_limit
from portal.workdays import WorkingCalendar, is_working_day, working_days_between

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _case(**fields) -> Case:
    values = {"kind": Case.Kind.COMPLAINT, "level": Case.Level.FIRST, "code": "KN-T"}
    if "received_on" not in fields:
        values["received_on"] = fields["accepted_on"] - timedelta(days=4)
    return Case(**(values | fields))


def _clock(case, key):
    return next(clock for clock in deadlines.case_clocks(case) if clock.key == key)


def test_the_seeded_holidays_cover_the_years_the_properties_run_over():
    for year in (2025, 2026, 2027):
        assert Holiday.objects.filter(date__year=year, kind=Holiday.Kind.HOLIDAY).count() >= 5


@SETTINGS
@given(day=DAYS, kind=st.sampled_from(Case.Kind.values), extended=st.booleans())
def test_an_acceptance_deadline_is_a_working_day_the_limit_of_working_days_later(
    day, kind, extended
):
    case = _case(kind=kind, received_on=day, acceptance_extended=extended)

    clock = _clock(case, "acceptance")

    (limit,) = clock.limits
    assert limit.unit == LegalLimit.Unit.WORKING_DAYS
    assert is_working_day(clock.due)
    assert working_days_between(day, clock.due) == limit.value
    if kind == Case.Kind.DENUNCIATION:
        expected = "denunciation-acceptance-extended" if extended else "denunciation-acceptance"
        assert limit.code == expected


@SETTINGS
@given(day=DAYS)
def test_the_working_day_count_from_a_calendar_read_once_agrees_with_the_database(day):
    calendar = WorkingCalendar(day, day + timedelta(days=60))
    limit = legal_limit("complaint-acceptance")

    assert deadlines.count(day, limit.value, limit.unit, calendar) == deadlines.count(
        day, limit.value, limit.unit
    )


@SETTINGS
@given(
    day=DAYS,
    level=st.sampled_from(Case.Level.values),
    complex_case=st.booleans(),
    remote=st.booleans(),
)
def test_a_complaint_is_resolved_within_calendar_days_the_longer_for_complex_or_remote(
    day, level, complex_case, remote
):
    case = _case(accepted_on=day, level=level, complex=complex_case, remote_area=remote)

    clock = _clock(case, "resolution")

    # Law 02/2011, Arts. 28 and 37: 30/45/60 days in first instance, 45/60/70 in second.
    expected = {
        ("first", 0): 30, ("first", 1): 45, ("first", 2): 60,
        ("second", 0): 45, ("second", 1): 60, ("second", 2): 70,
    }[(level, int(complex_case) + int(remote))]  # fmt: skip
    assert clock.due == day + timedelta(days=expected)  # holidays and weekends count


@SETTINGS
@given(day=DAYS, extensions=st.integers(min_value=0, max_value=5))
def test_a_denunciation_is_extended_at_most_twice_by_thirty_days(day, extensions):
    case = _case(kind=Case.Kind.DENUNCIATION, accepted_on=day, extensions=extensions)

    clock = _clock(case, "resolution")

    assert clock.due == day + timedelta(days=30 + 30 * min(extensions, 2))
    notify = _clock(case, "notify")
    assert is_working_day(notify.due)
    assert working_days_between(day, notify.due) == 5


@SETTINGS
@given(day=DAYS, answer_days=st.integers(min_value=0, max_value=40), extended=st.booleans())
def test_an_explanation_is_given_fifteen_days_after_acceptance_or_thirty_when_extended(
    day, answer_days, extended
):
    request = ExplanationRequest(
        received_on=day - timedelta(days=3),
        decided_on=day,
        status=ExplanationRequest.Status.EXPLAINED,
        extended=extended,
        explained_on=day + timedelta(days=answer_days),
    )

    acceptance, explanation = deadlines.explanation_clocks(request)

    assert is_working_day(acceptance.due)
    assert explanation.due == day + timedelta(days=30 if extended else 15)
    assert explanation.met == (answer_days <= (30 if extended else 15))


def test_a_denunciation_outside_competence_runs_only_the_forwarding_clock():
    monday = date(2026, 12, 7)
    case = _case(kind=Case.Kind.DENUNCIATION, received_on=monday, within_competence=False)

    (clock,) = deadlines.case_clocks(case)

    assert clock.key == "forward"
    assert clock.due == date(2026, 12, 14)  # five working days: Tue–Fri and Monday
    assert clock.limits[0].citation == "Khoản 2 Điều 24 Luật Tố cáo số 25/2018/QH14"


def test_staff_correct_a_limit_and_the_clocks_follow():
    day = date(2026, 12, 1)
    case = _case(accepted_on=day)
    assert _clock(case, "resolution").due == date(2026, 12, 31)

    LegalLimit.objects.filter(code="complaint-resolution-first").update(value=20)
    forget_legal_limit("complaint-resolution-first")

    assert _clock(case, "resolution").due == date(2026, 12, 21)
