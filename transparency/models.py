"""The department's library: legal documents with their attachments and relations, plannings,
and law-dissemination material (explainers and questions with answers)."""

import uuid
from datetime import date
from pathlib import PurePath

from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.collation import vi_order
from portal.publishing import Publishable, PublishableQuerySet
from portal.storage import private


class Field(models.Model):
    """A subject field (lĩnh vực): điện, xăng dầu, hóa chất, … managed by staff."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", vi_order("name")]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name


class Ward(models.Model):
    """A ward or commune (after the 2025 reform: no districts) concerned by a planning."""

    name = models.CharField(_("name"), max_length=200, unique=True)

    class Meta:
        ordering = [vi_order("name")]
        verbose_name = _("ward or commune")
        verbose_name_plural = _("wards and communes")

    def __str__(self):
        return self.name


class Issuer(models.Model):
    """An issuing body (cơ quan ban hành): one record per body, so that its documents are
    found, filtered and imported under one name."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, help_text=_("For example Bộ Công Thương.")
    )
    short_name = models.CharField(
        _("short name"), max_length=50, blank=True, help_text=_("For example BCT.")
    )

    class Meta:
        ordering = [vi_order("name")]
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")

    def __str__(self):
        return self.name


class LegalStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    EXPIRED = "expired", _("Expired")
    PARTLY_EXPIRED = "partly_expired", _("Partly expired")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")


LEGAL_STATUS_LABELS = dict(LegalStatus.choices)
# The colour of each status's GOV.UK tag.
LEGAL_STATUS_TAGS = {
    LegalStatus.IN_FORCE: "govuk-tag--green",
    LegalStatus.EXPIRED: "govuk-tag--grey",
    LegalStatus.PARTLY_EXPIRED: "govuk-tag--yellow",
    LegalStatus.NOT_YET_IN_FORCE: "govuk-tag--blue",
}

# One permission publishes every kind of item of the library (editors hold it).
PUBLISH_PERMISSION = "transparency.publish_document"


def _date_rule(today: date) -> tuple[Q, Q]:
    """When the dates alone say a document has expired, and when it is not in force yet (the
    effective date, or the issue date when there is none, is after `today`). Expiry wins."""
    expired = Q(expires_on__lte=today)
    not_yet = Q(effective_on__gt=today) | Q(effective_on__isnull=True, issued_on__gt=today)
    return expired, not_yet


class DocumentQuerySet(PublishableQuerySet):
    def with_legal_status(self, today: date | None = None):
        """Annotates `current_status`: the staff's recorded status when there is one, otherwise
        the status the dates give on `today`."""
        expired, not_yet = _date_rule(today or timezone.localdate())
        return self.annotate(
            current_status=Case(
                When(~Q(legal_status=""), then="legal_status"),
                When(expired, then=Value(LegalStatus.EXPIRED)),
                When(not_yet, then=Value(LegalStatus.NOT_YET_IN_FORCE)),
                default=Value(LegalStatus.IN_FORCE),
                output_field=models.CharField(),
            )
        )

    def in_legal_status(self, status: str, today: date | None = None):
        """The documents whose current status is `status`: the rule of `with_legal_status` as
        conditions on the columns, so that their indexes find a rare status without computing
        it for every document."""
        recorded = Q(legal_status=status)
        if status == LegalStatus.PARTLY_EXPIRED:  # never derived from the dates
            return self.filter(recorded)
        expired, not_yet = _date_rule(today or timezone.localdate())
        derived = {
            LegalStatus.EXPIRED: expired,
            LegalStatus.NOT_YET_IN_FORCE: ~expired & not_yet,
            LegalStatus.IN_FORCE: ~expired & ~not_yet,
        }[status]
        return self.filter(recorded | (Q(legal_status="") & derived))

    def plans(self):
        return self.filter(kind__in=Document.PLAN_KINDS)


