"""Staff pages. Writes go through `transparency.actions`; publishing needs the editor's
`transparency.publish_document` permission."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from portal.admin import TabularInline

from . import actions
from .forms import AttachmentForm, ScheduleForm, UnpublishForm
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

PUBLICATION_FIELDS = ["publication", "publish_at", "published_at", "unpublish_reason"]
PUBLICATION_ACTIONS = ["publish_now", "schedule", "unpublish"]


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


class PublishableAdmin(SimpleHistoryAdmin):
    """Publication happens through the actions below, never by editing the status field: from
    the list for several items, or from an item's own page for that one."""

    readonly_fields = [*PUBLICATION_FIELDS, "updated_at"]
    actions = PUBLICATION_ACTIONS
    change_form_template = "admin/transparency/publishable_change_form.html"

    def get_actions(self, request):
        found = super().get_actions(request)
        if not request.user.has_perm(actions.PUBLISH_PERMISSION):
            for name in PUBLICATION_ACTIONS:
                found.pop(name, None)
        return found

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_publication"
        view = self.admin_site.admin_view(require_POST(self.publication_view))
        return [
            path("<path:object_id>/publication/<str:action>/", view, name=name),
            *super().get_urls(),
        ]

    def publication_view(self, request, object_id, action):
        """Runs one of the list's publication actions on this item alone, then returns to its
        page (a reason or a date is asked for first, as from the list)."""
        if action not in PUBLICATION_ACTIONS:
            raise Http404
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        queryset = self.get_queryset(request).filter(pk=item.pk)
        response = getattr(self, action)(request, queryset)
        change_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return response or redirect(reverse(change_url, args=[item.pk]))

    def render_change_form(self, request, context, **kwargs):
        context["can_publish"] = request.user.has_perm(actions.PUBLISH_PERMISSION)
        return super().render_change_form(request, context, **kwargs)

    def save_model(self, request, obj, form, change):
        actions.item_save(item=obj, user=request.user, reason=_("Edited in the staff area"))

    def _guard(self, request):
        if not request.user.has_perm(actions.PUBLISH_PERMISSION):
            raise PermissionDenied

    @admin.action(description=gettext_lazy("Publish the selected items now"))
    def publish_now(self, request, queryset):
        self._guard(request)
        for item in queryset:
            actions.item_publish(item=item, user=request.user)
        self.message_user(
            request,
            _("%(count)d items published.") % {"count": len(queryset)},
            messages.SUCCESS,
        )

    def _intermediate(self, request, queryset, form, title, action):
        return TemplateResponse(
            request,
            "admin/transparency/confirm_action.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "form": form,
                "queryset": queryset,
                "action": action,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description=gettext_lazy("Schedule the publication of the selected items"))
    def schedule(self, request, queryset):
        self._guard(request)
        form = ScheduleForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for item in queryset:
                actions.item_publish(
                    item=item, user=request.user, at=form.cleaned_data["publish_at"]
                )
            self.message_user(request, _("Publication scheduled."), messages.SUCCESS)
            return None
        return self._intermediate(request, queryset, form, _("Schedule publication"), "schedule")

    @admin.action(description=gettext_lazy("Unpublish the selected items"))
    def unpublish(self, request, queryset):
        self._guard(request)
        form = UnpublishForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for item in queryset:
                actions.item_unpublish(
                    item=item, user=request.user, reason=form.cleaned_data["reason"]
                )
            self.message_user(request, _("Unpublished."), messages.SUCCESS)
            return None
        return self._intermediate(request, queryset, form, _("Unpublish"), "unpublish")


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
            actions.attachment_delete(attachment=attachment)
        for attachment, _changed in formset.changed_objects:
            actions.attachment_update(attachment=attachment)
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
