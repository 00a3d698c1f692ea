"""The reception log as a spreadsheet (XLSX from the staff area), with Vietnamese headings."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from .models import Case, Visit


class VisitResource(resources.ModelResource):
    visited_on = fields.Field(attribute="visited_on", column_name=_("date received"))
    unit = fields.Field(attribute="unit__name", column_name=_("unit"))
    visitor_name = fields.Field(attribute="visitor_name", column_name=_("citizen's full name"))
    visitor_address = fields.Field(attribute="visitor_address", column_name=_("address"))
    people = fields.Field(attribute="people", column_name=_("people"))
    content = fields.Field(attribute="content", column_name=_("content"))
    classification = fields.Field(column_name=_("classification"))
    within_competence = fields.Field(column_name=_("within the department's competence"))
    handling = fields.Field(column_name=_("handling"))
    forwarded_to = fields.Field(attribute="forwarded_to", column_name=_("forwarded to"))
    documents_received = fields.Field(
        attribute="documents_received", column_name=_("documents received")
    )
    received_by = fields.Field(attribute="received_by", column_name=_("received by"))

    class Meta:
        model = Visit
        fields = [
            "visited_on", "unit", "visitor_name", "visitor_address", "people", "content",
            "classification", "within_competence", "handling", "forwarded_to",
            "documents_received", "received_by",
        ]  # fmt: skip
        export_order = fields

    def get_export_headers(self, selected_fields=None):
        return [capfirst(str(h)) for h in super().get_export_headers(selected_fields)]

    def dehydrate_visited_on(self, visit):
        return visit.visited_on.strftime("%d/%m/%Y")

    def dehydrate_classification(self, visit):
        return str(visit.get_classification_display())

    def dehydrate_within_competence(self, visit):
        return str(_("Yes") if visit.within_competence else _("No"))

    def dehydrate_handling(self, visit):
        return str(visit.get_handling_display())


class CaseResource(resources.ModelResource):
    """The cases a staff member may read, as a spreadsheet (the admin's queryset is scoped)."""

    code = fields.Field(attribute="code", column_name=_("tracking code"))
    kind = fields.Field(column_name=_("kind"))
    received_on = fields.Field(attribute="received_on", column_name=_("date received"))
    petitioner_name = fields.Field(
        attribute="petitioner_name", column_name=_("name of the complainant or denouncer")
    )
    subject = fields.Field(attribute="subject", column_name=_("subject"))
    unit = fields.Field(attribute="unit__name", column_name=_("assigned unit"))
    status = fields.Field(column_name=_("status"))
    accepted_on = fields.Field(attribute="accepted_on", column_name=_("accepted on"))
    resolved_on = fields.Field(attribute="resolved_on", column_name=_("resolved on"))

    class Meta:
        model = Case
        fields = [
            "code", "kind", "received_on", "petitioner_name", "subject", "unit", "status",
            "accepted_on", "resolved_on",
        ]  # fmt: skip
        export_order = fields

    def get_export_headers(self, selected_fields=None):
        return [capfirst(str(h)) for h in super().get_export_headers(selected_fields)]

    def dehydrate_kind(self, case):
        return str(case.get_kind_display())

    def dehydrate_status(self, case):
        return str(case.get_status_display())
