"""What every plan area shares: the department, its units, the working-day calendar and the
PAPI spine (dimensions and the province's official scores)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import storage


class JobStatus(models.TextChoices):
    """The states of a document a Celery task generates (a report, a synthesis)."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class DepartmentProfile(models.Model):
    """The department's identity shown on every page; one row, edited by staff."""

    CACHE_KEY = "portal:department-profile"

    name = models.CharField(
        _("department name"),
        max_length=200,
        help_text=_("The full official name, for example: Sở Công Thương tỉnh Lào Cai."),
    )
    province = models.CharField(_("province"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hotline = models.CharField(_("hotline"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="brand/", blank=True)
    papi_province = models.CharField(
        _("province name in PAPI data"),
        max_length=100,
        blank=True,
        help_text=_("The province as PAPI reports name it (before the 2025 merger), if different."),
    )
    report_signer = models.CharField(
        _("signer of reports"),
        max_length=100,
        blank=True,
        help_text=_("The full name of the leader who signs the department's reports."),
    )
    report_signer_is_deputy = models.BooleanField(
        _("signed by a deputy director"),
        default=False,
        help_text=_("The reports are signed by a deputy director on behalf of the director (KT.)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department profile")
        verbose_name_plural = _("department profile")

    def __str__(self):
        return f"{self.name} {self.province}".strip()

    @classmethod
    def current(cls, request=None):
        """The profile, cached; an unsaved default when staff have not filled it in yet.
        Given the request, read once for it however many parts of the page ask."""
        profile = getattr(request, "_department_profile", None)
        if profile is None:
            profile = cache.get(cls.CACHE_KEY)
        if profile is None:
            profile = cls.objects.first() or cls(
                name=_("Department of Industry and Trade"), province=""
            )
            cache.set(cls.CACHE_KEY, profile, 300)
        if request is not None:
            request._department_profile = profile
        return profile


class StaffAuthenticator(Authenticator):
    """allauth's record of a staff member's two-step verification, under the Vietnamese names
    the admin shows (allauth's model has none to translate)."""

    class Meta:
        proxy = True
        verbose_name = _("two-step verification")
        verbose_name_plural = _("two-step verifications")


class Unit(models.Model):
    """An internal unit of the department (Văn phòng, Thanh tra, a functional division)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Object-level checks read this: an officer sees the cases of the units they belong to.
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="units", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


class Holiday(models.Model):
    """A day off, or a weekend day worked in exchange (ngày làm bù); legal clocks read it."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday")
        MAKEUP_WORKDAY = "makeup_workday", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HOLIDAY)
    source = models.TextField(_("source"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays and make-up working days")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class Dimension(models.Model):
    """A PAPI dimension (D1–D8); the names are the official Vietnamese and English ones."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name = _("PAPI dimension")
        verbose_name_plural = _("PAPI dimensions")

    def __str__(self):
        return f"{self.code}. {self.name}"

    @property
    def name(self):
        return self.name_en if get_language() == "en" else self.name_vi


class OfficialScoreQuerySet(models.QuerySet):
    def for_province(self, province):
        return self.filter(scope=OfficialScore.Scope.PROVINCE, province=province)

    def national_average(self):
        return self.filter(scope=OfficialScore.Scope.NATIONAL_AVERAGE)


class OfficialScore(models.Model):
    """A published PAPI score: a province's (or the national average's) total, dimension or
    sub-dimension score for one year, as the official report or annex gives it."""

    class Scope(models.TextChoices):
        PROVINCE = "province", _("Province")
        NATIONAL_AVERAGE = "national_average", _("National average")
        NATIONAL_MEDIAN = "national_median", _("National median")
        BEST = "best", _("Best observed")

    class Level(models.TextChoices):
        TOTAL = "total", _("Total")
        DIMENSION = "dimension", _("Dimension")
        SUB_DIMENSION = "sub_dimension", _("Sub-dimension")

    year = models.PositiveSmallIntegerField(_("year"))
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    province = models.CharField(_("province"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    code = models.CharField(_("code"), max_length=10, help_text=_("PAPI, D1–D8 or D1.1 …"))
    name_vi = models.CharField(_("name (Vietnamese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=4)
    scale = models.CharField(
        _("scale"), max_length=10, blank=True, help_text=_("For example 1-10 or 8-80.")
    )
    source = models.TextField(_("source"), blank=True)
    history = HistoricalRecords()

    objects = OfficialScoreQuerySet.as_manager()

    class Meta:
        ordering = ["year", "scope", "province", "code"]
        verbose_name = _("official PAPI score")
        verbose_name_plural = _("official PAPI scores")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "scope", "province", "code"], name="unique_official_score"
            )
        ]
        indexes = [models.Index(fields=["province", "code", "year"])]

    def __str__(self):
        return f"{self.year} {self.province or self.get_scope_display()} {self.code}: {self.score}"

    @property
    def name(self):
        return self.name_en if get_language() == "en" and self.name_en else self.name_vi


class SearchEntry(models.Model):
    """One searchable object, denormalised by `portal.search` from its app's search source.

    An entry exists only while its object is public. The `*_norm` and `heading_exact` columns
    hold comparable forms (see `portal.search.comparable`); on PostgreSQL a generated
    `search_vector` column and the indexes of migration 0005 sit beside them.
    """

    area = models.CharField(_("area"), max_length=50)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("content type")
    )
    object_id = models.CharField(_("object ID"), max_length=64)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    url = models.CharField(_("URL"), max_length=500)
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The object's own reference (a document number) in `search.identifier_form`: ranks first.
    identifier = models.CharField(_("identifier"), max_length=100, blank=True, db_index=True)
    # Title and keywords, lower-cased NFC with diacritics kept: "exact spelling ranks first".
    heading_exact = models.TextField(editable=False)
    # The same with diacritics removed (đ→d): matches "xang dau" to "xăng dầu".
    heading_norm = models.TextField(editable=False)
    # All the words without diacritics; only SQLite reads it (PostgreSQL has search_vector).
    content_norm = models.TextField(editable=False, blank=True)
    # The heading's words and pairs of neighbouring words (see `portal.search.heading_terms`);
    # only PostgreSQL reads it, through the index of migration 0008.
    heading_terms = models.TextField(editable=False, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_search_entry_object"
            )
        ]
        # PostgreSQL's indexes (recency, GIN) are in migration 0005: SQLite cannot declare
        # NULLS LAST in an index, and the embedded default is small enough to sort.

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The entry's page in the visitor's language. Entries are indexed in Vietnamese, so
        `url` is the unprefixed path; under /en/ the link must stay under /en/."""
        language = get_language()
        if language == settings.LANGUAGE_CODE:
            return self.url
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(self.url, language)

    @property
    def area_label(self):
        """What the entry is, as its own source names it ("Questions and answers"), not as
        the first source of its area names the area ("Documents")."""
        from .search import registry

        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        source = registry.for_model(model) if model else None
        return source.label if source else registry.area_label(self.area)


def private_storage():
    """Generated reports and evidence files: never under MEDIA_URL, served only by views."""
    return storage.private_storage


class OutboxTask(models.Model):
    """A Celery task call written in the same transaction as the data it works on. It is sent
    to the broker once that transaction commits and deleted when the broker has taken it; while
    the broker is down it waits here, and `portal.tasks.send_outbox` sends it later. So a
    request that queues work (a mail, a report) succeeds with the broker down, and loses
    nothing."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    def __str__(self):
        return f"{self.task} #{self.pk}"


class LegalLimit(models.Model):
    """A legal time limit or minimum period, kept as data with its citation: laws change, and
    some values are still to be checked against the text (`verified` off shows "chưa đối
    chiếu" wherever the limit is shown). Apps read it with `portal.selectors.legal_limit`."""

    class Unit(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", _("calendar days")
        WORKING_DAYS = "working_days", _("working days")

    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("The name the code reads it by.")
    )
    label = models.CharField(_("what it limits"), max_length=300)
    value = models.PositiveSmallIntegerField(_("number of days"))
    unit = models.CharField(_("counted in"), max_length=20, choices=Unit.choices)
    citation = models.CharField(
        _("citation"), max_length=300, help_text=_("For example: Law 42/2013, Art. 28(1).")
    )
    verified = models.BooleanField(
        _("checked against the legal text"),
        default=False,
        help_text=_("Leave unticked while the value is only commonly cited."),
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("legal time limit")
        verbose_name_plural = _("legal time limits")

    def __str__(self):
        return f"{self.label}: {self.value} {self.get_unit_display()}"
