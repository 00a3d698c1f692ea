"""Reads of the e-governance app: news, consultations with their drafts and comments."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from statistics import median

from django.db import connection
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from portal.models import JobStatus
from portal.reference_data import CONSULTATION_MINIMUM
from portal.roles import units_of
from portal.selectors import legal_limit

from .models import (
    Answer,
    Comment,
    Consultation,
    ConsultationStatus,
    DraftSection,
    DraftVersion,
    News,
    NewsCategory,
    QualityRun,
    StaticPage,
    SynthesisReport,
    comment_author,
    section_label,
)

PAGE_NAMESPACE = "egov"


def public_news(category: NewsCategory | None = None):
    queryset = News.objects.public().select_related("category")
    return queryset.filter(category=category) if category is not None else queryset


def news_categories():
    """Categories that have at least one published news item."""
    return NewsCategory.objects.filter(
        Exists(News.objects.public().filter(category=OuterRef("pk")))
    )


def latest_news(limit: int = 3):
    return list(public_news()[:limit])


def news_for_page(slug: str, include_drafts: bool = False) -> News:
    queryset = News.objects.all() if include_drafts else News.objects.public()
    return queryset.select_related("category").get(slug=slug)


def public_pages():
    return StaticPage.objects.public()


def broken_links(start: date, end: date) -> int | None:
    """Broken links and missing files found by the last finished quality check of the period
    (None without one)."""
    run = (
        QualityRun.objects.filter(
            status=JobStatus.DONE, started_at__date__gte=start, started_at__date__lte=end
        )
        .order_by("-started_at")
        .first()
    )
    return None if run is None else run.broken_links + run.missing_files


def news_published(start: date, end: date) -> int:
    return News.objects.published_between(start, end).count()


# --- Consultations ----------------------------------------------------------------------------


def consultation_list(status: str = "", today: date | None = None):
    """Public consultations, open ones first (closing soonest first), then upcoming, then the
    rest newest first."""
    today = today or timezone.localdate()
    queryset = Consultation.objects.public().select_related("unit")
    if status:
        queryset = queryset.in_status(status, today)
    consulting = Q(stage=Consultation.Stage.CONSULTING)
    return queryset.annotate(
        rank=Case(
            When(consulting & Q(opens_on__lte=today, closes_on__gte=today), then=Value(0)),
            When(consulting & Q(opens_on__gt=today), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("rank", Case(When(rank=0, then="closes_on")), "-opens_on", "-id")


def consultation_for_page(pk: int, *, include_drafts: bool = False) -> Consultation:
    queryset = Consultation.objects.all() if include_drafts else Consultation.objects.public()
    return queryset.select_related("unit", "adopted_document").get(pk=pk)


# The current version and the date of the latest synthesis published, beside the consultation:
# as Subquery expressions they took longer to compile than the whole query takes to run.
CURRENT_VERSION_SQL = (
    "SELECT v.{column} FROM {version} v WHERE v.consultation_id = {consultation}.id "
    "ORDER BY v.number DESC LIMIT 1"
)
SYNTHESIS_DATE_SQL = (
    "SELECT MAX(s.published_at) FROM {synthesis} s WHERE s.consultation_id = {consultation}.id"
)


def consultation_page(pk: int, *, include_drafts: bool = False) -> Consultation:
    """The consultation for its own page, with in the same query its current draft version
    (`current_version` with its drawn comments on the whole draft, None without a draft) and
    the date its latest synthesis was published (`synthesis_published_at`, None when none
    is)."""
    quote = connection.ops.quote_name
    tables = {
        "consultation": quote(Consultation._meta.db_table),
        "version": quote(DraftVersion._meta.db_table),
        "synthesis": quote(SynthesisReport._meta.db_table),
    }

    def column(sql: str, output_field, **names):
        return RawSQL(sql.format(**tables, **names), (), output_field)  # noqa: S611 - names only

    queryset = Consultation.objects.all() if include_drafts else Consultation.objects.public()
    consultation = (
        queryset.select_related("unit", "adopted_document")
        .annotate(
            version_id=column(CURRENT_VERSION_SQL, IntegerField(), column="id"),
            version_number=column(CURRENT_VERSION_SQL, IntegerField(), column="number"),
            version_comments_html=column(CURRENT_VERSION_SQL, TextField(), column="comments_html"),
            version_comments_count=column(
                CURRENT_VERSION_SQL, IntegerField(), column="comments_count"
            ),
            synthesis_published_at=column(SYNTHESIS_DATE_SQL, DateTimeField()),
        )
        .get(pk=pk)
    )
    consultation.current_version = (
        DraftVersion(
            pk=consultation.version_id,
            consultation_id=consultation.pk,
            number=consultation.version_number,
            comments_html=consultation.version_comments_html,
            comments_count=consultation.version_comments_count,
        )
        if consultation.version_id
        else None
    )
    return consultation


def current_version(consultation: Consultation) -> DraftVersion | None:
    return consultation.versions.order_by("-number").first()


# The consultation's page shows the latest comments of each article; the others are on the
# comments page, so that a draft with thousands of comments still loads fast.
COMMENTS_SHOWN = 3


@dataclass(slots=True)
class Part:
    """A part of the draft the page shows by itself (a heading, an article, a text outside the
    articles): the columns the page needs, without a model instance. An article brings its
    latest published comments, drawn when one was published, rejected or answered."""

    id: int
    kind: str
    number: str
    anchor: str
    html: str  # drawn and escaped when the draft was imported or corrected
    comments_html: str  # labels left for egov.drawing.fill_labels
    comments_count: int

    @property
    def label(self) -> str:
        return section_label(self.kind, self.number)

    @property
    def more_comments(self) -> bool:
        return self.comments_count > COMMENTS_SHOWN


@dataclass(slots=True)
class PublicComment:
    """A published comment as public pages show it: never the email or the phone."""

    id: int
    section_id: int | None
    author_kind: str
    organisation: str
    author: str  # the organisation if any, else the name
    body: str
    created_at: datetime
    verdict: str  # empty when not answered yet
    answer: str


@dataclass
class DraftView:
    """The draft as the page shows it: headings and articles in reading order."""

    version: DraftVersion
    items: list[Part]
    articles: list[Part]
    whole_draft_comments: str  # drawn, as Part.comments_html
    whole_draft_count: int

    @property
    def more_whole_draft_comments(self) -> bool:
        return self.whole_draft_count > COMMENTS_SHOWN


def public_comments(consultation: Consultation, version: DraftVersion | None = None):
    queryset = Comment.objects.public().filter(consultation=consultation)
    if version is not None:
        queryset = queryset.filter(version=version)
    return queryset.select_related("answer", "section").only(
        # Never the email or phone: public pages cannot show what they do not load.
        "id",
        "author_kind",
        "name",
        "organisation",
        "body",
        "created_at",
        "section__id",
        "section__kind",
        "section__number",
        "section__anchor",
        "section__version_id",
        "version_id",
        "consultation_id",
        "answer__verdict",
        "answer__text",
        "answer__created_at",
    )


# The latest comments of each article (the whole draft's under 0) and how many it has. On
# PostgreSQL, each article's three are read through egov_comment_latest_idx, three index
# entries an article, whatever the number of comments.
LATEST_COMMENTS_SQL = """
SELECT c.id, c.section_id, c.author_kind, c.name, c.organisation, c.body, c.created_at,
       a.verdict, a.text, counts.total
