"""E-governance: news, and public consultation on draft regulations (a consultation, its draft
versions split into chapters, articles, clauses and points, the comments citizens and
businesses send on them, and the drafting unit's answers)."""

import hashlib
import uuid
from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.caching import bump_after_commit
from portal.models import JobStatus
from portal.publishing import Publishable, PublishableQuerySet
from portal.reference_data import CONSULTATION_MINIMUM
from portal.selectors import legal_limit
from portal.slugs import vi_slugify
from portal.storage import private
from portal.workdays import is_working_day, working_days_between

from .drafts import section_label
from .richtext import clean_rich_text


class NewsCategory(models.Model):
    """A category of news (activities of the department, trade promotion, notices...): each
    has its own page and feed."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(NewsCategory, self.name, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("egov:news_category", args=[self.slug])


def news_image_path(instance, filename: str) -> str:
    return f"news/{timezone.now():%Y}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


def unique_slug(model, text: str, pk=None, max_length: int = 140) -> str:
    """A readable slug from `text`, made unique in `model` with a number when needed."""
    base = (vi_slugify(text) or "trang")[: max_length - 6].strip("-")
    slug, number = base, 2
    while model.objects.filter(slug=slug).exclude(pk=pk).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


class News(Publishable):
    """A news item of the department, on /tin-tuc/<slug>/ once published."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("The end of the page's address; made from the title when left empty."),
    )
    category = models.ForeignKey(
        NewsCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("category"),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown: paragraphs, lists, headings."))
    image = models.FileField(
        _("lead image"),
        upload_to=news_image_path,
        storage=private,
        max_length=200,
        blank=True,
        help_text=_("A JPEG or PNG picture, at most 5 MB."),
    )
    image_alt = models.CharField(
        _("text alternative of the image"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the picture shows, for visitors who cannot see it. Required with an image."
        ),
    )
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        permissions = [("publish_news", _("Can publish and unpublish news"))]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe what the image shows for visitors who cannot see it.")}
            )

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(News, self.title, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("egov:news_detail", args=[self.slug])

    def get_image_url(self):
        return reverse("egov:news_image", args=[self.slug]) if self.image else ""


class StaticPage(Publishable):
    """An editable page of the department (introduction, organisation chart, contacts) at
    /gioi-thieu/<slug>/. Its rich text is sanitised with nh3 whenever it is saved."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_("The end of the page's address; made from the title when left empty."),
    )
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("content"),
        help_text=_(
            "HTML: headings, paragraphs, lists, links, tables. Scripts and event attributes "
            "are removed when the page is saved."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        permissions = [("publish_staticpage", _("Can publish and unpublish pages"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = clean_rich_text(self.body)
        if not self.slug:
            self.slug = unique_slug(StaticPage, self.title, self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("egov:page_detail", args=[self.slug])


# --- Website quality --------------------------------------------------------------------------


class QualityRun(models.Model):
    """One run of the website quality check: its counts, kept so the trend shows."""

    status = models.CharField(
        _("status"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    pages_checked = models.PositiveIntegerField(_("pages checked"), default=0)
    links_checked = models.PositiveIntegerField(_("links checked"), default=0)
    files_checked = models.PositiveIntegerField(_("files checked"), default=0)
    broken_links = models.PositiveIntegerField(_("broken links"), default=0)
    missing_files = models.PositiveIntegerField(_("missing files"), default=0)
    stale_pages = models.PositiveIntegerField(_("pages not updated"), default=0)
    html_errors = models.PositiveIntegerField(_("HTML errors"), default=0)
    html_checked = models.BooleanField(_("HTML checked"), default=False)
    html_skipped_reason = models.CharField(
        _("why HTML was not checked"), max_length=300, blank=True
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("website quality run")
        verbose_name_plural = _("website quality runs")

    def __str__(self):
        return _("Quality check of %(date)s") % {
            "date": timezone.localtime(self.started_at).strftime("%d/%m/%Y %H:%M")
        }


class QualityProblem(models.Model):
    """One thing a run found: a broken link, a missing file, a stale page, an HTML error."""

    class Kind(models.TextChoices):
        BROKEN_LINK = "broken_link", _("Broken link")
        MISSING_FILE = "missing_file", _("Missing file")
        STALE_PAGE = "stale_page", _("Page not updated")
        INVALID_HTML = "invalid_html", _("Invalid HTML")

    run = models.ForeignKey(
        QualityRun, on_delete=models.CASCADE, related_name="problems", verbose_name=_("run")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    page = models.CharField(_("where"), max_length=500, blank=True)
    target = models.CharField(_("link or file"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    holder = models.CharField(_("object"), max_length=300, blank=True)
    fix_url = models.CharField(_("where to fix it"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "page", "pk"]
        verbose_name = _("website quality problem")
        verbose_name_plural = _("website quality problems")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target or self.page}"


# --- Consultations ----------------------------------------------------------------------------


class ConsultationStatus(models.TextChoices):
    """What the public sees: derived from the dates and from the staff's stage."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for comments")
    AWAITING_ANSWERS = "awaiting_answers", _("Closed, awaiting answers")
    ANSWERED = "answered", _("Synthesis published")
    ADOPTED = "adopted", _("Adopted")


class ConsultationQuerySet(PublishableQuerySet):
    def in_status(self, status: str, today: date | None = None):
        """The consultations whose derived status is `status` on `today`."""
        today = today or timezone.localdate()
        consulting = Q(stage=Consultation.Stage.CONSULTING)
        condition = {
            ConsultationStatus.UPCOMING: consulting & Q(opens_on__gt=today),
            ConsultationStatus.OPEN: consulting & Q(opens_on__lte=today, closes_on__gte=today),
            ConsultationStatus.AWAITING_ANSWERS: consulting & Q(closes_on__lt=today),
            ConsultationStatus.ANSWERED: Q(stage=Consultation.Stage.ANSWERED),
            ConsultationStatus.ADOPTED: Q(stage=Consultation.Stage.ADOPTED),
        }[status]
        return self.filter(condition)


class Consultation(Publishable):
    """A draft regulation posted for public comment (lấy ý kiến góp ý dự thảo)."""

    class DocumentKind(models.TextChoices):
        PROVINCIAL_DECISION = "provincial_decision", _("Decision of the provincial committee")
        PROVINCIAL_RESOLUTION = "provincial_resolution", _("Resolution of the provincial council")
        DIRECTIVE = "directive", _("Directive")
        PLAN = "plan", _("Plan")
        OTHER = "other", _("Other document")

    class Stage(models.TextChoices):
        """What staff record; the rest of the status comes from the dates."""

        CONSULTING = "consulting", _("Consulting")
        ANSWERED = "answered", _("Synthesis published")
        ADOPTED = "adopted", _("Adopted")

    title = models.CharField(_("title of the draft"), max_length=400)
    unit = models.ForeignKey(
        "portal.Unit",
        on_delete=models.PROTECT,
        related_name="consultations",
        verbose_name=_("drafting unit"),
    )
    document_kind = models.CharField(
        _("kind of document it will become"), max_length=30, choices=DocumentKind.choices
    )
    summary = models.TextField(_("summary"), help_text=_("What the draft regulates and why."))
    opens_on = models.DateField(_("open for comments from"))
    closes_on = models.DateField(_("open for comments until"))
    short_period_reason = models.TextField(
        _("reason for a period shorter than the legal minimum"),
        blank=True,
        help_text=_("Required only when the period is shorter than the legal minimum."),
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.CONSULTING
    )
    adopted_document = models.ForeignKey(
        "transparency.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("adopted document"),
        help_text=_("The published document the draft became."),
    )
    history = HistoricalRecords(excluded_fields=["created_at"])

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        permissions = [
            ("publish_consultation", _("Can publish and unpublish consultations")),
            ("moderate_comment", _("Can moderate and answer comments")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_opening",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("egov:consultation_detail", args=[self.pk])

    # --- The adopted document's page ---
    #
    # The document's page links back to the public consultations adopted as it, and is cached
    # under its own app's version: a change of the link (adoption, a new title, publication)
    # must reach that page at once, not when its cached copy expires.

    @classmethod
    def from_db(cls, db, field_names, values):
        consultation = super().from_db(db, field_names, values)
        consultation._document_when_loaded = consultation.__dict__.get("adopted_document_id")
        return consultation

    def _refresh_document_pages(self, *document_ids) -> None:
        if set(document_ids) - {None}:
            document_app = self._meta.get_field("adopted_document").related_model._meta.app_label
            bump_after_commit(document_app)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        loaded = getattr(self, "_document_when_loaded", None)
        self._refresh_document_pages(loaded, self.adopted_document_id)
        self._document_when_loaded = self.adopted_document_id

    def delete(self, *args, **kwargs):
        loaded = getattr(self, "_document_when_loaded", None)
        deleted = super().delete(*args, **kwargs)
        self._refresh_document_pages(loaded, self.adopted_document_id)
        return deleted

    # --- Dates and status ---

    def status_on(self, today: date) -> str:
        if self.stage == self.Stage.ADOPTED:
            return ConsultationStatus.ADOPTED
        if self.stage == self.Stage.ANSWERED:
            return ConsultationStatus.ANSWERED
        if today < self.opens_on:
            return ConsultationStatus.UPCOMING
        if today <= self.closes_on:
            return ConsultationStatus.OPEN
        return ConsultationStatus.AWAITING_ANSWERS

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(ConsultationStatus(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.is_public and self.status == ConsultationStatus.OPEN

    @property
    def days_left(self) -> int:
        """Days after today until the closing day (0: today is the last day)."""
        return (self.closes_on - timezone.localdate()).days

    def period_days(self, limit) -> int:
        """The posting period, counted as `limit` counts: every day from the opening to the
        closing day inclusive, or only the working days among them."""
        if limit.unit == limit.Unit.WORKING_DAYS:
            return working_days_between(self.opens_on, self.closes_on) + (
                1 if is_working_day(self.opens_on) else 0
            )
        return (self.closes_on - self.opens_on).days + 1

    def clean(self):
        if self.opens_on and self.closes_on:
            if self.closes_on < self.opens_on:
                raise ValidationError(
                    {"closes_on": _("The closing date must not be before the opening date.")}
                )
            limit = legal_limit(CONSULTATION_MINIMUM)
            days = self.period_days(limit)
            if days < limit.value and not self.short_period_reason.strip():
                raise ValidationError(
                    {
                        "short_period_reason": _(
                            "The period is %(days)s days, shorter than the minimum of "
                            "%(minimum)s %(unit)s (%(citation)s): record why."
                        )
                        % {
                            "days": days,
                            "minimum": limit.value,
                            "unit": limit.get_unit_display(),
                            "citation": limit.citation,
                        }
                    }
                )


def consultation_file_path(instance, filename: str) -> str:
    # A generated name: never the uploader's, which may be anything.
    return f"consultations/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class ConsultationAttachment(models.Model):
    """A file of the consultation (the draft itself, the impact assessment, the explanatory
    note): private until the consultation is public, served only by a checking view."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Full text of the draft")
        IMPACT = "impact", _("Impact assessment")
        EXPLANATORY = "explanatory", _("Explanatory note (tờ trình)")
        OTHER = "other", _("Other")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("consultation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(
        _("file"), upload_to=consultation_file_path, storage=private, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    format = models.CharField(_("format"), max_length=5, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    CONTENT_TYPES = {
        "pdf": "application/pdf",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("consultation file")
        verbose_name_plural = _("consultation files")

    def __str__(self):
        return self.title or self.get_kind_display()

    def get_absolute_url(self):
        return reverse("egov:attachment_download", args=[self.consultation_id, self.pk])

    @property
    def content_type(self) -> str:
        return self.CONTENT_TYPES.get(self.format, "application/octet-stream")


class DraftVersion(models.Model):
    """One version of the draft's text. A revised draft is a new version; comments stay on
    the version they were made on."""

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("consultation"),
    )
    number = models.PositiveSmallIntegerField(_("version"))
    source_text = models.TextField(
        _("text of the draft"), help_text=_("As pasted or read from the DOCX file.")
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    # The latest published comments on the whole draft, drawn and counted as the page shows
    # them, kept up to date by the actions that publish, reject or answer a comment.
    comments_html = models.TextField(_("drawn comments"), blank=True, default="", editable=False)
    comments_count = models.PositiveIntegerField(_("published comments"), default=0, editable=False)

    class Meta:
        ordering = ["consultation", "-number"]
        verbose_name = _("draft version")
        verbose_name_plural = _("draft versions")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="unique_draft_version_number"
            )
        ]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}


# The Vietnamese names of a draft's parts, as legal texts write them.
def comment_author(author_kind: str, name: str, organisation: str) -> str:
    """Who commented, as the public and the synthesis show it: the organisation if any."""
    is_organisation = author_kind == Comment.AuthorKind.ORGANISATION and organisation
    return organisation if is_organisation else name


class DraftSection(models.Model):
    """A chapter, section, article, clause or point of a draft version, or a table inside an
    article. The anchor comes from the numbers ("dieu-12a-khoan-2-diem-b"), so a re-import of
    the same text gives the same anchors."""

    class Kind(models.TextChoices):
        CHAPTER = "chapter", _("Chapter")
        SECTION = "section", _("Section")
        ARTICLE = "article", _("Article")
        CLAUSE = "clause", _("Clause")
        POINT = "point", _("Point")
        TABLE = "table", _("Table")
        TEXT = "text", _("Text")

    version = models.ForeignKey(
        DraftVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=20, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    text = models.TextField(_("text"), blank=True)
    rows = models.JSONField(_("table rows"), default=list, blank=True)
    anchor = models.SlugField(_("anchor"), max_length=120)
    position = models.PositiveIntegerField(_("position"))
    # The part as the page draws it (egov/drawing.py), kept when the draft is imported or
    # corrected: an article with its clauses, points and tables, which keep nothing themselves.
    html = models.TextField(_("drawn text"), blank=True, default="", editable=False)
    # An article's latest published comments and their number, as DraftVersion keeps the whole
    # draft's (egov.actions.comments_redraw).
    comments_html = models.TextField(_("drawn comments"), blank=True, default="", editable=False)
    comments_count = models.PositiveIntegerField(_("published comments"), default=0, editable=False)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("draft section")
        verbose_name_plural = _("draft sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "anchor"], name="unique_section_anchor")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return section_label(self.kind, self.number)

    def clean(self):
        # Comments hang on articles: a correction may not make or unmake one.
        if self.pk is not None:
            was = DraftSection.objects.filter(pk=self.pk).values_list("kind", flat=True).first()
            if (was == self.Kind.ARTICLE) != (self.kind == self.Kind.ARTICLE):
                raise ValidationError(
                    {
                        "kind": _(
                            "An article cannot become another kind of part, nor a part an "
                            "article: import the corrected draft as a new version."
                        )
                    }
                )


# --- Comments and answers ---------------------------------------------------------------------


class CommentQuerySet(models.QuerySet):
    def public(self):
        """Only comments confirmed by their author and published by staff, on a public
        consultation."""
        return self.filter(
            status=Comment.Status.PUBLISHED,
            consultation__in=Consultation.objects.public(),
        )

    def counted(self):
        """Comments that count: confirmed by their author (whatever staff did since)."""
        return self.exclude(status=Comment.Status.UNCONFIRMED)


class Comment(models.Model):
    """A comment on a draft, on the whole of it or on one article."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Awaiting the author's confirmation")
        CONFIRMED = "confirmed", _("Awaiting moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")

    class AuthorKind(models.TextChoices):
        INDIVIDUAL = "individual", _("An individual")
        ORGANISATION = "organisation", _("An organisation or business")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("consultation"),
    )
    version = models.ForeignKey(
        DraftVersion,
        on_delete=models.PROTECT,
        related_name="comments",
        verbose_name=_("draft version"),
    )
    section = models.ForeignKey(
        DraftSection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("article"),
        help_text=_("Empty: the comment is on the whole draft."),
    )
    author_kind = models.CharField(_("commenting as"), max_length=20, choices=AuthorKind.choices)
    name = models.CharField(_("full name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    body = models.TextField(_("comment"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    consent_at = models.DateTimeField(_("consent given at"))
    consent_version = models.CharField(_("version of the notice consented to"), max_length=20)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    token_expires_at = models.DateTimeField(_("confirmation link valid until"))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    rejection_reason = models.TextField(_("reason for not publishing"), blank=True)
    answer = models.ForeignKey(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("answer"),
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["token_hash", "code_hash", "created_at"])

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["consultation", "status", "section"]),
            # The latest comments of each article, newest first, read three at a time when
            # they are drawn (egov.selectors.latest_comments); the whole draft's comments,
            # without an article, under 0.
            models.Index(
                F("consultation"),
                F("version"),
                F("status"),
                Coalesce(F("section"), Value(0)),
                F("created_at").desc(),
                F("id").desc(),
                name="egov_comment_latest_idx",
            ),
        ]

    def __str__(self):
        return f"{self.author} – {self.body[:60]}"

    @property
    def author(self) -> str:
        return comment_author(self.author_kind, self.name, self.organisation)

    @staticmethod
    def hash_secret(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class Answer(models.Model):
    """The drafting unit's answer to one or several comments on the same point."""

    class Verdict(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY = "partly", _("Partly accepted")
        EXPLAINED = "explained", _("Not accepted, explained")
        NOTED = "noted", _("Noted")

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("consultation"),
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    text = models.TextField(_("acceptance or explanation"))
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        ordering = ["consultation", "id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.get_verdict_display()}: {self.text[:80]}"


class AnswerTemplate(models.Model):
    """A ready answer for a point many commenters raise, picked when answering."""

    title = models.CharField(_("title"), max_length=200)
    verdict = models.CharField(_("verdict"), max_length=20, choices=Answer.Verdict.choices)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")

    def __str__(self):
        return self.title


class SynthesisReport(models.Model):
    """One generation of a consultation's synthesis (bản tổng hợp, tiếp thu, giải trình): the
    PDF and HTML a Celery task renders, and, once staff publish it, the public version."""

    Status = JobStatus

    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="syntheses",
        verbose_name=_("consultation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    html = models.TextField(_("HTML"), blank=True, editable=False)
    file = models.FileField(
        _("PDF file"), upload_to="syntheses/%Y/", storage=private, blank=True, editable=False
    )
    error = models.TextField(_("error"), blank=True, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("synthesis report")
        verbose_name_plural = _("synthesis reports")

    def __str__(self):
        return _("Synthesis of %(title)s (%(date)s)") % {
            "title": self.consultation.title[:80],
            "date": timezone.localtime(self.created_at).strftime("%d/%m/%Y %H:%M"),
        }
