"""What every plan area shares: the department, its units, the working-day calendar and the
PAPI spine (dimensions and the province's official scores)."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department profile")
        verbose_name_plural = _("department profile")

    def __str__(self):
        return f"{self.name} {self.province}".strip()

    @classmethod
    def current(cls):
        """The profile, cached; an unsaved default when staff have not filled it in yet."""
        profile = cache.get(cls.CACHE_KEY)
        if profile is None:
            profile = cls.objects.first() or cls(name="Sở Công Thương", province="")
            cache.set(cls.CACHE_KEY, profile, 300)
        return profile


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
    # Title and keywords, lower-cased NFC with diacritics kept: "exact spelling ranks first".
    heading_exact = models.TextField(editable=False)
    # The same with diacritics removed (đ→d): matches "xang dau" to "xăng dầu".
    heading_norm = models.TextField(editable=False)
    # All the words without diacritics; only SQLite reads it (PostgreSQL has search_vector).
    content_norm = models.TextField(editable=False, blank=True)
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

    @property
    def area_label(self):
        from .search import registry

        return registry.area_label(self.area)
