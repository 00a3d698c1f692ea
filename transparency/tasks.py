from celery import shared_task

from portal.publishing import publish_due_items


@shared_task
def extract_attachment_text(attachment_id: int) -> None:
    from .actions import attachment_extract_text

    attachment_extract_text(attachment_id=attachment_id)


@shared_task
def publish_scheduled() -> int:
    """Publishes the scheduled items of every app whose time has come."""
    return publish_due_items()


@shared_task
def flush_document_views() -> int:
    """Adds the document views counted in Redis to the database (every few minutes)."""
    from .actions import document_views_flush

    return document_views_flush()
