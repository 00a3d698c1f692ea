from django.contrib import admin
from django.core.cache import cache
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import DepartmentProfile, Dimension, Holiday, OfficialScore, Unit
from .resources import HolidayResource, OfficialScoreResource


@admin.register(DepartmentProfile)
class DepartmentProfileAdmin(SimpleHistoryAdmin):
    list_display = ["name", "province", "hotline", "email"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not DepartmentProfile.objects.exists()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.delete(DepartmentProfile.CACHE_KEY)


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "email", "phone", "order"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    filter_horizontal = ["members"]


@admin.register(Holiday)
class HolidayAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [HolidayResource]
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(Dimension)
class DimensionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_vi", "name_en"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OfficialScore)
class OfficialScoreAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [OfficialScoreResource]
    list_display = ["year", "scope", "province", "code", "name_vi", "score", "scale"]
    list_filter = ["year", "scope", "level", "code"]
    search_fields = ["province", "name_vi", "code"]
