"""Staff pages. Writes of the catalog go through `portal.publishing` (and
`procedures.actions` for the record of what changed); publishing needs
`procedures.publish_procedure`."""

from django.contrib import admin
from django.utils.translation import gettext as _

from portal.admin import TabularInline
from portal.publishing import PublishableAdmin, item_save

from . import actions
from .models import DossierComponent, Procedure, ProcedureChange, SubmissionMethod


class SubmissionMethodInline(TabularInline):
    model = SubmissionMethod
    extra = 0
    fields = ["channel", "processing_days", "processing_note", "fee_vnd", "fee_note"]


class DossierComponentInline(TabularInline):
    model = DossierComponent
    extra = 0
    fields = ["case", "name", "copies", "form_file", "form_name", "order"]


class ProcedureChangeInline(TabularInline):
    model = ProcedureChange
    extra = 0
    fields = ["changed_at", "origin", "differences"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Procedure)
class ProcedureAdmin(PublishableAdmin):
    list_display = ["code", "name", "field", "level", "online_level", "publication", "updated_at"]
    list_filter = ["publication", "level", "online_level", "field"]
    search_fields = ["code", "name", "field"]
    inlines = [SubmissionMethodInline, DossierComponentInline, ProcedureChangeInline]

    def save_model(self, request, obj, form, change):
        # What the public saw before this edit, to record the field-by-field change once the
        # inlines (methods, components) are saved too.
        request._procedure_before = (
            actions.snapshot(Procedure.objects.get(pk=obj.pk)) if change else None
        )
        item_save(item=obj, user=request.user, reason=_("Edited in the staff area"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_procedure_before", None)
        if before:
            actions.record_change(
                procedure=form.instance, before=before, origin=_("Edited in the staff area")
            )
