"""Staff pages of the e-governance app. Consultations belong to their drafting unit: officers
see and act on their own units' consultations and comments, leadership on all. Writes go
through `egov.actions` and `portal.publishing`."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ExportMixin

from portal.admin import StoredAttachmentForm, TabularInline, UnitScopedAdmin
from portal.history_admin import HistoryAdmin
from portal.publishing import PublishableAdmin, confirm_action_page
from portal.reference_data import CONSULTATION_MINIMUM
from portal.roles import units_of
from portal.selectors import legal_limit
from portal.workdays import add_working_days

from . import actions, news_admin  # noqa: F401 (its admins register)
from .forms import AnswerForm, DraftImportForm, RejectForm
from .models import (
    Answer,
    AnswerTemplate,
    Comment,
    Consultation,
    ConsultationAttachment,
    DraftSection,
    DraftVersion,
    SynthesisReport,
)
from .resources import CommentResource


class ConsultationAttachmentForm(StoredAttachmentForm):
    """The file is checked and stored by the action; a stored one links to its download."""

    class Meta:
        model = ConsultationAttachment
        fields = ["kind", "title", "file"]


class ConsultationAttachmentInline(TabularInline):
    model = ConsultationAttachment
    form = ConsultationAttachmentForm
    extra = 1
    fields = ["kind", "title", "file", "format", "size"]
    readonly_fields = ["format", "size"]


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = [
            "title",
            "unit",
            "document_kind",
            "summary",
            "opens_on",
            "closes_on",
            "short_period_reason",
            "stage",
            "adopted_document",
        ]


@admin.register(Consultation)
class ConsultationAdmin(UnitScopedAdmin, PublishableAdmin):
    form = ConsultationForm
    list_display = ["title", "unit", "opens_on", "closes_on", "status_label", "publication"]
    list_filter = ["publication", "stage", "unit"]
    search_fields = ["title", "summary"]
    date_hierarchy = "opens_on"
    autocomplete_fields = ["adopted_document"]
    inlines = [ConsultationAttachmentInline]
    change_form_template = "admin/egov/consultation_change_form.html"
    actions = [*PublishableAdmin.actions, "generate_synthesis"]

    @admin.action(
        description=gettext_lazy("Generate the synthesis of comments"),
        permissions=["moderate"],
    )
    def generate_synthesis(self, request, queryset):
        for consultation in queryset.select_related("unit"):
            try:
                actions.synthesis_request(consultation=consultation, user=request.user)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
        self.message_user(
            request,
            _("The synthesis is being generated; its progress shows in the synthesis reports."),
        )
        return redirect(reverse("admin:egov_synthesisreport_changelist"))

    def has_moderate_permission(self, request):
        return request.user.has_perm("egov.moderate_comment")

    @admin.display(description=gettext_lazy("status"))
    def status_label(self, consultation):
        return consultation.get_status_display()

    def get_changeform_initial_data(self, request):
        """A new consultation opens tomorrow for the legal minimum period."""
        limit = legal_limit(CONSULTATION_MINIMUM)
        opens_on = timezone.localdate() + timedelta(days=1)
        closes_on = opens_on + timedelta(days=limit.value - 1)
        if limit.unit == limit.Unit.WORKING_DAYS:
            closes_on = add_working_days(opens_on, limit.value - 1)
        return {
            "opens_on": opens_on,
            "closes_on": closes_on,
            **super().get_changeform_initial_data(request),
        }

    def render_change_form(self, request, context, **kwargs):
        obj = context.get("original")
        context["versions"] = list(obj.versions.all()) if obj is not None and obj.pk else []
        return super().render_change_form(request, context, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = units_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_draft_view)
        return [
            path(
                "<path:object_id>/import-draft/",
                view,
                name="egov_consultation_import_draft",
            ),
            *super().get_urls(),
        ]

    def import_draft_view(self, request, object_id):
        consultation = self.get_object(request, unquote(object_id))
        if consultation is None:
            raise Http404
        if not self.has_change_permission(request, consultation):
            raise PermissionDenied
        form = DraftImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            uploaded = form.cleaned_data.get("docx")
            try:
                version = actions.draft_import(
                    consultation=consultation,
                    text=form.cleaned_data.get("text") or "",
                    docx=uploaded.read() if uploaded else None,
                    note=form.cleaned_data.get("note") or "",
                    user=request.user,
                )
            except (ValidationError, ValueError) as error:
                messages = getattr(error, "messages", [str(error)])
                form.add_error(None, messages)
            else:
                self.message_user(
                    request,
                    _("%(version)s of the draft: %(count)s parts.")
                    % {"version": version, "count": version.sections.count()},
                )
                return redirect(reverse("admin:egov_draftversion_change", args=[version.pk]))
        return TemplateResponse(
            request,
            "admin/egov/import_draft.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import the draft"),
                "form": form,
                "consultation": consultation,
                "opts": self.model._meta,
            },
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not ConsultationAttachment:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for attachment in formset.deleted_objects:
            actions.attachment_delete(attachment=attachment, user=request.user)
        for attachment, _changed in formset.changed_objects:
            attachment.save(update_fields=["kind", "title"])
        formset.new_objects = [
            actions.attachment_add(
                consultation=form.instance,
                uploaded=new_form.cleaned_data["file"],
                kind=new_form.cleaned_data.get("kind") or ConsultationAttachment.Kind.OTHER,
                title=new_form.cleaned_data.get("title", ""),
                user=request.user,
            )
            for new_form in formset.extra_forms
            if new_form.has_changed() and new_form not in formset.deleted_forms
        ]
        return None


@admin.register(DraftVersion)
class DraftVersionAdmin(UnitScopedAdmin, admin.ModelAdmin):
    """A version is made by importing the draft on the consultation's page; its parts are
    corrected one by one in the draft sections' list."""

    unit_path = "consultation__unit"
    list_display = ["consultation", "number", "note", "created_at", "sections_link"]
    list_select_related = ["consultation"]
    readonly_fields = ["consultation", "number", "created_at", "created_by"]
    fields = ["consultation", "number", "note", "source_text", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("parts"))
    def sections_link(self, version):
        url = reverse("admin:egov_draftsection_changelist") + f"?version__id__exact={version.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Correct the split"))