class Document(Publishable):
    """A legal or administrative document (văn bản)."""

    publish_permission = PUBLISH_PERMISSION

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        DECREE = "decree", _("Decree")
        RESOLUTION = "resolution", _("Resolution")
        CIRCULAR = "circular", _("Circular")
        DECISION = "decision", _("Decision")
        DIRECTIVE = "directive", _("Directive")
        PLAN = "plan", _("Plan")
        PLANNING = "planning", _("Planning")
        OFFICIAL_LETTER = "official_letter", _("Official letter")
        NOTICE = "notice", _("Notice")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    class Implementation(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    PLAN_KINDS = (Kind.PLAN, Kind.PLANNING)
    KIND_LABELS = dict(Kind.choices)

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    number = models.CharField(
        _("number and symbol"), max_length=60, help_text=_("For example 59/2019/NĐ-CP.")
    )
    summary = models.CharField(_("summary"), max_length=600, help_text=_("The trích yếu."))
    description = models.TextField(_("description"), blank=True)
    issuer = models.ForeignKey(
        Issuer, on_delete=models.PROTECT, related_name="documents", verbose_name=_("issuing body")
    )
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True, db_index=True)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    legal_status = models.CharField(
        _("recorded legal status"),
        max_length=20,
        choices=LegalStatus.choices,
        blank=True,
        help_text=_("Leave empty to derive the status from the dates."),
    )
    implementation = models.CharField(
        _("implementation status"),
        max_length=20,
        choices=Implementation.choices,
        blank=True,
        help_text=_("For plans: how far their implementation has come."),
    )
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = [models.F("issued_on").desc(nulls_last=True), "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("publish_document", _("Can publish and unpublish documents"))]
        constraints = [
            models.UniqueConstraint(fields=["number", "issuer"], name="unique_document_number")
        ]
        # The public list's sort keys, so a page is read from an index, not sorted. The default
        # sort (issued_on DESC NULLS LAST) has its index in migration 0002: PostgreSQL only.
        indexes = [
            models.Index(
                fields=["publication", "-published_at", "-id"], name="document_published_idx"
            ),
            models.Index(fields=["number", "id"], name="document_number_idx"),
            # Kind and year filters: read the few matches, rather than walk a sort index and
            # discard most rows (the year of issue and the publication date go together).
            models.Index(
                fields=["publication", "kind", "issued_on"], name="document_kind_issued_idx"
            ),
            # The status filter: a rare status is found from these, not by reading every row.
            models.Index(fields=["legal_status"], name="document_legal_status_idx"),
            models.Index(fields=["expires_on"], name="document_expires_idx"),
            models.Index(fields=["effective_on"], name="document_effective_idx"),
        ]

    def __str__(self):
        return f"{self.number} {self.summary}"[:200]

    def get_absolute_url(self):
        return reverse("transparency:document_detail", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    @property
    def current_legal_status(self) -> str:
        if hasattr(self, "current_status"):
            return self.current_status
        if self.legal_status:
            return self.legal_status
        today = timezone.localdate()
        if self.expires_on and self.expires_on <= today:
            return LegalStatus.EXPIRED
        start = self.effective_on or self.issued_on
        if start and start > today:
            return LegalStatus.NOT_YET_IN_FORCE
        return LegalStatus.IN_FORCE

    # Django's generated get_kind_display() rebuilds a dict of the choices on every call, which
    # hashes (so translates) each of the twelve labels: a plain lookup translates one.
    def get_kind_display(self) -> str:
        return str(self.KIND_LABELS.get(self.kind, self.kind))

    def get_current_legal_status_display(self) -> str:
        status = self.current_legal_status
        return str(LEGAL_STATUS_LABELS.get(status, status))


class DocumentRelation(models.Model):
    """`source` amends, replaces or guides `target`; both documents show the link."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("Amends")
        REPLACES = "replaces", _("Replaces")
        GUIDES = "guides", _("Guides")

    # What the target shows about the source.
    REVERSE_LABELS = {
        Kind.AMENDS: _("Amended by"),
        Kind.REPLACES: _("Replaced by"),
        Kind.GUIDES: _("Guided by"),
    }

    source = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="outgoing", verbose_name=_("document")
    )
    kind = models.CharField(_("relation"), max_length=20, choices=Kind.choices)
    target = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="incoming",
        verbose_name=_("related document"),
    )

    class Meta:
        verbose_name = _("document relation")
        verbose_name_plural = _("document relations")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="unique_document_relation"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="document_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.source.number} {self.get_kind_display()} {self.target.number}"

    @property
    def reverse_label(self) -> str:
        return self.REVERSE_LABELS[self.kind]


def attachment_path(instance, filename: str) -> str:
    # A generated name: never the uploader's, which may be anything.
    return f"documents/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Attachment(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOC = "doc", "DOC"
        DOCX = "docx", "DOCX"

    CONTENT_TYPES = {
        Format.PDF: "application/pdf",
        Format.DOC: "application/msword",
        Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("document")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    # Private: a draft's files must not be reachable before it is published (or after it is
    # withdrawn); every download goes through the view that checks the document is public.
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255)
    format = models.CharField(_("format"), max_length=5, choices=Format.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    is_full_text = models.BooleanField(
        _("full text of the document"),
        default=True,
        help_text=_("Untick for annexes and other supporting files."),
    )
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_extracted_at = models.DateTimeField(
        _("text extracted at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.original_name

    def get_absolute_url(self):
        return reverse("transparency:attachment_download", args=[self.document_id, self.pk])

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES[self.format]


class DocumentViewCount(models.Model):
    """Views of a public document, per day: a counter only, no IP, cookie or user agent."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="view_counts")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("document views")
        verbose_name_plural = _("document views")
        constraints = [
            models.UniqueConstraint(fields=["document", "day"], name="unique_document_view_day")
        ]

    def __str__(self):
        return f"{self.document_id} {self.day}: {self.count}"


class Planning(Publishable):
    """A zoning or development planning (quy hoạch) with its status and the wards concerned."""

    publish_permission = PUBLISH_PERMISSION

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Being prepared")
        CONSULTING = "consulting", _("Open for comments")
        APPROVED = "approved", _("Approved")
        ADJUSTING = "adjusting", _("Being adjusted")
        EXPIRED = "expired", _("Expired")

    name = models.CharField(_("name"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    period = models.CharField(
        _("period"), max_length=50, blank=True, help_text=_("For example 2021–2030.")
    )
    decision = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plannings",
        verbose_name=_("approving document"),
    )
    wards = models.ManyToManyField(Ward, verbose_name=_("wards concerned"), blank=True)
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-published_at", "name"]
        verbose_name = _("planning")
        verbose_name_plural = _("plannings")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("transparency:planning_detail", args=[self.pk])


class Explainer(Publishable):
    """A law-dissemination article that explains documents in plain words."""

    publish_permission = PUBLISH_PERMISSION

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=300, unique=True)
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown: paragraphs, lists, headings."))
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents explained"), blank=True, related_name="explainers"
    )
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name = _("explainer")
        verbose_name_plural = _("explainers")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("transparency:explainer_detail", args=[self.slug])


class Question(Publishable):
    """A question from citizens or businesses about the law, with the department's answer."""

    publish_permission = PUBLISH_PERMISSION

    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), help_text=_("Markdown: paragraphs and lists."))
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents cited"), blank=True, related_name="questions"
    )
    fields = models.ManyToManyField(Field, verbose_name=_("fields"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-published_at", "id"]
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")

    def __str__(self):
        return self.question[:100]

    def get_absolute_url(self):
        return reverse("transparency:question_detail", args=[self.pk])