FROM (
    SELECT COALESCE(section_id, 0) AS section, COUNT(*) AS total FROM {comment}
    WHERE consultation_id = %(consultation)s AND version_id = %(version)s AND status = %(status)s
    GROUP BY 1
) counts
CROSS JOIN LATERAL (
    SELECT id, section_id, author_kind, name, organisation, body, created_at, answer_id
    FROM {comment}
    WHERE consultation_id = %(consultation)s AND version_id = %(version)s AND status = %(status)s
      AND COALESCE(section_id, 0) = counts.section
    ORDER BY created_at DESC, id DESC LIMIT %(shown)s
) c
LEFT JOIN {answer} a ON a.id = c.answer_id
"""
# SQLite has no LATERAL: each article's comments are numbered newest first over the narrow
# columns, and the full rows read for the few shown.
LATEST_COMMENTS_SQLITE = """
SELECT c.id, c.section_id, c.author_kind, c.name, c.organisation, c.body, c.created_at,
       a.verdict, a.text, ranked.total
FROM (
    SELECT id,
           ROW_NUMBER() OVER (PARTITION BY section_id ORDER BY created_at DESC, id DESC) AS rank,
           COUNT(*) OVER (PARTITION BY section_id) AS total
    FROM {comment}
    WHERE consultation_id = %(consultation)s AND version_id = %(version)s AND status = %(status)s
) ranked
JOIN {comment} c ON c.id = ranked.id
LEFT JOIN {answer} a ON a.id = c.answer_id
WHERE ranked.rank <= %(shown)s
"""


def latest_comments(
    version: DraftVersion,
) -> tuple[dict[int | None, list[PublicComment]], dict[int | None, int]]:
    """The latest COMMENTS_SHOWN published comments of each article of the version (and of the
    whole draft, under None) in reading order, and how many each has, in one query."""
    quote = connection.ops.quote_name
    sql = LATEST_COMMENTS_SQL if connection.vendor == "postgresql" else LATEST_COMMENTS_SQLITE
    sql = sql.format(comment=quote(Comment._meta.db_table), answer=quote(Answer._meta.db_table))
    parameters = {
        "consultation": version.consultation_id,
        "version": version.pk,
        "status": Comment.Status.PUBLISHED.value,
        "shown": COMMENTS_SHOWN,
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        rows = cursor.fetchall()
    comments: dict[int | None, list[PublicComment]] = defaultdict(list)
    counts: dict[int | None, int] = {}
    for pk, section, kind, name, org, body, created, verdict, answer, total in rows:
        if not isinstance(created, datetime):
            created = parse_datetime(created)
        if created.tzinfo is None:  # SQLite keeps the UTC time without its zone
            created = created.replace(tzinfo=UTC)
        author = comment_author(kind, name, org)
        comments[section].append(
            PublicComment(
                pk, section, kind, org, author, body, created, verdict or "", answer or ""
            )
        )
        counts[section] = total
    for shown in comments.values():
        shown.sort(key=lambda c: (c.created_at, c.id))
    return comments, counts


def draft_view(consultation: Consultation, version: DraftVersion | None = None) -> DraftView | None:
    """The version's headings and articles (drawn with their parts) in reading order, each
    article with its latest published comments, in one query. Comments are shown only on a
    public consultation (staff preview the others)."""
    version = version or current_version(consultation)
    if version is None:
        return None
    sections = (
        DraftSection.objects.filter(version=version.pk)
        .exclude(html="")  # the parts inside an article, drawn with it
        .order_by("position")
        .values_list("id", "kind", "number", "anchor", "html", "comments_html", "comments_count")
    )
    public = consultation.is_public
    items = [Part(*row) if public else Part(*row[:5], "", 0) for row in sections]
    return DraftView(
        version=version,
        items=items,
        articles=[part for part in items if part.kind == DraftSection.Kind.ARTICLE],
        whole_draft_comments=version.comments_html if public else "",
        whole_draft_count=version.comments_count if public else 0,
    )


def status_counts(today: date | None = None) -> dict[str, int]:
    """How many public consultations are in each status, for the list's filter."""
    today = today or timezone.localdate()
    public = Consultation.objects.public()
    return {status: public.in_status(status, today).count() for status in ConsultationStatus}


