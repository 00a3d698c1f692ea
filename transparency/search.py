"""The transparency app's entries in the site search: only public items, with the document's
number as its identifier and in the keywords (so "59/2019" finds it first, then what mentions
it) and its attachments' text in the body."""

import re

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.search import SearchDocument, SearchSource, register

from .models import Attachment, Document, Explainer, Planning, Question


def number_keywords(number: str) -> str:
    """ "59/2019/NĐ-CP" → "59/2019/NĐ-CP 59/2019 59 2019 NĐ-CP", so partial numbers match."""
    parts = [number]
    pieces = number.split("/")
    if len(pieces) >= 2:
        parts.append("/".join(pieces[:2]))
    parts.extend(p for p in re.split(r"[/\s]+", number) if p)
    return " ".join(dict.fromkeys(parts))


class DocumentSource(SearchSource):
    area = "transparency"
    label = _("Documents")
    model = Document

    def get_queryset(self):
        return (
            Document.objects.public()
            .select_related("issuer")
            .prefetch_related(
                "fields",
                Prefetch("attachments", queryset=Attachment.objects.only("document", "text")),
            )
        )

    def to_document(self, obj):
        with translation.override("vi"):
            kind = obj.get_kind_display()
            fields = " ".join(f.name for f in obj.fields.all())
            return SearchDocument(
                title=f"{kind} {obj.number}: {obj.summary}",
                url=obj.get_absolute_url(),
                summary=obj.description[:500] or obj.issuer.name,
                body="\n".join(a.text for a in obj.attachments.all() if a.text),
                keywords=" ".join(
                    [number_keywords(obj.number), obj.issuer.name, obj.issuer.short_name, fields]
                ),
                published_at=obj.published_at,
                kind=str(kind),
                identifier=obj.number,
            )


class PlanningSource(SearchSource):
    area = "transparency"
    label = _("Plannings")
    model = Planning

    def get_queryset(self):
        return Planning.objects.public().prefetch_related("wards", "fields")

    def to_document(self, obj):
        with translation.override("vi"):
            return SearchDocument(
                title=obj.name,
                url=obj.get_absolute_url(),
                summary=obj.summary[:500],
                keywords=" ".join(
                    [
                        obj.period,
                        *(w.name for w in obj.wards.all()),
                        *(f.name for f in obj.fields.all()),
                    ]
                ),
                published_at=obj.published_at,
                kind=str(_("Planning")),
            )


class ExplainerSource(SearchSource):
    area = "transparency"
    label = _("The law in plain words")
    model = Explainer

    def get_queryset(self):
        return Explainer.objects.public().prefetch_related("documents")

    def to_document(self, obj):
        with translation.override("vi"):
            return SearchDocument(
                title=obj.title,
                url=obj.get_absolute_url(),
                summary=obj.lead[:500],
                body=obj.body,
                keywords=" ".join(d.number for d in obj.documents.all()),
                published_at=obj.published_at,
                kind=str(_("Explainer")),
            )


class QuestionSource(SearchSource):
    area = "transparency"
    label = _("Questions and answers")
    model = Question

    def get_queryset(self):
        return Question.objects.public().prefetch_related("documents")

    def to_document(self, obj):
        with translation.override("vi"):
            return SearchDocument(
                title=obj.question[:300],
                url=obj.get_absolute_url(),
                summary=obj.answer[:500],
                body=obj.answer,
                keywords=" ".join(d.number for d in obj.documents.all()),
                published_at=obj.published_at,
                kind=str(_("Question and answer")),
            )


register(DocumentSource())
register(PlanningSource())
register(ExplainerSource())
register(QuestionSource())
