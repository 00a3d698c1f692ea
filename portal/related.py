"""Items of one app listed on another app's page, without either importing the other: a
document's page lists the procedures that rest on it.

An app declares in `<app>/related.py`:

    RELATED = {"transparency.document": procedures_citing}

where each function takes the object shown and returns a `RelatedGroup` (or None). The page's
template asks `{% related_items object as groups %}` (portal_tags) and draws each group.

The pages showing the links are cached by their app's namespace (portal.caching): when an
item of the declaring app is saved, published or unpublished, portal.publishing bumps the
namespaces of the apps whose pages show its links (`namespaces_showing`), so a document's
page lists a procedure as soon as the procedure is published.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

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


def related_to(obj) -> list[RelatedGroup]:
    """The non-empty groups every app gives for `obj`."""
    label = obj._meta.label_lower
    groups = [provider(obj) for provider in providers().get(label, ())]
    return [group for group in groups if group and group.links]
