from celery import shared_task


@shared_task
def destroy_expired_reports() -> int:
    """Destroys the content of anonymous reports whose retention period has ended."""
    from .actions import destroy_expired

    return destroy_expired()
