from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from . import search as site_search
from . import selectors
from .charts import line_chart, year_axis
from .context_processors import top_tasks
from .decorators import staff_required
from .models import DepartmentProfile, OfficialScore
from .roles import ROLE_LABELS

STAFF_AREA_TITLE = _("Staff area")


def home(request):
    return render(
        request,
        "portal/home.html",
        {"top_tasks": top_tasks(), "latest": site_search.latest(limit=6)},
    )


def search(request):
    return site_search.search_view(request)


def papi_scores(request):
    profile = DepartmentProfile.current()
    province = profile.papi_province or profile.province
    series = selectors.official_series(province)
    for one in series:
        one.chart = line_chart(
            [
                (province, one.points()),
                (_("Provinces' mean (computed)"), one.points("mean")),
            ],
            title=_("%(code)s. %(name)s: %(province)s and the mean of the rated provinces")
            % {"code": one.code, "name": one.name, "province": province},
            axis=one.axis,
            y_range=(8, 80) if one.code == "PAPI" else (1, 10),
            **PHONE_CHART,
        )
    latest_year = max((s.latest.year for s in series if s.latest), default=None)
    latest, latest_sources = [], []
    for one in series:
        row = next((y for y in one.years if y.year == latest_year), None)
        if row and row.score is not None:
            source = one.sources[row.note - 1]
            latest.append((one, row, selectors.cite(latest_sources, source)))
    return render(
        request,
        "portal/papi_scores.html",
        {
            "province": province,
            "series": series,
            "latest_year": latest_year,
            "latest": latest,
            "latest_sources": latest_sources,
            "before": _six_dimension_era(province),
        },
    )


# Public charts are drawn narrow so that, scaled to a phone's width, their labels stay readable.
PHONE_CHART = {"width": 420, "height": 300, "font_size": 16}


def _six_dimension_era(province):
    """The total on the 6–60 scale of 2011–2017, newest first, with its chart."""
    scores = list(
        OfficialScore.objects.filter(level=OfficialScore.Level.TOTAL, scale="6-60")
        .filter(scope__in=[OfficialScore.Scope.PROVINCE, OfficialScore.Scope.NATIONAL_AVERAGE])
        .order_by("-year")
    )
    own = {s.year: s for s in scores if s.scope == "province" and s.province == province}
    national = {s.year: s for s in scores if s.scope == "national_average"}
    if not own:
        return None
    axis = year_axis(*own, *national)
    series = [(province, sorted((year, s.score) for year, s in own.items()))]
    if national:
        series.append(
            (_("National average"), sorted((year, s.score) for year, s in national.items()))
        )
    return {
        "svg": line_chart(
            series,
            title=_("PAPI total score of %(province)s, scale %(scale)s")
            % {"province": province, "scale": "6-60"},
            axis=axis,
            y_range=(6, 60),
            **PHONE_CHART,
        ),
        "rows": [
            {"year": year, "own": own.get(year), "national": national.get(year)}
            for year in reversed(axis)
        ],
    }


def accessibility(request):
    return render(request, "portal/accessibility.html")


def privacy(request):
    return render(request, "portal/privacy.html")


@staff_required
def dashboard(request):
    """The officer's start page: who they are, what they may manage, their account settings."""
    user = request.user
    roles = [ROLE_LABELS.get(g.name, g.name) for g in user.groups.all()]
    if user.is_superuser:
        roles.insert(0, _("Superuser (every permission)"))
    return render(
        request,
        "portal/dashboard.html",
        {
            "roles": roles,
            "units": list(user.units.all()),
            # Only the admin sections this officer's permissions open, as the admin index shows.
            "app_list": admin.site.get_app_list(request),
        },
    )


def ratelimited(request, exception):
    return render(request, "429.html", status=429)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the error may be the database.
    return render(request, "500.html", status=500)


@never_cache
def healthz(request):
    """JSON status of the database, the cache and the broker: 200 when all answer, else 503."""
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    healthy = all(value in {"ok", "eager"} for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    return "ok"


def _check_cache() -> str:
    try:
        cache.set("healthz", "1", 10)
        if cache.get("healthz") != "1":
            return "error: value not kept"
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    return "ok"
