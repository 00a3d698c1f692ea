import functools

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

from . import navigation
from .models import DepartmentProfile


def menu():
    """(url, label) of the menu entries whose URL exists."""
    return [
        (url, entry.label)
        for entry in navigation.menu()
        if (url := resolved_url(entry.url_name)) is not None
    ]


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
        {"url": url, "label": task.label, "description": task.description}
        for task in navigation.top_tasks()
        if (url := resolved_url(task.url_name)) is not None
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
        "department": DepartmentProfile.current(request),
        "navigation": menu(),
        "languages": languages,
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
