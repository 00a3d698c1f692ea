"""Celery tasks of the portal app: thin wrappers that take primary keys or plain values."""

from celery import shared_task

from . import search


@shared_task
def rebuild_search_index(area: str | None = None) -> int:
    """Rebuilds the site search index (or one area's part of it); safe to run again."""
    return search.rebuild(area)
