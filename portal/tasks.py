"""The portal's own Celery tasks: thin wrappers that take primary keys or plain values."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import actions, search
from .mail import message_from_dict, real_connection

logger = logging.getLogger(__name__)

REPORT_MAX_RETRIES = 3


@shared_task(
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


@shared_task(acks_late=True)
def requeue_stale_reports() -> list[int]:
    return actions.report_jobs_requeue_stale()


@shared_task(acks_late=True)
def generate_previous_quarter_report() -> int | None:
    job = actions.report_schedule_previous_quarter()
    return job.pk if job else None


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_report_ready(job_id: int) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        actions.report_job_notify(job_id=job_id)


# Errors worth another try: the mail server was down, busy or refused us for now (smtplib's
# errors and socket timeouts are all OSErrors). Refused recipients will not change by waiting.
MAIL_RETRY_ERRORS = (OSError,)
MAIL_PERMANENT_ERRORS = (smtplib.SMTPRecipientsRefused,)


@shared_task(
    name="portal.tasks.send_email",
    acks_late=True,
    autoretry_for=MAIL_RETRY_ERRORS,
    dont_autoretry_for=MAIL_PERMANENT_ERRORS,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=8,
)
def send_email(data: dict) -> int:
    """Sends one queued message (see portal.mail) with the real mail backend."""
    with real_connection(fail_silently=False) as connection:
        return connection.send_messages([message_from_dict(data)])


@shared_task
def rebuild_search_index(area: str | None = None) -> int:
    """Rebuilds the site search index (or one area's part of it); safe to run again."""
    return search.rebuild(area)


@shared_task
def send_outbox() -> int:
    """Sends the queued work that waited for the broker (portal.outbox)."""
    from .outbox import send_pending

    return send_pending()
