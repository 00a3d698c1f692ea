"""Items of one app listed on another app's page, without either importing the other: a
document's page lists the procedures that rest on it.

An app declares in `<app>/related.py`:

    RELATED = {"transparency.document": procedures_citing}

where each function takes the object shown and the content version of its app's pages, and
returns a `RelatedGroup` (or None). The page's view passes `related_to(object, version)` to its
template, which draws each group.

The pages showing the links are cached by their app's namespace (portal.caching): when an
item of the declaring app is saved, published or unpublished, portal.publishing bumps the
namespaces of the apps whose pages show its links (`namespaces_showing`), so a document's
page lists a procedure as soon as the procedure is published. The same version keys the
tables a function reads its links from (`kept_table`): each process reads a table once per
change, not once per page.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.utils.translation import get_language

from .discovery import declarations


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class RelatedGroup:
    heading: str
    links: list[RelatedLink] = field(default_factory=list)


@cache
def providers() -> dict[str, list[Callable]]:
    table: dict[str, list[Callable]] = {}
    for _app, related in declarations("related", "RELATED"):
        for label, provider in related.items():
            table.setdefault(label, []).append(provider)
    return table


@cache
def _shown_on() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for app, related in declarations("related", "RELATED"):
        table.setdefault(app, set()).update(label.split(".")[0] for label in related)
    return {app: frozenset(labels) for app, labels in table.items()}


def namespaces_showing(app_label: str) -> frozenset[str]:
    """The page-cache namespaces (app labels) of the pages that show `app_label`'s links."""
    return _shown_on().get(app_label, frozenset())


def related_to(obj, version: int) -> list[RelatedGroup]:
    """The non-empty groups every app gives for `obj`; `version` is the content version of the
    pages of `obj`'s app (`portal.caching.content_version`)."""
    label = obj._meta.label_lower
    groups = [provider(obj, version) for provider in providers().get(label, ())]
    return [group for group in groups if group and group.links]


# Each process's tables: (name, language) -> (version, read at, table). Kept as they are, not
# in a cache that would unpickle the whole table on every page.
_tables: dict[tuple[str, str], tuple[int, float, dict]] = {}

# While the shared cache is down the version stays put: a table is read again after this long.
TABLE_LIFETIME = 60


def kept_table(name: str, version: int, read: Callable[[], dict]) -> dict:
    """The table `read()` returns, in the active language, kept by this process until `version`
    changes, and a minute at most."""
    key = (name, get_language())
    kept = _tables.get(key)
    if kept is None or kept[0] != version or time.monotonic() - kept[1] > TABLE_LIFETIME:
        kept = _tables[key] = (version, time.monotonic(), read())
    return kept[2]


def forget_tables() -> None:
    """Drops this process's tables: after the shared cache is cleared, as between tests, the
    versions start again from 1 and would name the old tables."""
    _tables.clear()
