"""Writes of the PAPI plan: plan tasks and their progress updates, indicator targets and
snapshots, report jobs. Views, tasks and commands call these; nothing else writes."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.indicators import measure, registry
from portal.models import DepartmentProfile
from portal.outbox import enqueue
from portal.periods import Quarter

from . import reports
from .models import (
    IndicatorSnapshot,
    IndicatorTarget,
    PlanTask,
    ReportJob,
    TaskUpdate,
)
from .selectors import leadership_emails, quarters_up_to

# --- Plan tasks -------------------------------------------------------------------------------


TASK_EDITABLE_FIELDS = ["title", "description", "unit", "lead", "start_date", "deadline"]


@transaction.atomic
def plan_task_edit(*, task: PlanTask, user, **fields) -> PlanTask:
    """Changes a task's details; its status and progress change only through updates."""
    task = PlanTask.objects.select_for_update().get(pk=task.pk)
    for name, value in fields.items():
        if name not in TASK_EDITABLE_FIELDS:
            raise ValueError(f"{name} is not editable here")
        setattr(task, name, value)
    task._change_reason = _("Edited by %(user)s") % {"user": user}
    task.save()
    return task


@transaction.atomic
def task_update_add(
    *,
    task: PlanTask,
    user,
    on: date,
    status: str,
    progress: int,
    note: str,
    evidence_url: str = "",
    evidence_file=None,
) -> TaskUpdate:
    """Records a dated progress update; the task takes the status of its latest update."""
    task = PlanTask.objects.select_for_update().get(pk=task.pk)
    if status == PlanTask.Status.DONE:
        progress = 100
    update = TaskUpdate(
        task=task,
        on=on,
        status=status,
        progress=progress,
        note=note,
        evidence_url=evidence_url,
        created_by=user,
    )
    if evidence_file is not None:
        update.evidence_file.save(evidence_file.name, evidence_file, save=False)
    update.save()
    latest = task.updates.order_by("-on", "-created_at", "-pk").first()
    task.status, task.progress = latest.status, latest.progress
    task.completed_on = latest.on if latest.status == PlanTask.Status.DONE else None
    task.save(update_fields=["status", "progress", "completed_on"])
    return update


# --- Indicators -------------------------------------------------------------------------------


@transaction.atomic
def indicator_target_set(*, code: str, year: int, value: Decimal, user) -> IndicatorTarget:
    registry.get(code)  # only registered indicators have targets
    target, _created = IndicatorTarget.objects.update_or_create(
        code=code, year=year, defaults={"value": value, "set_by": user}
    )
    return target


def indicator_snapshots_compute(
    *,
    quarter: Quarter,
    trigger: str,
    codes: list[str] | None = None,
    user=None,
    reason: str = "",
    only_missing: bool = False,
) -> list[IndicatorSnapshot]:
    """Computes the indicators for a quarter and stores each value as a new current snapshot.

    With only_missing, indicators that already have a snapshot for the quarter are left alone
    (the report uses this, so that generating it never silently changes a published figure);
    otherwise this is an explicit recomputation, recorded as a new revision."""
    indicators = [i for i in registry.all() if codes is None or i.code in codes]
    existing = set(
        IndicatorSnapshot.objects.current()
        .filter(quarter=str(quarter))
        .values_list("code", flat=True)
    )
    created = []
    for indicator in indicators:
        if only_missing and indicator.code in existing:
            continue
        value, inputs = measure(indicator, quarter)
        with transaction.atomic():
            rows = list(
                IndicatorSnapshot.objects.select_for_update().filter(
                    quarter=str(quarter), code=indicator.code
                )
            )
            if only_missing and any(r.is_current for r in rows):
                continue  # another process computed it meanwhile
            last = max((r.revision for r in rows), default=0)
            IndicatorSnapshot.objects.filter(pk__in=[r.pk for r in rows if r.is_current]).update(
                is_current=False
            )
            created.append(
                IndicatorSnapshot.objects.create(
                    quarter=str(quarter),
                    code=indicator.code,
                    dimension=indicator.dimension,
                    value=value,
                    inputs=inputs,
                    revision=last + 1,
                    is_current=True,
                    trigger=trigger,
                    reason=reason,
                    computed_at=timezone.now(),
                    computed_by=user,
                )
            )
    return created


def report_snapshots_prepare(*, quarter: Quarter) -> None:
    """Computes the indicator values the report on `quarter` shows (its quarter and the ones
    its trend covers) where none was stored yet; stored values are never replaced here."""
    for period in quarters_up_to(quarter, reports.TREND_QUARTERS):
        indicator_snapshots_compute(
            quarter=period, trigger=IndicatorSnapshot.Trigger.REPORT, only_missing=True
        )


# --- Report jobs ------------------------------------------------------------------------------


def _enqueue(job_id: int) -> None:
    from .tasks import generate_report

    enqueue(generate_report, job_id)


def report_request(
    *, quarter: Quarter, user=None, trigger: str = ReportJob.Trigger.REQUEST
) -> ReportJob:
    """A new version of the quarter's report, queued once the transaction commits. A job for
    the quarter that is still queued or running is returned instead of starting another."""
    for _attempt in range(3):
        try:
            with transaction.atomic():
                pending = ReportJob.objects.unfinished().filter(quarter=str(quarter)).first()
                if pending is not None:
                    return pending
                last = ReportJob.objects.filter(quarter=str(quarter)).aggregate(
                    last=Max("version")
                )["last"]
                job = ReportJob.objects.create(
                    quarter=str(quarter),
                    version=(last or 0) + 1,
                    requested_by=user,
                    trigger=trigger,
                    heartbeat_at=timezone.now(),
                )
                _enqueue(job.pk)
                return job
        except IntegrityError:
            continue  # two requests took the same version number at once: count again
    raise RuntimeError("Could not allocate a report version")


