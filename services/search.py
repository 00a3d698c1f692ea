"""The services app's entries in the site search: each ward's planned outages page."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.search import SearchDocument, SearchSource, register

from .models import GridProject, Ward


class WardOutagesSource(SearchSource):
    area = "services"
    label = gettext_lazy("Electricity")
    model = Ward

    def get_queryset(self):
        return Ward.objects.all()

    def to_document(self, obj):
        return SearchDocument(
            title=_("Planned power outages – %(ward)s") % {"ward": obj.name},
            url=obj.get_absolute_url(),
            summary=_("Where and when electricity will be cut in %(ward)s.") % {"ward": obj.name},
            body=" ".join([obj.old_names, _("power outage"), _("electricity")]),
            kind=str(_("Planned power outages")),
        )


register(WardOutagesSource())


class GridProjectSource(SearchSource):
    area = "services"
    label = gettext_lazy("Electricity")
    model = GridProject

    def get_queryset(self):
        return GridProject.objects.public().prefetch_related("wards")

    def to_document(self, obj):
        return SearchDocument(
            title=obj.name,
            url=obj.get_absolute_url(),
            summary=obj.summary,
            body=" ".join(
                [obj.investor, obj.old_area_names, *(ward.name for ward in obj.wards.all())]
            ),
            published_at=obj.published_at,
            kind=str(_("Grid project")),
        )


register(GridProjectSource())
