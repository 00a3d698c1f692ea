"""Staff pages. Writes go through `transparency.actions` and `portal.publishing`; publishing,
and changing a published item, needs the editor's `transparency.publish_document` permission."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportModelAdmin

from portal.admin import TabularInline
from portal.publishing import PublishableAdmin

from . import actions
from .forms import AttachmentForm
from .models import (
    Attachment,
    Document,
    DocumentRelation,
    Explainer,
    Field,
    Issuer,
    Planning,
    Question,
    Ward,
)
from .resources import DocumentExportResource, DocumentResource


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    """The list a document's issuing body is chosen from."""

    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class AttachmentInline(TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 1
    fields = ["file", "title", "is_full_text", "format", "size", "text_extracted_at"]
    readonly_fields = ["format", "size", "text_extracted_at"]


class RelationInline(TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name_plural = gettext_lazy("Relations to other documents")


@admin.register(Document)
class DocumentAdmin(ImportExportModelAdmin, PublishableAdmin):
    resource_classes = [DocumentResource]
    list_display = ["number", "kind", "summary", "issuer", "issued_on", "publication", "updated_at"]
    list_filter = ["publication", "kind", "fields", "legal_status"]
    search_fields = ["number", "summary", "issuer__name", "issuer__short_name"]
    date_hierarchy = "issued_on"
    filter_horizontal = ["fields"]
    inlines = [AttachmentInline, RelationInline]
    list_select_related = True

    def get_export_resource_classes(self, request):
        return [DocumentExportResource]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":  # the trích yếu runs to several lines
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Attachment:
            return super().save_formset(request, form, formset, change)
        # Attachments are written by the actions (checked, text extracted, search and pages
        # refreshed). save(commit=False) writes nothing but fills the lists the admin's change
        # message reads; new_objects then holds the attachments the action created.
        formset.save(commit=False)
        for attachment in formset.deleted_objects:
            actions.attachment_delete(attachment=attachment, user=request.user)
        for attachment, _changed in formset.changed_objects:
            actions.attachment_update(attachment=attachment, user=request.user)
        formset.new_objects = [
            actions.attachment_add(
                document=form.instance,
                uploaded=new_form.cleaned_data["file"],
                title=new_form.cleaned_data.get("title", ""),
                is_full_text=new_form.cleaned_data.get("is_full_text", True),
                user=request.user,
            )
            for new_form in formset.extra_forms
            if new_form.has_changed() and new_form not in formset.deleted_forms
        ]
        return None


@admin.register(Planning)
class PlanningAdmin(PublishableAdmin):
    list_display = ["name", "status", "period", "publication", "updated_at"]
    list_filter = ["publication", "status", "fields"]
    search_fields = ["name"]
    autocomplete_fields = ["decision"]
    filter_horizontal = ["wards", "fields"]


@admin.register(Explainer)
class ExplainerAdmin(PublishableAdmin):
    list_display = ["title", "publication", "updated_at"]
    list_filter = ["publication", "fields"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["documents"]
    filter_horizontal = ["fields"]


@admin.register(Question)
class QuestionAdmin(PublishableAdmin):
    list_display = ["__str__", "publication", "updated_at"]
    list_filter = ["publication", "fields"]
    search_fields = ["question", "answer"]
    autocomplete_fields = ["documents"]
    filter_horizontal = ["fields"]
