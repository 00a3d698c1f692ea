"""The registry of search sources: each app registers in `<app>/search.py` what the public may
find, and the index follows each registered model's deletions."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.signals import post_delete
from django.utils.module_loading import autodiscover_modules

from portal.models import SearchEntry


@dataclass(frozen=True)
class SearchDocument:
    """What a source says about one object."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    keywords: str = ""
    published_at: datetime | None = None
    kind: str = ""
    # The object's own reference, such as a document's number: a query that is this reference,
    # however a number is written (see `parse_number`), finds the object before the entries
    # that only mention it.
    identifier: str = ""


class SearchSource:
    """What one model contributes to the search. Subclass in `<app>/search.py` and register."""

    area: str
    label: str
    model: type[models.Model]

    def get_queryset(self):
        """ONLY the objects the public may see; the index never holds anything else."""
        raise NotImplementedError(f"{type(self).__name__} must define get_queryset()")

    def to_document(self, obj) -> SearchDocument:
        raise NotImplementedError(f"{type(self).__name__} must define to_document()")


class SearchRegistry:
    def __init__(self):
        self._sources: dict[str, SearchSource] = {}

    def register(self, source: SearchSource) -> SearchSource:
        for attribute in ("area", "label", "model"):
            if not getattr(source, attribute, None):
                raise ImproperlyConfigured(f"{type(source).__name__} needs `{attribute}`.")
        key = source.model._meta.label_lower
        if key in self._sources:
            raise ImproperlyConfigured(f"A search source is already registered for {key}.")
        self._sources[key] = source
        # A deleted object must not stay findable, whoever deleted it.
        post_delete.connect(_remove_deleted, sender=source.model, dispatch_uid=f"search:{key}")
        return source

    def unregister(self, model: type[models.Model]) -> None:
        key = model._meta.label_lower
        if self._sources.pop(key, None) is not None:
            post_delete.disconnect(sender=model, dispatch_uid=f"search:{key}")

    def for_model(self, model: type[models.Model]) -> SearchSource | None:
        return self._sources.get(model._meta.concrete_model._meta.label_lower)

    def sources(self, area: str | None = None) -> list[SearchSource]:
        return [s for s in self._sources.values() if area is None or s.area == area]

    def areas(self) -> list[tuple[str, str]]:
        """(area, label) in registration order; the first source of an area names it."""
        areas: dict[str, str] = {}
        for source in self._sources.values():
            areas.setdefault(source.area, source.label)
        return list(areas.items())

    def area_label(self, area: str) -> str:
        return dict(self.areas()).get(area, area)


registry = SearchRegistry()


def register(source: SearchSource) -> SearchSource:
    return registry.register(source)


def unregister(model: type[models.Model]) -> None:
    registry.unregister(model)


@contextmanager
def registered(source: SearchSource) -> Iterator[SearchSource]:
    """Registers a source for the duration of a block (for tests)."""
    register(source)
    try:
        yield source
    finally:
        unregister(source.model)


def autodiscover() -> None:
    autodiscover_modules("search", register_to=None)


def remove_object(obj) -> None:
    SearchEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).delete()


def _remove_deleted(sender, instance, **kwargs):
    if instance.pk is not None:
        remove_object(instance)
