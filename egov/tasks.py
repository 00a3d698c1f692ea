"""Celery tasks of the e-governance app: thin wrappers that take primary keys."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import actions


@shared_task(name="egov.tasks.generate_synthesis", acks_late=True, reject_on_worker_lost=True)
def generate_synthesis(report_id: int) -> None:
    """Renders a synthesis report. Idempotent: a report already done or failed is left alone."""
    with translation.override(settings.LANGUAGE_CODE):
        actions.synthesis_run(report_id=report_id)
