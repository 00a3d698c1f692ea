"""The PAPI plan tracker and the quarterly report: the department's yearly plan, its tasks
and their progress updates, the indicator targets and quarterly snapshots, the report jobs.

The tables keep the names they had when these models belonged to the portal app."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Dimension, JobStatus, Unit, private_storage
from portal.periods import Quarter
from portal.roles import sees_all_units, units_of


class PlanArea(models.TextChoices):
    """The six lines of work of the plan; each is one app of the portal."""

    TRANSPARENCY = "transparency", _("Openness and transparency")
    ACCOUNTABILITY = "accountability", _("Accountability to citizens")
    ANTICORRUPTION = "anticorruption", _("Control of corruption")
    PROCEDURES = "procedures", _("Administrative procedures")
    SERVICES = "services", _("Public service delivery")
    EGOV = "egov", _("E-governance")


class ActionPlan(models.Model):
    """The department's yearly plan to raise the PAPI score (kế hoạch nâng cao Chỉ số PAPI)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(
        _("number"), max_length=50, blank=True, help_text=_("For example 125/KH-SCT.")
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    summary = models.TextField(_("objectives"), blank=True)
    history = HistoricalRecords(table_name="portal_historicalactionplan")

    class Meta:
        db_table = "portal_actionplan"
        ordering = ["-year"]
        verbose_name = _("PAPI action plan")
        verbose_name_plural = _("PAPI action plans")

    def __str__(self):
        return self.title


def sees_every_task(user) -> bool:
    """Leadership and those who change the plan see every unit's tasks."""
    return sees_all_units(user) or user.has_perm("papi.change_plantask")


class PlanTaskQuerySet(models.QuerySet):
    def of_units_of(self, user):
        """The tasks a user may see, with their updates and evidence: those of the user's units
        or led by the user; every task for leadership and for those who change the plan. Every
        view of tasks goes through it, so an officer never reads another unit's work."""
        if sees_every_task(user):
            return self
        return self.filter(models.Q(unit__in=units_of(user)) | models.Q(lead=user)).distinct()

    def editable_by(self, user):
        """Tasks the user may report progress on: their unit's, their own, or all with the
        change permission."""
        if user.has_perm("papi.change_plantask"):
            return self
        return self.filter(models.Q(unit__members=user) | models.Q(lead=user)).distinct()


class PlanTask(models.Model):
    """One task of the plan (nhiệm vụ), under one PAPI dimension and one plan area."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("plan")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("dimension")
    )
    area = models.CharField(_("plan area"), max_length=20, choices=PlanArea.choices)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="plan_tasks",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="led_plan_tasks",
        verbose_name=_("lead"),
        null=True,
        blank=True,
    )
    start_date = models.DateField(_("start date"))
    deadline = models.DateField(_("deadline"))
    # Status and progress are those of the latest progress update (actions keep them in step).
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    history = HistoricalRecords(table_name="portal_historicalplantask")

    objects = PlanTaskQuerySet.as_manager()

    class Meta:
        db_table = "portal_plantask"
        ordering = ["plan", "dimension__order", "order", "pk"]
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        indexes = [models.Index(fields=["plan", "status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="plan_task_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=models.Q(deadline__gte=models.F("start_date")),
                name="plan_task_deadline_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("papi:plan_task_detail", args=[self.pk])


class TaskUpdate(models.Model):
    """A dated progress report on a task, with its evidence: a link to a published record of
    the portal, or an uploaded file."""

    task = models.ForeignKey(
        PlanTask, on_delete=models.CASCADE, related_name="updates", verbose_name=_("task")
    )
    on = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=PlanTask.Status.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("what was done"))
    evidence_url = models.CharField(
        _("evidence link"),
        max_length=500,
        blank=True,
        help_text=_("The address of a published page of this portal, for example /van-ban/…"),
    )
    evidence_file = models.FileField(
        _("evidence file"), upload_to="evidence/%Y/", storage=private_storage, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        db_table = "portal_taskupdate"
        ordering = ["-on", "-created_at"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="task_update_progress_at_most_100"
            )
        ]

    def __str__(self):
        return f"{self.on:%d/%m/%Y} {self.task}"


class IndicatorTarget(models.Model):
    """The yearly target of one indicator, set by staff (otherwise the indicator's default)."""

    code = models.CharField(_("indicator code"), max_length=30)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("set by"),
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)
    history = HistoricalRecords(table_name="portal_historicalindicatortarget")

    class Meta:
        db_table = "portal_indicatortarget"
        ordering = ["year", "code"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(fields=["code", "year"], name="unique_indicator_target")
        ]

    def __str__(self):
        return f"{self.code} {self.year}: {self.value}"


class IndicatorSnapshotQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)


class IndicatorSnapshot(models.Model):
    """One computation of one indicator for one quarter. Every computation is kept; the newest
    is the current one, so a recomputation never hides the figure it replaced."""

    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", _("Quarterly run")
        REPORT = "report", _("Report generation")
        RECOMPUTATION = "recomputation", _("Recomputation requested by staff")

    quarter = models.CharField(_("quarter"), max_length=7, help_text=_("For example 2024-Q4."))
    code = models.CharField(_("indicator code"), max_length=30)
    dimension = models.CharField(_("dimension"), max_length=5)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True)
    inputs = models.JSONField(_("inputs"), default=dict, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    computed_at = models.DateTimeField(_("computed at"))
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("computed by"),
    )

    objects = IndicatorSnapshotQuerySet.as_manager()

    class Meta:
        db_table = "portal_indicatorsnapshot"
        ordering = ["code", "quarter", "-revision"]
        verbose_name = _("indicator snapshot")
        verbose_name_plural = _("indicator snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["quarter", "code", "revision"], name="unique_indicator_snapshot_revision"
            ),
            models.UniqueConstraint(
                fields=["quarter", "code"],
                condition=models.Q(is_current=True),
                name="one_current_indicator_snapshot",
            ),
        ]

    def __str__(self):
        return f"{self.quarter} {self.code} = {self.value} (r{self.revision})"


class ReportJobQuerySet(models.QuerySet):
    def unfinished(self):
        return self.filter(status__in=[ReportJob.Status.QUEUED, ReportJob.Status.RUNNING])


class ReportJob(models.Model):
    """One generation of the quarterly PAPI progress report, and the PDF it produced."""

    Status = JobStatus

    class Trigger(models.TextChoices):
        REQUEST = "request", _("Requested by leadership")
        SCHEDULED = "scheduled", _("Start of the quarter")

    quarter = models.CharField(_("quarter"), max_length=7)
    version = models.PositiveIntegerField(_("version"))
    trigger = models.CharField(
        _("trigger"), max_length=20, choices=Trigger.choices, default=Trigger.REQUEST
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Each run claims the job by raising `attempts`; a run whose claim is gone stops writing.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="reports/%Y/", storage=private_storage, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("leadership notified at"), null=True, blank=True)

    objects = ReportJobQuerySet.as_manager()

    class Meta:
        db_table = "portal_reportjob"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report job")
        verbose_name_plural = _("report jobs")
        constraints = [
            models.UniqueConstraint(fields=["quarter", "version"], name="unique_report_version")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("papi:report_detail", args=[self.pk])

    @property
    def title(self) -> str:
        """What people read: "Báo cáo Quý 3/2026", and which issue when there are several."""
        quarter = Quarter.parse(self.quarter).label
        if self.version > 1:
            return _("Report for %(quarter)s (issue %(version)s)") % {
                "quarter": quarter,
                "version": self.version,
            }
        return _("Report for %(quarter)s") % {"quarter": quarter}

    @property
    def is_finished(self):
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None

    @property
    def filename(self):
        """Read as the title is: "bao-cao-papi-quy-4-2024.pdf", "…-lan-2.pdf" for a new issue."""
        year, number = self.quarter.split("-Q")
        issue = f"-lan-{self.version}" if self.version > 1 else ""
        return f"bao-cao-papi-quy-{number}-{year}{issue}.pdf"
