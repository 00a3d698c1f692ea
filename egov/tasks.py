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


@shared_task(name="egov.tasks.check_site_quality", acks_late=True, reject_on_worker_lost=True)
def check_site_quality(run_id: int | None = None) -> int:
    """The website quality check (egov.quality). The schedule starts one without a run, a
    staff request with the run it created; returns the run's id."""
    from .models import QualityRun
    from .quality import run_check

    if run_id is None:
        run_id = QualityRun.objects.create().pk
    run_check(run_id=run_id)
    return run_id
