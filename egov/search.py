"""The e-governance app's entries in the site search: published news, the department's pages
and consultations (the draft's text included; never a comment's author details)."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from portal.search import SearchDocument, SearchSource, register

from .drafts import section_label
from .models import Consultation, News, StaticPage


class NewsSource(SearchSource):
    area = "egov"
    label = _("News")
    model = News

    def get_queryset(self):
        return News.objects.public().select_related("category")

    def to_document(self, obj):
        return SearchDocument(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.summary[:500],
            body=obj.body,
            published_at=obj.published_at,
            kind=obj.category.name if obj.category else "",
        )


def draft_text(version) -> str:
    """The draft's text as its parts read now: staff's corrections of the split included,
    which the text first imported (`source_text`) does not hold."""
    lines = []
    parts = version.sections.order_by("position").values_list(
        "kind", "number", "heading", "text", "rows"
    )
    for kind, number, heading, text, rows in parts:
        label = "" if kind in ("text", "table") else section_label(kind, number)
        lines.append(" ".join(filter(None, (label, heading, text))))
        lines.extend(" ".join(row) for row in rows)
    return "\n".join(line for line in lines if line)


class ConsultationSource(SearchSource):
    area = "egov"
    label = _("Draft regulations for comment")
    model = Consultation

    def get_queryset(self):
        return Consultation.objects.public().select_related("unit")

    def to_document(self, obj):
        version = obj.versions.order_by("-number").first()
        return SearchDocument(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.summary[:500],
            body=draft_text(version) if version else "",
            published_at=obj.published_at,
            kind=str(obj.get_document_kind_display()),
        )


class PageSource(SearchSource):
    area = "egov"
    label = _("About the department")
    model = StaticPage

    def get_queryset(self):
        return StaticPage.objects.public()

    def to_document(self, obj):
        return SearchDocument(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.summary[:500],
            body=strip_tags(obj.body),
            published_at=obj.published_at,
        )


register(NewsSource())
register(PageSource())
register(ConsultationSource())
