"""The procedures app's entries in the site search: the published procedures, found by their
code (their identifier) or by words of their name, with or without diacritics."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from portal.search import SearchDocument, SearchSource, register

from .models import Feedback, Procedure


class ProcedureSource(SearchSource):
    area = "procedures"
    label = _("Administrative procedures")
    model = Procedure

    def get_queryset(self):
        return Procedure.objects.public()

    def to_document(self, obj):
        with translation.override("vi"):
            return SearchDocument(
                title=obj.name,
                url=obj.get_absolute_url(),
                summary=" · ".join(
                    part for part in (obj.code, obj.field, obj.implementing_agency) if part
                ),
                body="\n".join([obj.steps, obj.requirements, obj.results]),
                keywords=" ".join(
                    part
                    for part in (obj.code, obj.field, obj.legal_basis.replace(";", " "))
                    if part
                ),
                published_at=obj.published_at,
                kind=str(_("Administrative procedure")),
                identifier=obj.code,
            )


register(ProcedureSource())


class AnswerSource(SearchSource):
    """The published answers to feedback: the question as published (no personal data) and
    the answer."""

    area = "procedures"
    label = _("Answers to feedback")
    model = Feedback

    def get_queryset(self):
        return Feedback.objects.answers().select_related("procedure")

    def to_document(self, obj):
        with translation.override("vi"):
            return SearchDocument(
                title=obj.subject,
                url=obj.get_absolute_url(),
                summary=obj.answer[:500],
                body="\n".join([obj.public_question, obj.answer]),
                keywords=" ".join(
                    part
                    for part in (obj.procedure.code if obj.procedure else "", obj.regulation)
                    if part
                ),
                published_at=obj.published_at,
                kind=str(_("Answer to feedback")),
            )


register(AnswerSource())
