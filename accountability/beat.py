from celery.schedules import crontab

BEAT = {
    # Every hour of the working day, so that a booking made in the morning for tomorrow still
    # gets its reminder; each booking is reminded once.
    "accountability-booking-reminders": {
        "task": "accountability.tasks.send_booking_reminders",
        "schedule": crontab(minute=5, hour="7-17"),
    },
    # Cases' legal clocks: a reminder before each deadline, an alert once it passed (each once).
    "accountability-case-deadlines": {
        "task": "accountability.tasks.send_case_alerts",
        "schedule": crontab(minute=15, hour=7),
    },
    "accountability-erase-old-booking-data": {
        "task": "accountability.tasks.erase_old_booking_data",
        "schedule": crontab(minute=30, hour=2),
    },
}
