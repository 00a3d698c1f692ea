"""The accountability app's entries in the site search: the published reception calendars."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.search import SearchDocument, SearchSource, register

from .models import Dialogue, InspectionConclusion, ReceptionSchedule


class ReceptionScheduleSource(SearchSource):
    area = "accountability"
    label = gettext_lazy("Citizen reception")
    model = ReceptionSchedule

    def get_queryset(self):
        return ReceptionSchedule.objects.filter(is_published=True)

    def to_document(self, obj):
        summary = _("%(start)s–%(end)s at %(place)s") % {
            "start": obj.start_time.strftime("%H:%M"),
            "end": obj.end_time.strftime("%H:%M"),
            "place": obj.place,
        }
        return SearchDocument(
            title=obj.name,
            url=reverse("accountability:reception_calendar"),
            summary=summary,
            body=" ".join([obj.get_kind_display(), obj.officer_on_duty, _("citizen reception")]),
            kind=str(obj.get_kind_display()),
        )


register(ReceptionScheduleSource())


class DialogueSource(SearchSource):
    area = "accountability"
    label = gettext_lazy("Dialogues with businesses")
    model = Dialogue

    def get_queryset(self):
        return Dialogue.objects.public()

    def to_document(self, obj):
        return SearchDocument(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.place,
            body=" ".join([obj.agenda, obj.minutes]),
            kind=str(_("Dialogue with businesses")),
            published_at=obj.published_at,
        )


class InspectionConclusionSource(SearchSource):
    area = "accountability"
    label = gettext_lazy("Inspection conclusions")
    model = InspectionConclusion

    def get_queryset(self):
        return InspectionConclusion.objects.public()

    def to_document(self, obj):
        return SearchDocument(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.inspected,
            body=obj.summary,
            kind=str(_("Inspection conclusion")),
            published_at=obj.published_at,
            identifier=obj.number,
        )


register(DialogueSource())
register(InspectionConclusionSource())
