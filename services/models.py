"""Public electricity services: the wards the grid serves, planned outages announced by the
power company, and supply problems citizens report.

A Ward is a 2025 administrative unit (no districts any more); `old_names` keeps the names
people still write. A PlannedOutage comes from the power company's file; `announced_at` is when
it was announced, so an outage announced less than the legal notice ahead is flagged for staff.
A SupplyProblem is a citizen's report, followed by a tracking code.
"""

import unicodedata

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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

    @property
    def notice_days(self) -> float:
        """Days between the announcement and the start."""
        return (self.starts_at - self.announced_at).total_seconds() / 86400
