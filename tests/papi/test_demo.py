"""The demo's PAPI plan is dated relative to the day it is loaded: the report a leader opens
first (the last quarter) and the current quarter's are full, whatever the day."""

from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.papi import reports
from portal.papi.models import PlanTask, TaskUpdate
from portal.papi.selectors import report_quarter_choices
from portal.periods import Quarter

pytestmark = pytest.mark.django_db


def freeze_today(monkeypatch, day: date) -> None:
    moment = timezone.make_aware(datetime.combine(day, time(10, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: day)


@pytest.mark.parametrize(
    "today", [date(2027, 2, 10), date(2026, 8, 20), date(2028, 11, 30), date(2029, 4, 3)]
)
def test_the_current_and_the_last_quarter_report_have_tasks_updates_and_values(monkeypatch, today):
    freeze_today(monkeypatch, today)
    call_command("seed_demo", stdout=StringIO())

    current = Quarter.containing(today)
    default = report_quarter_choices(today)[1]  # what the report form offers first
    assert default == current.previous()
    for quarter in (current, default):
        context = reports.build_context(quarter, today=today)
        assert context["plan"] is not None and context["plan"].year == quarter.year
        states = [s for section in context["sections"] for s in section["states"]]
        assert context["summary"]["total"] == len(states) > 20
        updated = [s for s in states if s.last_update is not None]
        assert len(updated) >= 5, quarter
        assert all(s.last_update.on <= min(quarter.end, today) for s in updated)
        assert context["summary"]["done"] > 0
        values = [
            row["value"]
            for section in context["sections"]
            for row in section["indicators"]
            if row["value"] is not None
        ]
        assert any(value > 0 for value in values), quarter

    # Nothing recorded as happened after today.
    assert not TaskUpdate.objects.filter(on__gt=today).exists()
    assert not PlanTask.objects.filter(completed_on__gt=today).exists()
    # The current quarter has its own progress, not only last year's.
    assert TaskUpdate.objects.filter(on__range=(current.start - timedelta(days=45), today)).exists()


def test_loading_again_on_a_later_day_moves_the_plan_to_that_day(monkeypatch):
    freeze_today(monkeypatch, date(2026, 8, 20))
    call_command("seed_demo", stdout=StringIO())
    freeze_today(monkeypatch, date(2027, 9, 1))
    call_command("seed_demo", stdout=StringIO())

    assert TaskUpdate.objects.filter(task__plan__year=2027).exists()
    assert TaskUpdate.objects.filter(task__plan__year=2027, on__gte=date(2027, 7, 1)).exists()
    # Each task's updates are replayed, not added a second time.
    task = PlanTask.objects.get(plan__year=2026, order=1)
    assert task.updates.count() == 2


def test_the_plan_dashboard_opens_on_this_years_plan_with_progress(client, monkeypatch):
    from django.urls import reverse

    from tests.helpers import make_staff

    freeze_today(monkeypatch, date(2027, 3, 2))
    call_command("seed_demo", stdout=StringIO())
    client.force_login(make_staff("leadership"))

    response = client.get(reverse("papi:plan_overview"))

    assert "Kế hoạch nâng cao Chỉ số PAPI năm 2027" in response.content.decode()
    overview = response.context["overview"]
    in_progress_or_done = sum(sum(row["counts"][1:]) for row in overview)
    assert response.context["total"] > 20 and in_progress_or_done >= 5