@admin.register(DraftSection)
class DraftSectionAdmin(UnitScopedAdmin, admin.ModelAdmin):
    """Staff correct the split here: a part's kind, number, heading or text."""

    unit_path = "version__consultation__unit"
    list_display = ["anchor", "kind", "number", "heading", "version"]
    list_filter = ["kind", "version__consultation"]
    list_select_related = ["version__consultation"]
    search_fields = ["anchor", "heading", "text"]
    ordering = ["version", "position"]
    fields = ["version", "parent", "kind", "number", "heading", "text", "rows", "anchor"]
    readonly_fields = ["version", "parent"]

    def has_add_permission(self, request):
        return False  # parts come from importing the draft

    def save_model(self, request, obj, form, change):
        actions.section_correct(section=obj, user=request.user)


class AnswerChoiceForm(AnswerForm):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Or use an answer template"),
        queryset=AnswerTemplate.objects.all(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False
        self.fields["verdict"].required = False

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if template is not None:
            data["verdict"] = data.get("verdict") or template.verdict
            data["text"] = data.get("text") or template.text
        if not data.get("verdict"):
            self.add_error("verdict", _("Choose the verdict."))
        if not data.get("text"):
            self.add_error("text", _("Write the acceptance or the explanation."))
        return data


@admin.register(Comment)
class CommentAdmin(UnitScopedAdmin, ExportMixin, HistoryAdmin):
    """Comments come from the public form; staff moderate, answer and export them (CSV,
    XLSX: only their units' comments, as the list shows them)."""

    unit_path = "consultation__unit"
    resource_classes = [CommentResource]
    list_display = ["__str__", "consultation", "section", "status", "answer_verdict", "created_at"]
    list_filter = ["status", "author_kind", "consultation"]
    list_select_related = ["consultation", "section", "answer"]
    search_fields = ["name", "organisation", "body"]
    actions = ["publish_comments", "reject_comments", "answer_comments"]
    readonly_fields = [
        "consultation",
        "version",
        "section",
        "author_kind",
        "name",
        "organisation",
        "email",
        "phone",
        "body",
        "status",
        "consent_at",
        "consent_version",
        "confirmed_at",
        "moderated_at",
        "moderated_by",
        "rejection_reason",
        "answer",
        "created_at",
    ]

    def has_add_permission(self, request):
        return False  # comments come from the public form only

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # the consultation's record: a comment is not published, with a reason

    @admin.display(description=gettext_lazy("answer"))
    def answer_verdict(self, comment):
        return comment.answer.get_verdict_display() if comment.answer else "–"

    def _run(self, request, work):
        try:
            work()
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
            )
            return False
        return True

    @admin.action(
        description=gettext_lazy("Publish the selected comments"),
        permissions=["moderate"],
    )
    def publish_comments(self, request, queryset):
        done = 0
        for comment in queryset.select_related("consultation__unit"):
            if self._run(
                request, lambda c=comment: actions.comment_publish(comment=c, user=request.user)
            ):
                done += 1
        self.message_user(request, _("%(count)d comments published.") % {"count": done})

    @admin.action(
        description=gettext_lazy("Do not publish the selected comments (with a reason)"),
        permissions=["moderate"],
    )
    def reject_comments(self, request, queryset):
        form = RejectForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for comment in queryset.select_related("consultation__unit"):
                self._run(
                    request,
                    lambda c=comment: actions.comment_reject(
                        comment=c, reason=form.cleaned_data["reason"], user=request.user
                    ),
                )
            self.message_user(request, _("The commenters have been told why."))
            return None
        return confirm_action_page(
            self, request, queryset, form, _("Do not publish the comments"), "reject_comments"
        )

    @admin.action(
        description=gettext_lazy("Answer the selected comments together"),
        permissions=["moderate"],
    )
    def answer_comments(self, request, queryset):
        form = AnswerChoiceForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            comments = list(queryset.select_related("consultation__unit"))
            if self._run(
                request,
                lambda: actions.answer_create(
                    comments=comments,
                    verdict=form.cleaned_data["verdict"],
                    text=form.cleaned_data["text"],
                    user=request.user,
                ),
            ):
                self.message_user(request, _("Answer recorded; the commenters have been told."))
            return None
        return confirm_action_page(
            self, request, queryset, form, _("Answer the comments"), "answer_comments"
        )

    def has_moderate_permission(self, request):
        return request.user.has_perm("egov.moderate_comment")


