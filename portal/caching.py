"""Whole-page caching for anonymous visitors, safe by construction.

A page is cached only when the visitor sends no session cookie and the response sets no
cookie, did not use a CSRF token, and is a plain 200. The cached copy therefore holds nothing
personal. The view itself still runs its cheap part first (see `cache_anonymous`'s `before`
hook), so counters work on cached pages. A cached copy carries the version of its namespace,
which the app bumps when its public content changes, so a publication or an unpublication
shows at once; the copy and the version are read in one round trip.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import get_language

CACHED_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Vary")

# Pages that show every app's content (the home page's latest items): bumped with any app's.
SITE_NAMESPACE = "site"
# The province's official PAPI scores (/chi-so-papi/): bumped by an import or a staff edit.
PAPI_NAMESPACE = "papi-scores"


def content_version(namespace: str) -> int:
    return cache.get_or_set(f"page-version:{namespace}", 1, None)


def bump_content_version(namespace: str) -> None:
    key = f"page-version:{namespace}"
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, None)


def bump_after_commit(*namespaces: str) -> None:
    """The namespaces' cached pages follow once the current transaction commits."""
    transaction.on_commit(lambda: [bump_content_version(n) for n in namespaces])


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "htmx", False)
    )


def _cacheable_response(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "CSRF_COOKIE" not in request.META
        and not response.has_header("Set-Cookie")
    )


def cache_anonymous(namespace: str, timeout: int = 300, before=None):
    """Caches a view's page for anonymous visitors. `before(request, *args, **kwargs)` runs on
    every request, cached or not (for example, to count a view)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                response = view(request, *args, **kwargs)
                if before is not None and response.status_code == 200:
                    before(request, *args, **kwargs)
                return response
            digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            version_key = f"page-version:{namespace}"
            key = f"page:{namespace}:{get_language()}:{digest}"
            # One round trip: the page and the namespace's version, which the page must carry.
            found = cache.get_many([version_key, key])
            version = found.get(version_key) or content_version(namespace)
            cached = found.get(key)
            if cached is not None and cached[0] == version:
                _version, content, headers = cached
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
            else:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                if _cacheable_response(request, response):
                    headers = {h: response[h] for h in CACHED_HEADERS if response.has_header(h)}
                    cache.set(key, (version, response.content, headers), timeout)
            if before is not None and response.status_code == 200:
                before(request, *args, **kwargs)
            return response

        return wrapper

    return decorator
