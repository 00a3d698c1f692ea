"""Staff pages of the services app: wards, planned outages (imported from the power company's
file), with outages announced less than the required notice ahead flagged."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import BooleanField, Case, F, Value, When
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from portal.caching import bump_after_commit
from portal.history_admin import HistoryAdmin

from . import selectors
from .models import PlannedOutage, Ward
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
        days = selectors.notice_days()
        return (
            super()
            .get_queryset(request)
            .prefetch_related("wards")
            .annotate(
                is_short_notice=Case(
                    When(starts_at__lt=F("announced_at") + timedelta(days=days), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                )
            )
        )

    @admin.display(description=_("wards"))
    def ward_names(self, outage):
        return ", ".join(ward.name for ward in outage.wards.all())

    @admin.display(description=_("announced with the required notice"), boolean=True)
    def notice(self, outage):
        return not getattr(outage, "is_short_notice", False)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_after_commit(NAMESPACE)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_after_commit(NAMESPACE)
