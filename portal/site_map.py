"""The site map for people (/so-do-trang/): every public section of the main menu with its
pages, read from the URLconf, so that a page added to an app appears without a list to keep.

A public page is a URL pattern without parameters under `i18n_patterns`, outside the staff
and account paths; its label is its menu label or its entry in `PAGE_LABELS` of its app's
`navigation.py`."""

from django.urls import LocalePrefixPattern, URLResolver, get_resolver

from . import navigation
from .context_processors import resolved_url

# Staff and account pages are not for the public (the design's stable paths).
STAFF_PREFIXES = ("quan-tri/", "bao-cao/", "tai-khoan/")


def _walk(patterns, route="", namespaces=(), localized=False):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            is_locale = isinstance(pattern.pattern, LocalePrefixPattern)
            yield from _walk(
                pattern.url_patterns,
                route if is_locale else route + str(pattern.pattern),
                (*namespaces, pattern.namespace) if pattern.namespace else namespaces,
                localized or is_locale,
            )
        elif localized and pattern.name and not pattern.pattern.regex.groups:
            yield ":".join((*namespaces, pattern.name)), route + str(pattern.pattern)


def public_pages() -> list[str]:
    """The URL names of the public pages, in the URLconf's order."""
    return [
        name
        for name, route in _walk(get_resolver().url_patterns)
        if not route.startswith(STAFF_PREFIXES)
    ]


def labels() -> dict:
    return {
        **{task.url_name: task.label for task in navigation.top_tasks()},
        **navigation.page_labels(),
        **{entry.url_name: entry.label for entry in navigation.menu()},
    }


def site_map() -> dict:
    """{"sections": [{"url", "label", "pages": [{"url", "label"}]}], "other": [pages]}: each
    page goes under the menu section whose path starts its own; the rest is "other"."""
    known = labels()
    sections = []
    for entry in navigation.menu():
        url = resolved_url(entry.url_name)
        if url is not None:
            sections.append({"name": entry.url_name, "url": url, "label": entry.label, "pages": []})
    other = []
    for name in public_pages():
        if name == "portal:site_map" or any(section["name"] == name for section in sections):
            continue
        url = resolved_url(name)
        page = {"url": url, "label": known.get(name, url)}
        section = max(
            (s for s in sections if url.startswith(s["url"])),
            key=lambda s: len(s["url"]),
            default=None,
        )
        (section["pages"] if section else other).append(page)
    return {"sections": sections, "other": other}
