"""Staff pages. Writes of the catalog go through `portal.publishing` (and
`procedures.actions` for the record of what changed); publishing needs
`procedures.publish_procedure`."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportModelAdmin

from portal.admin import TabularInline, UnitScopedAdmin
from portal.history_admin import HistoryAdmin
from portal.models import Unit
from portal.publishing import PUBLICATION_FIELDS, PublishableAdmin, item_save
from portal.roles import units_of

from . import actions
from .forms import DossierAdminForm
from .models import (
    Dossier,
    DossierComponent,
    DossierStep,
    Feedback,
    Procedure,
    SubmissionMethod,
)
from .resources import DossierResource, ProcedureResource


class SubmissionMethodInline(TabularInline):
    model = SubmissionMethod
    extra = 0
    fields = ["channel", "processing_days", "processing_note", "fee_vnd", "fee_note"]


class DossierComponentInline(TabularInline):
    model = DossierComponent
    extra = 0
    fields = ["case", "name", "copies", "form_file", "form_name", "order"]


@admin.register(Procedure)
class ProcedureAdmin(ImportExportModelAdmin, PublishableAdmin):
    resource_classes = [ProcedureResource]
    list_display = ["code", "name", "field", "level", "online_level", "publication", "updated_at"]
    list_filter = ["publication", "level", "online_level", "field"]
    search_fields = ["code", "name", "field"]
    inlines = [SubmissionMethodInline, DossierComponentInline]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "amendments"]

    @admin.display(description=gettext_lazy("Changes to this record"))
    def amendments(self, obj):
        """What each import or edit changed, as the public page shows it."""
        if obj is None or obj.pk is None:
            return "–"
        rows = [
            (change.changed_at.strftime("%d/%m/%Y %H:%M"), change.origin, difference["label"],
             difference["old"] or "–", difference["new"] or "–")
            for change in obj.changes.all()
            for difference in change.differences
        ]  # fmt: skip
        if not rows:
            return "–"
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
            ),
        )

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


class DossierStepInline(TabularInline):
    model = DossierStep
    extra = 0
    fields = ["order", "name", "due_on", "done_on"]


@admin.register(Dossier)
class DossierAdmin(UnitScopedAdmin, ImportExportModelAdmin, HistoryAdmin):
    """Dossiers of the officer's units. A new dossier gets its code, its appointment date (in
    working days from the procedure's processing time) and its steps from
    `actions.dossier_receive`; the receipt and the apology letter print from its page."""

    form = DossierAdminForm
    resource_classes = [DossierResource]
    list_display = [
        "code",
        "procedure",
        "applicant_name",
        "channel",
        "received_at",
        "due_date",
        "status",
    ]
    list_filter = ["status", "channel", "unit", "result_digitised"]
    search_fields = ["code", "applicant_name", "procedure__name", "procedure__code"]
    date_hierarchy = "received_at"
    autocomplete_fields = ["procedure"]
    list_select_related = ["procedure"]
    inlines = [DossierStepInline]
    readonly_fields = ["code", "due_date", "documents"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "procedure",
                    "unit",
                    "channel",
                    "received_at",
                    "due_date",
                    "documents",
                ]
            },
        ),
        (
            gettext_lazy("Applicant"),
            {
                "fields": [
                    "applicant_kind",
                    "applicant_name",
                    "applicant_phone",
                    "applicant_email",
                    "applicant_address",
                ]
            },
        ),
        (
            gettext_lazy("Result"),
            {"fields": ["status", "result", "resolved_on", "returned_on", "result_digitised"]},
        ),
        (
            gettext_lazy("Apology letter when late"),
            {"fields": ["new_due_date", "apology_reason", "apology_on"]},
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = units_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("Documents"))
    def documents(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        links = [
            (reverse("procedures:dossier_receipt", args=[obj.pk]), _("Receipt (PDF)")),
        ]
        if obj.new_due_date:
            links.append(
                (reverse("procedures:dossier_apology", args=[obj.pk]), _("Apology letter (PDF)"))
            )
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            actions.dossier_save(dossier=obj)
            return
        created = actions.dossier_receive(
            procedure=obj.procedure,
            unit=obj.unit,
            applicant_kind=obj.applicant_kind,
            applicant_name=obj.applicant_name,
            applicant_phone=obj.applicant_phone,
            applicant_email=obj.applicant_email,
            applicant_address=obj.applicant_address,
            channel=obj.channel,
            received_at=obj.received_at,
            with_steps=False,
        )
        obj.pk = created.pk
        obj.code, obj.due_date = created.code, created.due_date
        obj._state.adding = False

    def delete_model(self, request, obj):
        actions.dossiers_delete(dossiers=Dossier.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        actions.dossiers_delete(dossiers=queryset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A new dossier without steps typed in gets the statutory ones of its procedure.
        dossier = form.instance
        if not change and not dossier.steps.exists():
            actions.steps_create(
                dossier=dossier, days=dossier.procedure.processing_days(dossier.channel)
            )


@admin.register(Feedback)
class FeedbackAdmin(UnitScopedAdmin, PublishableAdmin):
    """Feedback routed to the officer's units, and the inbox not routed yet. Answering records
    the date (against the deadline); publishing shows the answer only where the author agreed
    and the question was rewritten without personal data (`Feedback.objects.answers`)."""

    list_display = [
        "tracking_code",
        "subject",
        "unit",
        "status",
        "due_date",
        "answered_on",
        "publication",
    ]
    list_filter = ["status", "about", "unit", "publication", "consent_publish"]
    search_fields = ["tracking_code", "subject", "content", "name"]
    date_hierarchy = "received_at"
    fieldsets = [
        (
            None,
            {"fields": ["tracking_code", "about", "procedure", "regulation", "subject", "content"]},
        ),
        (gettext_lazy("Author"), {"fields": ["name", "phone", "email", "consent_publish"]}),
        (
            gettext_lazy("Handling"),
            {
                "fields": [
                    "received_at",
                    "due_date",
                    "unit",
                    "status",
                    "answer",
                    "answered_on",
                    "rating",
                ]
            },
        ),
        (gettext_lazy("Publication"), {"fields": ["public_question", *PUBLICATION_FIELDS]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "tracking_code", "received_at", "due_date", "rating", "consent_publish",
        ]  # fmt: skip

    def _may_touch(self, request, obj) -> bool:
        # The inbox not routed yet is every procedures officer's, as `of_units_of` lists it.
        return obj is None or obj.unit_id is None or super()._may_touch(request, obj)

    def has_add_permission(self, request):
        return False  # feedback comes from citizens, through the public form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.all()  # routing may send it to any unit
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if obj.unit_id and obj.status == Feedback.Status.RECEIVED:
            obj.status = Feedback.Status.ROUTED
        if obj.answer.strip() and obj.answered_on is None:
            obj.answered_on = timezone.localdate()
            obj.status = Feedback.Status.ANSWERED
        super().save_model(request, obj, form, change)
