"""Reads of the e-governance app: news, consultations with their drafts and comments."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from portal.models import JobStatus

from .models import (
    Comment,
    Consultation,
    ConsultationStatus,
    DraftSection,
    DraftVersion,
    News,
    NewsCategory,
    QualityRun,
    StaticPage,
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


def current_version(consultation: Consultation) -> DraftVersion | None:
    return consultation.versions.order_by("-number").first()


# The consultation's page shows the latest comments of each article; the others are on the
# comments page, so that a draft with thousands of comments still loads fast.
COMMENTS_SHOWN = 3


@dataclass
class ArticleView:
    """An article with what belongs under it: its clauses, points and tables, and the latest
    published comments on it."""

    section: DraftSection
    children: list[DraftSection] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    comment_count: int = 0

    @property
    def more_comments(self) -> bool:
        return self.comment_count > len(self.comments)


@dataclass
class DraftView:
    """The draft as the page shows it: headings and articles in reading order."""

    version: DraftVersion
    items: list  # DraftSection (chapter, section, text) or ArticleView
    whole_draft_comments: list[Comment]
    whole_draft_count: int
    articles: list[ArticleView]


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


def draft_view(consultation: Consultation, version: DraftVersion | None = None) -> DraftView | None:
    """The version's parts with the published comments under each article, in three queries."""
    version = version or current_version(consultation)
    if version is None:
        return None
    sections = list(version.sections.order_by("position"))
    published = public_comments(consultation, version)
    counts = {
        row["section"]: row["n"]
        for row in published.order_by().values("section").annotate(n=Count("id"))
    }
    latest = published.annotate(
        rank=Window(RowNumber(), partition_by=F("section"), order_by=F("created_at").desc())
    ).filter(rank__lte=COMMENTS_SHOWN)
    comments_by_section = defaultdict(list)
    for comment in sorted(latest, key=lambda c: (c.created_at, c.pk)):
        comments_by_section[comment.section_id].append(comment)
    by_id = {section.pk: section for section in sections}
    items: list = []
    articles: dict[int, ArticleView] = {}

    def article_of(section: DraftSection) -> ArticleView | None:
        current = section
        while current is not None:
            if current.pk in articles:
                return articles[current.pk]
            current = by_id.get(current.parent_id)
        return None

    for section in sections:
        if section.kind == DraftSection.Kind.ARTICLE:
            view = ArticleView(
                section,
                comments=comments_by_section.get(section.pk, []),
                comment_count=counts.get(section.pk, 0),
            )
            articles[section.pk] = view
            items.append(view)
        elif (owner := article_of(section)) is not None:
            owner.children.append(section)
        else:
            items.append(section)
    return DraftView(
        version=version,
        items=items,
        whole_draft_comments=comments_by_section.get(None, []),
        whole_draft_count=counts.get(None, 0),
        articles=list(articles.values()),
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
    from portal.reference_data import CONSULTATION_MINIMUM
    from portal.selectors import legal_limit

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
    from datetime import timedelta

    from portal.roles import units_of

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
    from statistics import median

    from django.db.models import Min

    from .models import SynthesisReport

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
