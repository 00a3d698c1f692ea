"""Celery tasks of the PAPI reports: thin wrappers that take primary keys.

They keep the names they had in `portal.tasks`, which the beat schedule and the work waiting
in the outbox (portal.outbox) refer to."""

import logging

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import actions

logger = logging.getLogger(__name__)

REPORT_MAX_RETRIES = 3


@shared_task(
    name="portal.tasks.generate_report",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=REPORT_MAX_RETRIES,
)
def generate_report(self, job_id: int) -> None:
    """Renders a report job's PDF. Idempotent: a job that is done, failed or held by another
    run is left alone, so a message delivered twice produces one report."""
    try:
        actions.report_job_run(job_id=job_id)
    except Exception as exc:
        attempt = getattr(exc, "report_attempt", None)
        final = self.request.retries >= self.max_retries
        logger.exception("Report job %s failed (retry %s)", job_id, self.request.retries)
        if attempt is not None:
            actions.report_job_fail(
                job_id=job_id, attempt=attempt, error=f"{type(exc).__name__}: {exc}", final=final
            )
        if final:
            return
        # Exponential backoff: 30 s, 60 s, 120 s.
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task(name="portal.tasks.requeue_stale_reports", acks_late=True)
def requeue_stale_reports() -> list[int]:
    return actions.report_jobs_requeue_stale()


@shared_task(name="portal.tasks.generate_previous_quarter_report", acks_late=True)
def generate_previous_quarter_report() -> int | None:
    job = actions.report_schedule_previous_quarter()
    return job.pk if job else None


@shared_task(
    name="portal.tasks.notify_report_ready",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_report_ready(job_id: int) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        actions.report_job_notify(job_id=job_id)
