"""Every read of the services app."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from portal.selectors import legal_limit

from .models import PlannedOutage, SupplyProblem, Ward

OUTAGE_NOTICE = "power-outage-notice"
FINDER_DAYS = 14  # the finder's default range, from today
# The department's own service target for a supply problem, report to resolution (calendar
# days): a target, not a legal limit.
RESOLUTION_TARGET_DAYS = 7


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


def problem_by_code(code: str):
    return SupplyProblem.objects.select_related("ward").filter(code=code).first() if code else None


def problem_counts_by_ward_and_month(months: int = 12) -> list[dict]:
    """Reports received by month and ward over the last months, with how many were resolved:
    the public aggregates (no personal data)."""
    today = timezone.localdate()
    first = (today.replace(day=1) - timedelta(days=31 * (months - 1))).replace(day=1)
    rows = (
        SupplyProblem.objects.filter(created_at__gte=_day_start(first))
        .annotate(month=TruncMonth("created_at"))
        .values("month", "ward__name")
        .annotate(
            reported=Count("pk"),
            resolved=Count("pk", filter=Q(status=SupplyProblem.Status.RESOLVED)),
        )
        .order_by("-month", "ward__name")
    )
    return list(rows)


def problems_resolved_within(start: date, end: date, days: int = RESOLUTION_TARGET_DAYS):
    """Percent of the problems resolved in the period that were resolved within the target
    number of days after the report."""
    resolved = SupplyProblem.objects.filter(resolved_on__range=(start, end))
    total = resolved.count()
    if not total:
        return None
    quick = sum(
        1
        for created, resolved_on in resolved.values_list("created_at", "resolved_on")
        if (resolved_on - timezone.localtime(created).date()).days <= days
    )
    return round(100 * quick / total, 1)
