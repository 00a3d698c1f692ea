from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from . import opendata, selectors
from . import search as site_search
from . import site_map as site_map_selectors
from .accounts import ENROLMENT_SESSION_KEY, mfa_enrolment_token_is_valid
from .caching import PAPI_NAMESPACE, SITE_NAMESPACE, cache_anonymous
from .celery import app as celery_app
from .charts import line_chart, year_axis
from .context_processors import top_tasks
from .decorators import staff_required
from .discovery import declarations
from .markdown import markdown_text
from .models import DepartmentProfile, OfficialScore
from .navigation import home_sections
from .roles import ROLE_LABELS
from .search.views import SearchForm, result_item

STAFF_AREA_TITLE = _("Staff area")


@cache_anonymous(SITE_NAMESPACE)
def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "top_tasks": top_tasks(),
            "search_form": SearchForm(),
            "sections": [
                {
                    "label": section.label,
                    "items": section.items(),
                    "more_url": reverse(section.more_url_name),
                    "more_label": section.more_label,
                }
                for section in home_sections()
            ],
            "latest": [
                result_item(entry, Truncator(markdown_text(entry.summary)).words(40))
                for entry in site_search.latest(limit=6)
            ],
        },
    )


def search(request):
    return site_search.search_view(request)


@cache_anonymous(PAPI_NAMESPACE)
def papi_scores(request):
    profile = DepartmentProfile.current(request)
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
        # The province's own rows and the national average: not every province's.
        .filter(
            Q(scope=OfficialScore.Scope.PROVINCE, province=province)
            | Q(scope=OfficialScore.Scope.NATIONAL_AVERAGE)
        )
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


def open_data(request):
    """Every app's datasets, each with its schema, its files and when they were written."""
    datasets = [
        (dataset, opendata.generated_at(dataset)) for dataset in opendata.registry.datasets()
    ]
    return render(request, "portal/open_data.html", {"datasets": datasets})


def open_data_file(request, name, file_format):
    return opendata.download(request, name, file_format)


def accessibility(request):
    return render(request, "portal/accessibility.html")


def privacy(request):
    return render(request, "portal/privacy.html")


def site_map(request):
    return render(request, "portal/site_map.html", site_map_selectors.site_map())


def dashboard_warnings(user) -> list[str]:
    """What each app asks this officer to act on: every app's `dashboard.py` may declare
    `WARNINGS = [callable(user) -> list of messages]`."""
    return [
        message
        for _app, checks in declarations("dashboard", "WARNINGS")
        for check in checks
        for message in check(user)
    ]


def dashboard_links(user) -> list[tuple[str, str]]:
    """(label, url) of the staff pages outside the admin that each app offers this officer:
    every app's `dashboard.py` may declare `LINKS = [callable(user) -> list of (label, url)]`."""
    return [
        link
        for _app, offers in declarations("dashboard", "LINKS")
        for offer in offers
        for link in offer(user)
    ]


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
            "warnings": dashboard_warnings(user),
            "app_links": dashboard_links(user),
        },
    )


@never_cache
def mfa_enrolment_required(request):
    """Where a signed-in account without TOTP is sent: it asks for the administrator's link."""
    return render(request, "account/mfa_enrolment_required.html", {"invalid_link": False})


@login_required
@never_cache
def mfa_enrolment_start(request, token):
    """The set-up link an administrator handed over: opens the TOTP set-up for this session."""
    if is_mfa_enabled(request.user, types=["totp"]):
        return redirect("portal:dashboard")
    if not mfa_enrolment_token_is_valid(request.user, token):
        return render(
            request, "account/mfa_enrolment_required.html", {"invalid_link": True}, status=400
        )
    request.session[ENROLMENT_SESSION_KEY] = request.user.pk
    return redirect("mfa_activate_totp")


def ratelimited(request, exception=None):
    """The 429 page of every rate limit: django-ratelimit's (RATELIMIT_VIEW) and allauth's
    (handler429)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(settings.RATELIMIT_RETRY_AFTER)
    return response


def permission_denied(request, exception):
    return render(request, "403.html", status=403)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without the request's context processors, which read the cache and the
    # database: the error may be either of them.
    return HttpResponse(render_to_string("500.html"), status=500)


@never_cache
def healthz(request):
    """Liveness: the process answers. Nothing else is checked, so that an outage of a service
    the portal can run without never gets healthy web containers restarted."""
    return JsonResponse({"status": "ok"})


@never_cache
def readiness(request):
    """JSON status of the database, the cache and the broker. Without the cache or the broker
    the portal still serves pages ("degraded", 200: slower pages, queued work kept in the
    outbox); without the database it cannot (503)."""
    checks = {"database": _check_database(), "cache": _check_cache(), "broker": _check_broker()}
    if checks["database"] != "ok":
        status, code = "error", 503
    elif all(value in {"ok", "eager"} for value in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


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
            return "error: unavailable"  # the cache degrades to misses (portal.cache)
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"error: {type(exc).__name__}"
    return "ok"
