from celery import shared_task


@shared_task
def send_booking_reminders() -> int:
    """Mails the reminder of each booking whose session is on the next working day."""
    from .actions import reminders_send

    return reminders_send()
