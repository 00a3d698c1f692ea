import allauth.mfa.admin  # noqa: F401  (registers allauth's admin, which is replaced below)
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from .accounts import mfa_enrolment_token
from .caching import PAPI_NAMESPACE, SITE_NAMESPACE, bump_after_commit
from .history_admin import HistoryAdmin
from .models import (
    DepartmentProfile,
    Dimension,
    Holiday,
    LegalLimit,
    OfficialScore,
    StaffAuthenticator,
    Unit,
)
from .resources import HolidayResource, OfficialScoreResource
from .roles import can_access_unit, units_of
from .selectors import forget_legal_limit
from .uploads import check_attachment


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


class UnitScopedAdmin:
    """For the admin of a model a unit owns: an object of another unit is neither listed nor
    opened (403) for an officer; leadership sees every unit. `unit_path` is the lookup from the
    model to its unit; a QuerySet with `of_units_of(user)` lists what that gives instead. Put it
    before the ModelAdmin base class."""

    unit_path = "unit"

    def _unit_of(self, obj):
        for part in self.unit_path.split("__"):
            obj = getattr(obj, part)
        return obj

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if hasattr(queryset, "of_units_of"):  # the model's own rule of who reads what
            return queryset.of_units_of(request.user)
        return queryset.filter(**{f"{self.unit_path}__in": units_of(request.user)})

    def get_object(self, request, object_id, from_field=None):
        """Found whatever its unit, so that another unit's object is refused (403) by the
        permission checks below rather than reported missing."""
        field = (
            self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        )
        try:
            value = field.to_python(object_id)
            return super().get_queryset(request).get(**{field.name: value})
        except (self.model.DoesNotExist, ValidationError, ValueError):
            return None

    def _may_touch(self, request, obj) -> bool:
        return obj is None or can_access_unit(request.user, self._unit_of(obj))

    def has_view_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_touch(request, obj) and super().has_delete_permission(request, obj)


class TabularInline(admin.TabularInline):
    """The project's tabular inline: Django's, with labelled inputs."""

    formset = LabelledInlineFormSet


class StoredAttachmentLink(forms.Widget):
    """A stored attachment in the admin: its name, linked to the download view (private files
    have no URL). A file is replaced by removing its row and adding a new one."""

    def __init__(self, attachment, attrs=None):
        super().__init__(attrs)
        self.attachment = attachment

    def render(self, name, value, attrs=None, renderer=None):
        url = self.attachment.get_absolute_url()
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, self.attachment)


class StoredAttachmentForm(forms.ModelForm):
    """The admin form of an attachment row: a new upload is checked here (and stored by the
    app's action); a stored file links to its download and cannot be swapped in place."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Absent when the row is only read (its inline then shows the file another way).
        if self.instance.pk and "file" in self.fields:
            self.fields["file"].disabled = True
            self.fields["file"].widget = StoredAttachmentLink(self.instance)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            self.detected_format = check_attachment(uploaded)
        return uploaded


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


@admin.register(LegalLimit)
class LegalLimitAdmin(HistoryAdmin):
    """Legal limits are corrected here when a text is checked or changes; the history keeps
    who changed which value and when."""

    list_display = ["label", "value", "unit", "citation", "verified"]
    list_filter = ["verified", "unit"]
    search_fields = ["code", "label", "citation"]

    def get_readonly_fields(self, request, obj=None):
        # The code is what the apps read: fixed once the row exists.
        return ["code"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: forget_legal_limit(obj.code))
