import allauth.mfa.admin  # noqa: F401  (registers allauth's admin, which is replaced below)
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.cache import cache
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from .accounts import mfa_enrolment_token
from .caching import PAPI_NAMESPACE, SITE_NAMESPACE, bump_after_commit
from .history_admin import HistoryAdmin
from .models import (
    DepartmentProfile,
    Dimension,
    Holiday,
    OfficialScore,
    StaffAuthenticator,
    Unit,
)
from .resources import HolidayResource, OfficialScoreResource


class LabelledInlineFormSet(BaseInlineFormSet):
    """A tabular inline's column headers do not label the inputs below them for assistive
    technology (axe: label): each input carries its column's name."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            # A foreign key's select sits inside the admin's wrapper (add/change links).
            widget = getattr(field.widget, "widget", field.widget)
            if not widget.is_hidden:
                widget.attrs.setdefault("aria-label", str(field.label))


class TabularInline(admin.TabularInline):
    """The project's tabular inline: Django's, with labelled inputs."""

    formset = LabelledInlineFormSet


class AuthenticatorTypeFilter(admin.ChoicesFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("method")


# allauth's own admin shows English names and lets the stored secret be edited. This one shows
# what an administrator needs to reset a lost authenticator: whose it is and when it was used;
# deleting it makes the officer set it up again (with a new set-up link).
admin.site.unregister(Authenticator)


@admin.register(StaffAuthenticator)
class StaffAuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["account", "method", "created", "last_used"]
    list_filter = [("type", AuthenticatorTypeFilter)]
    search_fields = ["user__email"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("account"), ordering="user__email")
    def account(self, obj):
        return obj.user

    @admin.display(description=_("method"), ordering="type")
    def method(self, obj):
        return obj.get_type_display()

    @admin.display(description=_("set up at"), ordering="created_at")
    def created(self, obj):
        return obj.created_at

    @admin.display(description=_("last used at"), ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at


@admin.register(DepartmentProfile)
class DepartmentProfileAdmin(HistoryAdmin):
    list_display = ["name", "province", "hotline", "email"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not DepartmentProfile.objects.exists()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        cache.delete(DepartmentProfile.CACHE_KEY)
        # The PAPI page follows the province; the home page shows the department's name.
        bump_after_commit(PAPI_NAMESPACE, SITE_NAMESPACE)


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    list_display = ["name", "code", "email", "phone", "order"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    filter_horizontal = ["members"]


@admin.register(Holiday)
class HolidayAdmin(ImportExportModelAdmin, HistoryAdmin):
    resource_classes = [HolidayResource]
    list_display = ["date", "name", "kind"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(Dimension)
class DimensionAdmin(HistoryAdmin):
    list_display = ["code", "name_vi", "name_en"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OfficialScore)
class OfficialScoreAdmin(ImportExportModelAdmin, HistoryAdmin):
    resource_classes = [OfficialScoreResource]
    list_display = ["year", "scope", "province", "code", "name_vi", "score", "scale"]
    list_filter = ["year", "scope", "level", "code"]
    search_fields = ["province", "name_vi", "code"]

    # /chi-so-papi/ is cached for visitors: a staff edit shows there at once.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        bump_after_commit(PAPI_NAMESPACE)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        bump_after_commit(PAPI_NAMESPACE)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        bump_after_commit(PAPI_NAMESPACE)


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    actions = ["hand_over_mfa_enrolment"]

    @admin.action(description=_("Make two-step verification set-up links"), permissions=["change"])
    def hand_over_mfa_enrolment(self, request, queryset):
        """An officer without TOTP can set it up only through such a link: the administrator
        hands it over in person or through the department's internal channel, never by the
        same e-mail a stolen password might also open."""
        for user in queryset:
            if is_mfa_enabled(user, types=["totp"]):
                self.message_user(
                    request,
                    _("%(email)s already has two-step verification.") % {"email": user.email},
                    messages.WARNING,
                )
                continue
            link = request.build_absolute_uri(
                reverse("portal:mfa_enrolment_start", args=[mfa_enrolment_token(user)])
            )
            self.message_user(
                request,
                _("Set-up link for %(email)s (valid for three days): %(link)s")
                % {"email": user.email, "link": link},
                messages.SUCCESS,
            )
