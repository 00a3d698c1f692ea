"""Staff pages of recruitment rounds. Anonymous reports have no admin: their pages
(/quan-tri/to-giac/) open only to the inspection role and need the unit's key."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.history_admin import HistoryAdmin
from portal.publishing import PublishableAdmin, confirm_action_page
from portal.uploads import check_upload

from . import applications
from .forms import IneligibleForm
from .models import Application, RecruitmentRound, RecruitmentStep


class RecruitmentStepForm(forms.ModelForm):
    class Meta:
        model = RecruitmentStep
        fields = ["round", "kind", "held_on", "closes_on", "body", "document"]
        # A private file has no URL to show as "currently"; `signed_document` links to it.
        widgets = {"document": forms.FileInput}

    def clean_document(self):
        uploaded = self.cleaned_data.get("document")
        if uploaded and hasattr(uploaded, "content_type"):
            check_upload(
                uploaded,
                formats=("pdf",),
                max_bytes=20 * 1024 * 1024,
                wrong_type=_("The signed document must be a PDF file."),
            )
        return uploaded

    def clean(self):
        data = super().clean()
        opens, closes = data.get("held_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The window cannot close before it opens"))
        return data


@admin.register(RecruitmentRound)
class RecruitmentRoundAdmin(PublishableAdmin):
    list_display = ["title", "year", "publication", "published_at"]
    list_filter = ["publication", "year"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "year", "summary"]


@admin.register(RecruitmentStep)
class RecruitmentStepAdmin(PublishableAdmin):
    form = RecruitmentStepForm
    list_display = ["round", "kind", "held_on", "closes_on", "publication"]
    list_filter = ["publication", "kind"]
    list_select_related = ["round"]
    readonly_fields = [*PublishableAdmin.readonly_fields, "signed_document", "candidates_mailed"]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only: private files have no URL; the link below serves it.
            fields.remove("document")
        return fields

    @admin.display(description=_("candidates told by mail"))
    def candidates_mailed(self, obj):
        """Each candidate the step concerns is mailed once it is published."""
        return obj.mailings.count() if obj.pk else 0

    @admin.display(description=_("signed PDF"))
    def signed_document(self, obj):
        if not obj.pk or not obj.document:
            return "–"
        url = reverse("anticorruption:step_document", args=[obj.round.slug, obj.pk])
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, _("Open the PDF"))


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    """The eligibility review. Applications come only from the public form; staff decide."""

    list_display = ["code", "full_name", "position", "round", "status", "submitted_at"]
    list_filter = ["round", "status"]
    search_fields = ["code", "full_name"]
    list_select_related = ["round"]
    readonly_fields = [
        "round",
        "code",
        "full_name",
        "birth_date",
        "email",
        "phone",
        "position",
        "qualifications",
        "status",
        "reason",
        "submitted_at",
        "consent_at",
        "reviewed_at",
        "reviewed_by",
        "document_links",
    ]
    actions = ["mark_eligible", "mark_ineligible"]

    @admin.display(description=_("Documents"))
    def document_links(self, obj):
        """The candidate's PDFs (private files: served by a view for those who review)."""
        links = [
            (reverse("anticorruption:application_document", args=[obj.pk, doc.pk]), doc.name)
            for doc in obj.documents.all()
        ]
        return (
            format_html_join(mark_safe("<br>"), '<a class="govuk-link" href="{}">{}</a>', links)
            or "–"
        )

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark the selected candidates eligible"), permissions=["change"])
    def mark_eligible(self, request, queryset):
        for application in queryset:
            applications.application_review(
                application=application, eligible=True, user=request.user
            )
        self.message_user(request, _("The candidates have been told by mail."))

    @admin.action(
        description=_("Mark the selected candidates not eligible"), permissions=["change"]
    )
    def mark_ineligible(self, request, queryset):
        form = IneligibleForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for application in queryset:
                applications.application_review(
                    application=application,
                    eligible=False,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                )
            self.message_user(request, _("The candidates have been told by mail."))
            return None
        return confirm_action_page(
            self, request, queryset, form, _("Candidates not eligible"), "mark_ineligible"
        )
