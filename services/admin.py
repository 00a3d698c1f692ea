"""Staff pages of the services app: wards, planned outages (imported from the power company's
file), with outages announced less than the required notice ahead flagged."""

from django import forms
from django.contrib import admin, messages
from django.db.models import BooleanField, Case, Value, When
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ImportExportModelAdmin

from portal.admin import UnitScopedAdmin
from portal.caching import bump_after_commit
from portal.history_admin import HistoryAdmin
from portal.publishing import (
    PublishableAdmin,
    confirm_action_page,
    refresh_after_commit,
)

from . import actions, selectors
from .forms import check_photo
from .models import (
    GridProject,
    PlannedOutage,
    ProjectMilestone,
    ProjectUpdate,
    ServiceFigure,
    SupplyProblem,
    Ward,
)
from .resources import NAMESPACE, PlannedOutageResource


@admin.register(Ward)
class WardAdmin(HistoryAdmin):
    list_display = ["name", "old_names"]
    search_fields = ["name", "old_names", "key", "old_names_key"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_after_commit(NAMESPACE)


class ShortNoticeFilter(admin.SimpleListFilter):
    title = _("notice")
    parameter_name = "bao_truoc"

    def lookups(self, request, model_admin):
        return [("ngan", _("Announced with less than the required notice"))]

    def queryset(self, request, queryset):
        if self.value() == "ngan":
            return selectors.short_notice(queryset)
        return queryset


@admin.register(PlannedOutage)
class PlannedOutageAdmin(ImportExportModelAdmin, HistoryAdmin):
    resource_classes = [PlannedOutageResource]
    list_display = ["reference", "starts_at", "ends_at", "ward_names", "announced_at", "notice"]
    list_filter = [ShortNoticeFilter, "is_cancelled", "wards"]
    search_fields = ["reference", "area", "reason"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["wards"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                is_short_notice=Case(
                    When(selectors.short_notice_condition(), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
        )

    @admin.display(description=_("announced with the required notice"), boolean=True)
    def notice(self, outage):
        return not getattr(outage, "is_short_notice", False)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_after_commit(NAMESPACE)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_after_commit(NAMESPACE)


class ForwardForm(forms.Form):
    to = forms.EmailField(
        label=_("Power company's address"),
        help_text=_("The mail with the report's details goes to this address."),
    )


@admin.register(SupplyProblem)
class SupplyProblemAdmin(UnitScopedAdmin, HistoryAdmin):
    """Reports of supply problems: the energy division forwards them to the power company, then
    records its answer and the resolution date (the citizen is mailed when resolved)."""

    list_display = ["code", "created_at", "kind", "ward", "status", "forwarded_at", "resolved_on"]
    list_filter = ["status", "kind", "ward"]
    search_fields = ["code", "address", "name", "phone"]
    date_hierarchy = "created_at"
    list_select_related = ["ward"]
    actions = ["forward_to_power_company"]
    fields = [
        "code", "status", "kind", "ward", "address", "description", "photo_link", "name",
        "phone", "email", "created_at", "consent_at", "unit", "forwarded_at", "forwarded_to",
        "answer", "resolved_on", "answered_at", "resolution_mailed_at",
    ]  # fmt: skip
    readonly_fields = [
        "code", "status", "kind", "ward", "address", "description", "photo_link", "name",
        "phone", "email", "created_at", "consent_at", "unit", "forwarded_at", "forwarded_to",
        "answered_at", "resolution_mailed_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False  # citizens report on the public form

    @admin.display(description=_("photo"))
    def photo_link(self, problem):
        if not problem.photo:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("services:problem_photo", args=[problem.pk]),
            _("Open the photo"),
        )

    def save_model(self, request, obj, form, change):
        actions.problem_save(problem=obj)

    @admin.action(
        description=_("Forward the selected reports to the power company (by mail)"),
        permissions=["change"],
    )
    def forward_to_power_company(self, request, queryset):
        form = ForwardForm(
            request.POST if "confirm" in request.POST else None,
            initial={
                "to": queryset.exclude(forwarded_to="")
                .values_list("forwarded_to", flat=True)
                .first()
            },
        )
        if form.is_bound and form.is_valid():
            problems = list(queryset)
            for problem in problems:
                actions.problem_forward(
                    problem=problem, to=form.cleaned_data["to"], user=request.user
                )
            self.message_user(
                request,
                ngettext(
                    "%(count)d report forwarded to %(to)s.",
                    "%(count)d reports forwarded to %(to)s.",
                    len(problems),
                )
                % {"count": len(problems), "to": form.cleaned_data["to"]},
                messages.SUCCESS,
            )
            return None
        return confirm_action_page(
            self,
            request,
            queryset,
            form,
            _("Forward to the power company"),
            "forward_to_power_company",
        )


class ProjectMilestoneInline(admin.TabularInline):
    model = ProjectMilestone
    extra = 1
    fields = ["name", "planned_on", "actual_on"]


class ProjectUpdateForm(forms.ModelForm):
    class Meta:
        model = ProjectUpdate
        fields = ["date", "progress", "text", "photo", "photo_alt"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and not getattr(photo, "_committed", False):  # a file just uploaded
            check_photo(photo)
        return photo


class ProjectUpdateInline(admin.StackedInline):
    model = ProjectUpdate
    form = ProjectUpdateForm
    extra = 1


@admin.register(GridProject)
class GridProjectAdmin(PublishableAdmin):
    list_display = ["name", "year", "voltage", "status", "progress", "publication"]
    list_filter = ["publication", "status", "year", "voltage", "wards"]
    search_fields = ["name", "summary", "investor", "old_area_names"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["wards"]
    inlines = [ProjectMilestoneInline, ProjectUpdateInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_after_commit(form.instance)  # a new update or milestone shows at once


@admin.register(ServiceFigure)
class ServiceFigureAdmin(HistoryAdmin):
    list_display = ["kind", "period_end", "ward", "value", "source", "source_date"]
    list_filter = ["kind", "ward"]
    date_hierarchy = "period_end"
    list_select_related = ["ward"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_after_commit(NAMESPACE)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_after_commit(NAMESPACE)
