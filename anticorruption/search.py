"""The anticorruption app's entries in the site search: the published recruitment rounds."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.search import SearchDocument, SearchSource, register

from .models import RecruitmentRound, RecruitmentStep


class RecruitmentRoundSource(SearchSource):
    area = "anticorruption"
    label = gettext_lazy("Recruitment")
    model = RecruitmentRound

    def get_queryset(self):
        return RecruitmentRound.objects.public()

    def to_document(self, obj):
        return SearchDocument(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.summary[:300],
            body=" ".join([obj.summary, _("recruitment")]),
            published_at=obj.published_at,
            kind=str(_("Recruitment round")),
        )


register(RecruitmentRoundSource())


class RecruitmentStepSource(SearchSource):
    """Each published step of a published round (a notice, a list, results)."""

    area = "anticorruption"
    label = gettext_lazy("Recruitment")
    model = RecruitmentStep

    def get_queryset(self):
        return (
            RecruitmentStep.objects.public()
            .filter(round__in=RecruitmentRound.objects.public())
            .select_related("round")
        )

    def to_document(self, obj):
        return SearchDocument(
            title=f"{obj.get_kind_display()}: {obj.round.title}",
            url=obj.round.get_absolute_url(),
            summary=obj.body[:300],
            body=" ".join([obj.body, obj.round.title, _("recruitment")]),
            published_at=obj.published_at,
            kind=str(obj.get_kind_display()),
        )


register(RecruitmentStepSource())
