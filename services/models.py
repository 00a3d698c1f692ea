"""Public electricity services: the wards the grid serves, planned outages announced by the
power company, and supply problems citizens report.

A Ward is a 2025 administrative unit (no districts any more); `old_names` keeps the names
people still write. A PlannedOutage comes from the power company's file; `announced_at` is when
it was announced, so an outage announced less than the legal notice ahead is flagged for staff.
A SupplyProblem is a citizen's report, followed by a tracking code.
"""

import unicodedata
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Unit
from portal.publishing import Publishable
from portal.roles import units_of
from portal.storage import private

WARD_PREFIXES = ("phuong ", "xa ", "thi tran ", "dac khu ", "p. ", "x. ", "p.", "x.")


def fold(text: str) -> str:
    """Lowercase text without diacritics and with single spaces: "Phường Gia Sàng" and
    "phuong gia sang" fold the same."""
    text = unicodedata.normalize("NFD", str(text or "").replace("đ", "d").replace("Đ", "D"))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().split())


def ward_key(name: str) -> str:
    """The folded name without the kind of unit: "Phường Gia Sàng", "P. Gia Sàng" and
    "gia sang" are the same ward."""
    key = fold(name)
    for prefix in WARD_PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix) :].strip()
    return key


class WardQuerySet(models.QuerySet):
    def matching(self, text: str):
        """The wards a typed name means: the exact name (any diacritics or prefix) first, else
        the wards whose name or old name holds it."""
        key = ward_key(text)
        if not key:
            return self.none()
        exact = self.filter(key=key)
        if exact.exists():
            return exact
        return self.filter(models.Q(key__contains=key) | models.Q(old_names_key__contains=key))

    def matching_list(self, text: str) -> list["Ward"]:
        """What `matching` finds, in name order, read in one query."""
        key = ward_key(text)
        if not key:
            return []
        found = list(
            self.filter(models.Q(key__contains=key) | models.Q(old_names_key__contains=key))
        )
        return [ward for ward in found if ward.key == key] or found


