"""Dates and holidays for the accountability tests."""

from datetime import date, timedelta

from django.utils import timezone

from portal.models import Holiday


def future_weekday(weekday: int, weeks_ahead: int = 3) -> date:
    """A day of the given weekday (0 is Monday) some weeks from today."""
    start = timezone.localdate() + timedelta(weeks=weeks_ahead)
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def make_holiday(day: date, name: str = "Ngày nghỉ lễ") -> Holiday:
    holiday, _ = Holiday.objects.get_or_create(
        date=day, defaults={"name": name, "kind": Holiday.Kind.HOLIDAY}
    )
    return holiday