def report_schedule_previous_quarter(*, today: date | None = None) -> ReportJob | None:
    """At the start of a quarter, the report on the one that ended (once per quarter)."""
    today = today or timezone.localdate()
    quarter = Quarter.containing(today).previous()
    if ReportJob.objects.filter(quarter=str(quarter), trigger=ReportJob.Trigger.SCHEDULED).exists():
        return None
    return report_request(quarter=quarter, trigger=ReportJob.Trigger.SCHEDULED)


class ClaimLost(Exception):
    """Another run took the job over (the reaper re-queued it): this run must stop writing."""


def report_job_claim(*, job_id: int) -> int | None:
    """Marks a queued job as running and returns this run's attempt number; None when the job
    is done, failed or already running elsewhere (so a redelivered message does nothing)."""
    now = timezone.now()
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ReportJob.Status.QUEUED:
            return None
        job.status = ReportJob.Status.RUNNING
        job.attempts += 1
        job.progress = 0
        job.heartbeat_at = now
        job.started_at = now
        job.finished_at = None
        job.save(
            update_fields=[
                "status",
                "attempts",
                "progress",
                "heartbeat_at",
                "started_at",
                "finished_at",
            ]
        )
        return job.attempts


def _own(job_id: int, attempt: int):
    return ReportJob.objects.filter(pk=job_id, attempts=attempt, status=ReportJob.Status.RUNNING)


def report_job_heartbeat(*, job_id: int, attempt: int, progress: int) -> None:
    updated = _own(job_id, attempt).update(
        progress=max(0, min(progress, 99)), heartbeat_at=timezone.now()
    )
    if not updated:
        raise ClaimLost(job_id)


def report_job_finish(*, job_id: int, attempt: int, pdf: bytes) -> bool:
    with transaction.atomic():
        job = _own(job_id, attempt).select_for_update().first()
        if job is None:
            return False
        job.file.save(job.filename, ContentFile(pdf), save=False)
        job.status = ReportJob.Status.DONE
        job.progress = 100
        job.error = ""
        job.finished_at = job.heartbeat_at = timezone.now()
        job.save()
        from .tasks import notify_report_ready

        enqueue(notify_report_ready, job_id)
    return True


def report_job_fail(*, job_id: int, attempt: int, error: str, final: bool) -> None:
    """Records an error; the job goes back to the queue for a retry unless this was the last."""
    _own(job_id, attempt).update(
        status=ReportJob.Status.FAILED if final else ReportJob.Status.QUEUED,
        error=error[:4000],
        finished_at=timezone.now() if final else None,
        heartbeat_at=timezone.now(),
    )


def report_job_run(*, job_id: int) -> bool:
    """Generates the PDF of a job if it is still queued. Returns whether this run finished it.
    Errors propagate (after the caller records them) so that Celery can retry."""
    attempt = report_job_claim(job_id=job_id)
    if attempt is None:
        return False
    job = ReportJob.objects.get(pk=job_id)
    quarter = Quarter.parse(job.quarter)

    def on_progress(percent: int) -> None:
        report_job_heartbeat(job_id=job_id, attempt=attempt, progress=percent)

    try:
        with translation.override(settings.LANGUAGE_CODE):
            report_snapshots_prepare(quarter=quarter)
            on_progress(2)
            pdf = reports.render_pdf(quarter, on_progress=on_progress)
    except ClaimLost:
        return False
    except Exception as exc:
        exc.report_attempt = attempt
        raise
    return report_job_finish(job_id=job_id, attempt=attempt, pdf=pdf)


def report_jobs_requeue_stale(*, now=None) -> list[int]:
    """Jobs whose worker stopped sending heartbeats (killed, machine lost) go back to the queue;
    after too many attempts they fail, so a report that always crashes its worker stops."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.PAPI_REPORT_HEARTBEAT_TIMEOUT)
    requeued = []
    with transaction.atomic():
        stale = ReportJob.objects.select_for_update(skip_locked=True).filter(
            Q(status=ReportJob.Status.RUNNING) | Q(status=ReportJob.Status.QUEUED),
            Q(heartbeat_at__lt=stale_before) | Q(heartbeat_at__isnull=True),
        )
        for job in stale:
            if job.attempts >= settings.PAPI_REPORT_MAX_ATTEMPTS:
                job.status = ReportJob.Status.FAILED
                job.error = _("The report was stopped after %(n)s attempts.") % {"n": job.attempts}
                job.finished_at = now
                job.save(update_fields=["status", "error", "finished_at"])
                continue
            job.status = ReportJob.Status.QUEUED
            job.heartbeat_at = now
            job.save(update_fields=["status", "heartbeat_at"])
            requeued.append(job.pk)
            _enqueue(job.pk)
    return requeued


def report_job_notify(*, job_id: int) -> bool:
    """E-mails leadership that the report is ready (once)."""
    with transaction.atomic():
        claimed = ReportJob.objects.filter(
            pk=job_id, status=ReportJob.Status.DONE, notified_at__isnull=True
        ).update(notified_at=timezone.now())
        if not claimed:
            return False
        job = ReportJob.objects.get(pk=job_id)
        recipients = leadership_emails()
        if not recipients:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            quarter = Quarter.parse(job.quarter)
            subject = _("PAPI progress report for %(quarter)s is ready") % {
                "quarter": quarter.label
            }
            body = _(
                "%(title)s of %(dept)s on the progress of the PAPI plan is ready. "
                "Sign in to download it:\n\n%(url)s\n"
            ) % {
                "title": job.title,
                "dept": DepartmentProfile.current().name,
                "url": settings.SITE_URL.rstrip("/") + job.get_absolute_url(),
            }
        send_mail(subject, body, None, recipients)
    return True