class Ward(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    old_names = models.CharField(
        _("names before the 2025 reform"),
        max_length=500,
        blank=True,
        help_text=_("The former wards and communes merged into it, separated by commas."),
    )
    key = models.CharField(max_length=120, editable=False, db_index=True)
    old_names_key = models.CharField(max_length=500, editable=False, blank=True)
    history = HistoricalRecords()

    objects = WardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("ward or commune")
        verbose_name_plural = _("wards and communes")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = unicodedata.normalize("NFC", self.name).strip()
        self.key = ward_key(self.name)
        self.old_names_key = fold(self.old_names)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("services:outage_list") + f"?phuong={self.slug}"


class PlannedOutage(models.Model):
    wards = models.ManyToManyField(Ward, verbose_name=_("wards"), related_name="outages")
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    area = models.CharField(
        _("area"),
        max_length=500,
        blank=True,
        help_text=_("Streets, hamlets or the transformer station affected, as announced."),
    )
    reason = models.CharField(_("reason"), max_length=500)
    reference = models.CharField(
        _("power company's reference"),
        max_length=60,
        unique=True,
        help_text=_("The reference the power company gives the outage in its announcement."),
    )
    announced_at = models.DateTimeField(
        _("announced at"), help_text=_("When the power company announced the outage.")
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    # The wards' names as the finder shows them, kept by `refresh_ward_names` whenever the
    # wards change: the finder's page reads no second table.
    ward_names = models.CharField(_("wards"), max_length=1000, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[wards])

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("planned outage")
        verbose_name_plural = _("planned outages")

    def __str__(self):
        if self.starts_at is None:
            return self.reference
        return f"{self.reference} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    def get_absolute_url(self):
        return reverse("services:outage_list") + f"#cat-dien-{self.pk}"

    def refresh_ward_names(self) -> None:
        names = sorted(self.wards.values_list("name", flat=True))
        self.ward_names = ", ".join(names)[:1000]
        PlannedOutage.objects.filter(pk=self.pk).update(ward_names=self.ward_names)


def problem_photo_path(problem, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"services/problems/{problem.code}.{extension}"


class SupplyProblemQuerySet(models.QuerySet):
    def of_units_of(self, user):
        """The problems a member of staff may read: those of their units; all for leadership."""
        return self.filter(unit__in=units_of(user))


class SupplyProblem(models.Model):
    """A citizen's report of an outage, low voltage or a hazard on the grid."""

    class Kind(models.TextChoices):
        OUTAGE = "outage", _("No electricity")
        LOW_VOLTAGE = "low_voltage", _("Low or unstable voltage")
        HAZARD = "hazard", _("Safety hazard (fallen line, leaning pole, sparks)")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        FORWARDED = "forwarded", _("Forwarded to the power company")
        ANSWERED = "answered", _("Answered by the power company")
        RESOLVED = "resolved", _("Resolved")

    code = models.CharField(_("tracking code"), max_length=20, unique=True)
    kind = models.CharField(_("problem"), max_length=20, choices=Kind.choices)
    ward = models.ForeignKey(Ward, verbose_name=_("ward or commune"), on_delete=models.PROTECT)
    address = models.CharField(_("address"), max_length=300)
    description = models.TextField(_("description"), max_length=3000)
    photo = models.FileField(
        _("photo"), upload_to=problem_photo_path, storage=private, blank=True, max_length=200
    )
    name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_notice = models.CharField(_("notice agreed to"), max_length=20)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit in charge"), on_delete=models.PROTECT, null=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    forwarded_to = models.EmailField(_("forwarded to"), blank=True)
    answer = models.TextField(
        _("power company's answer"),
        blank=True,
        help_text=_("Shown to the citizen on the status page and in the mail."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution_mailed_at = models.DateTimeField(_("resolution mailed at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = SupplyProblemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("supply problem")
        verbose_name_plural = _("supply problems")

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("services:problem_status", args=[self.code])


class GridProject(Publishable):
    """An electricity grid project the power company carries out, which the department follows
    and publishes (the public line of the plan: a grid for economic development and daily
    life)."""

    class Voltage(models.TextChoices):
        HIGH_110 = "110kv", _("110 kV")
        MEDIUM_35 = "35kv", _("35 kV")
        MEDIUM_22 = "22kv", _("22 kV")
        LOW = "0.4kv", _("0.4 kV (low voltage)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under construction")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(_("summary"), max_length=2000)
    wards = models.ManyToManyField(Ward, verbose_name=_("wards served"), related_name="projects")
    old_area_names = models.CharField(
        _("area before the 2025 reform"),
        max_length=500,
        blank=True,
        help_text=_(
            "The former district, wards or communes, as the investment decision names them."
        ),
    )
    voltage = models.CharField(_("voltage level"), max_length=10, choices=Voltage.choices)
    medium_voltage_km = models.DecimalField(
        _("medium-voltage line (km)"), max_digits=7, decimal_places=2, default=0
    )
    low_voltage_km = models.DecimalField(
        _("low-voltage line (km)"), max_digits=7, decimal_places=2, default=0
    )
    substations = models.PositiveSmallIntegerField(_("substations"), default=0)
    substation_kva = models.PositiveIntegerField(_("total substation capacity (kVA)"), default=0)
    investor = models.CharField(_("investor"), max_length=300)
    budget_million_vnd = models.DecimalField(
        _("budget (million VND)"), max_digits=14, decimal_places=0
    )
    funding_source = models.CharField(_("source of funds"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("plan year"), db_index=True, help_text=_("The year of the investment plan.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    history = HistoricalRecords(m2m_fields=[wards])

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("grid project")
        verbose_name_plural = _("grid projects")
        permissions = [("publish_gridproject", _("Can publish grid projects"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("services:project_detail", args=[self.slug])

    def is_behind(self, today=None) -> bool:
        """A milestone whose planned date has passed is not reached yet."""
        today = today or timezone.localdate()
        return self.milestones.filter(planned_on__lt=today, actual_on__isnull=True).exists()


class ProjectMilestone(models.Model):
    project = models.ForeignKey(
        GridProject, verbose_name=_("project"), related_name="milestones", on_delete=models.CASCADE
    )
    name = models.CharField(_("milestone"), max_length=200)
    planned_on = models.DateField(_("planned date"))
    actual_on = models.DateField(_("actual date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.name

    @property
    def late_days(self) -> int | None:
        if self.actual_on:
            return (self.actual_on - self.planned_on).days
        return None


def project_photo_path(update, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    stamp = f"{update.date:%Y%m%d}-{uuid.uuid4().hex[:8]}"
    return f"services/projects/{update.project.slug}/{stamp}.{extension}"


class ProjectUpdate(models.Model):
    """A dated progress report of a project, with an optional photo of the works."""

    project = models.ForeignKey(
        GridProject, verbose_name=_("project"), related_name="updates", on_delete=models.CASCADE
    )
    date = models.DateField(_("date"))
    text = models.TextField(_("progress report"), max_length=3000)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), validators=[MaxValueValidator(100)]
    )
    photo = models.FileField(_("photo"), upload_to=project_photo_path, blank=True, max_length=200)
    photo_alt = models.CharField(
        _("photo description"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for those who cannot see it. Required with a photo."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.progress}%"

    def clean(self):
        if self.photo and not self.photo_alt.strip():
            raise ValidationError(
                {
                    "photo_alt": _(
                        "Describe what the photo shows: it is read to those who cannot see it."
                    )
                }
            )


class ServiceFigure(models.Model):
    """A figure of the electricity service, entered periodically from its source (the power
    company's report, a statistics yearbook), with the date of that source."""

    class Kind(models.TextChoices):
        ELECTRIFICATION = "electrification", _("Households with grid electricity (%)")
        SAIDI = "saidi", _("Average interruption duration per customer, SAIDI (minutes)")
        SAIFI = "saifi", _("Average interruptions per customer, SAIFI (times)")
        PROJECTS_COMPLETED = "projects_completed", _("Grid projects completed")

    kind = models.CharField(_("figure"), max_length=30, choices=Kind.choices, db_index=True)
    ward = models.ForeignKey(
        Ward,
        verbose_name=_("ward or commune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for the whole province."),
    )
    period_end = models.DateField(
        _("period ending"), help_text=_("The last day of the month or quarter the figure covers.")
    )
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    source_date = models.DateField(_("date of the source"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "period_end", "ward__name"]
        verbose_name = _("service figure")
        verbose_name_plural = _("service figures")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "ward", "period_end"],
                name="services_one_figure_per_period",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_end:%m/%Y}: {self.value}"