@admin.register(Answer)
class AnswerAdmin(UnitScopedAdmin, HistoryAdmin):
    unit_path = "consultation__unit"
    list_display = ["__str__", "consultation", "verdict", "created_at"]
    list_filter = ["verdict"]
    list_select_related = ["consultation"]
    fields = ["consultation", "verdict", "text", "created_by"]
    readonly_fields = ["consultation", "created_by"]

    def has_add_permission(self, request):
        return False  # answers are given from the comments list

    def has_delete_permission(self, request, obj=None):
        return False  # the consultation's record: an answer is corrected, not removed

    def save_model(self, request, obj, form, change):
        actions.answer_change(answer=obj, user=request.user)


@admin.register(AnswerTemplate)
class AnswerTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "verdict"]
    search_fields = ["title", "text"]


@admin.register(SynthesisReport)
class SynthesisReportAdmin(UnitScopedAdmin, admin.ModelAdmin):
    unit_path = "consultation__unit"
    list_display = ["__str__", "status", "progress", "finished_at", "published_at", "pdf_link"]
    list_filter = ["status"]
    list_select_related = ["consultation"]
    fields = ["consultation", "status", "progress", "error", "finished_at", "published_at"]
    readonly_fields = fields
    actions = ["publish_reports"]

    def has_add_permission(self, request):
        return False  # generated from the consultations' list

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def get_urls(self):
        view = self.admin_site.admin_view(self.pdf_view)
        return [
            path("<path:object_id>/pdf/", view, name="egov_synthesisreport_pdf"),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("PDF"))
    def pdf_link(self, report):
        if not report.file:
            return "–"
        url = reverse("admin:egov_synthesisreport_pdf", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))

    def pdf_view(self, request, object_id):
        report = self.get_object(request, unquote(object_id))
        if report is None or not report.file:
            raise Http404
        if not self.has_view_permission(request, report):
            raise PermissionDenied
        return FileResponse(
            report.file.open("rb"),
            as_attachment=True,
            filename=f"tong-hop-tiep-thu-giai-trinh-{report.consultation_id}.pdf",
            content_type="application/pdf",
        )

    @admin.action(
        description=gettext_lazy("Publish the selected synthesis"), permissions=["moderate"]
    )
    def publish_reports(self, request, queryset):
        for report in queryset.select_related("consultation__unit"):
            try:
                actions.synthesis_publish(report=report, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR
                )
            else:
                self.message_user(request, _("Published; the commenters have been told."))

    def has_moderate_permission(self, request):
        return request.user.has_perm("egov.moderate_comment")
