from celery import shared_task


@shared_task
def send_booking_reminders() -> int:
    """Mails the reminder of each booking whose session is on the next working day."""
    from .actions import reminders_send

    return reminders_send()


@shared_task
def erase_old_booking_data() -> int:
    """Keeps the booking form's promise: contact details are kept one year after the session."""
    from .actions import bookings_erase_personal_data

    return bookings_erase_personal_data()


@shared_task
def send_case_alerts() -> int:
    """Mails the reminders and alerts of the cases' legal clocks."""
    from .actions import case_alerts_send

    return case_alerts_send()
