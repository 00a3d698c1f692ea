"""Every read of the services app."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, DurationField, Exists, F, Max, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from portal.selectors import legal_limit

from .legal_limits import POWER_OUTAGE_NOTICE
from .models import (
    GridProject,
    PlannedOutage,
    ProjectMilestone,
    ServiceFigure,
    SupplyProblem,
    Ward,
)

FINDER_DAYS = 14  # the finder's default range, from today
# The department's own service target for a supply problem, report to resolution (calendar
# days): a target, not a legal limit.
RESOLUTION_TARGET_DAYS = 7


def short_notice_limit():
    """The notice the power company must give before a planned outage (a legal limit)."""
    return legal_limit(POWER_OUTAGE_NOTICE)


def notice_days() -> int:
    return short_notice_limit().value


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def longest_outage(version: int) -> timedelta:
    """The longest outage on record, cached until the app's content changes (`version`:
    `content_version("services")`, bumped by every change of an outage)."""
    key = f"services:longest-outage:{version}"
    longest = cache.get(key)
    if longest is None:
        longest = PlannedOutage.objects.aggregate(
            longest=Max(F("ends_at") - F("starts_at"), output_field=DurationField())
        )["longest"] or timedelta(0)
        cache.set(key, longest, 3600)
    return longest


def outages_between(start: date, end: date, wards=None, *, longest: timedelta | None = None):
    """Outages that overlap the days start to end (inclusive), in order (`ward_names` holds
    their wards). `longest`, the longest outage's length, lets the start's index bound the
    search on both sides: an outage that began earlier than that before `start` has ended."""
    first = _day_start(start)
    outages = PlannedOutage.objects.filter(
        starts_at__lt=_day_start(end + timedelta(days=1)), ends_at__gt=first
    )
    if longest is not None:
        outages = outages.filter(starts_at__gte=first - longest)
    if wards is not None:
        # A subquery rather than a join: no DISTINCT over whole rows for an outage of two wards.
        links = PlannedOutage.wards.through.objects.filter(ward__in=wards)
        outages = outages.filter(pk__in=links.values("plannedoutage_id"))
    return outages.order_by("starts_at", "pk")


def outages_of_ward(ward: Ward, *, since: date | None = None):
    since = since or timezone.localdate() - timedelta(days=30)
    return (
        PlannedOutage.objects.filter(wards=ward, ends_at__gte=_day_start(since))
        .order_by("starts_at", "pk")
        .prefetch_related("wards")
    )


def short_notice_condition(days: int | None = None) -> Q:
    """An outage announced less than the required notice before it starts."""
    days = notice_days() if days is None else days
    return Q(starts_at__lt=F("announced_at") + timedelta(days=days))


def short_notice(queryset=None, days: int | None = None):
    """Outages announced less than the required notice before they start."""
    queryset = PlannedOutage.objects.all() if queryset is None else queryset
    return queryset.filter(short_notice_condition(days))


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


def public_projects():
    return GridProject.objects.public()


def project_list(*, ward: str = "", status="", year=None):
    """The public projects, filtered by a ward's slug, a status and a plan year, with only the
    columns the list shows (`project_ward_names` gives their wards)."""
    projects = public_projects().only("name", "slug", "summary", "year", "progress", "status")
    if ward:
        projects = projects.filter(wards__slug=ward)
    if status:
        projects = projects.filter(status=status)
    if year:
        projects = projects.filter(year=year)
    return projects


def project_ward_names(project_ids) -> dict[int, str]:
    """Each project's ward names in name order, joined, read in one query of name pairs."""
    links = (
        GridProject.wards.through.objects.filter(gridproject_id__in=project_ids)
        .order_by("ward__name")
        .values_list("gridproject_id", "ward__name")
    )
    names = defaultdict(list)
    for project, name in links:
        names[project].append(name)
    return {project: ", ".join(found) for project, found in names.items()}


def project_years() -> list[int]:
    return sorted(set(public_projects().order_by().values_list("year", flat=True)), reverse=True)