def comment_counts(consultations) -> dict[int, int]:
    """Published comments per consultation, in one query."""
    rows = (
        Comment.objects.public()
        .filter(consultation__in=consultations)
        .values("consultation")
        .annotate(n=Count("id"))
    )
    return {row["consultation"]: row["n"] for row in rows}


# --- Indicators -------------------------------------------------------------------------------


def full_period_share(start: date, end: date) -> float | None:
    """Of the public consultations that opened in the period, the share (%) posted for at
    least the legal minimum; None when none opened."""
    opened = list(Consultation.objects.public().filter(opens_on__gte=start, opens_on__lte=end))
    if not opened:
        return None
    limit = legal_limit(CONSULTATION_MINIMUM)
    full = sum(1 for c in opened if c.period_days(limit) >= limit.value)
    return round(100 * full / len(opened), 1)


def comments_received(start: date, end: date) -> int:
    """Comments confirmed by their authors in the period."""
    return Comment.objects.filter(
        confirmed_at__date__gte=start, confirmed_at__date__lte=end
    ).count()


def answered_share(start: date, end: date) -> float | None:
    """Of the confirmed comments on consultations that closed in the period, the share (%)
    answered so far; None when there were none."""
    comments = Comment.objects.counted().filter(
        consultation__closes_on__gte=start, consultation__closes_on__lte=end
    )
    total = comments.count()
    if not total:
        return None
    return round(100 * comments.filter(answer__isnull=False).count() / total, 1)


# --- The staff overview -----------------------------------------------------------------------

CLOSING_SOON_DAYS = 7


def staff_overview(user, today: date | None = None) -> dict:
    """What the drafting units must act on: consultations closing within a week, closed ones
    without a published synthesis (oldest first, with the days since closing), and answered
    ones not adopted yet. Officers see their own units' consultations, leadership all."""
    today = today or timezone.localdate()
    mine = (
        Consultation.objects.filter(unit__in=units_of(user))
        .select_related("unit")
        .annotate(
            to_moderate=Count("comments", filter=Q(comments__status=Comment.Status.CONFIRMED)),
            unanswered=Count(
                "comments",
                filter=Q(comments__status=Comment.Status.PUBLISHED, comments__answer__isnull=True),
            ),
        )
    )
    awaiting = list(
        mine.in_status(ConsultationStatus.AWAITING_ANSWERS, today).order_by("closes_on")
    )
    for consultation in awaiting:
        consultation.days_since_closing = (today - consultation.closes_on).days
    return {
        "closing_soon": list(
            mine.in_status(ConsultationStatus.OPEN, today)
            .filter(closes_on__lte=today + timedelta(days=CLOSING_SOON_DAYS))
            .order_by("closes_on")
        ),
        "awaiting": awaiting,
        "not_adopted": list(
            mine.in_status(ConsultationStatus.ANSWERED, today).order_by("closes_on")
        ),
    }


def median_days_to_synthesis(start: date, end: date) -> float | None:
    """For the syntheses first published in the period, the median of the days from the
    consultation's closing to the publication; None when none was published."""
    rows = (
        SynthesisReport.objects.filter(published_at__isnull=False)
        .values("consultation", "consultation__closes_on")
        .annotate(first=Min("published_at"))
        .filter(first__date__gte=start, first__date__lte=end)
    )
    days = [
        (timezone.localtime(row["first"]).date() - row["consultation__closes_on"]).days
        for row in rows
    ]
    return float(median(days)) if days else None
