import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from .models import DepartmentProfile

# The header's navigation, in the order citizens look for things: (URL name, label).
# An entry appears once its app provides the URL, so each area's issue only adds the view.
NAVIGATION = [
    ("transparency:document_list", _("Documents")),
    ("transparency:plan_list", _("Plans and planning")),
    ("transparency:dissemination", _("The law in plain words")),
    ("procedures:procedure_list", _("Procedures")),
    ("egov:consultation_list", _("Consultations")),
    ("accountability:reception_calendar", _("Citizen reception")),
    ("egov:news_list", _("News")),
    ("transparency:open_data", _("Open data")),
    ("portal:papi_scores", _("PAPI scores")),
    ("portal:search", _("Search")),
]

# The citizens' top tasks on the home page: (URL name, label, description).
TOP_TASKS = [
    (
        "transparency:document_list",
        _("Find a legal document"),
        _("Laws, decrees, circulars and the province's decisions on industry and trade."),
    ),
    (
        "procedures:procedure_list",
        _("Find an administrative procedure"),
        _("What to submit, how long it takes and what it costs."),
    ),
    (
        "procedures:dossier_lookup",
        _("Look up your dossier"),
        _("Check the status of an application with the code on your receipt."),
    ),
    (
        "egov:consultation_list",
        _("Comment on a draft regulation"),
        _("Drafts open for public comment, and how earlier comments were answered."),
    ),
    (
        "accountability:reception_calendar",
        _("See the citizen reception calendar"),
        _("When and where the department's leaders receive citizens."),
    ),
    (
        "procedures:feedback_create",
        _("Send feedback or a petition"),
        _("Report a problem with a procedure or a regulation and get a public answer."),
    ),
    (
        "services:outage_list",
        _("Planned power outages"),
        _("Where and when electricity will be cut for grid work."),
    ),
    (
        "anticorruption:tip_create",
        _("Report corruption safely"),
        _("An anonymous channel: no name, no IP address is kept."),
    ),
    (
        "portal:search",
        _("Search the portal"),
        _("Everything the department publishes, with or without diacritics."),
    ),
]


def _resolved(entries):
    """The entries whose URL exists, with that URL."""
    resolved = []
    for url_name, *labels in entries:
        url = resolved_url(url_name)
        if url is not None:
            resolved.append((url, *labels))
    return resolved


def resolved_url(url_name) -> str | None:
    """The URL of `url_name` in the active language, or None while its app has no view."""
    return _url(url_name, get_language(), get_script_prefix(), get_urlconf())


@functools.cache
def _url(url_name, language, script_prefix, urlconf) -> str | None:
    """reverse(), once per language, script prefix and URLconf: the layout asks on every page,
    and for the names whose app has no view yet reverse() raises, which costs more than the
    rest of the layout."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def top_tasks():
    return [
        {"url": url, "label": label, "description": description}
        for url, label, description in _resolved(TOP_TASKS)
    ]


def language_url(request, language: str) -> str:
    """This page in `language`, rebuilt from the view the URL resolved to, never from the path
    as sent: a path that resolved to nothing (a 404 for `//evil.example/`) links to the home
    page, so a language link can never point to another site."""
    match = request.resolver_match
    with override(language):
        if match is None:
            return reverse("portal:home")
        try:
            url = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return reverse("portal:home")
    query = request.GET.urlencode()
    return f"{url}?{query}" if query else url


def portal(request):
    """What every page's layout needs: the department, the navigation, the language switch,
    and the CSP nonce under the name that django-htmx's script tag reads."""
    current = get_language()
    languages = [
        {
            "code": code,
            "label": label,
            "url": request.get_full_path() if current == code else language_url(request, code),
            "current": current == code,
        }
        for code, label in settings.LANGUAGES
    ]
    return {
        "department": DepartmentProfile.current(),
        "navigation": _resolved(NAVIGATION),
        "languages": languages,
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