def project_wards():
    return Ward.objects.filter(Exists(public_projects().filter(wards=OuterRef("pk")))).order_by(
        "name"
    )


def project_filter_choices(version: int) -> tuple[list[tuple[str, str]], list[int]]:
    """The wards (slug, name) and the plan years the project list filters by, cached until the
    app's published content changes (`version`: `content_version("services")`)."""
    key = f"services:project-filter-choices:{version}"
    choices = cache.get(key)
    if choices is None:
        wards = list(project_wards().values_list("slug", "name"))
        choices = (wards, project_years())
        cache.set(key, choices, 3600)
    return choices


def feed_projects(limit: int = 30):
    return public_projects().order_by("-published_at")[:limit]


def projects_on_schedule(start: date, end: date) -> float | None:
    """Percent of the milestones due in the period (planned in it) that were reached by their
    planned date, over the published projects."""
    due = ProjectMilestone.objects.filter(
        project__in=public_projects(), planned_on__range=(start, min(end, timezone.localdate()))
    )
    total = due.count()
    if not total:
        return None
    kept = due.filter(actual_on__isnull=False, actual_on__lte=F("planned_on")).count()
    return round(100 * kept / total, 1)


def open_data_rows():
    site = settings.SITE_URL.rstrip("/")
    projects = public_projects().order_by("pk").prefetch_related("wards", "milestones")
    for project in projects.iterator(chunk_size=500):
        milestones = list(project.milestones.all())
        yield (
            project.pk,
            project.name,
            "; ".join(sorted(ward.name for ward in project.wards.all())),
            project.old_area_names,
            project.voltage,
            float(project.medium_voltage_km),
            float(project.low_voltage_km),
            project.substations,
            project.substation_kva,
            project.investor,
            int(project.budget_million_vnd),
            project.funding_source,
            project.year,
            project.status,
            project.progress,
            milestones[0].planned_on.isoformat() if milestones else None,
            milestones[-1].planned_on.isoformat() if milestones else None,
            (
                milestones[-1].actual_on.isoformat()
                if milestones and milestones[-1].actual_on
                else None
            ),
            timezone.localtime(project.updated_at).isoformat(),
            site + project.get_absolute_url(),
        )


def figure_series(*, since: date | None = None) -> dict[str, list[tuple[date, float]]]:
    """The province-wide figures of each kind, oldest first, in one query."""
    figures = ServiceFigure.objects.filter(ward__isnull=True)
    if since:
        figures = figures.filter(period_end__gte=since)
    series = {}
    for kind, day, value in figures.order_by("period_end").values_list(
        "kind", "period_end", "value"
    ):
        series.setdefault(kind, []).append((day, float(value)))
    return series


def figure_sources() -> dict[str, list[tuple[str, date]]]:
    """The sources of each kind's figures, newest first (each once per kind), in one query."""
    sources = {}
    for kind, source, day in ServiceFigure.objects.order_by("-source_date").values_list(
        "kind", "source", "source_date"
    ):
        found = sources.setdefault(kind, {})
        found.setdefault(source, day)
    return {kind: list(found.items()) for kind, found in sources.items()}


def latest_by_ward(kind: str) -> list[ServiceFigure]:
    """The latest figure of each ward for a kind."""
    latest = {}
    for figure in (
        ServiceFigure.objects.filter(kind=kind, ward__isnull=False)
        .select_related("ward")
        .order_by("period_end")
    ):
        latest[figure.ward_id] = figure
    return sorted(latest.values(), key=lambda f: f.ward.name)


def electrification_in(start: date, end: date) -> float | None:
    """The latest province-wide share of households with grid electricity in the period."""
    figure = (
        ServiceFigure.objects.filter(
            kind=ServiceFigure.Kind.ELECTRIFICATION,
            ward__isnull=True,
            period_end__range=(start, end),
        )
        .order_by("-period_end")
        .first()
    )
    return float(figure.value) if figure else None
