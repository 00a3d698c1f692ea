"""Items of one app listed on another app's page, without either importing the other: a
document's page lists the procedures that rest on it.

An app declares in `<app>/related.py`:

    RELATED = {"transparency.document": procedures_citing}

where each function takes the object shown and returns a `RelatedGroup` (or None). The page's
template asks `{% related_items object as groups %}` (portal_tags) and draws each group.
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


def related_to(obj) -> list[RelatedGroup]:
    """The non-empty groups every app gives for `obj`."""
    label = obj._meta.label_lower
    groups = [provider(obj) for provider in providers().get(label, ())]
    return [group for group in groups if group and group.links]
