from celery import shared_task


@shared_task
def extract_attachment_text(attachment_id: int) -> None:
    from .actions import attachment_extract_text

    attachment_extract_text(attachment_id=attachment_id)


@shared_task
def publish_scheduled() -> int:
    from .actions import publish_due_items

    return publish_due_items()
