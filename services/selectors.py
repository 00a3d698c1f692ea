"""Every read of the services app."""

from datetime import date, datetime, time, timedelta

from django.db.models import F, Prefetch
from django.utils import timezone

from portal.selectors import legal_limit

from .models import PlannedOutage, Ward

OUTAGE_NOTICE = "power-outage-notice"
FINDER_DAYS = 14  # the finder's default range, from today


def wards():
    return Ward.objects.order_by("name")


def short_notice_limit():
    """The notice the power company must give before a planned outage (a legal limit)."""
    return legal_limit(OUTAGE_NOTICE)


def notice_days() -> int:
    return short_notice_limit().value


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def outages_between(start: date, end: date, wards=None):
    """Outages that overlap the days start to end (inclusive), with their wards, in order."""
    outages = PlannedOutage.objects.filter(
        starts_at__lt=_day_start(end + timedelta(days=1)), ends_at__gt=_day_start(start)
    )
    if wards is not None:
        outages = outages.filter(wards__in=wards).distinct()
    return outages.prefetch_related(Prefetch("wards", queryset=Ward.objects.order_by("name")))


def outages_of_ward(ward: Ward, *, since: date | None = None):
    since = since or timezone.localdate() - timedelta(days=30)
    return (
        PlannedOutage.objects.filter(wards=ward, ends_at__gte=_day_start(since))
        .order_by("starts_at", "pk")
        .prefetch_related("wards")
    )


def short_notice(queryset=None, days: int | None = None):
    """Outages announced less than the required notice before they start."""
    days = notice_days() if days is None else days
    queryset = PlannedOutage.objects.all() if queryset is None else queryset
    return queryset.filter(starts_at__lt=F("announced_at") + timedelta(days=days))


def outages_with_notice_share(start: date, end: date) -> float | None:
    """Percent of the outages starting in the period that were announced with the notice."""
    outages = PlannedOutage.objects.filter(
        starts_at__gte=_day_start(start), starts_at__lt=_day_start(end + timedelta(days=1))
    ).exclude(is_cancelled=True)
    total = outages.count()
    if not total:
        return None
    late = short_notice(outages).count()
    return round(100 * (total - late) / total, 1)
