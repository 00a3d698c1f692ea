from django.contrib import admin

from portal.admin import TabularInline
from portal.history_admin import HistoryAdmin

from .models import ActionPlan, IndicatorSnapshot, IndicatorTarget, PlanTask, ReportJob


class PlanTaskInline(TabularInline):
    model = PlanTask
    fields = ["dimension", "area", "title", "unit", "start_date", "deadline"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).of_units_of(request.user)


@admin.register(ActionPlan)
class ActionPlanAdmin(HistoryAdmin):
    list_display = ["year", "title", "number", "issued_on"]
    inlines = [PlanTaskInline]


@admin.register(PlanTask)
class PlanTaskAdmin(HistoryAdmin):
    """Creating tasks; their progress is reported on the staff pages (with evidence)."""

    list_display = ["title", "dimension", "area", "unit", "deadline", "status", "progress"]
    list_filter = ["plan", "dimension", "area", "status", "unit"]
    search_fields = ["title", "description"]
    list_select_related = ["dimension", "unit"]
    readonly_fields = ["status", "progress", "completed_on"]
    autocomplete_fields = ["lead"]

    def get_queryset(self, request):
        # The same unit scoping as the plan pages: an officer never lists another unit's tasks.
        return super().get_queryset(request).of_units_of(request.user)


@admin.register(IndicatorTarget)
class IndicatorTargetAdmin(HistoryAdmin):
    list_display = ["code", "year", "value", "set_by", "set_at"]
    list_filter = ["year"]
    readonly_fields = ["set_by"]


@admin.register(IndicatorSnapshot)
class IndicatorSnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are written by the quarterly computation and recomputations."""

    list_display = ["quarter", "code", "value", "revision", "is_current", "trigger", "computed_at"]
    list_filter = ["quarter", "dimension", "is_current", "trigger"]
    search_fields = ["code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportJob)
class ReportJobAdmin(admin.ModelAdmin):
    """Read-only list; the files are downloaded only through the reports pages."""

    list_display = ["quarter", "version", "status", "progress", "attempts", "created_at"]
    list_filter = ["status", "quarter"]
    exclude = ["file"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
