"""The header's menu and the home page's top tasks, declared by each app in its
`navigation.py` (`MENU = [MenuEntry(...)]`, `TOP_TASKS = [TopTask(...)]`) and put in order by
position here, with `PAGE_LABELS = {url_name: label}` for the public pages of the site map
that are neither. An entry appears once its URL name resolves, so an app may declare the entries
of views it does not have yet. This module also declares the portal's own entries."""

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .discovery import declarations


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: str  # lazy gettext
    # Where it stands in the menu, in the order citizens look for things: lower comes first.
    position: int


@dataclass(frozen=True)
class TopTask:
    url_name: str
    label: str
    description: str
    position: int


@functools.cache
def menu() -> list[MenuEntry]:
    entries = [entry for _app, declared in declarations("navigation", "MENU") for entry in declared]
    return sorted(entries, key=lambda entry: entry.position)


@functools.cache
def top_tasks() -> list[TopTask]:
    tasks = [
        task for _app, declared in declarations("navigation", "TOP_TASKS") for task in declared
    ]
    return sorted(tasks, key=lambda task: task.position)


@dataclass(frozen=True)
class HomeSection:
    """A block of the home page that an app fills (`HOME_SECTIONS` in its navigation.py):
    `items()` returns a few `portal.results.ResultItem`; `more_url_name` links to the rest.
    The home page is cached in the site namespace, which every publication refreshes."""

    label: str  # lazy gettext
    items: Callable[[], list]
    more_url_name: str
    more_label: str  # lazy gettext
    position: int


def home_sections() -> list[HomeSection]:
    sections = [
        section
        for _app, declared in declarations("navigation", "HOME_SECTIONS")
        for section in declared
    ]
    return sorted(sections, key=lambda section: section.position)


def page_labels() -> dict:
    return {
        name: label
        for _app, declared in declarations("navigation", "PAGE_LABELS")
        for name, label in declared.items()
    }


MENU = [
    MenuEntry("portal:papi_scores", _("PAPI scores"), 90),
    MenuEntry("portal:search", _("Search"), 100),
]

TOP_TASKS = [
    TopTask(
        "portal:search",
        _("Search the portal"),
        _("Everything the department publishes, with or without diacritics."),
        90,
    ),
]

PAGE_LABELS = {
    "portal:home": _("Home"),
    "portal:accessibility": _("Accessibility statement"),
    "portal:privacy": _("Privacy notice"),
    "portal:site_map": _("Sitemap"),
    # In every page's footer: the header menu is the apps' (on a phone, ten entries would push
    # a page's content below the first screen).
    "portal:open_data": _("Open data"),
}
