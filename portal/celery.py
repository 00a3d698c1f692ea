"""The Celery app. Its configuration is read from Django's settings (the CELERY_ names)."""

import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def send_waiting_work(sender, **kwargs):
    """A worker that starts (typically after a broker outage) first sends what waited."""
    sender.app.send_task("portal.tasks.send_outbox")
