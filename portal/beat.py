"""The Celery beat schedule, declared by each app in its `beat.py` as `BEAT = {name: entry}`
(Celery's entries) and collected into CELERY_BEAT_SCHEDULE when Django starts. This module
also declares the portal's own entries."""

from celery.schedules import crontab
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .discovery import declarations


def schedule() -> dict:
    """Every app's BEAT entries together; a name may be declared once."""
    entries = {}
    for app_label, declared in declarations("beat", "BEAT"):
        for name, entry in declared.items():
            if name in entries:
                raise ImproperlyConfigured(f"{app_label}/beat.py repeats the beat entry {name}.")
            entries[name] = entry
    return entries


def collect() -> None:
    settings.CELERY_BEAT_SCHEDULE.update(schedule())


BEAT = {
    # At the start of each quarter: the report on the quarter that just ended.
    "papi-report-previous-quarter": {
        "task": "portal.tasks.generate_previous_quarter_report",
        "schedule": crontab(minute=0, hour=6, day_of_month=1, month_of_year="1,4,7,10"),
    },
    # Open data files written again every night (and after each publication, see opendata).
    "portal-open-data-nightly": {
        "task": "portal.tasks.generate_all_open_data",
        "schedule": crontab(minute=30, hour=2),
    },
    # Work queued while the broker was down (portal.outbox).
    "portal-send-outbox": {"task": "portal.tasks.send_outbox", "schedule": 60.0},
    # Report jobs whose worker died (no heartbeat) go back to the queue.
    "papi-report-requeue-stale": {"task": "portal.tasks.requeue_stale_reports", "schedule": 60.0},
}
